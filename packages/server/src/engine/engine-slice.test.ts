import { afterEach, describe, expect, it } from 'vitest';
import { type TestEngine, decide, makeEngine, pollActivity, pollDecision, scheduleA, start } from './test-support.js';

let t: TestEngine;
afterEach(() => t.engine.close());

describe('the vertical slice', () => {
  it('runs start, decision, activity, completion with SWF event attributes', async () => {
    t = makeEngine();
    const runId = await start(t, 'wf1', { input: 'hello', tagList: ['x'] });
    expect(runId).toMatch(/^22[A-Za-z0-9+/]{43}=$/);

    const d1 = await pollDecision(t);
    expect(d1.startedEventId).toBe(3);
    expect(d1.previousStartedEventId).toBe(0);
    expect(d1.workflowExecution).toEqual({ workflowId: 'wf1', runId });
    expect(d1.workflowType).toEqual({ name: 'W', version: '1' });
    expect(d1.events.map((e: any) => e.eventType)).toEqual([
      'WorkflowExecutionStarted',
      'DecisionTaskScheduled',
      'DecisionTaskStarted',
    ]);
    expect(d1.events[0].workflowExecutionStartedEventAttributes).toEqual({
      input: 'hello',
      executionStartToCloseTimeout: '3600',
      taskStartToCloseTimeout: '10',
      childPolicy: 'TERMINATE',
      taskList: { name: 'wf' },
      workflowType: { name: 'W', version: '1' },
      tagList: ['x'],
      parentInitiatedEventId: 0,
    });
    expect(d1.events[0].eventTimestamp).toBe(t.clock.now() / 1000);
    expect(d1.events[1].decisionTaskScheduledEventAttributes).toEqual({
      taskList: { name: 'wf' },
      startToCloseTimeout: '10',
      scheduleToStartTimeout: 'NONE',
    });
    expect(d1.events[2].decisionTaskStartedEventAttributes).toEqual({ identity: 'decider', scheduledEventId: 2 });

    await decide(t, d1.taskToken, [scheduleA('a1')], { executionContext: 'ctx1' });
    const a = await pollActivity(t);
    expect(a).toMatchObject({
      activityId: 'a1',
      startedEventId: 6,
      activityType: { name: 'A', version: '1' },
      input: 'in',
    });
    expect(a.workflowExecution).toEqual({ workflowId: 'wf1', runId });

    const mid = await t.call<any>('DescribeWorkflowExecution', {
      domain: 'd',
      execution: { workflowId: 'wf1', runId },
    });
    expect(mid.openCounts).toEqual({
      openActivityTasks: 1,
      openDecisionTasks: 0,
      openTimers: 0,
      openChildWorkflowExecutions: 0,
      openLambdaFunctions: 0,
    });
    expect(mid.latestExecutionContext).toBe('ctx1');
    expect(mid.latestActivityTaskTimestamp).toBe(t.clock.now() / 1000);

    await t.call('RespondActivityTaskCompleted', { taskToken: a.taskToken, result: 'Hello, World' });
    const d2 = await pollDecision(t);
    expect(d2.previousStartedEventId).toBe(3);
    await decide(t, d2.taskToken, [
      { decisionType: 'CompleteWorkflowExecution', completeWorkflowExecutionDecisionAttributes: { result: 'done' } },
    ]);

    const events = await t.events('wf1', runId);
    expect(events.map((e) => e.eventType)).toEqual([
      'WorkflowExecutionStarted',
      'DecisionTaskScheduled',
      'DecisionTaskStarted',
      'DecisionTaskCompleted',
      'ActivityTaskScheduled',
      'ActivityTaskStarted',
      'ActivityTaskCompleted',
      'DecisionTaskScheduled',
      'DecisionTaskStarted',
      'DecisionTaskCompleted',
      'WorkflowExecutionCompleted',
    ]);
    expect(events[3]!.decisionTaskCompletedEventAttributes).toEqual({
      executionContext: 'ctx1',
      scheduledEventId: 2,
      startedEventId: 3,
    });
    expect(events[4]!.activityTaskScheduledEventAttributes).toEqual({
      activityType: { name: 'A', version: '1' },
      activityId: 'a1',
      input: 'in',
      scheduleToStartTimeout: '100',
      scheduleToCloseTimeout: '300',
      startToCloseTimeout: '60',
      taskList: { name: 'act' },
      decisionTaskCompletedEventId: 4,
      heartbeatTimeout: 'NONE',
    });
    expect(events[5]!.activityTaskStartedEventAttributes).toEqual({ identity: 'worker', scheduledEventId: 5 });
    expect(events[6]!.activityTaskCompletedEventAttributes).toEqual({
      result: 'Hello, World',
      scheduledEventId: 5,
      startedEventId: 6,
    });
    expect(events[10]!.workflowExecutionCompletedEventAttributes).toEqual({
      result: 'done',
      decisionTaskCompletedEventId: 10,
    });

    const done = await t.call<any>('DescribeWorkflowExecution', {
      domain: 'd',
      execution: { workflowId: 'wf1', runId },
    });
    expect(done.executionInfo).toMatchObject({
      executionStatus: 'CLOSED',
      closeStatus: 'COMPLETED',
      cancelRequested: false,
      tagList: ['x'],
    });
    expect(done.executionConfiguration).toEqual({
      taskStartToCloseTimeout: '10',
      executionStartToCloseTimeout: '3600',
      taskList: { name: 'wf' },
      childPolicy: 'TERMINATE',
    });
    expect(done.openCounts.openDecisionTasks).toBe(0);
  });

  it('answers an empty poll after the poll timeout', async () => {
    t = makeEngine();
    const d = await t.call('PollForDecisionTask', { domain: 'd', taskList: { name: 'wf' } });
    expect(d).toEqual({ startedEventId: 0, previousStartedEventId: 0 });
    const a = await t.call('PollForActivityTask', { domain: 'd', taskList: { name: 'act' } });
    expect(a).toEqual({ startedEventId: 0 });
  });
});
