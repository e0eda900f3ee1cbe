// The worker end to end against the real local SWF service over HTTP: decider (replayer) and
// activity worker together, failures, heartbeats, cancellation, shutdown, nondeterminism, cache.
import type { SWFClient } from '@aws-sdk/client-swf';
import { Activities, Activity, activityContext } from '@swf-flow/activity';
import { WorkflowClient } from '@swf-flow/client';
import { ActivityFailure, ApplicationFailure, CancelledFailure, TimeoutFailure, WorkflowExecutionFailedError } from '@swf-flow/common';
import type { LocalSwfServer } from '@swf-flow/server';
import { defineWorkflow, proxyActivities, sleep } from '@swf-flow/workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Worker, type WorkerOptions } from '../src/index.js';
import { countingClient, deferred, recordingLogger, startServer, waitFor, type ReadCounts } from './helpers.js';

let server: LocalSwfServer;
/** The workers' client: it counts the history the deciders read. */
let swf: SWFClient;
let counts: ReadCounts;
/** The starters' client (not counted). */
let starterSwf: SWFClient;
// Each test works in a domain of its own, so that type registrations (default task lists) do not mix.
let domain: string;
let client: WorkflowClient;
let testNumber = 0;

beforeAll(async () => {
  server = await startServer();
  ({ swf, counts } = countingClient(server));
  starterSwf = countingClient(server).swf;
});

beforeEach(() => {
  testNumber += 1;
  domain = `worker-it-${testNumber}`;
  client = new WorkflowClient({ swf: starterSwf, domain });
});

afterAll(async () => {
  swf?.destroy();
  starterSwf?.destroy();
  await server?.close();
});

async function worker(taskList: string, options: Partial<WorkerOptions>): Promise<Worker> {
  return Worker.create({ swf, domain, taskList, logger: recordingLogger(), handleSignals: false, heartbeatThrottle: '100ms', ...options });
}

// ---------------------------------------------------------------------------------------------
// Activities used below. Test-side hooks (gates, flags) are plain module state: activities run in
// this process.
const hooks = {
  cancelSeen: false,
  started: deferred(),
  release: deferred(),
};

@Activities({ version: '1.0', startToCloseTimeout: '30s' })
class TestActivities {
  @Activity({ name: 'Greet' })
  async greet(name: string): Promise<string> {
    return `Hello, ${name}!`;
  }

  @Activity({ name: 'Charge' })
  async charge(): Promise<void> {
    throw ApplicationFailure.nonRetryable('card declined', 'PaymentDeclined');
  }

  @Activity({ name: 'Stall', heartbeatTimeout: '1s' })
  async stall(): Promise<void> {
    activityContext().heartbeat('once');
    await new Promise((r) => setTimeout(r, 2500));
  }

  @Activity({ name: 'Patient', heartbeatTimeout: '10s' })
  async patient(): Promise<string> {
    const { heartbeat, cancellationSignal } = activityContext();
    hooks.started.resolve();
    while (!cancellationSignal.aborted) {
      heartbeat();
      await new Promise((r) => setTimeout(r, 50));
    }
    hooks.cancelSeen = true;
    throw cancellationSignal.reason;
  }

  @Activity({ name: 'Gated' })
  async gated(): Promise<string> {
    hooks.started.resolve();
    await hooks.release.promise;
    return 'finished during shutdown';
  }

  @Activity({ name: 'Step' })
  async step(i: number): Promise<number> {
    return i + 1;
  }
}
const acts = proxyActivities(TestActivities, { startToCloseTimeout: '30s' });

@Activities({ version: '1.0', startToCloseTimeout: '30s' })
class FirstRegistration {
  @Activity({ name: 'Same' })
  async same(): Promise<void> {}
}

@Activities({ version: '1.0', startToCloseTimeout: '90s', taskList: 'elsewhere' })
class SecondRegistration {
  @Activity({ name: 'Same' })
  async same(): Promise<void> {}
}

// Workflows.
async function HelloWorkflow(name: string): Promise<string> {
  return await acts.greet(name);
}

async function ChargeWorkflow(): Promise<{ activityFailure: boolean; causeType?: string; message?: string }> {
  try {
    await acts.charge();
    return { activityFailure: false };
  } catch (err) {
    const cause = (err as Error).cause as ApplicationFailure | undefined;
    return { activityFailure: err instanceof ActivityFailure, causeType: cause?.type, message: cause?.message };
  }
}

