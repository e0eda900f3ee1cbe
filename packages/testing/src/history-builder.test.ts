import { describe, expect, it } from 'vitest';
import { ApplicationFailure, normalizeHistory, ValidationError } from '@swf-flow/common';
import { historyBuilder } from './history-builder.js';

describe('historyBuilder', () => {
  it('writes the AWS CLI format with linked ids and epoch-second timestamps', () => {
    const { events } = historyBuilder({ workflowType: 'HelloWorld', startTime: 100 })
      .workflowStarted({ input: 'World' })
      .decisionTask()
      .activityScheduled('Echo', { args: ['World'] })
      .activityStarted()
      .activityCompleted('Hello, World')
      .openDecisionTask()
      .build();
    expect(events.map((e) => [e.eventId, e.eventType, e.eventTimestamp])).toEqual([
      [1, 'WorkflowExecutionStarted', 100],
      [2, 'DecisionTaskScheduled', 101],
      [3, 'DecisionTaskStarted', 102],
      [4, 'DecisionTaskCompleted', 103],
      [5, 'ActivityTaskScheduled', 104],
      [6, 'ActivityTaskStarted', 105],
      [7, 'ActivityTaskCompleted', 106],
      [8, 'DecisionTaskScheduled', 107],
      [9, 'DecisionTaskStarted', 108],
    ]);
    expect(events[0]?.workflowExecutionStartedEventAttributes).toMatchObject({
      workflowType: { name: 'HelloWorld', version: '1.0' },
      input: 'World',
    });
    expect(events[3]?.decisionTaskCompletedEventAttributes).toEqual({ scheduledEventId: 2, startedEventId: 3 });
    expect(events[4]?.activityTaskScheduledEventAttributes).toMatchObject({
      activityId: '1',
      activityType: { name: 'Echo', version: '1.0' },
      input: '["World"]',
      decisionTaskCompletedEventId: 4,
    });
    expect(events[6]?.activityTaskCompletedEventAttributes).toEqual({
      scheduledEventId: 5,
      startedEventId: 6,
      result: '"Hello, World"',
    });
    expect(normalizeHistory({ events })[8]?.eventTimestamp).toEqual(new Date(108_000));
  });

  it('refers to open activities, timers and children by id or by recency', () => {
    const b = historyBuilder()
      .workflowStarted()
      .decisionTask()
      .activityScheduled({ name: 'A', version: '2' }, { activityId: 'a' })
      .activityScheduled('B', { activityId: 'b' })
      .timerStarted('t1', '30s')
      .childInitiated('Child', 'child-1', { args: [1] })
      .activityStarted('a')
      .activityStarted()
      .activityFailed(ApplicationFailure.nonRetryable('declined', 'CardDeclined'), { activityId: 'a' })
      .activityTimedOut('HEARTBEAT')
      .wait('30s')
      .timerFired()
      .childStarted()
      .childCompleted({ ok: true });
    const events = b.build().events;
    const byType = (t: string) => events.filter((e) => e.eventType === t);
    expect(byType('ActivityTaskStarted').map((e) => e.activityTaskStartedEventAttributes)).toMatchObject([
      { scheduledEventId: 5 },
      { scheduledEventId: 6 },
    ]);
    expect(byType('ActivityTaskFailed')[0]?.activityTaskFailedEventAttributes).toMatchObject({
      scheduledEventId: 5,
      startedEventId: 9,
      reason: 'CardDeclined',
    });
    expect(
      JSON.parse((byType('ActivityTaskFailed')[0]?.activityTaskFailedEventAttributes as { details: string }).details),
    ).toMatchObject({
      type: 'CardDeclined',
      message: 'declined',
      nonRetryable: true,
    });
    expect(byType('ActivityTaskTimedOut')[0]?.activityTaskTimedOutEventAttributes).toEqual({
      scheduledEventId: 6,
      startedEventId: 10,
      timeoutType: 'HEARTBEAT',
    });
    expect(byType('TimerStarted')[0]?.timerStartedEventAttributes).toMatchObject({
      timerId: 't1',
      startToFireTimeout: '30',
    });
    expect(byType('TimerFired')[0]).toMatchObject({
      eventTimestamp: 1_700_000_042,
      timerFiredEventAttributes: { timerId: 't1', startedEventId: 7 },
    });
    expect(byType('ChildWorkflowExecutionCompleted')[0]?.childWorkflowExecutionCompletedEventAttributes).toEqual({
      workflowExecution: { workflowId: 'child-1', runId: 'run-child-1' },
      workflowType: { name: 'Child', version: '1.0' },
      initiatedEventId: 8,
      startedEventId: 14,
      result: '{"ok":true}',
    });
  });

  it('covers signals, markers, cancel requests and workflow closes', () => {
    const events = historyBuilder()
      .workflowStarted({ args: [{ id: 1 }] })
      .signaled('cancel')
      .signaled('approve', ['yes'])
      .cancelRequested()
      .decisionTask('{"state":1}')
      .markerRecorded('SideEffect', 42)
      .activityScheduled('X')
      .activityCancelRequested()
      .activityCanceled()
      .workflowCanceled()
      .build().events;
    expect(events[0]?.workflowExecutionStartedEventAttributes).toMatchObject({ input: '[{"id":1}]' });
    expect(events[1]?.workflowExecutionSignaledEventAttributes).toEqual({
      signalName: 'cancel',
      externalInitiatedEventId: 0,
    });
    expect(events[2]?.workflowExecutionSignaledEventAttributes).toMatchObject({
      signalName: 'approve',
      input: '["yes"]',
    });
    expect(events[3]?.eventType).toBe('WorkflowExecutionCancelRequested');
    expect(events[6]?.decisionTaskCompletedEventAttributes).toMatchObject({ executionContext: '{"state":1}' });
    expect(events[7]?.markerRecordedEventAttributes).toEqual({
      markerName: 'SideEffect',
      details: '42',
      decisionTaskCompletedEventId: 7,
    });
    expect(events[9]?.activityTaskCancelRequestedEventAttributes).toEqual({
      activityId: '1',
      decisionTaskCompletedEventId: 7,
    });
    expect(events[11]?.workflowExecutionCanceledEventAttributes).toEqual({ decisionTaskCompletedEventId: 7 });
  });

  it('says what is wrong when events are out of place', () => {
    expect(() => historyBuilder().workflowStarted().activityScheduled('A')).toThrow(/add decisionTask\(\) before/);
    expect(() => historyBuilder().workflowStarted().activityCompleted(1)).toThrow(ValidationError);
    expect(() => historyBuilder().workflowStarted().timerFired('nope')).toThrow(/no open timer 'nope'/);
    expect(() => historyBuilder().workflowStarted().workflowStarted()).toThrow(/must be the first event/);
  });
});
