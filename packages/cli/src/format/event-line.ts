/**
 * One readable line per history event: id, time, type and what it is about (the activity, the
 * timer, the signal, the result, ...), naming the events that refer back to an earlier one.
 */
import { eventAttributes, type HistoryEvent } from '@swf-flow/common';
import { type Palette, palette } from '../color.js';

const MAX_VALUE = 80;

function short(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (text === undefined) return '';
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

function typeName(value: unknown): string {
  const t = value as { name?: string; version?: string } | undefined;
  return t?.name ? `${t.name}@${t.version ?? '?'}` : '?';
}

/** Remembers what each scheduled activity, timer and child is, to name the events that refer to it. */
export class EventLines {
  private readonly names = new Map<number, string>();

  private remember(event: HistoryEvent, name: string): string {
    this.names.set(event.eventId ?? 0, name);
    return name;
  }

  /** What the event is about. */
  detail(event: HistoryEvent): string {
    const a = eventAttributes<Record<string, unknown>>(event) ?? {};
    const ref = (key: string): string => this.names.get(Number(a[key])) ?? '';
    const arrow = (key: string): string => (a[key] === undefined ? '' : `-> ${short(a[key])}`);
    switch (event.eventType) {
      case 'WorkflowExecutionStarted':
        return [typeName(a.workflowType), a.input === undefined ? '' : short(a.input)].filter(Boolean).join(' ');
      case 'ActivityTaskScheduled':
        return this.remember(event, `${typeName(a.activityType)} (${String(a.activityId)})`);
      case 'ActivityTaskStarted':
      case 'ActivityTaskCanceled':
      case 'ActivityTaskCancelRequested':
        return ref('scheduledEventId') || String(a.activityId ?? '');
      case 'ActivityTaskCompleted':
        return [ref('scheduledEventId'), arrow('result')].filter(Boolean).join(' ');
      case 'ActivityTaskFailed':
        return `${ref('scheduledEventId')} ${String(a.reason ?? '')}`.trim();
      case 'ActivityTaskTimedOut':
        return `${ref('scheduledEventId')} ${String(a.timeoutType ?? '')}`.trim();
      case 'TimerStarted':
        return this.remember(event, `${String(a.timerId)} (${String(a.startToFireTimeout)}s)`);
      case 'TimerFired':
      case 'TimerCanceled':
        return ref('startedEventId') || String(a.timerId ?? '');
      case 'WorkflowExecutionSignaled':
        return `${String(a.signalName)}${a.input === undefined ? '' : ` ${short(a.input)}`}`;
      case 'StartChildWorkflowExecutionInitiated':
        return this.remember(event, `${typeName(a.workflowType)} ${String(a.workflowId)}`);
      case 'ChildWorkflowExecutionStarted':
      case 'ChildWorkflowExecutionFailed':
      case 'ChildWorkflowExecutionCanceled':
      case 'ChildWorkflowExecutionTerminated':
      case 'ChildWorkflowExecutionTimedOut':
        return ref('initiatedEventId');
      case 'ChildWorkflowExecutionCompleted':
        return `${ref('initiatedEventId')} ${arrow('result')}`.trim();
      case 'WorkflowExecutionCompleted':
        return arrow('result');
      case 'WorkflowExecutionFailed':
      case 'WorkflowExecutionTerminated':
        return `${String(a.reason ?? a.cause ?? '')} ${short(a.details ?? '')}`.trim();
      case 'WorkflowExecutionContinuedAsNew':
        return `new run ${String(a.newExecutionRunId)}`;
      case 'MarkerRecorded':
        return String(a.markerName ?? '');
      case 'DecisionTaskStarted':
        return typeof a.identity === 'string' ? `by ${a.identity}` : '';
      default:
        return typeof a.cause === 'string' ? a.cause : '';
    }
  }

  /** `  5  2026-11-22T20:03:46.120Z  ActivityTaskScheduled              Echo@1.0 (1)`, coloured by `p`. */
  line(event: HistoryEvent, p: Palette = PLAIN): string {
    const id = String(event.eventId ?? '?').padStart(4);
    const time = event.eventTimestamp instanceof Date ? event.eventTimestamp.toISOString() : '-'.padEnd(24);
    const type = (event.eventType ?? '?').padEnd(42);
    const detail = this.detail(event);
    return `${id}  ${p.dim(time)}  ${typeColor(p, event.eventType ?? '')(type)} ${detail}`.trimEnd();
  }
}

const PLAIN = palette(false);

/** Outcomes in colour: completed and fired green, failed and timed out red, canceled and terminated yellow, signals cyan. */
function typeColor(p: Palette, type: string): (text: string) => string {
  if (/(Completed|Fired)$/.test(type) && type !== 'DecisionTaskCompleted') return p.green;
  if (/(Failed|TimedOut)$/.test(type)) return p.red;
  if (/(Canceled|Terminated|CancelRequested)$/.test(type)) return p.yellow;
  if (type === 'WorkflowExecutionSignaled' || type === 'MarkerRecorded') return p.cyan;
  return (text) => text;
}
