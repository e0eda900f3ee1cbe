/**
 * `swf-flow replay` of live executions, the pre-deploy check: histories read from the real local
 * service over HTTP (a real worker ran them, its activity held open by a gate) replayed against
 * the unchanged module (ok) and a deliberately changed one (FAIL, naming the line of code).
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '@swf-flow/common';
import { createServer, type LocalSwfServer } from '@swf-flow/server';
import { Worker } from '@swf-flow/worker';
import { helloWorld } from '../../../examples/hello-echo/src/workflows.js';
import { GatedEcho } from './fixtures/gated-echo.js';
import { run } from './helpers.js';

const DOMAIN = 'cli-replay-live';
const HELLO = fileURLToPath(new URL('./fixtures/hello-workflows.ts', import.meta.url));
const CHANGED = fileURLToPath(new URL('./fixtures/changed-workflows.ts', import.meta.url));
const OTHER = fileURLToPath(new URL('./fixtures/replay-other-type.ts', import.meta.url));

describe('swf-flow replay of live executions', () => {
  let server: LocalSwfServer;
  let worker: Worker;
  let running: Promise<void>;
  let swf: string[];
  const activities = new GatedEcho();

  beforeAll(async () => {
    server = await createServer({ dataDir: ':memory:', port: 0, pollTimeoutMs: 1000 });
    const config = {
      endpoint: server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    };
    worker = await Worker.create({
      swf: config,
      domain: DOMAIN,
      taskList: 'default',
      workflows: [helloWorld],
      activities: [activities],
      logger: silentLogger,
    });
    running = worker.run();
    swf = ['-e', server.url, '-d', DOMAIN];
    for (const id of ['live-1', 'live-2']) {
      const started = await run(['start', ...swf, '-t', 'HelloWorld', '-w', id, '-i', `"${id}"`]);
      if (started.status !== 0) throw new Error(`could not start ${id}: ${started.err}`);
    }
    // Both are waiting in Echo: their histories hold the ActivityTaskScheduled the changed code no longer makes.
    for (const id of ['live-1', 'live-2']) {
      await vi.waitFor(
        async () => expect((await run(['describe', ...swf, '-w', id])).out).toMatch(/^pending\s+Echo@1\.0/m),
        { timeout: 10_000 },
      );
    }
  });

  afterAll(async () => {
    activities.release();
    await worker?.shutdown();
    await running;
    await server?.close();
  });

  it('replays one execution by workflow id: ok with the unchanged module', async () => {
    const r = await run(['replay', ...swf, '--workflows', HELLO, '-w', 'live-1']);
    expect(r).toMatchObject({ status: 0, err: '' });
    expect(r.out).toMatch(
      /^ok {3}live-1 \(run \S+, HelloWorld@1\.0\) {2}OPEN\n1 execution replayed: 1 ok, 0 failed\n$/,
    );
  });

  it('--open --type: every open execution fails against the changed module, naming the line of code; exit 1', async () => {
    const r = await run(['replay', ...swf, '--workflows', CHANGED, '--open', '--type', 'HelloWorld']);
    expect(r.status).toBe(1);
    const lines = r.out.trimEnd().split('\n');
    for (const id of ['live-1', 'live-2']) {
      expect(r.out).toMatch(
        new RegExp(
          `^FAIL ${id} \\(run \\S+, HelloWorld@1\\.0\\) {2}NonDeterminismError: Workflow code does not match its history at event 5: .*ActivityTaskScheduled Echo 1\\.0.*StartTimer`,
          'm',
        ),
      );
    }
    expect(lines.filter((l) => /^ {6}at .*changed-workflows\.ts:10:\d+$/.test(l))).toHaveLength(2);
    expect(lines.at(-1)).toBe('2 executions replayed: 0 ok, 2 failed');
    const ok = await run(['replay', ...swf, '--workflows', HELLO, '--open', '-t', 'HelloWorld@1.0']);
    expect(ok.status).toBe(0);
    expect(ok.out.trimEnd().split('\n').at(-1)).toBe('2 executions replayed: 2 ok, 0 failed');
  });

  it('--json gives each execution with the event and the location of a determinism error', async () => {
    const r = await run(['replay', ...swf, '--workflows', CHANGED, '-w', 'live-2', '--json']);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.out) as { executions: Record<string, unknown>[]; ok: number; failed: number };
    expect(report).toMatchObject({ ok: 0, failed: 1 });
    expect(report.executions[0]).toMatchObject({
      workflowId: 'live-2',
      workflowType: 'HelloWorld@1.0',
      outcome: 'failed',
      error: {
        name: 'NonDeterminismError',
        eventId: 5,
        location: expect.stringMatching(/changed-workflows\.ts:10:\d+$/),
      },
    });
  });

  it('skips executions of types the module does not export; says when nothing is open', async () => {
    const r = await run(['replay', ...swf, '--workflows', OTHER, '--open']);
    expect(r.status).toBe(0);
    expect(r.out).toMatch(
      /^skip live-\d \(run \S+, HelloWorld@1\.0\) {2}the module exports no workflow of type HelloWorld \(it has Other\)$/m,
    );
    expect(r.out.trimEnd().split('\n').at(-1)).toBe('2 executions replayed: 0 ok, 0 failed, 2 skipped');
    const none = await run(['replay', ...swf, '--workflows', HELLO, '--open', '-t', 'NoSuchType']);
    expect(none).toMatchObject({ status: 0, out: 'no open executions of NoSuchType to replay\n' });
  });

  it.each([
    [
      ['--workflows', HELLO, '-w', 'x', '--open'],
      'give --workflow-id (one execution) or --open (every open one), not both',
    ],
    [['--workflows', HELLO, '-r', 'abc'], 'name at least one history file or folder to replay, or a live execution'],
    [['--workflows', HELLO, '--open', '-r', 'abc'], '--run-id needs --workflow-id'],
    [['--workflows', HELLO, '-w', 'x', '--type', 'HelloWorld'], '--type goes with --open'],
    [
      ['some.json', '--workflows', HELLO, '--open'],
      '--open and --type replay live executions; leave them out when replaying files',
    ],
  ])('rejects %j with status 2', async (argv, message) => {
    const r = await run(['replay', ...swf, ...argv]);
    expect(r.status).toBe(2);
    expect(r.err).toContain(message);
  });

  it('an unknown execution is a failure that says so', async () => {
    const r = await run(['replay', ...swf, '--workflows', HELLO, '-w', 'never-started']);
    expect(r.status).toBe(1);
    expect(r.err).toContain("no execution with workflow id 'never-started'");
  });
});
