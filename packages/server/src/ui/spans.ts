/**
 * What a run's history says happened when: one span per activity task, Lambda task, timer, child
 * workflow, signal or cancel request sent to another run, and decision task (scheduled → started →
 * closed, with its outcome) and the instants worth a tick (signals received, markers, cancel
 * requests, decisions SWF refused). Pure: the timeline, the pending-activity and the child tables
 * are drawn from it.
 */
import { openingReference } from '@swf-flow/common';
import { eventAttributes } from './history-table.js';
import type { HistoryEvent } from '../model/wire-types.js';

/**
 * What a span is: an activity task, a Lambda task, a timer, a child workflow, a signal or a cancel
 * request this run sent to another run (`external-signal`, `external-cancel`), or a decision task.
 */
export type SpanKind = 'activity' | 'lambda' | 'timer' | 'child' | 'external-signal' | 'external-cancel' | 'decision';

/** How a span ended: `ok` completed or fired, `bad` failed or timed out, `warn` canceled or terminated, `open` not yet. */
export type Outcome = 'ok' | 'bad' | 'warn' | 'open';

/** One activity task, Lambda task, timer, child workflow, request to another run or decision task. Times are epoch seconds. */
export interface Span {
  kind: SpanKind;
  /** The event that opened it (scheduled, started or initiated). */
  eventId: number;
  /**
   * e.g. `VerifyOrder (activity-1)`, `lambda resize (l-1)`, `timer t1 (30 s)`, `child kid (Order 1.0)`,
   * `signal go → other-run`, `cancel → other-run`, `decision tasks`.
   */
  label: string;
  scheduled: number;
  started?: number;
  closed?: number;
  /** The event type that closed it. */
  closedBy?: string;
  outcome: Outcome;
  /** Activity id, Lambda task id, timer id, or the workflow id of the child or the other run. */
  id?: string;
  /** The type (activities and children). */
  type?: { name: string; version: string };
  /** The child's run, once it started. */
  run?: { workflowId: string; runId: string };
}

/**
 * An instant on the timeline: a signal received, a marker, a cancel request of this run, or a
 * decision SWF refused (`decision-failed`: its `…Failed` event, e.g. `ScheduleActivityTaskFailed`).
 */
export interface Tick {
  kind: 'signal' | 'marker' | 'cancel-request' | 'decision-failed';
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
  LambdaFunctionCompleted: 'ok',
  LambdaFunctionFailed: 'bad',
  LambdaFunctionTimedOut: 'bad',
  StartLambdaFunctionFailed: 'bad',
  ExternalWorkflowExecutionSignaled: 'ok',
  SignalExternalWorkflowExecutionFailed: 'bad',
  ExternalWorkflowExecutionCancelRequested: 'ok',
  RequestCancelExternalWorkflowExecutionFailed: 'bad',
  DecisionTaskCompleted: 'ok',
  DecisionTaskTimedOut: 'bad',
};

const isStart = (type: string): boolean =>
  type === 'ActivityTaskStarted' ||
  type === 'LambdaFunctionStarted' ||
  type === 'ChildWorkflowExecutionStarted' ||
  type === 'DecisionTaskStarted';

/**
 * The events by which SWF refuses a decision without opening anything (the decision's `cause` says
 * why). `StartChildWorkflowExecutionFailed` and `StartLambdaFunctionFailed` are not here: they close
 * a span their decision opened.
 */
const DECISION_FAILED = new Set([
  'ScheduleActivityTaskFailed',
  'RequestCancelActivityTaskFailed',
  'StartTimerFailed',
  'CancelTimerFailed',
  'ScheduleLambdaFunctionFailed',
  'RecordMarkerFailed',
  'CompleteWorkflowExecutionFailed',
  'FailWorkflowExecutionFailed',
  'CancelWorkflowExecutionFailed',
  'ContinueAsNewWorkflowExecutionFailed',
]);

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
      case 'LambdaFunctionScheduled':
        open({ ...base, kind: 'lambda', label: `lambda ${String(a.name)} (${String(a.id)})`, id: String(a.id) });
        continue;
      case 'SignalExternalWorkflowExecutionInitiated':
        open({
          ...base,
          kind: 'external-signal',
          started: at,
          label: `signal ${String(a.signalName)} → ${String(a.workflowId)}`,
          id: String(a.workflowId),
        });
        continue;
      case 'RequestCancelExternalWorkflowExecutionInitiated':
        open({
          ...base,
          kind: 'external-cancel',
          started: at,
          label: `cancel → ${String(a.workflowId)}`,
          id: String(a.workflowId),
        });
        continue;
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
    if (DECISION_FAILED.has(event.eventType)) {
      const what = a.activityId ?? a.timerId ?? a.id ?? a.markerName;
      const subject = typeof what === 'string' ? ` (${what})` : '';
      ticks.push({
        kind: 'decision-failed',
        eventId: event.eventId,
        at,
        label: `${event.eventType}${subject}: ${String(a.cause)}`,
      });
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
