import { afterEach, describe, expect, it } from 'vitest';
import { type TestEngine, decide, makeEngine, pollActivity, pollDecision, scheduleA, start } from './test-support.js';

let t: TestEngine;
afterEach(() => t.engine.close());

const complete = {
  decisionType: 'CompleteWorkflowExecution',
  completeWorkflowExecutionDecisionAttributes: { result: 'r' },
};

describe('one decision task at a time', () => {
  it('CountPendingDecisionTasks counts tasks ready and tasks scheduled while another of their run is started', async () => {
    t = makeEngine();
    const count = async (): Promise<number> =>
      (await t.call<{ count: number }>('CountPendingDecisionTasks', { domain: 'd', taskList: { name: 'wf' } })).count;
    const first = await start(t, 'wf1');
    await start(t, 'wf2');
    expect(await count()).toBe(2);
    const d1 = await pollDecision(t); // wf1's task started: wf2's is pending
    expect(d1.workflowExecution.runId).toBe(first);
    expect(await count()).toBe(1);
    await t.call('SignalWorkflowExecution', { domain: 'd', workflowId: 'wf1', signalName: 's' });
    expect(await count()).toBe(2); // wf1's next task is scheduled while its first is started
    await decide(t, d1.taskToken, []);
    expect(await count()).toBe(2);
    await pollDecision(t);
    await pollDecision(t);
    expect(await count()).toBe(0);
  });

  it('events arriving while a task is started schedule the next one at once, handed out only after the answer', async () => {
    t = makeEngine();
    const runId = await start(t);
    const d1 = await pollDecision(t);
    await t.call('SignalWorkflowExecution', { domain: 'd', workflowId: 'wf1', signalName: 's1', input: 'i1' });
    await t.call('SignalWorkflowExecution', { domain: 'd', workflowId: 'wf1', runId, signalName: 's2' });
    expect(await t.call('PollForDecisionTask', { domain: 'd', taskList: { name: 'wf' } })).toEqual({
      startedEventId: 0,
      previousStartedEventId: 0,
    });
    expect(await t.call<any>('CountPendingDecisionTasks', { domain: 'd', taskList: { name: 'wf' } })).toEqual({
      count: 1,
      truncated: false,
    });
    await decide(t, d1.taskToken, []);
    const d2 = await pollDecision(t);
    expect(d2.previousStartedEventId).toBe(3);
    expect(d2.events.map((e: any) => e.eventType)).toEqual([
      'WorkflowExecutionStarted',
      'DecisionTaskScheduled',
      'DecisionTaskStarted',
      'WorkflowExecutionSignaled',
      'DecisionTaskScheduled',
      'WorkflowExecutionSignaled',
      'DecisionTaskCompleted',
      'DecisionTaskStarted',
    ]);
    expect(d2.events[3].workflowExecutionSignaledEventAttributes).toEqual({
      signalName: 's1',
      input: 'i1',
      externalInitiatedEventId: 0,
    });
    expect(d2.events[7].decisionTaskStartedEventAttributes).toEqual({ identity: 'decider', scheduledEventId: 5 });
    await decide(t, d2.taskToken, [complete]);
    expect((await t.types('wf1', runId)).at(-1)).toBe('WorkflowExecutionCompleted');
  });

  it('a close decision fails with UNHANDLED_DECISION when new events arrived; the decider gets them next', async () => {
    t = makeEngine();
    const runId = await start(t);
    const d1 = await pollDecision(t);
    await t.call('SignalWorkflowExecution', { domain: 'd', workflowId: 'wf1', signalName: 's' });
    await decide(t, d1.taskToken, [complete]);
    const events = await t.events('wf1', runId);
    expect(events.slice(3).map((e) => e.eventType)).toEqual([
      'WorkflowExecutionSignaled',
      'DecisionTaskScheduled',
      'DecisionTaskCompleted',
      'CompleteWorkflowExecutionFailed',
    ]);
    expect(events.at(-1)!.completeWorkflowExecutionFailedEventAttributes).toEqual({
      cause: 'UNHANDLED_DECISION',
      decisionTaskCompletedEventId: 6,
    });
    for (const [type, attrs] of [
      ['FailWorkflowExecution', 'FailWorkflowExecutionFailed'],
      ['CancelWorkflowExecution', 'CancelWorkflowExecutionFailed'],
      ['ContinueAsNewWorkflowExecution', 'ContinueAsNewWorkflowExecutionFailed'],
    ] as const) {
      const d = await pollDecision(t);
      await t.call('SignalWorkflowExecution', { domain: 'd', workflowId: 'wf1', signalName: 's' });
      await decide(t, d.taskToken, [{ decisionType: type }]);
      expect((await t.events('wf1', runId)).at(-1)).toMatchObject({
        eventType: attrs,
        [`${attrs.charAt(0).toLowerCase()}${attrs.slice(1)}EventAttributes`]: { cause: 'UNHANDLED_DECISION' },
      });
    }
    const d = await pollDecision(t);
    await decide(t, d.taskToken, [complete]);
    const desc = await t.call<any>('DescribeWorkflowExecution', {
      domain: 'd',
      execution: { workflowId: 'wf1', runId },
    });
    expect(desc.executionInfo.closeStatus).toBe('COMPLETED');
  });

  it('an activity completing while the decision task is started is batched like the real SWF history', async () => {
    t = makeEngine();
    const runId = await start(t);
    const d1 = await pollDecision(t);
    await decide(t, d1.taskToken, [scheduleA('a1'), scheduleA('a2')]);
    const a1 = await pollActivity(t);
    const a2 = await pollActivity(t);
    await t.call('RespondActivityTaskCompleted', { taskToken: a1.taskToken, result: '1' });
    const d2 = await pollDecision(t);
    await t.call('RespondActivityTaskCompleted', { taskToken: a2.taskToken, result: '2' });
    await decide(t, d2.taskToken, []);
    const d3 = await pollDecision(t);
    await decide(t, d3.taskToken, [complete]);
    expect((await t.types('wf1', runId)).slice(4)).toEqual([
      'ActivityTaskScheduled',
      'ActivityTaskScheduled',
      'ActivityTaskStarted',
      'ActivityTaskStarted',
      'ActivityTaskCompleted',
      'DecisionTaskScheduled',
      'DecisionTaskStarted',
      'ActivityTaskCompleted',
      'DecisionTaskScheduled',
      'DecisionTaskCompleted',
      'DecisionTaskStarted',
      'DecisionTaskCompleted',
      'WorkflowExecutionCompleted',
    ]);
  });
});

