import { afterEach, describe, expect, it } from 'vitest';
import { type TestEngine, decide, makeEngine, pollDecision, scheduleA, start } from './test-support.js';

let t: TestEngine;
afterEach(() => t.engine.close());

describe('long polls', () => {
  it('a waiting poll returns as soon as a task is scheduled', async () => {
    t = makeEngine({ config: { pollTimeoutMs: 5_000 } });
    const began = Date.now();
    const poll = t.call<any>('PollForDecisionTask', { domain: 'd', taskList: { name: 'wf' } });
    await new Promise((r) => setTimeout(r, 20));
    const runId = await start(t);
    const task = await poll;
    expect(task.workflowExecution.runId).toBe(runId);
    expect(Date.now() - began).toBeLessThan(2_000);
  });

  it('returns an empty task after pollTimeoutMs', async () => {
    t = makeEngine({ config: { pollTimeoutMs: 100 } });
    const began = Date.now();
    expect(await t.call('PollForActivityTask', { domain: 'd', taskList: { name: 'act' } })).toEqual({ startedEventId: 0 });
    expect(Date.now() - began).toBeGreaterThanOrEqual(90);
  });

  it('ends early when the caller aborts, and when the engine closes', async () => {
    t = makeEngine({ config: { pollTimeoutMs: 10_000 } });
    const ac = new AbortController();
    const began = Date.now();
    const poll = t.call('PollForDecisionTask', { domain: 'd', taskList: { name: 'wf' } }, ac.signal);
    setTimeout(() => ac.abort(), 20);
    expect(await poll).toEqual({ startedEventId: 0, previousStartedEventId: 0 });
    const poll2 = t.call('PollForActivityTask', { domain: 'd', taskList: { name: 'act' } });
    setTimeout(() => t.engine.close(), 20);
    expect(await poll2).toEqual({ startedEventId: 0 });
    expect(Date.now() - began).toBeLessThan(5_000);
  });

  it('each task goes to exactly one poller, in FIFO order of scheduling', async () => {
    t = makeEngine({ config: { pollTimeoutMs: 300 } });
    const polls = [1, 2, 3].map(() => t.call<any>('PollForActivityTask', { domain: 'd', taskList: { name: 'act' } }));
    await start(t);
    const d = await pollDecision(t);
    await decide(t, d.taskToken, [scheduleA('a1'), scheduleA('a2')]);
    const results = await Promise.all(polls);
    const got = results.filter((r) => r.taskToken).map((r) => r.activityId);
    expect(got.sort()).toEqual(['a1', 'a2']);
    expect(results.filter((r) => !r.taskToken)).toHaveLength(1);
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
    await expect(t.call('PollForDecisionTask', { domain: 'x', taskList: { name: 'wf' } })).rejects.toMatchObject({ fault: 'UnknownResourceFault' });
  });
});

describe('aborted polls', () => {
  it('a poll whose caller already went away takes no task', async () => {
    t = makeEngine();
    await start(t);
    const ac = new AbortController();
    ac.abort();
    expect(await t.call('PollForDecisionTask', { domain: 'd', taskList: { name: 'wf' } }, ac.signal)).toEqual({ startedEventId: 0, previousStartedEventId: 0 });
    expect((await pollDecision(t)).startedEventId).toBe(3);
  });
});

describe('wake-ups for batched decision tasks', () => {
  it('a waiting decider gets the batched task as soon as the started one is answered', async () => {
    t = makeEngine({ config: { pollTimeoutMs: 5_000 } });
    await start(t);
    const d1 = await pollDecision(t);
    await t.call('SignalWorkflowExecution', { domain: 'd', workflowId: 'wf1', signalName: 's' });
    const waiting = t.call<any>('PollForDecisionTask', { domain: 'd', taskList: { name: 'wf' } });
    await new Promise((r) => setTimeout(r, 20));
    const began = Date.now();
    await decide(t, d1.taskToken, []);
    const d2 = await waiting;
    expect(d2.startedEventId).toBe(7);
    expect(Date.now() - began).toBeLessThan(2_000);
  });

  it('a waiting decider gets the batched task when the started one times out', async () => {
    t = makeEngine({ config: { pollTimeoutMs: 5_000 } });
    await start(t);
    await pollDecision(t);
    await t.call('SignalWorkflowExecution', { domain: 'd', workflowId: 'wf1', signalName: 's' });
    const waiting = t.call<any>('PollForDecisionTask', { domain: 'd', taskList: { name: 'wf' } });
    await new Promise((r) => setTimeout(r, 20));
    t.clock.advance(10_000);
    const d2 = await waiting;
    expect(d2.events.map((e: any) => e.eventType).slice(3)).toEqual(['WorkflowExecutionSignaled', 'DecisionTaskScheduled', 'DecisionTaskTimedOut', 'DecisionTaskStarted']);
  });
});
