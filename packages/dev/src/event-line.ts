/** One readable line per SWF history event, for printing progress as it happens. */
import { eventAttributes, type HistoryEvent } from '@swf-flow/common';

const MAX_VALUE = 60;

function short(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (text === undefined) return '';
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

/** Remembers what each scheduled activity, Lambda task, timer and child is, to name the events that refer to it. */
export class EventNamer {
  private readonly names = new Map<number, string>();

  /** What the event is about: the activity's name, the timer, the signal, the result, ... */
  detail(event: HistoryEvent): string {
    const a = eventAttributes<Record<string, unknown>>(event) ?? {};
    const ref = (key: string): string => this.names.get(Number(a[key])) ?? '';
    switch (event.eventType) {
      case 'ActivityTaskScheduled': {
        const type = a.activityType as { name?: string } | undefined;
        const name = `${type?.name ?? '?'} (${String(a.activityId)})`;
        this.names.set(event.eventId ?? 0, name);
        return name;
      }
      case 'ActivityTaskStarted':
      case 'ActivityTaskCancelRequested':
        return ref('scheduledEventId') || String(a.activityId ?? '');
      case 'ActivityTaskCompleted':
        return [ref('scheduledEventId'), a.result === undefined ? '' : `-> ${short(a.result)}`]
          .filter(Boolean)
          .join(' ');
      case 'ActivityTaskFailed':
        return `${ref('scheduledEventId')} ${String(a.reason ?? '')}`.trim();
      case 'ActivityTaskTimedOut':
        return `${ref('scheduledEventId')} ${String(a.timeoutType ?? '')}`.trim();
      case 'ActivityTaskCanceled':
        return ref('scheduledEventId');
      case 'LambdaFunctionScheduled': {
        const name = `${String(a.name)} (${String(a.id)})`;
        this.names.set(event.eventId ?? 0, name);
        return name;
      }
      case 'LambdaFunctionStarted':
        return ref('scheduledEventId');
      case 'LambdaFunctionCompleted':
        return [ref('scheduledEventId'), a.result === undefined ? '' : `-> ${short(a.result)}`]
          .filter(Boolean)
          .join(' ');
      case 'LambdaFunctionFailed':
        return `${ref('scheduledEventId')} ${String(a.reason ?? '')}`.trim();
      case 'LambdaFunctionTimedOut':
        return `${ref('scheduledEventId')} ${String(a.timeoutType ?? '')}`.trim();
      case 'StartLambdaFunctionFailed':
        return `${ref('scheduledEventId')} ${String(a.cause ?? '')}`.trim();
      case 'TimerStarted': {
        const name = `${String(a.timerId)} (${String(a.startToFireTimeout)}s)`;
        this.names.set(event.eventId ?? 0, name);
        return name;
      }
      case 'TimerFired':
      case 'TimerCanceled':
        return ref('startedEventId') || String(a.timerId ?? '');
      case 'WorkflowExecutionSignaled':
        return `${String(a.signalName)}${a.input === undefined ? '' : ` ${short(a.input)}`}`;
      case 'StartChildWorkflowExecutionInitiated': {
        const type = a.workflowType as { name?: string } | undefined;
        const name = `${type?.name ?? '?'} ${String(a.workflowId)}`;
        this.names.set(event.eventId ?? 0, name);
        return name;
      }
      case 'ChildWorkflowExecutionStarted':
      case 'ChildWorkflowExecutionFailed':
      case 'ChildWorkflowExecutionCanceled':
        return ref('initiatedEventId');
      case 'ChildWorkflowExecutionCompleted':
        return `${ref('initiatedEventId')} -> ${short(a.result)}`;
      case 'WorkflowExecutionStarted':
        return a.input === undefined ? '' : short(a.input);
      case 'WorkflowExecutionCompleted':
        return a.result === undefined ? '' : short(a.result);
      case 'WorkflowExecutionFailed':
        return `${String(a.reason ?? '')} ${short(a.details ?? '')}`.trim();
      case 'WorkflowExecutionContinuedAsNew':
        return `new run ${String(a.newExecutionRunId)}`;
      case 'MarkerRecorded':
        return String(a.markerName ?? '');
      default:
        return typeof a.cause === 'string' ? a.cause : '';
    }
  }

  /** `  5 ActivityTaskScheduled        VerifyOrder (activity-1)` */
  line(event: HistoryEvent): string {
    const id = String(event.eventId ?? '?').padStart(3);
    const type = (event.eventType ?? '?').padEnd(34);
    return `${id} ${type} ${this.detail(event)}`.trimEnd();
  }
}
