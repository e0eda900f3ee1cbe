// A task the service hands to a worker's long poll at the moment the worker shuts down is not lost:
// the shutdown half-closes the poll's connection, the service still answers a poll it had handed a
// task, and the worker runs and answers that task before `shutdown()` resolves. The race is made to
// happen on purpose: a hook on the real local service holds the answer of a handed poll until the
// service has seen the worker's half-close, so the answer always travels after the shutdown began.
// Real Worker (its default HTTP handler) and real local service over HTTP. A service that ignores
// the half-close is a raw TCP server here: the poll is cut at `pollShutdownGraceTime`.
import { WorkflowClient } from '@swf-flow/client';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Worker, type WorkerOptions } from '../src/index.js';
import { deferred, recordingLogger, startServer } from './helpers.js';
import {
  EchoActivities,
  EchoOnce,
  eventTypes,
  expectPollsCutAtGrace,
  holdNextHandedPoll,
  localConfig,
  startSilentServer,
  type SilentServer,
} from './shutdown-race.js';
import type { LocalSwfServer } from '@swf-flow/server';

let server: LocalSwfServer;
let testNumber = 0;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

/** The worker's client configuration: the default HTTP handler (not a ready-made client). */
const swfConfig = (endpoint: string): WorkerOptions['swf'] => localConfig(endpoint);

function worker(domain: string, options: Partial<WorkerOptions>): Promise<Worker> {
  return Worker.create({
    swf: swfConfig(server.url),
    domain,
    taskList: 'handoff',
    logger: recordingLogger(),
    handleSignals: false,
    ...options,
  });
}

/** Resolves once `signal` has aborted. */
function aborted(signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return Promise.reject(new Error('the poll has no signal'));
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

/**
 * Holds the answer of the next handed poll of `operation` until the service has seen the poll's
 * client stop waiting (the worker's half-close).
 */
function holdUntilClientLeaves(operation: string): { handed: Promise<void>; restore: () => void } {
  return holdNextHandedPoll(server.service, operation, (ctx) => aborted(ctx.signal));
}

describe('a task handed to a long poll as the worker shuts down', () => {
  let domain: string;
  let starter: WorkflowClient;
  let restore: () => void = () => undefined;
  afterEach(() => restore());
  const fresh = (): void => {
    testNumber += 1;
    domain = `handoff-${testNumber}`;
    starter = new WorkflowClient({ swf: swfConfig(server.url), domain });
  };

  it('an activity task is run and answered before shutdown() resolves', async () => {
    fresh();
    const w = await worker(domain, { workflows: [EchoOnce], activities: [new EchoActivities()] });
    const hold = holdUntilClientLeaves('PollForActivityTask');
    restore = hold.restore;
    const running = w.run();
    const handle = await starter.start(EchoOnce, { workflowId: 'activity-handed', taskList: 'handoff', args: ['hi'] });
    await hold.handed; // ActivityTaskStarted is in the history; the answer waits for the worker's half-close
    await w.shutdown();
    await running;
    expect(w.stats().activityTasks.completed).toBe(1);
    expect(await eventTypes(starter, handle.workflowId)).toContain('ActivityTaskCompleted');
  });

  it('a decision task is run and answered before shutdown() resolves', async () => {
    fresh();
    const w = await worker(domain, { workflows: [EchoOnce], activities: [new EchoActivities()] });
    const hold = holdUntilClientLeaves('PollForDecisionTask');
    restore = hold.restore;
    const running = w.run();
    const handle = await starter.start(EchoOnce, { workflowId: 'decision-handed', taskList: 'handoff', args: ['hi'] });
    await hold.handed; // DecisionTaskStarted is in the history; the answer waits for the worker's half-close
    await w.shutdown();
    await running;
    expect(w.stats().decisionTasks.completed).toBe(1);
    const events = await eventTypes(starter, handle.workflowId);
    expect(events).toContain('DecisionTaskCompleted');
    expect(events).toContain('ActivityTaskScheduled');
  });

  it('with no task handed, every open poll ends with the service answer (none cut), however long the grace', async () => {
    fresh();
    const w = await worker(domain, {
      workflows: [EchoOnce],
      activities: [new EchoActivities()],
      pollShutdownGraceTime: '1 hour',
      decisionPollers: 2,
      activityPollers: 2,
    });
    const outcomes: string[] = [];
    w.options.swf.middlewareStack.add(
      (next, context) => async (args) => {
        const poll =
          context.commandName === 'PollForDecisionTaskCommand' || context.commandName === 'PollForActivityTaskCommand';
        try {
          const result = await next(args);
          if (poll) outcomes.push('answered');
          return result;
        } catch (err) {
          if (poll) outcomes.push(`failed: ${(err as Error).name}`);
          throw err;
        }
      },
      { step: 'initialize', name: 'recordPollOutcomes' },
    );
    const running = w.run();
    await vi.waitFor(() => expect(server.service.waitingPolls()).toBe(4), { timeout: 10_000, interval: 5 });
    await w.shutdown();
    await running;
    expect(outcomes).toEqual(['answered', 'answered', 'answered', 'answered']);
    expect(server.service.waitingPolls()).toBe(0);
  });
});

describe('a service that ignores the half-close', () => {
  let silent: SilentServer;
  const ended: unknown[] = [];
  const bothEnded = deferred();
  beforeAll(async () => {
    // Reads requests and never answers, FIN or not (allowHalfOpen: the FIN does not end its side).
    silent = await startSilentServer({
      allowHalfOpen: true,
      onEnd: (socket) => {
        ended.push(socket);
        if (ended.length === 2) bothEnded.resolve();
      },
    });
  });
  afterAll(async () => {
    vi.useRealTimers();
    await silent.close();
  });

  it('has its polls cut once pollShutdownGraceTime is over, not before', async () => {
    // Both polls half-closed before the clock moves: the service saw the FINs, and the worker still
    // waits for an answer. (Not vi.waitFor: with fake timers it advances them.)
    const w = await expectPollsCutAtGrace(
      silent,
      swfConfig(`http://127.0.0.1:${silent.port()}`),
      () => bothEnded.promise,
    );
    expect(w.stats().activityTasks).toMatchObject({ completed: 0, failed: 0 });
  });
});
