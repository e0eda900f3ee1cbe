/**
 * The client subcommands against a real local service over HTTP, with a real worker running the
 * hello-echo workflow: start, describe, history (readable and --json, which replays), list, signal,
 * cancel, terminate, start --wait. The completed execution `hello-1` that several tests read is
 * made in beforeAll, so no test depends on another having run first.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '@swf-flow/common';
import { createServer, type LocalSwfServer } from '@swf-flow/server';
import { replayHistory } from '@swf-flow/testing';
import { Worker } from '@swf-flow/worker';
import { EchoActivities } from '../../../examples/hello-echo/src/activities.js';
import { helloWorld } from '../../../examples/hello-echo/src/workflows.js';
import { run, start } from './helpers.js';

const DOMAIN = 'cli-test';
const HELLO = fileURLToPath(new URL('./fixtures/hello-workflows.ts', import.meta.url));
const CHANGED = fileURLToPath(new URL('./fixtures/changed-workflows.ts', import.meta.url));

describe('swf-flow client subcommands', () => {
  let server: LocalSwfServer;
  let worker: Worker;
  let running: Promise<void>;
  let swf: string[];

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
      activities: [new EchoActivities()],
      logger: silentLogger,
    });
    running = worker.run();
    swf = ['--endpoint', server.url, '--domain', DOMAIN];
    const fixture = await run([
      'start',
      ...swf,
      '--type',
      'HelloWorld@1.0',
      '--workflow-id',
      'hello-1',
      '--input',
      '"Ada"',
      '--wait',
    ]);
    if (fixture.status !== 0) throw new Error(`could not run the fixture execution hello-1: ${fixture.err}`);
  });

  afterAll(async () => {
    await worker?.shutdown();
    await running;
    await server?.close();
  });

  it('start --wait prints the ids and the result', async () => {
    const r = await run([
      'start',
      ...swf,
      '--type',
      'HelloWorld@1.0',
      '--workflow-id',
      'hello-0',
      '--input',
      '"Ada"',
      '--wait',
    ]);
    expect(r.err).toMatch(/WorkflowExecutionCompleted\s+-> "Hello, Ada"\n$/); // the progress
    expect(r.out).toMatch(/^workflowId: hello-0\nrunId: \S+\nresult: "Hello, Ada"\n$/);
    expect(r.status).toBe(0);
  });

  it('describe shows the closed execution', async () => {
    const r = await run(['describe', ...swf, '--workflow-id', 'hello-1']);
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/^status\s+CLOSED \(COMPLETED\)$/m);
    expect(r.out).toMatch(/^type\s+HelloWorld@1\.0$/m);
    const json = await run(['describe', ...swf, '--workflow-id', 'hello-1', '--json']);
    expect(
      (JSON.parse(json.out) as { executionInfo: { closeStatus: string; startTimestamp: number } }).executionInfo,
    ).toMatchObject({
      closeStatus: 'COMPLETED',
      startTimestamp: expect.any(Number),
    });
  });

  it('history prints one line per event', async () => {
    const r = await run(['history', ...swf, '--workflow-id', 'hello-1']);
    expect(r.status).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^\s+1 {2}\d{4}-\d\d-\d\dT\S+Z {2}WorkflowExecutionStarted\s+HelloWorld@1\.0 \["Ada"\]$/);
    expect(r.out).toMatch(/ActivityTaskScheduled\s+Echo@1\.0 \(\S+\)/);
    expect(lines.at(-1)).toMatch(/WorkflowExecutionCompleted\s+-> "Hello, Ada"$/);
  });

  it('history --json is what the AWS CLI prints, and replays (also with swf-flow replay)', async () => {
    const r = await run(['history', ...swf, '--workflow-id', 'hello-1', '--json']);
    expect(r.status).toBe(0);
    expect(r.out).toMatch(
      /^\{\n {4}"events": \[\n {8}\{\n {12}"eventTimestamp": \d+\.\d+,\n {12}"eventType": "WorkflowExecutionStarted",\n {12}"eventId": 1,/,
    );
    const parsed = JSON.parse(r.out) as { events: { eventId: number; eventTimestamp: unknown }[] };
    expect(parsed.events.every((e) => typeof e.eventTimestamp === 'number' && e.eventTimestamp > 1.7e9)).toBe(true);
    expect((await replayHistory(r.out, helloWorld)).status).toBe('COMPLETED');

    const file = join(mkdtempSync(join(tmpdir(), 'swf-flow-cli-')), 'hello-1.json');
    writeFileSync(file, r.out);
    const ok = await run(['replay', file, '--workflows', HELLO]);
    expect(ok).toMatchObject({ status: 0, err: '' });
    expect(ok.out).toBe(`ok  ${file}  COMPLETED\n1 history replayed: 1 ok, 0 failed\n`);
    const changed = await run(['replay', file, '--workflows', CHANGED]);
    expect(changed.status).toBe(1);
    expect(changed.out).toContain(
      `FAIL ${file}  NonDeterminismError: Workflow code does not match its history at event 5`,
    );
  });

  it('start without --wait, signal, list, cancel and terminate an open execution', async () => {
    const role = 'arn:aws:iam::123456789012:role/swf-lambda';
    const started = await run([
      'start',
      ...swf,
      '--type',
      'HelloWorld',
      '--workflow-id',
      'idle-1',
      '--task-list',
      'nobody-polls',
      '--lambda-role',
      role,
    ]);
    expect(started).toMatchObject({ status: 0, err: '' });
    expect(started.out).toMatch(/^workflowId: idle-1\nrunId: \S+\n$/);

    expect(
      await run(['signal', ...swf, '--workflow-id', 'idle-1', '--name', 'poke', '--input', '["x", 1]']),
    ).toMatchObject({ status: 0, out: 'signaled poke to idle-1\n' });

    const open = await run(['list', ...swf]);
    expect(open.out).toMatch(/^WORKFLOW ID\s+RUN ID\s+TYPE\s+STATUS\s+STARTED\n/);
    expect(open.out).toMatch(/^idle-1\s+\S+\s+HelloWorld@1\.0\s+OPEN\s+\S+Z$/m);
    expect(open.out).not.toMatch(/^hello-1\s/m);
    const closed = await run(['list', ...swf, '--closed', '--type', 'HelloWorld']);
    expect(closed.out).toMatch(/^hello-1\s+\S+\s+HelloWorld@1\.0\s+COMPLETED/m);
    expect(closed.out).not.toContain('idle-1');

    expect(await run(['cancel', ...swf, '--workflow-id', 'idle-1'])).toMatchObject({
      status: 0,
      out: 'requested cancellation of idle-1\n',
    });
    expect(await run(['terminate', ...swf, '--workflow-id', 'idle-1', '--reason', 'done testing'])).toMatchObject({
      status: 0,
      out: 'terminated idle-1\n',
    });

    const history = await run(['history', ...swf, '--workflow-id', 'idle-1']);
    expect(history.out).toMatch(/WorkflowExecutionSignaled\s+poke \["x",1\]/);
    expect(history.out).toContain('WorkflowExecutionCancelRequested');
    expect(history.out).toMatch(/WorkflowExecutionTerminated\s+done testing/);
    const json = JSON.parse((await run(['history', ...swf, '--workflow-id', 'idle-1', '--json'])).out) as {
      events: Array<Record<string, any>>;
    };
    expect(json.events[0]?.workflowExecutionStartedEventAttributes?.lambdaRole).toBe(role);
    expect((await run(['describe', ...swf, '--workflow-id', 'idle-1'])).out).toMatch(
      /^status\s+CLOSED \(TERMINATED\)$/m,
    );
  });

  it('takes the endpoint and domain from the environment; short aliases', async () => {
    const env = { SWF_FLOW_ENDPOINT: server.url, SWF_FLOW_DOMAIN: DOMAIN };
    expect((await run(['describe', '-w', 'hello-1'], { env })).out).toMatch(/^status\s+CLOSED \(COMPLETED\)$/m);
    expect(
      (await run(['describe', '-d', DOMAIN, '--workflow-id', 'hello-1'], { env: { AWS_ENDPOINT_URL_SWF: server.url } }))
        .out,
    ).toMatch(/^status\s+CLOSED/m);
    expect((await run(['describe', '-e', server.url, '-d', DOMAIN, '-w', 'hello-1'])).out).toMatch(/^status\s+CLOSED/m);
    const aws = await run(['describe', '-e', 'aws', '-w', 'hello-1'], {
      env: {
        ...env,
        AWS_REGION: 'us-east-1',
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_CONFIG_FILE: '/nonexistent',
        AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
      },
    });
    expect(aws.status).toBe(1); // Amazon SWF, and no credentials here
    const noDomain = await run(['describe', '-w', 'hello-1'], { env: { SWF_FLOW_ENDPOINT: server.url } });
    expect(noDomain).toMatchObject({
      status: 2,
      err: "swf-flow describe: --domain is required (the SWF domain the workflows run in), or set $SWF_FLOW_DOMAIN; see 'swf-flow describe --help'\n",
    });
  });

  it('start --wait prints the failure and exits 1 when the execution does not complete', async () => {
    const waiting = start([
      'start',
      ...swf,
      '--type',
      'HelloWorld',
      '--workflow-id',
      'idle-2',
      '--task-list',
      'nobody-polls',
      '--wait',
    ]);
    await expect.poll(() => waiting.err.join(''), { timeout: 10_000 }).toMatch(/DecisionTaskScheduled\s*\n/);
    expect((await run(['terminate', ...swf, '--workflow-id', 'idle-2', '--reason', 'stop it'])).status).toBe(0);
    expect(await waiting.done).toBe(1);
    expect(waiting.err.join('')).toMatch(
      /^swf-flow start: WorkflowExecutionFailedError: .*terminated.*\n {2}caused by TerminatedFailure: /im,
    );
  });

  it.each([
    [
      ['start', '--endpoint', 'http://x', '--type', 'HelloWorld', '--workflow-id', 'w'],
      2,
      "--domain is required (the SWF domain the workflows run in), or set $SWF_FLOW_DOMAIN; see 'swf-flow start --help'",
    ],
    [['start', '--domain', 'd', '--workflow-id', 'w'], 2, '--type is required'],
    [['start', '--domain', 'd', '--type', 'T', '--workflow-id', 'w', '--input', 'World'], 2, `--input must be JSON`],
    [['start', '--domain', 'd', '--bogus'], 2, "unknown option --bogus; see 'swf-flow start --help'"],
    [
      ['start', '--endpoint', 'localhost:8787', '--domain', 'd', '--type', 'T', '--workflow-id', 'w'],
      2,
      '--endpoint must be an http(s) URL',
    ],
    [['signal', '--domain', 'd', '--workflow-id', 'w'], 2, '--name is required'],
    [['describe', '--domain', 'd'], 2, '--workflow-id is required'],
    [['history', '--domain', 'd', '--workflow-id', 'w', 'extra'], 2, "unexpected argument 'extra'"],
  ])('rejects %j with status %i', async (argv, status, message) => {
    const r = await run(argv);
    expect(r.status).toBe(status);
    expect(r.err).toContain(message);
  });

  it('explains SWF faults and what to do', async () => {
    const unknownType = await run(['start', ...swf, '--type', 'NoSuchWorkflow@9', '--workflow-id', 'x-1']);
    expect(unknownType.status).toBe(1);
    expect(unknownType.err).toMatch(
      new RegExp(
        `^swf-flow start: UnknownResourceFault: Unknown type: .*; NoSuchWorkflow@9 is not registered in domain ${DOMAIN}; its registered workflow types: HelloWorld@1\\.0\\n$`,
      ),
    );
    // A typo'd type names the registered one meant (read with ListWorkflowTypes).
    for (const typo of ['HelloWrold@1.0', 'helloworld@1.0', 'HelloWorld@2.0', 'HelloWorld@1'])
      expect((await run(['start', ...swf, '--type', typo, '--workflow-id', 'x-2'])).err).toContain(
        `${typo} is not registered in domain ${DOMAIN}; did you mean HelloWorld@1.0? (--type NAME@VERSION)`,
      );
    // An unknown domain: no types to name, the fault explained as before.
    const noDomain = await run([
      'start',
      '--endpoint',
      server.url,
      '-d',
      'no-such-domain',
      '--type',
      'HelloWorld',
      '--workflow-id',
      'x-3',
    ]);
    expect(noDomain.err).toMatch(/^swf-flow start: UnknownResourceFault: .*; check --domain/);
    const again = await run([
      'start',
      ...swf,
      '--type',
      'HelloWorld',
      '--workflow-id',
      'idle-3',
      '--task-list',
      'nobody-polls',
    ]);
    expect(again.status).toBe(0);
    const twice = await run([
      'start',
      ...swf,
      '--type',
      'HelloWorld',
      '--workflow-id',
      'idle-3',
      '--task-list',
      'nobody-polls',
    ]);
    expect(twice.err).toContain('WorkflowExecutionAlreadyStartedFault');
    expect(twice.err).toContain('pick another --workflow-id');
    const unreachable = await run([
      'describe',
      '--endpoint',
      'http://127.0.0.1:1',
      '--domain',
      DOMAIN,
      '--workflow-id',
      'hello-1',
    ]);
    expect(unreachable.status).toBe(1);
    expect(unreachable.err).toMatch(
      /^swf-flow describe: cannot reach the SWF endpoint \(.*ECONNREFUSED.*\): is the service running\? Start one with 'swf-flow server'/,
    );
    const missing = await run(['describe', ...swf, '--workflow-id', 'never-started']);
    expect(missing.status).toBe(1);
    expect(missing.err).toContain("no execution with workflow id 'never-started'");
  });

  it('signal, cancel and terminate of a closed or unknown execution say which, and what to do', async () => {
    // hello-1 completed in beforeAll: SWF answers UnknownResourceFault, as if it never existed.
    for (const [command, extra] of [
      ['signal', ['--name', 'poke']],
      ['cancel', []],
      ['terminate', []],
    ] as const) {
      const closed = await run([command, ...swf, '--workflow-id', 'hello-1', ...extra]);
      expect(closed.status).toBe(1);
      expect(closed.err).toMatch(
        new RegExp(
          `^swf-flow ${command}: execution hello-1 \\(run [^)]+\\) is closed \\(COMPLETED at [^)]+\\): only an open execution can be (signaled|cancelled|terminated); start a new one with 'swf-flow start'`,
        ),
      );
      const unknown = await run([command, ...swf, '--workflow-id', 'never-started', ...extra]);
      expect(unknown.status).toBe(1);
      expect(unknown.err).toContain(
        `swf-flow ${command}: no execution with workflow id 'never-started' in domain ${DOMAIN}; check --workflow-id and --domain ('swf-flow list' shows the open ones, 'swf-flow list --closed' the closed)`,
      );
    }
  });
});
