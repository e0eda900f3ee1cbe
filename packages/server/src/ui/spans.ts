/**
 * What a run's history says happened when: one span per activity task, timer, child workflow and
 * decision task (scheduled → started → closed, with its outcome) and the instants worth a tick
 * (signals, markers, cancel requests). Pure: the timeline, the pending-activity and the child tables
 * are drawn from it.
 */
import { openingReference } from '@swf-flow/common';
import { eventAttributes } from './history-table.js';
import type { HistoryEvent } from '../model/wire-types.js';

/** What a span is. */
export type SpanKind = 'activity' | 'timer' | 'child' | 'decision';

/** How a span ended: `ok` completed or fired, `bad` failed or timed out, `warn` canceled or terminated, `open` not yet. */
export type Outcome = 'ok' | 'bad' | 'warn' | 'open';

/** One activity task, timer, child workflow or decision task. Times are epoch seconds. */
export interface Span {
  kind: SpanKind;
  /** The event that opened it (scheduled, started or initiated). */
  eventId: number;
  /** e.g. `VerifyOrder (activity-1)`, `timer-1 (30 s)`, `child-1 Order 1.0`, `decision task`. */
  label: string;
  scheduled: number;
  started?: number;
  closed?: number;
  /** The event type that closed it. */
  closedBy?: string;
  outcome: Outcome;
  /** Activity id, timer id or child workflow id. */
  id?: string;
  /** The type (activities and children). */
  type?: { name: string; version: string };
  /** The child's run, once it started. */
  run?: { workflowId: string; runId: string };
}

/** A signal, marker or cancel request: an instant on the timeline. */
export interface Tick {
  kind: 'signal' | 'marker' | 'cancel-request';
  eventId: number;
  at: number;
  label: string;
}

/** The spans (in the order they opened) and ticks of a history. */
export interface RunPicture {
  spans: Span[];
  ticks: Tick[];
}

const OUTCOMES: Record<string, Outcome> = {
  ActivityTaskCompleted: 'ok',
  ActivityTaskFailed: 'bad',
  ActivityTaskTimedOut: 'bad',
  ActivityTaskCanceled: 'warn',
  TimerFired: 'ok',
  TimerCanceled: 'warn',
  ChildWorkflowExecutionCompleted: 'ok',
  ChildWorkflowExecutionFailed: 'bad',
  ChildWorkflowExecutionTimedOut: 'bad',
  ChildWorkflowExecutionCanceled: 'warn',
  ChildWorkflowExecutionTerminated: 'warn',
  StartChildWorkflowExecutionFailed: 'bad',
  DecisionTaskCompleted: 'ok',
  DecisionTaskTimedOut: 'bad',
};

const isStart = (type: string): boolean =>
  type === 'ActivityTaskStarted' || type === 'ChildWorkflowExecutionStarted' || type === 'DecisionTaskStarted';

function nameVersion(value: unknown): { name: string; version: string } | undefined {
  const v = value as { name?: unknown; version?: unknown } | undefined;
  return typeof v?.name === 'string' && typeof v.version === 'string'
    ? { name: v.name, version: v.version }
    : undefined;
}

/** Reads the spans and ticks out of `events` (oldest first). */
export function runPicture(events: readonly HistoryEvent[]): RunPicture {
  const spans: Span[] = [];
  const byEvent = new Map<number, Span>();
  const ticks: Tick[] = [];
  const open = (span: Span): void => {
    spans.push(span);
    byEvent.set(span.eventId, span);
  };
  for (const event of events) {
    const a = eventAttributes(event);
    const at = event.eventTimestamp;
    const base = { eventId: event.eventId, scheduled: at, outcome: 'open' as const };
    switch (event.eventType) {
      case 'ActivityTaskScheduled': {
        const type = nameVersion(a.activityType);
        open({
          ...base,
          kind: 'activity',
          label: `${type?.name ?? '?'} (${String(a.activityId)})`,
          id: String(a.activityId),
          ...(type ? { type } : {}),
        });
        continue;
      }
      case 'TimerStarted':
        open({
          ...base,
          kind: 'timer',
          started: at,
          label: `timer ${String(a.timerId)} (${String(a.startToFireTimeout)} s)`,
          id: String(a.timerId),
        });
        continue;
      case 'StartChildWorkflowExecutionInitiated': {
        const type = nameVersion(a.workflowType);
        open({
          ...base,
          kind: 'child',
          label: `child ${String(a.workflowId)} (${type?.name ?? '?'} ${type?.version ?? ''})`.replace(' )', ')'),
          id: String(a.workflowId),
          ...(type ? { type } : {}),
        });
        continue;
      }
      case 'DecisionTaskScheduled':
        open({ ...base, kind: 'decision', label: 'decision tasks' });
        continue;
      case 'WorkflowExecutionSignaled':
        ticks.push({ kind: 'signal', eventId: event.eventId, at, label: `signal ${String(a.signalName)}` });
        continue;
      case 'MarkerRecorded':
        ticks.push({ kind: 'marker', eventId: event.eventId, at, label: `marker ${String(a.markerName)}` });
        continue;
      case 'WorkflowExecutionCancelRequested':
        ticks.push({ kind: 'cancel-request', eventId: event.eventId, at, label: 'cancel requested' });
        continue;
    }
    const ref = openingReference(event.eventType); // the attribute naming the span's first event
    const span = ref === undefined ? undefined : byEvent.get(Number(a[ref]));
    if (!span) continue;
    if (isStart(event.eventType)) {
      span.started = at;
      const run = a.workflowExecution as { workflowId?: unknown; runId?: unknown } | undefined;
      if (typeof run?.workflowId === 'string' && typeof run.runId === 'string')
        span.run = { workflowId: run.workflowId, runId: run.runId };
      continue;
    }
    span.closed = at;
    span.closedBy = event.eventType;
    span.outcome = OUTCOMES[event.eventType] ?? 'bad';
  }
  return { spans, ticks };
}
