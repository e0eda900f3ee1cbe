/**
 * Applies one history event to a run: matches recorded decision events against the code's
 * commands, routes later events to the command they refer to, and handles the run-level events
 * (start, signals, cancel requests, decision tasks, termination, time-outs).
 */
import { decodeArgs, epochMillis, eventAttributes, type EventTypeName, type HistoryEvent } from '@swf-flow/common';
import { decisionEventSpec, isFinalReference, referringAttribute } from './decision-events.js';
import { PATCH_MARKER, patchIdOf } from './markers.js';
import type { WorkflowRuntime } from './runtime.js';

type Attrs = Record<string, any>;

function applyPatchMarker(rt: WorkflowRuntime, a: Attrs, failed: boolean): void {
  const id = patchIdOf(a.details as string | undefined);
  // A patch marker the code no longer asks for (its patched() call was removed) is fine.
  rt.commands.matchPatch(id === undefined ? undefined : rt.patches.commandOf(id), failed);
}

function applyStarted(rt: WorkflowRuntime, event: HistoryEvent, a: Attrs): void {
  const parent = a.parentWorkflowExecution as { workflowId?: string; runId?: string } | undefined;
  rt.start({
    workflowId: rt.execution.workflowId,
    runId: rt.execution.runId,
    workflowType: { name: String(a.workflowType?.name), version: String(a.workflowType?.version) },
    taskList: String(a.taskList?.name ?? ''),
    input: a.input as string | undefined,
    args: decodeArgs(rt.converter, a.input as string | undefined),
    startTime: new Date(epochMillis(event.eventTimestamp)),
    parent: parent?.workflowId ? { workflowId: parent.workflowId, runId: String(parent.runId ?? '') } : undefined,
    parentInitiatedEventId:
      typeof a.parentInitiatedEventId === 'number' && a.parentInitiatedEventId > 0
        ? a.parentInitiatedEventId
        : undefined,
    continuedExecutionRunId: a.continuedExecutionRunId as string | undefined,
    executionStartToCloseTimeout: a.executionStartToCloseTimeout as string | undefined,
    taskStartToCloseTimeout: a.taskStartToCloseTimeout as string | undefined,
    childPolicy: a.childPolicy as string | undefined,
    taskPriority: a.taskPriority as string | undefined,
    tagList: Array.isArray(a.tagList) ? (a.tagList as string[]) : [],
    lambdaRole: a.lambdaRole as string | undefined,
  });
}

/** Events that bring the code nothing to react to (a trailing batch of only these runs no code). */
const NO_NEWS = new Set<EventTypeName | undefined>([
  'DecisionTaskScheduled',
  'DecisionTaskStarted',
  'DecisionTaskCompleted',
  'DecisionTaskTimedOut',
  'WorkflowExecutionTerminated',
  'WorkflowExecutionTimedOut',
  'ActivityTaskStarted',
  'LambdaFunctionStarted',
]);

/**
 * Ends the matching of the open DecisionTaskCompleted's decision events, then applies the events
 * of that task's window (the decider that made those decisions had not seen them) and the other
 * events recorded among its decisions.
 */
export function closeCompletion(rt: WorkflowRuntime): void {
  for (const held of rt.commands.finishCompletion()) applyEvent(rt, held);
}

/**
 * Events after which no decision of the open completion can follow: a decision task's own events
 * (the next one starts, completes or times out only after every decision of this one was recorded)
 * and the end of the run. Any other event that is not a decision waits for the matching to end.
 */
const END_OF_DECISIONS = new Set<EventTypeName | undefined>([
  'DecisionTaskStarted',
  'DecisionTaskCompleted',
  'DecisionTaskTimedOut',
  'WorkflowExecutionTerminated',
  'WorkflowExecutionTimedOut',
]);

/**
 * While a completion's decisions are being matched, holds `event` (not one of them) until the
 * matching ends, or ends the matching when `event` shows that no decision follows. True when held.
 */
function heldForCompletion(rt: WorkflowRuntime, event: HistoryEvent): boolean {
  if (!rt.commands.completing) return false;
  if (END_OF_DECISIONS.has(event.eventType)) {
    closeCompletion(rt);
    return false;
  }
  rt.commands.defer(event);
  return true;
}

/** Applies one event (inside the run's async context). Throws NonDeterminismError on divergence. */
export function applyEvent(rt: WorkflowRuntime, event: HistoryEvent): void {
  const type = event.eventType;
  const decision = decisionEventSpec(type);
  // Checked before any other work: most events after a task's decisions wait for its matching to end.
  if (decision === undefined && heldForCompletion(rt, event)) return;
  const eventId = event.eventId ?? 0;
  const a = eventAttributes<Attrs>(event);
  rt.noteEvent(eventId);

  const ref = referringAttribute(type);
  const refId = ref ? Number(a[ref]) : 0;
  const referred = ref ? rt.commands.referredBy(refId) : undefined;
  if (referred !== undefined) {
    // A targeted `...Failed` event that names a known initiated event is an outcome, not a decision.
    if (decision !== undefined && heldForCompletion(rt, event)) return;
    if (!NO_NEWS.has(type)) rt.noteNews();
    if (referred) referred.handlers.event?.(event);
    if (isFinalReference(type)) rt.commands.release(refId);
    return;
  }

  if (decision) {
    if (type === 'MarkerRecorded' || type === 'RecordMarkerFailed') {
      if (a.markerName === PATCH_MARKER) {
        applyPatchMarker(rt, a, type === 'RecordMarkerFailed');
        return;
      }
    }
    rt.commands.match(event, decision, a);
    return;
  }

  if (!NO_NEWS.has(type)) rt.noteNews();
  switch (type) {
    case 'WorkflowExecutionStarted':
      applyStarted(rt, event, a);
      return;
    case 'WorkflowExecutionSignaled':
      rt.deliverSignal(String(a.signalName), decodeArgs(rt.converter, a.input as string | undefined));
      return;
    case 'WorkflowExecutionCancelRequested':
      rt.requestCancel(a.cause as string | undefined);
      return;
    case 'DecisionTaskCompleted':
      rt.commands.openCompletion(eventId, Number(a.startedEventId ?? 0));
      return;
    case 'WorkflowExecutionTerminated':
      rt.recordClosed({ status: 'TERMINATED' });
      return;
    case 'WorkflowExecutionTimedOut':
      rt.recordClosed({ status: 'TIMED_OUT' });
      return;
    default:
      // DecisionTaskScheduled/Started/TimedOut, ActivityTaskStarted, and events about commands
      // this run does not know (recorded before a reset, or by hand) carry nothing to apply.
      return;
  }
}