describe('stale task tokens', () => {
  it("an answered decision task, an answered activity task, a closed run are UnknownResourceFault, a string of no token's shape ValidationException", async () => {
    t = makeEngine();
    await start(t);
    const d1 = await pollDecision(t);
    await decide(t, d1.taskToken, [scheduleA('a1')]);
    await expect(decide(t, d1.taskToken, [])).rejects.toMatchObject({ fault: 'UnknownResourceFault' });
    const a = await pollActivity(t);
    await t.call('RespondActivityTaskFailed', { taskToken: a.taskToken, reason: 'r', details: 'x' });
    await expect(t.call('RespondActivityTaskCompleted', { taskToken: a.taskToken })).rejects.toMatchObject({
      fault: 'UnknownResourceFault',
    });
    await expect(t.call('RespondActivityTaskCanceled', { taskToken: 'nope' })).rejects.toMatchObject({
      fault: 'ValidationException', // no token's shape (task-tokens.test.ts)
    });

    const d2 = await pollDecision(t);
    await decide(t, d2.taskToken, [scheduleA('a2')]);
    const a2 = await pollActivity(t);
    await t.call('TerminateWorkflowExecution', { domain: 'd', workflowId: 'wf1' });
    await expect(t.call('RecordActivityTaskHeartbeat', { taskToken: a2.taskToken })).rejects.toMatchObject({
      fault: 'UnknownResourceFault',
    });
  });
});

describe('history paging', () => {
  it('GetWorkflowExecutionHistory pages with nextPageToken, in both orders', async () => {
    t = makeEngine();
    const runId = await start(t);
    for (let i = 0; i < 5; i++)
      await t.call('SignalWorkflowExecution', { domain: 'd', workflowId: 'wf1', signalName: `s${i}` });
    const execution = { workflowId: 'wf1', runId };
    const ids: number[] = [];
    let token: string | undefined;
    do {
      const page = await t.call<any>('GetWorkflowExecutionHistory', {
        domain: 'd',
        execution,
        maximumPageSize: 3,
        nextPageToken: token,
      });
      ids.push(...page.events.map((e: any) => e.eventId));
      token = page.nextPageToken;
    } while (token);
    expect(ids).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const rev = await t.call<any>('GetWorkflowExecutionHistory', {
      domain: 'd',
      execution,
      maximumPageSize: 4,
      reverseOrder: true,
    });
    expect(rev.events.map((e: any) => e.eventId)).toEqual([7, 6, 5, 4]);
    const rev2 = await t.call<any>('GetWorkflowExecutionHistory', {
      domain: 'd',
      execution,
      reverseOrder: true,
      nextPageToken: rev.nextPageToken,
    });
    expect(rev2.events.map((e: any) => e.eventId)).toEqual([3, 2, 1]);
    expect(rev2.nextPageToken).toBeUndefined();
    await expect(
      t.call('GetWorkflowExecutionHistory', { domain: 'd', execution: { workflowId: 'wf1', runId: 'x' } }),
    ).rejects.toMatchObject({
      fault: 'UnknownResourceFault',
    });
  });

  it('PollForDecisionTask pages the task history up to its DecisionTaskStarted and can start at the previous one', async () => {
    t = makeEngine();
    await start(t);
    const d1 = await pollDecision(t);
    for (let i = 0; i < 3; i++)
      await t.call('SignalWorkflowExecution', { domain: 'd', workflowId: 'wf1', signalName: `s${i}` });
    await decide(t, d1.taskToken, []);
    const p1 = await pollDecision(t, 'wf', { maximumPageSize: 4 });
    expect(p1.events.map((e: any) => e.eventId)).toEqual([1, 2, 3, 4]);
    const p2 = await t.call<any>('PollForDecisionTask', {
      domain: 'd',
      taskList: { name: 'wf' },
      maximumPageSize: 4,
      nextPageToken: p1.nextPageToken,
    });
    expect(p2.taskToken).toBe(p1.taskToken);
    expect(p2.startedEventId).toBe(p1.startedEventId);
    expect(p2.events.map((e: any) => e.eventId)).toEqual([5, 6, 7, 8]);
    const p3 = await t.call<any>('PollForDecisionTask', {
      domain: 'd',
      taskList: { name: 'wf' },
      maximumPageSize: 4,
      nextPageToken: p2.nextPageToken,
    });
    expect(p3.events.map((e: any) => e.eventId)).toEqual([9]);
    expect(p3.nextPageToken).toBeUndefined();
    await decide(t, p1.taskToken, []);
    await t.call('SignalWorkflowExecution', { domain: 'd', workflowId: 'wf1', signalName: 'again' });
    const s = await pollDecision(t, 'wf', { startAtPreviousStartedEvent: true });
    expect(s.previousStartedEventId).toBe(9);
    expect(s.events[0].eventId).toBe(9);
    expect(s.events.at(-1).eventId).toBe(s.startedEventId);
  });
});
