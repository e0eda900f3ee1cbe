import { GetWorkflowExecutionHistoryCommand } from '@aws-sdk/client-swf';
import { Activities, Activity } from '@swf-flow/activity';
import { ApplicationFailure, ValidationError, silentLogger, WorkflowExecutionFailedError } from '@swf-flow/common';
import {
  condition,
  continueAsNew,
  defineSignal,
  executeChild,
  defineWorkflow,
  proxyActivities,
  setHandler,
  sleep,
} from '@swf-flow/workflow';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TestWorkflowEnvironment } from './index.js';
import { trackOwnTimers } from './test-support/own-timers.js';

const DAY = 24 * 3600 * 1000;
const HOUR = 3600 * 1000;

@Activities({
  version: '1.0',
  startToCloseTimeout: '30s',
  scheduleToStartTimeout: '5 minutes',
  scheduleToCloseTimeout: '10 minutes',
})
class GreetActivities {
  readonly calls: string[] = [];

  @Activity({ name: 'Greet' })
  async greet(name: string): Promise<string> {
    this.calls.push(name);
    return `Hello, ${name}!`;
  }
}

@Activities({
  version: '1.0',
  taskList: 'nobody-polls',
  startToCloseTimeout: '30s',
  scheduleToStartTimeout: '5 minutes',
  scheduleToCloseTimeout: '10 minutes',
})
class UnpolledActivities {
  @Activity({ name: 'Unpolled' })
  async unpolled(): Promise<void> {}
}

const greeter = proxyActivities(GreetActivities, { startToCloseTimeout: '30s' });
const unpolled = proxyActivities(UnpolledActivities, { startToCloseTimeout: '30s' });

const sleepThenGreet = defineWorkflow(
  async function sleepThenGreet(name: string): Promise<{ greeting: string; slept: number }> {
    const before = Date.now();
    await sleep('1 day');
    return { greeting: await greeter.greet(name), slept: Date.now() - before };
  },
  { name: 'SleepThenGreet', taskList: 'env-test' },
);

const approve = defineSignal<[string]>('approve');

const approval = defineWorkflow(
  async function approval(): Promise<string> {
    let approvedBy: string | undefined;
    setHandler(approve, (who) => void (approvedBy = who));
    const approved = await condition(() => approvedBy !== undefined, '1 hour');
    return approved ? `approved by ${approvedBy}` : 'timed out';
  },
  { name: 'Approval', taskList: 'env-test' },
);

const callUnpolled = defineWorkflow(
  async function callUnpolled(): Promise<void> {
    await unpolled.unpolled();
  },
  { name: 'CallUnpolled', taskList: 'env-test' },
);

async function eventTypes(env: TestWorkflowEnvironment, workflowId: string, runId: string): Promise<string[]> {
  const out = await env.swf.send(
    new GetWorkflowExecutionHistoryCommand({ domain: env.domain, execution: { workflowId, runId } }),
  );
  return (out.events ?? []).map((e) => e.eventType ?? '');
}

/** Waits (at most 10 s of real time) until the run's first decision has started its timer. */
async function timerStarted(
  env: TestWorkflowEnvironment,
  handle: { workflowId: string; runId?: string | undefined },
): Promise<void> {
  await vi.waitFor(
    async () => expect(await eventTypes(env, handle.workflowId, handle.runId ?? '')).toContain('TimerStarted'),
    { timeout: 10_000, interval: 10 },
  );
}

