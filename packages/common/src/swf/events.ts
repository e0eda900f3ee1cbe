/**
 * Facts about SWF's event types that more than one package reads from a history: which events
 * close a run.
 */
import type { EventTypeName, HistoryEvent } from '../history.js';

/** The event types that close a run (continue-as-new included: it closes this run and starts the next). */
export const RUN_CLOSE_EVENT_TYPES: ReadonlySet<string> = new Set<EventTypeName>([
  'WorkflowExecutionCompleted',
  'WorkflowExecutionFailed',
  'WorkflowExecutionCanceled',
  'WorkflowExecutionTerminated',
  'WorkflowExecutionTimedOut',
  'WorkflowExecutionContinuedAsNew',
]);

/** Whether `event` closes its run ({@link RUN_CLOSE_EVENT_TYPES}). */
export function isRunCloseEvent(event: HistoryEvent): boolean {
  return RUN_CLOSE_EVENT_TYPES.has(event.eventType ?? '');
}
