/**
 * The client subcommands in a project whose local service has stopped (after `npm start` or
 * `swf-flow dev`): they open `.swf-flow/` in-process (offline-service.ts) and say so on stderr,
 * refuse to wait for a run that nothing can close, and leave the directory to the next server,
 * which runs what they recorded. A real server and a real worker make the data; no mocks.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '@swf-flow/common';
import { createServer, type LocalSwfServer } from '@swf-flow/server';
import { Worker } from '@swf-flow/worker';
import { EchoActivities } from '../../../examples/hello-echo/src/activities.js';
import { helloWorld } from '../../../examples/hello-echo/src/workflows.js';
import { run } from './helpers.js';

const DOMAIN = 'cli-offline';

/** Serves `dataDir` with a hello-echo worker until `body` is done. */
async function withService(dataDir: string, body: (server: LocalSwfServer) => Promise<void>): Promise<void> {
  const server = await createServer({ dataDir, port: 0, pollTimeoutMs: 1000 });
  const worker = await Worker.create({
    swf: {
      endpoint: server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    },
    domain: DOMAIN,
    taskList: 'default',
    workflows: [helloWorld],
    activities: [new EchoActivities()],
    logger: silentLogger,
  });
  const running = worker.run();
  try {
    await body(server);
  } finally {
    await worker.shutdown();
    await running;
    await server.close();
  }
}

describe('swf-flow client subcommands on a stopped local service', () => {
  const project = mkdtempSync(join(tmpdir(), 'swf-flow-cli-offline-'));
  const dataDir = join(project, '.swf-flow');
  const cwd = join(project, 'src'); // found from a subfolder, as a running one is
  mkdirSync(cwd);
  const d = ['--domain', DOMAIN];
  const notice = `the swf-flow server of ${dataDir} is not running; using its data directly`;

  beforeAll(async () => {
    await withService(dataDir, async (server) => {
      const r = await run(
        ['start', '--endpoint', server.url, ...d, '-t', 'HelloWorld@1.0', '-w', 'hello-1', '-i', '"Ada"', '--wait'],
        { cwd },
      );
      if (r.status !== 0) throw new Error(`could not run the fixture execution hello-1: ${r.err}`);
    });
  });

  afterAll(async () => {
    // Whatever the tests recorded is still the next server's: nothing holds the directory.
    await withService(dataDir, async () => {});
  });

  it('list, describe, history and result read the data directory, and say so on stderr', async () => {
    const list = await run(['list', ...d, '--closed'], { cwd });
    expect(list.err).toContain(`swf-flow list: ${notice}`);
    expect(list.out).toMatch(/^hello-1\s+\S+\s+HelloWorld@1\.0\s+COMPLETED/m);
    expect(list.status).toBe(0);

    const describe = await run(['describe', ...d, '-w', 'hello-1'], { cwd });
    expect(describe.out).toMatch(/^status\s+CLOSED \(COMPLETED\)$/m);
    expect(describe.status).toBe(0);

    const history = await run(['history', ...d, '-w', 'hello-1'], { cwd });
    expect(history.out.trimEnd().split('\n').at(-1)).toMatch(/WorkflowExecutionCompleted\s+-> "Hello, Ada"$/);
    expect(history.status).toBe(0);

    const result = await run(['result', ...d, '-w', 'hello-1', '-q'], { cwd });
    expect(result.out).toBe('result: "Hello, Ada"\n');
    expect(result.status).toBe(0);
  });

  it('records a start for the next server, and refuses to wait for a run nothing can close', async () => {
    const waited = await run(['start', ...d, '-t', 'HelloWorld@1.0', '-w', 'hello-waited', '-i', '"Bo"', '--wait'], {
      cwd,
    });
    expect(waited.err).toContain(
      `--wait needs the swf-flow server of ${dataDir} running: start it ('npx swf-flow server'`,
    );
    expect(waited.status).toBe(1);
    const notStarted = await run(['describe', ...d, '-w', 'hello-waited'], { cwd });
    expect(notStarted.status).toBe(1); // refused before starting: nothing recorded

    const started = await run(['start', ...d, '-t', 'HelloWorld@1.0', '-w', 'hello-2', '-i', '"Bo"'], { cwd });
    expect(started.out).toMatch(/^workflowId: hello-2\nrunId: \S+\n$/);
    expect(started.status).toBe(0);

    const refusal = `execution hello-2 is open, and nothing runs it while the server of ${dataDir} is stopped`;
    const result = await run(['result', ...d, '-w', 'hello-2'], { cwd });
    expect(result.err).toContain(refusal);
    expect(result.status).toBe(1);
    const follow = await run(['history', ...d, '-w', 'hello-2', '--follow'], { cwd });
    expect(follow.err).toContain(refusal);
    expect(follow.status).toBe(1);

    // The next server (the lock was let go) runs what was recorded.
    await withService(dataDir, async (server) => {
      const r = await run(['result', '--endpoint', server.url, ...d, '-w', 'hello-2', '-q'], { cwd });
      expect(r.out).toBe('result: "Hello, Bo"\n');
      expect(r.err).not.toContain(notice);
      expect(r.status).toBe(0);
    });
  });

  it('finds the running server first, and names both ways out when there is neither', async () => {
    await withService(dataDir, async () => {
      const r = await run(['list', ...d, '--closed'], { cwd });
      expect(r.err).toBe('');
      expect(r.out).toMatch(/^hello-1\s/m);
    });
    const nowhere = await run(['list', ...d], { cwd: mkdtempSync(join(tmpdir(), 'swf-flow-cli-empty-')) });
    expect(nowhere.err).toBe(
      "swf-flow list: no AWS region: pass --region or set AWS_REGION for Amazon SWF, or pass --endpoint (or set $SWF_FLOW_ENDPOINT) for a local service ('swf-flow server' starts one)\n",
    );
    expect(nowhere.status).toBe(1);
  });
});
