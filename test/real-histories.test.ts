import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { eventAttributes, type HistoryEvent } from '@swf-flow/common';
import { loadHistory, replayHistory, type WorkflowFunction } from '@swf-flow/testing';
import {
  activityFailed,
  cancelRequested,
  childWorkflowFailed,
  signalsParallelActivities,
  timersAndCancelTimer,
} from './simpleflow-ports.js';

const dir = fileURLToPath(new URL('./fixtures/swf-real/', import.meta.url));
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();

/** The decision type behind each decision event. */
const DECISION_OF: Record<string, string> = {
  ActivityTaskScheduled: 'ScheduleActivityTask',
  ActivityTaskCancelRequested: 'RequestCancelActivityTask',
  TimerStarted: 'StartTimer',
  TimerCanceled: 'CancelTimer',
  MarkerRecorded: 'RecordMarker',
  StartChildWorkflowExecutionInitiated: 'StartChildWorkflowExecution',
  WorkflowExecutionCompleted: 'CompleteWorkflowExecution',
  WorkflowExecutionFailed: 'FailWorkflowExecution',
  WorkflowExecutionCanceled: 'CancelWorkflowExecution',
};

/** What simpleflow decided in the decision task started at `startedEventId`, as decision types. */
function recordedDecisions(events: HistoryEvent[], startedEventId: number): string[] {
  const completed = events.find(
    (e) =>
      e.eventType === 'DecisionTaskCompleted' &&
      eventAttributes<{ startedEventId?: number }>(e).startedEventId === startedEventId,
  );
  if (!completed) return [];
  return events
    .filter(
      (e) =>
        eventAttributes<{ decisionTaskCompletedEventId?: number }>(e).decisionTaskCompletedEventId ===
        completed.eventId,
    )
    .map((e) => DECISION_OF[e.eventType ?? ''] ?? `unmapped ${e.eventType}`);
}

const ports: [string, WorkflowFunction, string][] = [
  ['simpleflow_timers_and_cancel_timer.json', timersAndCancelTimer, 'COMPLETED'],
  ['simpleflow_signals_parallel_activities.json', signalsParallelActivities, 'COMPLETED'],
  ['simpleflow_activity_failed.json', activityFailed, 'COMPLETED'],
  ['simpleflow_cancel_requested.json', cancelRequested, 'CANCELED'],
  ['simpleflow_child_workflow_failed.json', childWorkflowFailed, 'COMPLETED'],
];

describe('real Amazon SWF histories (recorded by simpleflow)', () => {
  it('are all here', () => {
    expect(files).toEqual([
      'simpleflow_activity_failed.json',
      'simpleflow_cancel_requested.json',
      'simpleflow_child_workflow_failed.json',
      'simpleflow_signals_parallel_activities.json',
      'simpleflow_timers_and_cancel_timer.json',
    ]);
  });

  it.each(files)('%s parses: ids in order, timestamps like 1.492443961284E9 as dates', (file) => {
    const events = loadHistory(dir + file);
    expect(events.map((e) => e.eventId)).toEqual(events.map((_, i) => i + 1));
    expect(events[0]?.eventType).toBe('WorkflowExecutionStarted');
    for (const e of events) expect(e.eventTimestamp?.getUTCFullYear()).toBeGreaterThanOrEqual(2017);
  });

  it('keeps millisecond precision of scientific-notation timestamps', () => {
    expect(loadHistory(dir + 'simpleflow_timers_and_cancel_timer.json')[0]?.eventTimestamp).toEqual(
      new Date(1_492_443_961_284),
    );
  });

  it.each(ports)('%s replays clean against its TypeScript port', async (file, workflow, status) => {
    const out = await replayHistory(dir + file, workflow);
    expect(out.status).toBe(status);
    expect(out.decisions).toEqual([]);
  });

  it.each(ports)(
    '%s cut at each DecisionTaskStarted: the port decides what simpleflow decided',
    async (file, workflow) => {
      const events = loadHistory(dir + file);
      const starts = events.filter((e) => e.eventType === 'DecisionTaskStarted').map((e) => e.eventId ?? 0);
      expect(starts.length).toBeGreaterThanOrEqual(2);
      for (const startedEventId of starts) {
        const out = await replayHistory(events.slice(0, startedEventId), workflow);
        expect({ startedEventId, decisions: out.decisions.map((d) => d.decisionType) }).toEqual({
          startedEventId,
          decisions: recordedDecisions(events, startedEventId),
        });
      }
    },
  );
});