async function StallWorkflow(): Promise<{ timeout: boolean; timeoutType?: string }> {
  try {
    await acts.stall();
    return { timeout: false };
  } catch (err) {
    const cause = (err as Error).cause;
    return { timeout: cause instanceof TimeoutFailure, timeoutType: (cause as TimeoutFailure | undefined)?.timeoutType };
  }
}

async function PatientWorkflow(): Promise<string> {
  return await acts.patient();
}

async function GatedWorkflow(): Promise<string> {
  return await acts.gated();
}

async function LoopWorkflow(n: number): Promise<number> {
  let value = 0;
  for (let i = 0; i < n; i += 1) value = await acts.step(value);
  return value;
}

const ChangingV1 = defineWorkflow(
  async function changingV1(): Promise<string> {
    await acts.greet('first');
    await sleep('1s');
    return await acts.greet('second');
  },
  { name: 'Changing', version: '1.0' },
);
const ChangingV2 = defineWorkflow(
  async function changingV2(): Promise<string> {
    await acts.step(1); // changed: the history recorded Greet here
    await sleep('1s');
    return await acts.greet('second');
  },
  { name: 'Changing', version: '1.0' },
);

// ---------------------------------------------------------------------------------------------

describe('Worker against the local SWF service', () => {
  it('a decider and an activity worker complete a workflow', async () => {
    const w = await worker('it-hello', { workflows: [HelloWorkflow], activities: [new TestActivities()] });
    const result = await w.runUntil(async () => {
      const handle = await client.start(HelloWorkflow, { workflowId: 'it-hello-1', args: ['World'], taskList: 'it-hello' });
      return handle.result({ timeout: '20s' });
    });
    expect(result).toBe('Hello, World!');
    expect(w.stats().activityTasks.completed).toBe(1);
    expect(w.stats().state).toBe('STOPPED');
  });

  it('an activity failure reaches the workflow as an ActivityFailure with the rebuilt cause', async () => {
    const w = await worker('it-charge', { workflows: [ChargeWorkflow], activities: [new TestActivities()] });
    const result = await w.runUntil(async () => {
      const handle = await client.start(ChargeWorkflow, { workflowId: 'it-charge-1', taskList: 'it-charge' });
      return handle.result({ timeout: '20s' });
    });
    expect(result).toEqual({ activityFailure: true, causeType: 'PaymentDeclined', message: 'card declined' });
  });

  it('an activity that stops heartbeating times out with a HEARTBEAT TimeoutFailure', async () => {
    const w = await worker('it-stall', { workflows: [StallWorkflow], activities: [new TestActivities()] });
    const result = await w.runUntil(async () => {
      const handle = await client.start(StallWorkflow, { workflowId: 'it-stall-1', taskList: 'it-stall' });
      return handle.result({ timeout: '20s' });
    });
    expect(result).toEqual({ timeout: true, timeoutType: 'HEARTBEAT' });
  });

  it('cancelling the workflow reaches the running activity through its AbortSignal', async () => {
    hooks.started = deferred();
    hooks.cancelSeen = false;
    const w = await worker('it-cancel', { workflows: [PatientWorkflow], activities: [new TestActivities()] });
    const err = await w.runUntil(async () => {
      const handle = await client.start(PatientWorkflow, { workflowId: 'it-cancel-1', taskList: 'it-cancel' });
      await hooks.started.promise;
      await handle.cancel();
      const failure = await handle.result({ timeout: '20s' }).catch((e: unknown) => e);
      const history = await handle.history();
      expect(history.some((e) => e.eventType === 'ActivityTaskCanceled')).toBe(true);
      return failure;
    });
    expect(hooks.cancelSeen).toBe(true);
    expect(w.stats().activityTasks.canceled).toBe(1);
    expect(err).toBeInstanceOf(WorkflowExecutionFailedError);
    expect((err as WorkflowExecutionFailedError).status).toBe('CANCELED');
    expect((err as Error).cause).toBeInstanceOf(CancelledFailure);
  });

  it('graceful shutdown stops polling at once but finishes and answers the in-flight activity', async () => {
    hooks.started = deferred();
    hooks.release = deferred();
    const activityWorker = await worker('it-shutdown', { activities: [new TestActivities()] });
    const decider = await worker('it-shutdown-decisions', { workflows: [GatedWorkflow] });
    const running = activityWorker.run();
    const handle = await client.start(GatedWorkflow, { workflowId: 'it-shutdown-1', taskList: 'it-shutdown-decisions' });
    const result = await decider.runUntil(async () => {
      await hooks.started.promise;
      let stopped = false;
      const stopping = activityWorker.shutdown().then(() => (stopped = true));
      await new Promise((r) => setTimeout(r, 200));
      expect(stopped).toBe(false);
      expect(activityWorker.state).toBe('STOPPING');
      hooks.release.resolve();
      await stopping;
      await running;
      return handle.result({ timeout: '20s' });
    });
    expect(result).toBe('finished during shutdown');
    expect(activityWorker.stats().activityTasks.completed).toBe(1);
  });

  it('registers the domain and types once, and warns naming each default that differs from an existing registration', async () => {
    await worker('it-reg', { activities: [new FirstRegistration()] });
    const again = recordingLogger();
    await worker('it-reg', { activities: [new FirstRegistration()], logger: again });
    expect(again.lines.filter((l) => l.level === 'warn')).toEqual([]);
    const logger = recordingLogger();
    await worker('it-reg', { activities: [new SecondRegistration()], logger });
    const warning = logger.lines.find((l) => l.level === 'warn');
    expect(warning?.message).toContain('activity type Same 1.0 is already registered with other defaults');
    expect(warning?.message).toContain('defaultTaskList: registered it-reg, this worker elsewhere');
    expect(warning?.message).toContain('defaultTaskStartToCloseTimeout: registered 30, this worker 90');
  });

  it('shutdown of an idle worker aborts its open long polls promptly', async () => {
    const w = await worker('it-idle', { activities: [new TestActivities()], workflows: [HelloWorkflow] });
    const running = w.run();
    await new Promise((r) => setTimeout(r, 200));
    const started = Date.now();
    await w.shutdown();
    await running;
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('a live decider detects a workflow changed between two decision tasks, logs it and does not respond', async () => {
    const v1 = await worker('it-changing', { workflows: [ChangingV1], activities: [new TestActivities()] });
    const handle = await client.start(ChangingV1, { workflowId: 'it-changing-1', taskList: 'it-changing' });
    await v1.runUntil(() =>
      waitFor('the timer to start', async () => (await handle.history()).some((e) => e.eventType === 'TimerStarted')),
    );
    const logger = recordingLogger();
    const v2 = await worker('it-changing', { workflows: [ChangingV2], activities: [new TestActivities()], logger });
    await v2.runUntil(() => waitFor('a nondeterministic decision task', () => v2.stats().decisionTasks.nondeterministic >= 1));
    const error = logger.lines.find((l) => l.level === 'error');
    expect(error?.message).toMatch(/does not match its history at event \d+/);
    expect(error?.meta).toMatchObject({ workflowId: 'it-changing-1', runId: handle.runId });
    expect(typeof error?.meta?.eventId).toBe('number');
    const history = await handle.history();
    const last = history.at(-1);
    expect(last?.eventType).toBe('DecisionTaskStarted'); // nothing was answered
    expect((await handle.describe()).executionInfo?.executionStatus).toBe('OPEN');
    await handle.terminate('test over');
  });

  it('with the cache, each decision on a long history reads only the new events', async () => {
    const steps = 40;
    const w = await worker('it-loop', { workflows: [LoopWorkflow], activities: [new TestActivities()], historyPageSize: 10 });
    counts.polledEvents = [];
    counts.historyCalls = 0;
    const result = await w.runUntil(async () => {
      const handle = await client.start(LoopWorkflow, { workflowId: 'it-loop-1', args: [steps], taskList: 'it-loop' });
      const value = await handle.result({ timeout: '60s' });
      expect((await handle.history()).length).toBeGreaterThan(steps * 6);
      return value;
    });
    expect(result).toBe(steps);
    const { cache } = w.stats();
    expect(cache.misses).toBe(1);
    expect(cache.hits).toBe(steps);
    // every decision task was served by its first, newest-first page of at most 10 events...
    expect(Math.max(...counts.polledEvents)).toBeLessThanOrEqual(10);
    // ...and no further page of the (240+ event) history was read
    expect(counts.historyCalls).toBe(0);
  });

  it('without the cache, the same decisions read the whole history', async () => {
    const steps = 10;
    const w = await worker('it-loop-nocache', { workflows: [LoopWorkflow], activities: [new TestActivities()], historyPageSize: 10, workflowCacheSize: 0 });
    counts.historyCalls = 0;
    counts.historyEvents = 0;
    await w.runUntil(async () => (await client.start(LoopWorkflow, { workflowId: 'it-loop-2', args: [steps], taskList: 'it-loop-nocache' })).result({ timeout: '60s' }));
    expect(w.stats().cache).toMatchObject({ hits: 0, misses: steps + 1 });
    expect(counts.historyCalls).toBeGreaterThan(0);
    expect(counts.historyEvents).toBeGreaterThan(steps * 20);
  });
});
