/**
 * The recorded decision events: which command kind each one matches, what must be equal (the
 * matching key), and how it reads in an error message.
 */
import {
  EVENT_REFERENCES,
  eventAttributes,
  openingReference,
  type DecisionTypeName,
  type EventTypeName,
  type HistoryEvent,
} from '@swf-flow/common';
import type { CommandKind } from './command.js';

type Attrs = Record<string, any>;

/** How a decision event matches a command. */
export interface DecisionEventSpec {
  kind: CommandKind;
  /** A `...Failed` event: SWF rejected the decision. */
  failed: boolean;
  /** What must equal the command's key; `undefined` when the event does not say. */
  key(a: Attrs): string | undefined;
  describe(a: Attrs): string;
  /** The workflowId the event targets (external signal/cancel, child), checked against the code's. */
  target?(a: Attrs): string | undefined;
}

const typeKey = (t: Attrs | undefined): string => `${String(t?.name)} ${String(t?.version)}`;
const spec = (
  kind: CommandKind,
  failed: boolean,
  key: (a: Attrs) => string | undefined,
  describe: (a: Attrs) => string,
): DecisionEventSpec => ({
  kind,
  failed,
  key,
  describe,
});
const targeted = (s: DecisionEventSpec): DecisionEventSpec => ({
  ...s,
  target: (a) => (typeof a.workflowId === 'string' ? a.workflowId : undefined),
});
const closeSpec = (decisionType: DecisionTypeName, failed: boolean): DecisionEventSpec =>
  spec(
    'close',
    failed,
    () => decisionType,
    (a) => (failed ? `(cause ${String(a.cause)})` : ''),
  );

/** Decision event type → how it matches. */
export const DECISION_EVENTS: { readonly [T in EventTypeName]?: DecisionEventSpec } = {
  ActivityTaskScheduled: spec(
    'activity',
    false,
    (a) => typeKey(a.activityType),
    (a) => `${typeKey(a.activityType)} (activityId ${String(a.activityId)})`,
  ),
  ScheduleActivityTaskFailed: spec(
    'activity',
    true,
    (a) => typeKey(a.activityType),
    (a) => `${typeKey(a.activityType)} (activityId ${String(a.activityId)}, cause ${String(a.cause)})`,
  ),
  ActivityTaskCancelRequested: spec(
    'cancelActivity',
    false,
    (a) => String(a.activityId),
    (a) => `activityId ${String(a.activityId)}`,
  ),
  RequestCancelActivityTaskFailed: spec(
    'cancelActivity',
    true,
    (a) => String(a.activityId),
    (a) => `activityId ${String(a.activityId)}, cause ${String(a.cause)}`,
  ),
  TimerStarted: spec(
    'timer',
    false,
    () => '',
    (a) => `(timerId ${String(a.timerId)}, ${String(a.startToFireTimeout)}s)`,
  ),
  StartTimerFailed: spec(
    'timer',
    true,
    () => '',
    (a) => `(timerId ${String(a.timerId)}, cause ${String(a.cause)})`,
  ),
  TimerCanceled: spec(
    'cancelTimer',
    false,
    (a) => String(a.timerId),
    (a) => `timerId ${String(a.timerId)}`,
  ),
  CancelTimerFailed: spec(
    'cancelTimer',
    true,
    (a) => String(a.timerId),
    (a) => `timerId ${String(a.timerId)}, cause ${String(a.cause)}`,
  ),
  MarkerRecorded: spec(
    'marker',
    false,
    (a) => String(a.markerName),
    (a) => String(a.markerName),
  ),
  RecordMarkerFailed: spec(
    'marker',
    true,
    (a) => String(a.markerName),
    (a) => `${String(a.markerName)} (cause ${String(a.cause)})`,
  ),
  StartChildWorkflowExecutionInitiated: targeted(
    spec(
      'child',
      false,
      (a) => typeKey(a.workflowType),
      (a) => `${typeKey(a.workflowType)} (workflowId ${String(a.workflowId)})`,
    ),
  ),
  StartChildWorkflowExecutionFailed: targeted(
    spec(
      'child',
      true,
      (a) => typeKey(a.workflowType),
      (a) => `${typeKey(a.workflowType)} (workflowId ${String(a.workflowId)}, cause ${String(a.cause)})`,
    ),
  ),
  SignalExternalWorkflowExecutionInitiated: targeted(
    spec(
      'signalExternal',
      false,
      (a) => String(a.signalName),
      (a) => `${String(a.signalName)} to ${String(a.workflowId)}`,
    ),
  ),
  SignalExternalWorkflowExecutionFailed: targeted(
    spec(
      'signalExternal',
      true,
      () => undefined,
      (a) => `to ${String(a.workflowId)} (cause ${String(a.cause)})`,
    ),
  ),
  RequestCancelExternalWorkflowExecutionInitiated: targeted(
    spec(
      'cancelExternal',
      false,
      () => '',
      (a) => `to ${String(a.workflowId)}`,
    ),
  ),
  RequestCancelExternalWorkflowExecutionFailed: targeted(
    spec(
      'cancelExternal',
      true,
      () => '',
      (a) => `to ${String(a.workflowId)} (cause ${String(a.cause)})`,
    ),
  ),
  LambdaFunctionScheduled: spec(
    'lambda',
    false,
    (a) => String(a.name),
    (a) => `${String(a.name)} (id ${String(a.id)})`,
  ),
  ScheduleLambdaFunctionFailed: spec(
    'lambda',
    true,
    (a) => String(a.name),
    (a) => `${String(a.name)} (id ${String(a.id)}, cause ${String(a.cause)})`,
  ),
  WorkflowExecutionCompleted: closeSpec('CompleteWorkflowExecution', false),
  CompleteWorkflowExecutionFailed: closeSpec('CompleteWorkflowExecution', true),
  WorkflowExecutionFailed: closeSpec('FailWorkflowExecution', false),
  FailWorkflowExecutionFailed: closeSpec('FailWorkflowExecution', true),
  WorkflowExecutionCanceled: closeSpec('CancelWorkflowExecution', false),
  CancelWorkflowExecutionFailed: closeSpec('CancelWorkflowExecution', true),
  WorkflowExecutionContinuedAsNew: closeSpec('ContinueAsNewWorkflowExecution', false),
  ContinueAsNewWorkflowExecutionFailed: closeSpec('ContinueAsNewWorkflowExecution', true),
};