describe('TestWorkflowEnvironment with time skipping', () => {
  let env: TestWorkflowEnvironment;
  beforeEach(async () => {
    env = await TestWorkflowEnvironment.create({ startTime: Date.UTC(2026, 0, 1) });
  });
  afterEach(() => env.teardown());

  it('runs a workflow that sleeps a day, then runs its activity', async () => {
    const activities = new GreetActivities();
    const worker = await env.createWorker({
      taskList: 'env-test',
      workflows: [sleepThenGreet],
      activities: [activities],
    });
    const handle = await env.client.start(sleepThenGreet, { workflowId: 'sleeper', args: ['Ada'] });
    const result = await worker.runUntil(handle.result());
    expect(result.greeting).toBe('Hello, Ada!');
    expect(result.slept).toBeGreaterThanOrEqual(DAY);
    expect(activities.calls).toEqual(['Ada']);
    expect(env.now() - Date.UTC(2026, 0, 1)).toBeGreaterThanOrEqual(DAY);
    expect(await eventTypes(env, 'sleeper', handle.runId!)).toContain('TimerFired');
  });

  it('times a condition out after its hour, the same way every time', async () => {
    const worker = await env.createWorker({ taskList: 'env-test', workflows: [approval] });
    const outcomes = await worker.runUntil(async () => {
      const results: string[] = [];
      for (const workflowId of ['approval-1', 'approval-2']) {
        const handle = await env.client.start(approval, { workflowId });
        results.push(await handle.result());
        const events = await eventTypes(env, workflowId, handle.runId!);
        expect(events.filter((t) => t === 'TimerFired')).toHaveLength(1);
      }
      return results;
    });
    expect(outcomes).toEqual(['timed out', 'timed out']);
    expect(env.now() - Date.UTC(2026, 0, 1)).toBeGreaterThanOrEqual(2 * HOUR);
  });

  it('delivers a signal sent before the result is awaited, without skipping the hour', async () => {
    const worker = await env.createWorker({ taskList: 'env-test', workflows: [approval] });
    const result = await worker.runUntil(async () => {
      const handle = await env.client.start(approval, { workflowId: 'approval-signal' });
      await handle.signal(approve, 'Grace');
      return handle.result();
    });
    expect(result).toBe('approved by Grace');
    expect(env.now() - Date.UTC(2026, 0, 1)).toBeLessThan(HOUR);
  });

  it('moves time with sleep(), firing timers on the way', async () => {
    const worker = await env.createWorker({ taskList: 'env-test', workflows: [approval] });
    const running = worker.run();
    const handle = await env.client.start(approval, { workflowId: 'approval-sleep' });
    await timerStarted(env, handle); // the condition's 1-hour timer is running
    await env.sleep('59 minutes');
    expect((await handle.describe()).executionInfo?.executionStatus).toBe('OPEN');
    await env.sleep('1 minute');
    expect(await handle.result({ timeout: '20s' })).toBe('timed out');
    expect(env.now()).toBe(Date.UTC(2026, 0, 1) + HOUR);
    await worker.shutdown();
    await running;
  });

  it('lets an activity on a task list nobody polls time out instead of waiting forever', async () => {
    const worker = await env.createWorker({ taskList: 'env-test', workflows: [callUnpolled] });
    await env.createWorker({ taskList: 'env-test', activities: [new UnpolledActivities()] }); // registers the type; never runs
    const handle = await env.client.start(callUnpolled, { workflowId: 'unpolled' });
    const error = await worker.runUntil(handle.result()).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(WorkflowExecutionFailedError);
    expect((error as Error).cause).toBeInstanceOf(ApplicationFailure);
    expect((error as Error).cause).toMatchObject({
      type: 'ActivityFailure',
      message: expect.stringMatching(/timed out \(SCHEDULE_TO_START\)/),
    });
    expect(env.now() - Date.UTC(2026, 0, 1)).toBeGreaterThanOrEqual(5 * 60_000);
  });

  it('fails a workflow whose code no longer replays, instead of waiting for a decision timeout', async () => {
    const before = defineWorkflow(
      async function changing(): Promise<string> {
        await sleep('1 hour');
        return 'slept';
      },
      { name: 'Changing', taskList: 'env-test' },
    );
    const after = defineWorkflow(
      async function changing(): Promise<string> {
        return greeter.greet('first');
      },
      { name: 'Changing', taskList: 'env-test' },
    );
    const first = await env.createWorker({ taskList: 'env-test', workflows: [before] });
    const handle = await first.runUntil(async () => {
      const started = await env.client.start(before, { workflowId: 'changing' });
      await timerStarted(env, started); // the first decision (StartTimer) is made
      return started;
    });
    const second = await env.createWorker({
      taskList: 'env-test',
      workflows: [after],
      activities: [new GreetActivities()],
      logger: silentLogger,
    });
    const error = await second.runUntil(handle.result()).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(WorkflowExecutionFailedError);
    expect((error as Error).cause).toMatchObject({
      message: expect.stringMatching(/^Workflow code does not match its history/),
    });
  });

  it('skips time in child workflows and across continue-as-new', async () => {
    const napper = defineWorkflow(
      async function napper(hours: number): Promise<number> {
        await sleep(`${hours} hours`);
        return hours;
      },
      { name: 'Napper', taskList: 'env-test' },
    );
    const parent = defineWorkflow(
      async function parent(round: number): Promise<number> {
        const slept = await executeChild(napper, { args: [round + 1] });
        if (round < 2) return continueAsNew(round + 1);
        return slept;
      },
      { name: 'Parent', taskList: 'env-test' },
    );
    const worker = await env.createWorker({ taskList: 'env-test', workflows: [parent, napper] });
    const handle = await env.client.start(parent, { workflowId: 'parent', args: [0] });
    expect(await worker.runUntil(handle.result())).toBe(3);
    expect(env.now() - Date.UTC(2026, 0, 1)).toBeGreaterThanOrEqual(6 * HOUR);
  });

  it.each([
    [
      { timeskipping: false },
      /^TestWorkflowEnvironment\.create: unknown option 'timeskipping' \(did you mean timeSkipping\?\); the options are domain, timeSkipping, startTime, dataConverter, logger$/,
    ],
    [{ domian: 'd' }, /unknown option 'domian' \(did you mean domain\?\)/],
  ])('refuses an option it does not know (%j), which would be dropped in silence', async (options, message) => {
    await expect(TestWorkflowEnvironment.create(options as never)).rejects.toThrow(ValidationError);
    await expect(TestWorkflowEnvironment.create(options as never)).rejects.toThrow(message);
  });

  it('refuses worker options that would leave the environment', async () => {
    await expect(env.createWorker({ taskList: 't', workflows: [approval], domain: 'other' } as never)).rejects.toThrow(
      ValidationError,
    );
    await expect(env.createWorker({ taskList: 't', workflows: [approval], domain: 'other' } as never)).rejects.toThrow(
      /do not pass domain/,
    );
  });
});

