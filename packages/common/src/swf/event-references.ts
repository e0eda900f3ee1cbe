/**
 * Which earlier event of its run an SWF event refers to, attribute by attribute: one table for the
 * replayer (matching outcomes to commands, checking a history's references) and the web UI (drawing
 * an activity, timer or child from its first event to its last).
 */
import type { EventTypeName } from '../history.js';

/** Attribute → the event types it may name. */
export type EventReferences = Readonly<Record<string, readonly EventTypeName[]>>;

const ACTIVITY_OUTCOME: EventReferences = {
  scheduledEventId: ['ActivityTaskScheduled'],
  startedEventId: ['ActivityTaskStarted'],
};
const CHILD_OUTCOME: EventReferences = {
  initiatedEventId: ['StartChildWorkflowExecutionInitiated'],
  startedEventId: ['ChildWorkflowExecutionStarted'],
};
const LAMBDA_OUTCOME: EventReferences = {
  scheduledEventId: ['LambdaFunctionScheduled'],
  startedEventId: ['LambdaFunctionStarted'],
};
const DECISION_TASK: EventReferences = {
  scheduledEventId: ['DecisionTaskScheduled'],
  startedEventId: ['DecisionTaskStarted'],
};

/**
 * Event type → attribute → the event types it may name, for every event that refers to an earlier
 * event of the same run. The first attribute of each names the event that opened what the event
 * continues or closes ({@link openingReference}). Not listed: `decisionTaskCompletedEventId` (every
 * decision event has it) and `externalInitiatedEventId` (an event of another run).
 */
export const EVENT_REFERENCES: { readonly [T in EventTypeName]?: EventReferences } = {
  DecisionTaskStarted: { scheduledEventId: ['DecisionTaskScheduled'] },
  DecisionTaskCompleted: DECISION_TASK,
  DecisionTaskTimedOut: DECISION_TASK,
  ActivityTaskStarted: { scheduledEventId: ['ActivityTaskScheduled'] },
  ActivityTaskCompleted: ACTIVITY_OUTCOME,
  ActivityTaskFailed: ACTIVITY_OUTCOME,
  ActivityTaskTimedOut: ACTIVITY_OUTCOME,
  ActivityTaskCanceled: { ...ACTIVITY_OUTCOME, latestCancelRequestedEventId: ['ActivityTaskCancelRequested'] },
  TimerFired: { startedEventId: ['TimerStarted'] },
  TimerCanceled: { startedEventId: ['TimerStarted'] },
  ChildWorkflowExecutionStarted: { initiatedEventId: ['StartChildWorkflowExecutionInitiated'] },
  ChildWorkflowExecutionCompleted: CHILD_OUTCOME,
  ChildWorkflowExecutionFailed: CHILD_OUTCOME,
  ChildWorkflowExecutionTimedOut: CHILD_OUTCOME,
  ChildWorkflowExecutionCanceled: CHILD_OUTCOME,
  ChildWorkflowExecutionTerminated: CHILD_OUTCOME,
  StartChildWorkflowExecutionFailed: { initiatedEventId: ['StartChildWorkflowExecutionInitiated'] },
  ExternalWorkflowExecutionSignaled: { initiatedEventId: ['SignalExternalWorkflowExecutionInitiated'] },
  SignalExternalWorkflowExecutionFailed: { initiatedEventId: ['SignalExternalWorkflowExecutionInitiated'] },
  ExternalWorkflowExecutionCancelRequested: { initiatedEventId: ['RequestCancelExternalWorkflowExecutionInitiated'] },
  RequestCancelExternalWorkflowExecutionFailed: {
    initiatedEventId: ['RequestCancelExternalWorkflowExecutionInitiated'],
  },
  LambdaFunctionStarted: { scheduledEventId: ['LambdaFunctionScheduled'] },
  LambdaFunctionCompleted: LAMBDA_OUTCOME,
  LambdaFunctionFailed: LAMBDA_OUTCOME,
  LambdaFunctionTimedOut: LAMBDA_OUTCOME,
  StartLambdaFunctionFailed: { scheduledEventId: ['LambdaFunctionScheduled'] },
};

/** The references of an event of type `type` ({@link EVENT_REFERENCES}); none for other types, also unknown ones. */
export function eventReferences(type: string | undefined): EventReferences | undefined {
  return type !== undefined && Object.hasOwn(EVENT_REFERENCES, type)
    ? EVENT_REFERENCES[type as EventTypeName]
    : undefined;
}

/**
 * The attribute by which an event of type `type` names the event that opened what it continues or
 * closes (an ActivityTaskCompleted's `scheduledEventId`, a TimerFired's `startedEventId`), if any.
 */
export function openingReference(type: string | undefined): string | undefined {
  const refs = eventReferences(type);
  return refs === undefined ? undefined : Object.keys(refs)[0];
}
