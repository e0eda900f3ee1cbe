/**
 * What the waiting commands show against a real local service over HTTP with a real worker:
 * `history --follow` streams events until the run closes, `start --wait` and `result` print the
 * events as they land and then the result or the failure, `describe` shows the result, the
 * failure and the activities a run waits for, and colour appears only when asked for.
 */
import { PollForDecisionTaskCommand, RespondDecisionTaskCompletedCommand, SWFClient } from '@aws-sdk/client-swf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '@swf-flow/common';
import { createServer, type LocalSwfServer } from '@swf-flow/server';
import { Worker } from '@swf-flow/worker';
import { helloWorld } from '../../../examples/hello-echo/src/workflows.js';
import { GatedEcho } from './fixtures/gated-echo.js';
import { run, start } from './helpers.js';

const DOMAIN = 'cli-progress';

// Each test runs whole workflows through a real worker: on a loaded 2-core machine (a shuffled run at
// load average 25) that took longer than the default 30 s. The bound is generous; it is not a speed claim.
describe('swf-flow progress and outcomes', { timeout: 120_000 }, () => {
  let server: LocalSwfServer;
  let worker: Worker;
  let running: Promise<void>;
  let swf: string[];
  // only gated-1's echo waits for the gate: the other tests' runs complete in any order
  const activities = new GatedEcho((input) => input === 'Ada');

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
  });

  afterAll(async () => {
    activities.release();
    await worker?.shutdown();
    await running;
    await server?.close();
  });

  it('describe shows the activity a run waits for; result shows progress, then the result; describe then shows it', async () => {
    expect((await run(['start', ...swf, '-t', 'HelloWorld', '-w', 'gated-1', '-i', '"Ada"'])).status).toBe(0);
    await expect
      .poll(async () => (await run(['describe', ...swf, '-w', 'gated-1'])).out, {
        timeout: 10_000,
        message: 'the worker starts the activity',
      })
      .toMatch(/^pending\s+Echo@1\.0 \(id \S+\) started \d{4}-\S+Z by \S+/m);
    const json = JSON.parse((await run(['describe', ...swf, '-w', 'gated-1', '--json'])).out) as {
      pendingActivities: { activityType: string; startedAt: number }[];
    };
    expect(json.pendingActivities).toEqual([
      expect.objectContaining({ activityType: 'Echo@1.0', startedAt: expect.any(Number) }),
    ]);

    const waiting = start(['result', ...swf, '-w', 'gated-1']);
    await expect
      .poll(() => waiting.err.join(''), { timeout: 10_000 })
      .toMatch(/^waiting for gated-1 \(run \S+\): 6 events so far, the latest:\n +6 +\S+ +ActivityTaskStarted/);
    activities.release();
    expect(await waiting.done).toBe(0);
    expect(waiting.out.join('')).toBe('result: "Hello, Ada"\n');
    expect(waiting.err.join('')).toMatch(
      /ActivityTaskCompleted\s+Echo@1\.0 \(\S+\) -> "Hello, Ada"\n(.*\n)* +\d+ +\S+ +WorkflowExecutionCompleted +-> "Hello, Ada"\n$/,
    );

    const described = await run(['describe', ...swf, '-w', 'gated-1']);
    expect(described.out).toMatch(/^status\s+CLOSED \(COMPLETED\)\nresult\s+"Hello, Ada"\n/m);
    expect(described.out).not.toMatch(/^pending/m);
    const closedJson = JSON.parse((await run(['describe', ...swf, '-w', 'gated-1', '--json'])).out) as Record<
      string,
      unknown
    >;
    expect(closedJson.outcome).toEqual({ status: 'COMPLETED', result: 'Hello, Ada' });
    expect(closedJson.pendingActivities).toEqual([]);

    const answered = await run(['result', ...swf, '-w', 'gated-1', '--json']);
    expect(answered.status).toBe(0);
    expect(JSON.parse(answered.out)).toMatchObject({
      workflowId: 'gated-1',
      runId: expect.any(String),
      status: 'COMPLETED',
      result: 'Hello, Ada',
    });
  });

  it('start --wait prints each event on stderr as it lands, then the result; -q only the result', async () => {
    const loud = await run(['start', ...swf, '-t', 'HelloWorld', '-w', 'wait-1', '-i', '"Bo"', '--wait']);
    expect(loud.status).toBe(0);
    expect(loud.out).toMatch(/^workflowId: wait-1\nrunId: \S+\nresult: "Hello, Bo"\n$/);
    const types = loud.err
      .trimEnd()
      .split('\n')
      .map((l) => l.trim().split(/\s+/)[2]);
    expect(types[0]).toBe('WorkflowExecutionStarted');
    expect(types).toContain('ActivityTaskScheduled');
    expect(types.at(-1)).toBe('WorkflowExecutionCompleted');
    const quiet = await run(['start', ...swf, '-t', 'HelloWorld', '-w', 'wait-2', '--wait', '-q', '--json']);
    expect(quiet).toMatchObject({ status: 0, err: '' });
    expect(JSON.parse(quiet.out)).toMatchObject({ workflowId: 'wait-2', status: 'COMPLETED', result: 'Hello, World' });
  });

  it('history --follow streams new events until the run closes; result and describe show the failure', async () => {
    expect(
      (await run(['start', ...swf, '-t', 'HelloWorld', '-w', 'follow-1', '--task-list', 'nobody-polls'])).status,
    ).toBe(0);
    const following = start(['history', ...swf, '-w', 'follow-1', '--follow']);
    const jsonLines = start(['history', ...swf, '-w', 'follow-1', '-f', '--json']);
    const waiting = start(['result', ...swf, '-w', 'follow-1']);
    await expect.poll(() => following.out.join('').split('\n').length, { timeout: 10_000 }).toBe(3); // two events and the last newline
    expect(await run(['signal', ...swf, '-w', 'follow-1', '-n', 'poke', '-i', '1'])).toMatchObject({ status: 0 });
    await expect
      .poll(() => following.out.join(''), { timeout: 10_000, message: 'the signal, once it lands' })
      .toMatch(/WorkflowExecutionSignaled\s+poke \[1\]\n$/);
    expect(await run(['terminate', ...swf, '-w', 'follow-1', '--reason', 'enough'])).toMatchObject({ status: 0 });
    expect(await following.done).toBe(0);
    expect(following.out.join('')).toMatch(/WorkflowExecutionTerminated\s+enough\n$/);
    expect(await jsonLines.done).toBe(0);
    const events = jsonLines.out
      .join('')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { eventId: number; eventType: string; eventTimestamp: number });
    expect(events.map((e) => e.eventId)).toEqual([1, 2, 3, 4]);
    expect(events.at(-1)?.eventType).toBe('WorkflowExecutionTerminated');
    expect(events[0]?.eventTimestamp).toBeGreaterThan(1.7e9);
    expect(await waiting.done).toBe(1);
    expect(waiting.err.join('')).toMatch(
      /^swf-flow result: WorkflowExecutionFailedError: .*terminated\n {2}caused by TerminatedFailure: .*enough/m,
    );

    const described = await run(['describe', ...swf, '-w', 'follow-1']);
    expect(described.out).toMatch(
      /^failure\s+TerminatedFailure: the workflow execution was terminated \(enough\) \[OPERATOR_INITIATED\]$/m,
    );
    const json = JSON.parse((await run(['result', ...swf, '-w', 'follow-1', '--json'])).out) as Record<string, unknown>;
    expect(json).toMatchObject({
      status: 'TERMINATED',
      failure: { name: 'WorkflowExecutionFailedError', cause: { name: 'TerminatedFailure' } },
    });
  });

  it('result follows continue-as-new to the newest run; history --follow names the new run', async () => {
    const started = await run(['start', ...swf, '-t', 'HelloWorld', '-w', 'can-1', '--task-list', 'raw-decider']);
    const firstRun = /runId: (\S+)/.exec(started.out)?.[1] ?? '';
    const waiting = start(['result', ...swf, '-w', 'can-1']);
    await expect.poll(() => waiting.err.join(''), { timeout: 10_000 }).toContain('waiting for can-1');
    // A decider of our own, over the SDK: the run continues as new (on the same task list, where nobody decides).
    const sdk = new SWFClient({
      endpoint: server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const task = await sdk.send(new PollForDecisionTaskCommand({ domain: DOMAIN, taskList: { name: 'raw-decider' } }));
    await sdk.send(
      new RespondDecisionTaskCompletedCommand({
        taskToken: task.taskToken,
        decisions: [
          {
            decisionType: 'ContinueAsNewWorkflowExecution',
            continueAsNewWorkflowExecutionDecisionAttributes: { input: '["again"]', taskList: { name: 'raw-decider' } },
          },
        ],
      }),
    );
    sdk.destroy();
    await expect
      .poll(() => waiting.err.join(''), { timeout: 10_000 })
      .toMatch(/continued as new run (\S+); following it\n +1 +\S+ +WorkflowExecutionStarted/);
    const secondRun = /continued as new run (\S+);/.exec(waiting.err.join(''))?.[1] ?? '';
    expect(secondRun).not.toBe(firstRun);
    expect(await run(['terminate', ...swf, '-w', 'can-1', '--reason', 'stop'])).toMatchObject({ status: 0 });
    expect(await waiting.done).toBe(1);
    expect(waiting.err.join('')).toContain('caused by TerminatedFailure');

    const history = await run(['history', ...swf, '-w', 'can-1', '-r', firstRun, '-f']);
    expect(history.status).toBe(0);
    expect(history.out).toMatch(/WorkflowExecutionContinuedAsNew\s+new run \S+\n$/);
    expect(history.err).toBe(
      `swf-flow history: the run continued as new run ${secondRun}; follow it with --workflow-id can-1 --run-id ${secondRun} --follow\n`,
    );
  });

  it('history --follow stops on Ctrl-C with status 130', async () => {
    expect(
      (await run(['start', ...swf, '-t', 'HelloWorld', '-w', 'follow-2', '--task-list', 'nobody-polls'])).status,
    ).toBe(0);
    const following = start(['history', ...swf, '-w', 'follow-2', '-f']);
    await expect.poll(() => following.out.join('').split('\n').length, { timeout: 10_000 }).toBe(3);
    following.stop.abort();
    expect(await following.done).toBe(130);
    await run(['terminate', ...swf, '-w', 'follow-2']);
  });

  it('colours on a terminal, not with --no-color or NO_COLOR, nor when piped', async () => {
    // a completed run of its own (another test's run may not exist yet in a shuffled order)
    const done = await run(['start', ...swf, '-t', 'HelloWorld', '-w', 'colour-1', '--wait', '-q']);
    expect(done.status).toBe(0);
    const argv = ['history', ...swf, '-w', 'colour-1'];
    const tty = await run(argv, { isTTY: true });
    expect(tty.out).toMatch(/\u001b\[32mWorkflowExecutionCompleted/);
    expect(tty.out).toMatch(/\u001b\[2m\d{4}-/);
    for (const plain of [
      await run(argv),
      await run([...argv, '--no-color'], { isTTY: true }),
      await run(argv, { isTTY: true, env: { NO_COLOR: '1' } }),
    ]) {
      expect(plain.status).toBe(0);
      expect(plain.out).not.toContain('\u001b[');
    }
    expect((await run(argv, { env: { FORCE_COLOR: '1' } })).out).toContain('\u001b[');
    expect((await run(['describe', ...swf, '-w', 'colour-1'], { isTTY: true })).out).toMatch(
      /^status\s+CLOSED \(\u001b\[32mCOMPLETED\u001b\[39m\)$/m,
    );
  });
});
