/**
 * SignalExternalWorkflowExecution and RequestCancelExternalWorkflowExecution: an `...Initiated` event
 * in the requester, then either the target gets the signal / cancel request (and the requester
 * ExternalWorkflowExecutionSignaled / ...CancelRequested) or the requester gets `...Failed` with
 * UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION.
 */
import { scheduleDecision } from '../decision-tasks.js';
import { compact } from '../durations.js';
import { appendEvent } from '../history.js';
import { requestCancelRun } from '../lifecycle.js';
import { execRef, findTarget } from '../store-executions.js';
import { type DecisionRun, failDecision } from './context.js';

interface ExternalAttrs {
  workflowId?: string;
  runId?: string;
  control?: string;
}

/** Applies a SignalExternalWorkflowExecution decision. */
export function signalExternalDecision(
  run: DecisionRun,
  a: ExternalAttrs & { signalName?: string; input?: string },
): void {
  const { ctx, exec } = run;
  const workflowId = a.workflowId ?? '';
  const runId = a.runId || undefined;
  const initiatedEventId = appendEvent(
    ctx,
    exec.run_id,
    'SignalExternalWorkflowExecutionInitiated',
    compact({
      workflowId,
      runId,
      signalName: a.signalName ?? '',
      input: a.input,
      decisionTaskCompletedEventId: run.completedId,
      control: a.control,
    }),
  );
  run.followUps.push(() => deliverSignal(run, a, workflowId, runId, initiatedEventId));
}

/** Delivers an initiated external signal (after the task's decisions). */
function deliverSignal(
  run: DecisionRun,
  a: ExternalAttrs & { signalName?: string; input?: string },
  workflowId: string,
  runId: string | undefined,
  initiatedEventId: number,
): void {
  const { ctx, exec } = run;
  const target = findTarget(ctx, exec.domain, workflowId, runId);
  if (!target || target.status !== 'OPEN') {
    return failDecision(run, 'SignalExternalWorkflowExecutionFailed', {
      workflowId,
      runId,
      cause: 'UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION',
      initiatedEventId,
      control: a.control,
    });
  }
  appendEvent(
    ctx,
    target.run_id,
    'WorkflowExecutionSignaled',
    compact({
      signalName: a.signalName ?? '',
      input: a.input,
      externalWorkflowExecution: execRef(exec),
      externalInitiatedEventId: initiatedEventId,
    }),
  );
  scheduleDecision(ctx, target.run_id);
  appendEvent(ctx, exec.run_id, 'ExternalWorkflowExecutionSignaled', {
    workflowExecution: execRef(target),
    initiatedEventId,
  });
  scheduleDecision(ctx, exec.run_id);
}

/** Applies a RequestCancelExternalWorkflowExecution decision. */
export function requestCancelExternalDecision(run: DecisionRun, a: ExternalAttrs): void {
  const { ctx, exec } = run;
  const workflowId = a.workflowId ?? '';
  const runId = a.runId || undefined;
  const initiatedEventId = appendEvent(
    ctx,
    exec.run_id,
    'RequestCancelExternalWorkflowExecutionInitiated',
    compact({ workflowId, runId, decisionTaskCompletedEventId: run.completedId, control: a.control }),
  );
  run.followUps.push(() => deliverCancelRequest(run, a, workflowId, runId, initiatedEventId));
}

/** Delivers an initiated external cancel request (after the task's decisions). */
function deliverCancelRequest(
  run: DecisionRun,
  a: ExternalAttrs,
  workflowId: string,
  runId: string | undefined,
  initiatedEventId: number,
): void {
  const { ctx, exec } = run;
  const target = findTarget(ctx, exec.domain, workflowId, runId);
  if (!target || target.status !== 'OPEN') {
    return failDecision(run, 'RequestCancelExternalWorkflowExecutionFailed', {
      workflowId,
      runId,
      cause: 'UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION',
      initiatedEventId,
      control: a.control,
    });
  }
  requestCancelRun(ctx, target, {
    externalWorkflowExecution: execRef(exec),
    externalInitiatedEventId: initiatedEventId,
  });
  appendEvent(ctx, exec.run_id, 'ExternalWorkflowExecutionCancelRequested', {
    workflowExecution: execRef(target),
    initiatedEventId,
  });
  scheduleDecision(ctx, exec.run_id);
}
