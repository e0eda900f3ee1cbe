/**
 * What an SWF history event must be for a replay to read it: one of the 54 event types of the SWF
 * API (version 2012-01-25), carrying the members the replayer reads to know what the event is
 * about. Each such member is one SWF's model marks required (the test compares both with
 * `service-2.json`), so every history SWF recorded has them; a history without one was written by
 * hand or by another tool, and replaying it anyway would change what the run decides without
 * saying so (an outcome that settles nothing, a signal named "undefined").
 */
import type { EventTypeName } from '../history.js';
import { EVENT_REFERENCES } from './event-references.js';

/** The 54 event types of the SWF API. */
export const SWF_EVENT_TYPES: readonly EventTypeName[] = [
  'WorkflowExecutionStarted',
  'WorkflowExecutionCancelRequested',
  'WorkflowExecutionCompleted',
  'CompleteWorkflowExecutionFailed',
  'WorkflowExecutionFailed',
  'FailWorkflowExecutionFailed',
  'WorkflowExecutionTimedOut',
  'WorkflowExecutionCanceled',
  'CancelWorkflowExecutionFailed',
  'WorkflowExecutionContinuedAsNew',
  'ContinueAsNewWorkflowExecutionFailed',
  'WorkflowExecutionTerminated',
  'DecisionTaskScheduled',
  'DecisionTaskStarted',
  'DecisionTaskCompleted',
  'DecisionTaskTimedOut',
  'ActivityTaskScheduled',
  'ScheduleActivityTaskFailed',
  'ActivityTaskStarted',
  'ActivityTaskCompleted',
  'ActivityTaskFailed',
  'ActivityTaskTimedOut',
  'ActivityTaskCanceled',
  'ActivityTaskCancelRequested',
  'RequestCancelActivityTaskFailed',
  'WorkflowExecutionSignaled',
  'MarkerRecorded',
  'RecordMarkerFailed',
  'TimerStarted',
  'StartTimerFailed',
  'TimerFired',
  'TimerCanceled',
  'CancelTimerFailed',
  'StartChildWorkflowExecutionInitiated',
  'StartChildWorkflowExecutionFailed',
  'ChildWorkflowExecutionStarted',
  'ChildWorkflowExecutionCompleted',
  'ChildWorkflowExecutionFailed',
  'ChildWorkflowExecutionTimedOut',
  'ChildWorkflowExecutionCanceled',
  'ChildWorkflowExecutionTerminated',
  'SignalExternalWorkflowExecutionInitiated',
  'SignalExternalWorkflowExecutionFailed',
  'ExternalWorkflowExecutionSignaled',
  'RequestCancelExternalWorkflowExecutionInitiated',
  'RequestCancelExternalWorkflowExecutionFailed',
  'ExternalWorkflowExecutionCancelRequested',
  'LambdaFunctionScheduled',
  'LambdaFunctionStarted',
  'LambdaFunctionCompleted',
  'LambdaFunctionFailed',
  'LambdaFunctionTimedOut',
  'ScheduleLambdaFunctionFailed',
  'StartLambdaFunctionFailed',
];

/** What names a recorded decision, per decision event type (matched against the code's commands). */
const NAMED_BY: { readonly [T in EventTypeName]?: readonly string[] } = {
  WorkflowExecutionSignaled: ['signalName'],
  ActivityTaskScheduled: ['activityType', 'activityId'],
  ScheduleActivityTaskFailed: ['activityType', 'activityId'],
  ActivityTaskCancelRequested: ['activityId'],
  RequestCancelActivityTaskFailed: ['activityId'],
  MarkerRecorded: ['markerName'],
  RecordMarkerFailed: ['markerName'],
  TimerStarted: ['timerId'],
  StartTimerFailed: ['timerId'],
  CancelTimerFailed: ['timerId'],
  StartChildWorkflowExecutionInitiated: ['workflowType', 'workflowId'],
  StartChildWorkflowExecutionFailed: ['workflowType', 'workflowId'],
  SignalExternalWorkflowExecutionInitiated: ['workflowId', 'signalName'],
  SignalExternalWorkflowExecutionFailed: ['workflowId'],
  RequestCancelExternalWorkflowExecutionInitiated: ['workflowId'],
  RequestCancelExternalWorkflowExecutionFailed: ['workflowId'],
  LambdaFunctionScheduled: ['id', 'name'],
  ScheduleLambdaFunctionFailed: ['id', 'name'],
  DecisionTaskCompleted: ['startedEventId'],
};

/**
 * Events whose first reference may be absent: failures of a decision that names an execution
 * (`initiatedEventId` is 0 when SWF refused the decision at once, so an absent one reads as 0),
 * and `StartLambdaFunctionFailed`, whose `scheduledEventId` the model leaves optional.
 */
const OPTIONAL_OPENING: ReadonlySet<string> = new Set<EventTypeName>([
  'StartChildWorkflowExecutionFailed',
  'SignalExternalWorkflowExecutionFailed',
  'RequestCancelExternalWorkflowExecutionFailed',
  'StartLambdaFunctionFailed',
]);

/**
 * Event type → the attribute members a replay reads to know what an event of that type is about:
 * the event an outcome settles (its first reference, {@link EVENT_REFERENCES}) and what names a
 * decision or a signal. Every SWF event type has an entry (possibly empty); an unknown type has none.
 */
export const REPLAY_READ_MEMBERS: ReadonlyMap<string, readonly string[]> = new Map(
  SWF_EVENT_TYPES.map((type) => {
    const refs = EVENT_REFERENCES[type];
    const opening = refs === undefined || OPTIONAL_OPENING.has(type) ? [] : Object.keys(refs).slice(0, 1);
    return [type, [...new Set([...opening, ...(NAMED_BY[type] ?? [])])]];
  }),
);
