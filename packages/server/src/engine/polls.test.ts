import { afterEach, describe, expect, it, vi } from 'vitest';
import { type TestEngine, decide, makeEngine, pollDecision, scheduleA, start } from './test-support.js';

// Long polls wait on real timers (setTimeout): here they are fake, so that a test decides when a
// poll's time is up and "answered at once" means "answered with no time passing at all".
let t: TestEngine;
afterEach(() => {
  t.engine.close();
  vi.useRealTimers();
});
const fakeTimers = (): void => void vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });

/**
 * The poll's answer if it has one now, else 'still waiting'. The engine answers in microtasks (no
 * I/O), so a poll that can answer has done so before the next macrotask (setImmediate, not faked).
 */
function answerNow<T>(poll: Promise<T>): Promise<T | 'still waiting'> {
  return Promise.race([poll, new Promise<'still waiting'>((resolve) => setImmediate(() => resolve('still waiting')))]);
}

describe('long polls', () => {
  it('a waiting poll returns as soon as a task is scheduled, with no time passing', async () => {
    fakeTimers();
    t = makeEngine({ config: { pollTimeoutMs: 5_000 } });
    const poll = t.call<any>('PollForDecisionTask', { domain: 'd', taskList: { name: 'wf' } });
    expect(await answerNow(poll)).toBe('still waiting');
    const runId = await start(t);
    expect(await answerNow(poll)).toMatchObject({ workflowExecution: { runId } });
  });

  it('returns an empty task when pollTimeoutMs has passed, not before', async () => {
    fakeTimers();
    t = makeEngine({ config: { pollTimeoutMs: 100 } });
    const poll = t.call('PollForActivityTask', { domain: 'd', taskList: { name: 'act' } });
    await vi.advanceTimersByTimeAsync(99);
    expect(await answerNow(poll)).toBe('still waiting');
    await vi.advanceTimersByTimeAsync(1);
    expect(await answerNow(poll)).toEqual({ startedEventId: 0 });
  });

  it('ends at once when the caller aborts, and when the engine closes', async () => {
    fakeTimers();
    t = makeEngine({ config: { pollTimeoutMs: 10_000 } });
    const ac = new AbortController();
    const poll = t.call('PollForDecisionTask', { domain: 'd', taskList: { name: 'wf' } }, ac.signal);
    expect(await answerNow(poll)).toBe('still waiting');
    expect(t.engine.waitingPolls()).toBe(1);
    ac.abort();
    expect(await answerNow(poll)).toEqual({ startedEventId: 0, previousStartedEventId: 0 });
    expect(t.engine.waitingPolls()).toBe(0);
    const poll2 = t.call('PollForActivityTask', { domain: 'd', taskList: { name: 'act' } });
    expect(await answerNow(poll2)).toBe('still waiting');
    t.engine.close();
    expect(await answerNow(poll2)).toEqual({ startedEventId: 0 });
    expect(vi.getTimerCount()).toBe(0); // neither poll left its timer behind
  });

  it('each task goes to exactly one poller, in FIFO order of scheduling', async () => {
    fakeTimers();
    t = makeEngine({ config: { pollTimeoutMs: 300 } });
    const polls = [1, 2, 3].map(() => t.call<any>('PollForActivityTask', { domain: 'd', taskList: { name: 'act' } }));
    await start(t);
    const d = await pollDecision(t);
    await decide(t, d.taskToken, [scheduleA('a1'), scheduleA('a2')]);
    // The two tasks went at once to the two longest-waiting pollers, one each; the third still waits.
    expect((await answerNow(polls[0]!)).activityId).toBe('a1');
    expect((await answerNow(polls[1]!)).activityId).toBe('a2');
    expect(await answerNow(polls[2]!)).toBe('still waiting');
    await vi.advanceTimersByTimeAsync(300);
    expect(await answerNow(polls[2]!)).toEqual({ startedEventId: 0 });
  });

  it('serves higher taskPriority first', async () => {
    t = makeEngine();
    await start(t);
    const d = await pollDecision(t);
    await decide(t, d.taskToken, [scheduleA('low'), scheduleA('high', { taskPriority: '5' })]);
    const first = await t.call<any>('PollForActivityTask', { domain: 'd', taskList: { name: 'act' } });
    expect(first.activityId).toBe('high');
  });

  it('an unknown domain is UnknownResourceFault', async () => {
    t = makeEngine();
    await expect(t.call('PollForDecisionTask', { domain: 'x', taskList: { name: 'wf' } })).rejects.toMatchObject({
      fault: 'UnknownResourceFault',
    });
  });
});

describe('aborted polls', () => {
  it('a poll whose caller already went away takes no task', async () => {
    t = makeEngine();
    await start(t);
    const ac = new AbortController();
    ac.abort();
    expect(await t.call('PollForDecisionTask', { domain: 'd', taskList: { name: 'wf' } }, ac.signal)).toEqual({
      startedEventId: 0,
      previousStartedEventId: 0,
    });
    expect((await pollDecision(t)).startedEventId).toBe(3);
  });
});

describe('wake-ups for batched decision tasks', () => {
  it('a waiting decider gets the batched task as soon as the started one is answered', async () => {
    fakeTimers();
    t = makeEngine({ config: { pollTimeoutMs: 5_000 } });
    await start(t);
    const d1 = await pollDecision(t);
    await t.call('SignalWorkflowExecution', { domain: 'd', workflowId: 'wf1', signalName: 's' });
    const waiting = t.call<any>('PollForDecisionTask', { domain: 'd', taskList: { name: 'wf' } });
    expect(await answerNow(waiting)).toBe('still waiting'); // one decision task at a time per execution
    await decide(t, d1.taskToken, []);
    expect(await answerNow(waiting)).toMatchObject({ startedEventId: 7 });
  });

  it('a waiting decider gets the batched task when the started one times out', async () => {
    fakeTimers();
    t = makeEngine({ config: { pollTimeoutMs: 5_000 } });
    await start(t);
    await pollDecision(t);
    await t.call('SignalWorkflowExecution', { domain: 'd', workflowId: 'wf1', signalName: 's' });
    const waiting = t.call<any>('PollForDecisionTask', { domain: 'd', taskList: { name: 'wf' } });
    expect(await answerNow(waiting)).toBe('still waiting');
    t.clock.advance(10_000); // the service's clock: the started task's startToCloseTimeout (10 s)
    const d2 = await answerNow(waiting);
    expect(d2).not.toBe('still waiting');
    expect((d2 as any).events.map((e: any) => e.eventType).slice(3)).toEqual([
      'WorkflowExecutionSignaled',
      'DecisionTaskScheduled',
      'DecisionTaskTimedOut',
      'DecisionTaskStarted',
    ]);
  });
});