/**
 * Later events that refer to a recorded decision event, and the attribute holding its id: the
 * events whose opening reference ({@link openingReference}) names a decision event, and which are
 * not matched as decision events themselves — except the three `...Failed` events that name an
 * initiated event (`targeted`): they are resolved through this table when that event is known,
 * and matched as decision events otherwise.
 */
export const REFERRING_EVENTS: { readonly [T in EventTypeName]?: string } = Object.fromEntries(
  (Object.keys(EVENT_REFERENCES) as EventTypeName[]).flatMap((type) => {
    const attribute = openingReference(type);
    const names = attribute === undefined ? [] : (EVENT_REFERENCES[type]?.[attribute] ?? []);
    const own = DECISION_EVENTS[type];
    const refers = names.some((name) => DECISION_EVENTS[name] !== undefined);
    return refers && (own === undefined || own.target !== undefined) ? [[type, attribute]] : [];
  }),
);

/**
 * How a decision event of type `type` matches a command; `undefined` for other events (also for an
 * event type outside SWF's, which a hand-made history may carry).
 */
export function decisionEventSpec(type: EventTypeName | undefined): DecisionEventSpec | undefined {
  return DECISION_EVENT_SPECS.get(type);
}

/** The attribute by which an event of type `type` refers to a recorded decision event, if it does. */
export function referringAttribute(type: EventTypeName | undefined): string | undefined {
  return REFERRING_ATTRIBUTES.get(type);
}

// The tables as Maps for the per-event look-ups (a Map of own entries only: no prototype to guard).
const DECISION_EVENT_SPECS: ReadonlyMap<EventTypeName | undefined, DecisionEventSpec> = new Map(
  Object.entries(DECISION_EVENTS) as [EventTypeName, DecisionEventSpec][],
);
const REFERRING_ATTRIBUTES: ReadonlyMap<EventTypeName | undefined, string> = new Map(
  Object.entries(REFERRING_EVENTS) as [EventTypeName, string][],
);

/**
 * The referring events after which no event refers to the same decision event again: the command
 * is settled, and the replayer lets go of it (see `DecisionMatcher.release`).
 */
const FINAL_REFERENCES: ReadonlySet<EventTypeName | undefined> = new Set<EventTypeName>([
  'ActivityTaskCompleted',
  'ActivityTaskFailed',
  'ActivityTaskTimedOut',
  'ActivityTaskCanceled',
  'TimerFired',
  'ChildWorkflowExecutionCompleted',
  'ChildWorkflowExecutionFailed',
  'ChildWorkflowExecutionTimedOut',
  'ChildWorkflowExecutionCanceled',
  'ChildWorkflowExecutionTerminated',
  'StartChildWorkflowExecutionFailed',
  'ExternalWorkflowExecutionSignaled',
  'SignalExternalWorkflowExecutionFailed',
  'ExternalWorkflowExecutionCancelRequested',
  'RequestCancelExternalWorkflowExecutionFailed',
  'LambdaFunctionCompleted',
  'LambdaFunctionFailed',
  'LambdaFunctionTimedOut',
  'StartLambdaFunctionFailed',
]);

/** Whether an event of type `type` is the last one that refers to its decision event. */
export function isFinalReference(type: EventTypeName | undefined): boolean {
  return FINAL_REFERENCES.has(type);
}

/** A readable description of a recorded event for error messages. */
export function describeEvent(event: HistoryEvent): string {
  const type = event.eventType ?? 'UnknownEvent';
  const s = decisionEventSpec(event.eventType);
  const detail = s ? s.describe(eventAttributes<Attrs>(event)) : '';
  return `${type}${detail ? ` ${detail}` : ''} (event ${event.eventId ?? '?'})`;
}
