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
});
