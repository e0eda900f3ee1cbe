import { describe, expect, it } from 'vitest';
import type { EventType, HistoryEvent } from '../model/wire-types.js';
import { runPicture } from './spans.js';

let id = 0;
const ev = (t: number, eventType: EventType, attrs: Record<string, unknown> = {}): HistoryEvent => {
  const key = `${eventType[0]?.toLowerCase()}${eventType.slice(1)}EventAttributes`;
  return { eventId: ++id, eventTimestamp: t, eventType, [key]: attrs } as HistoryEvent;
};

describe('runPicture', () => {
  it('reads activities, timers, children and decision tasks as spans with outcomes, and signals and markers as ticks', () => {
    id = 0;
    const events = [
      ev(0, 'WorkflowExecutionStarted'),
      ev(0, 'DecisionTaskScheduled'), // 2
      ev(1, 'DecisionTaskStarted', { scheduledEventId: 2 }),
      ev(1, 'DecisionTaskCompleted', { scheduledEventId: 2 }),
      ev(1, 'ActivityTaskScheduled', { activityId: 'a1', activityType: { name: 'A', version: '1' } }), // 5
      ev(1, 'TimerStarted', { timerId: 't1', startToFireTimeout: '30' }), // 6
      ev(1, 'StartChildWorkflowExecutionInitiated', { workflowId: 'kid', workflowType: { name: 'K', version: '2' } }), // 7
      ev(2, 'ActivityTaskStarted', { scheduledEventId: 5 }),
      ev(2, 'ChildWorkflowExecutionStarted', {
        initiatedEventId: 7,
        workflowExecution: { workflowId: 'kid', runId: 'r1' },
      }),
      ev(3, 'WorkflowExecutionSignaled', { signalName: 'go' }),
      ev(4, 'ActivityTaskFailed', { scheduledEventId: 5 }),
      ev(5, 'TimerCanceled', { startedEventId: 6 }),
      ev(6, 'MarkerRecorded', { markerName: 'm' }),
    ];
    const { spans, ticks } = runPicture(events);
    expect(spans.map((s) => [s.kind, s.label, s.scheduled, s.started, s.closed, s.outcome])).toEqual([
      ['decision', 'decision tasks', 0, 1, 1, 'ok'],
      ['activity', 'A (a1)', 1, 2, 4, 'bad'],
      ['timer', 'timer t1 (30 s)', 1, 1, 5, 'warn'],
      ['child', 'child kid (K 2)', 1, 2, undefined, 'open'],
    ]);
    expect(spans[3]?.run).toEqual({ workflowId: 'kid', runId: 'r1' });
    expect(ticks.map((t) => [t.kind, t.at, t.label])).toEqual([
      ['signal', 3, 'signal go'],
      ['marker', 6, 'marker m'],
    ]);
  });

  it('reads Lambda tasks and the signals and cancel requests sent to other runs as spans, and refused decisions as ticks', () => {
    id = 0;
    const events = [
      ev(0, 'WorkflowExecutionStarted'),
      ev(1, 'LambdaFunctionScheduled', { id: 'l1', name: 'resize' }), // 2
      ev(1, 'LambdaFunctionScheduled', { id: 'l2', name: 'crop' }), // 3
      ev(1, 'SignalExternalWorkflowExecutionInitiated', { workflowId: 'other', signalName: 'go' }), // 4
      ev(1, 'RequestCancelExternalWorkflowExecutionInitiated', { workflowId: 'gone' }), // 5
      ev(1, 'ScheduleActivityTaskFailed', { activityId: 'a9', cause: 'ACTIVITY_TYPE_DOES_NOT_EXIST' }),
      ev(1, 'CompleteWorkflowExecutionFailed', { cause: 'UNHANDLED_DECISION' }),
      ev(2, 'LambdaFunctionStarted', { scheduledEventId: 2 }),
      ev(3, 'LambdaFunctionCompleted', { scheduledEventId: 2, startedEventId: 8 }),
      ev(3, 'StartLambdaFunctionFailed', { scheduledEventId: 3, cause: 'ASSUME_ROLE_FAILED' }),
      ev(4, 'ExternalWorkflowExecutionSignaled', { initiatedEventId: 4 }),
      ev(5, 'RequestCancelExternalWorkflowExecutionFailed', {
        initiatedEventId: 5,
        cause: 'UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION',
      }),
    ];
    const { spans, ticks } = runPicture(events);
    expect(spans.map((s) => [s.kind, s.label, s.scheduled, s.started, s.closed, s.closedBy, s.outcome])).toEqual([
      ['lambda', 'lambda resize (l1)', 1, 2, 3, 'LambdaFunctionCompleted', 'ok'],
      ['lambda', 'lambda crop (l2)', 1, undefined, 3, 'StartLambdaFunctionFailed', 'bad'],
      ['external-signal', 'signal go → other', 1, 1, 4, 'ExternalWorkflowExecutionSignaled', 'ok'],
      ['external-cancel', 'cancel → gone', 1, 1, 5, 'RequestCancelExternalWorkflowExecutionFailed', 'bad'],
    ]);
    expect(ticks.map((t) => [t.kind, t.eventId, t.label])).toEqual([
      ['decision-failed', 6, 'ScheduleActivityTaskFailed (a9): ACTIVITY_TYPE_DOES_NOT_EXIST'],
      ['decision-failed', 7, 'CompleteWorkflowExecutionFailed: UNHANDLED_DECISION'],
    ]);
  });
});
