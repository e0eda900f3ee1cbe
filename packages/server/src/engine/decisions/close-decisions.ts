/**
 * The decisions that close the run: CompleteWorkflowExecution, FailWorkflowExecution,
 * CancelWorkflowExecution and ContinueAsNewWorkflowExecution. Each fails with UNHANDLED_DECISION when
 * events arrived after the decision task started.
 */
import { type Decision } from '@swf-flow/common';
import { closeRun, startRun } from '../lifecycle.js';
import { resolveRunSettings } from '../workflow-defaults.js';
import { newRunId } from '../ids.js';
import { type DecisionRun, failDecision } from './context.js';

function unhandled(run: DecisionRun, failedEvent: string): boolean {
  if (!run.hadNewEvents) return false;
  failDecision(run, failedEvent, { cause: 'UNHANDLED_DECISION' });
  return true;
}

/** CompleteWorkflowExecution: WorkflowExecutionCompleted. */
export function completeDecision(run: DecisionRun, a: { result?: string }): void {
  if (unhandled(run, 'CompleteWorkflowExecutionFailed')) return;
  closeRun(run.ctx, run.exec.run_id, {
    closeStatus: 'COMPLETED',
    eventType: 'WorkflowExecutionCompleted',
    attrs: { result: a.result, decisionTaskCompletedEventId: run.completedId },
  });
}

/** FailWorkflowExecution: WorkflowExecutionFailed. */
export function failWorkflowDecision(run: DecisionRun, a: { reason?: string; details?: string }): void {
  if (unhandled(run, 'FailWorkflowExecutionFailed')) return;
  closeRun(run.ctx, run.exec.run_id, {
    closeStatus: 'FAILED',
    eventType: 'WorkflowExecutionFailed',
    attrs: { reason: a.reason, details: a.details, decisionTaskCompletedEventId: run.completedId },
  });
}

/** CancelWorkflowExecution: WorkflowExecutionCanceled. */
export function cancelWorkflowDecision(run: DecisionRun, a: { details?: string }): void {
  if (unhandled(run, 'CancelWorkflowExecutionFailed')) return;
  closeRun(run.ctx, run.exec.run_id, {
    closeStatus: 'CANCELED',
    eventType: 'WorkflowExecutionCanceled',
    attrs: { details: a.details, decisionTaskCompletedEventId: run.completedId },
  });
}

type ContinueAttrs = NonNullable<Decision['continueAsNewWorkflowExecutionDecisionAttributes']>;

/**
 * ContinueAsNewWorkflowExecution: WorkflowExecutionContinuedAsNew closes this run and a new run of the
 * same workflow id starts (its WorkflowExecutionStarted names this run as `continuedExecutionRunId`).
 */
export function continueAsNewDecision(run: DecisionRun, a: ContinueAttrs): void {
  if (unhandled(run, 'ContinueAsNewWorkflowExecutionFailed')) return;
  const { ctx, exec } = run;
  const workflowType = { name: exec.type_name, version: a.workflowTypeVersion ?? exec.type_version };
  const resolved = resolveRunSettings(ctx, exec.domain, workflowType, {
    taskList: a.taskList,
    taskPriority: a.taskPriority,
    executionStartToCloseTimeout: a.executionStartToCloseTimeout,
    taskStartToCloseTimeout: a.taskStartToCloseTimeout,
    childPolicy: a.childPolicy,
    lambdaRole: a.lambdaRole,
  });
  if ('failure' in resolved)
    return failDecision(run, 'ContinueAsNewWorkflowExecutionFailed', { cause: resolved.failure });
  const s = resolved.settings;
  const placeholder = newRunId();
  closeRun(ctx, exec.run_id, {
    closeStatus: 'CONTINUED_AS_NEW',
    eventType: 'WorkflowExecutionContinuedAsNew',
    attrs: {
      input: a.input,
      decisionTaskCompletedEventId: run.completedId,
      newExecutionRunId: placeholder,
      executionStartToCloseTimeout: s.executionStartToCloseTimeout,
      taskList: { name: s.taskList },
      taskPriority: s.taskPriority,
      taskStartToCloseTimeout: s.taskStartToCloseTimeout,
      childPolicy: s.childPolicy,
      tagList: a.tagList && a.tagList.length > 0 ? a.tagList : undefined,
      workflowType,
      lambdaRole: s.lambdaRole,
    },
  });
  const parent = exec.parent_run_id
    ? {
        workflowId: exec.parent_workflow_id ?? '',
        runId: exec.parent_run_id,
        initiatedEventId: exec.parent_initiated_id,
      }
    : undefined;
  startRun(ctx, {
    runId: placeholder,
    domain: exec.domain,
    workflowId: exec.workflow_id,
    workflowType,
    settings: s,
    input: a.input,
    tagList: a.tagList,
    parent,
    parentStartedEventId: exec.parent_started_id,
    continuedExecutionRunId: exec.run_id,
  });
}