describe('TestWorkflowEnvironment lifecycle', () => {
  it('teardown stops the workers and the service, leaves none of its timers pending, and can be called twice', async () => {
    const timers = trackOwnTimers(); // only the timers this test's code starts, not the whole process's
    try {
      await timers.run(async () => {
        const env = await TestWorkflowEnvironment.create({ domain: 'teardown' });
        const worker = await env.createWorker({ taskList: 'env-test', workflows: [approval] });
        const running = worker.run();
        const handle = await env.client.start(approval, { workflowId: 'left-open' });
        await timerStarted(env, handle); // the decider has run; the workflow waits on its timer
        expect(await timers.pending()).not.toEqual([]); // the worker's long polls wait on timers
        await env.teardown();
        await running;
        expect(worker.state).toBe('STOPPED');
        expect(await timers.pending()).toEqual([]);
        await expect(handle.result()).rejects.toThrow();
        await env.teardown();
        await expect(env.createWorker({ taskList: 'env-test', workflows: [approval] })).rejects.toThrow(/torn down/);
        await expect(env.client.start(approval, { workflowId: 'late' })).rejects.toThrow();
      });
    } finally {
      timers.stop();
    }
  });

  it('runs on real time without time skipping', async () => {
    const env = await TestWorkflowEnvironment.create({ timeSkipping: false });
    try {
      expect(env.timeSkipping).toBe(false);
      const before = Date.now();
      const now = env.now();
      expect(now).toBeGreaterThanOrEqual(before); // the system clock, not a start time of its own
      expect(now).toBeLessThanOrEqual(Date.now());
      const activities = new GreetActivities();
      const hello = defineWorkflow(
        async function hello(name: string): Promise<string> {
          return greeter.greet(name);
        },
        { name: 'Hello', taskList: 'real-time' },
      );
      const worker = await env.createWorker({ taskList: 'real-time', workflows: [hello], activities: [activities] });
      const handle = await env.client.start(hello, { workflowId: 'hello', args: ['Lin'] });
      expect(await worker.runUntil(handle.result())).toBe('Hello, Lin!');
    } finally {
      await env.teardown();
    }
  });

  it('rejects wrong options with a ValidationError', async () => {
    await expect(TestWorkflowEnvironment.create({ timeSkipping: 'yes' as never })).rejects.toThrow(
      /timeSkipping must be true or false/,
    );
    await expect(TestWorkflowEnvironment.create({ startTime: Number.NaN })).rejects.toThrow(/startTime/);
    await expect(TestWorkflowEnvironment.create({ domain: '' })).rejects.toThrow(ValidationError);
    await expect(TestWorkflowEnvironment.create({ logger: {} as never })).rejects.toThrow(/logger must have/);
    await expect(TestWorkflowEnvironment.create({ dataConverter: {} as never })).rejects.toThrow(
      /dataConverter must have/,
    );
  });
});
