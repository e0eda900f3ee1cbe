/**
 * StartChildWorkflowExecution: StartChildWorkflowExecutionInitiated, then the child starts
 * (ChildWorkflowExecutionStarted in the parent) or StartChildWorkflowExecutionFailed. Failures found
 * before initiation carry `initiatedEventId` 0, as SWF documents.
 */
import { type Decision } from '@swf-flow/common';
import { scheduleDecision } from '../decision-tasks.js';
import { compact } from '../durations.js';
import { appendEvent } from '../history.js';
import { startRun } from '../lifecycle.js';
import { findOpen, updateExec } from '../store-executions.js';
import { resolveRunSettings, type RunSettings } from '../workflow-defaults.js';
import { type DecisionRun, failDecision } from './context.js';
import { prep } from '../statements.js';

type ChildAttrs = NonNullable<Decision['startChildWorkflowExecutionDecisionAttributes']>;

/** Applies a StartChildWorkflowExecution decision. */
export function startChildDecision(run: DecisionRun, a: ChildAttrs): void {
  const { ctx, exec } = run;
  const workflowType = { name: a.workflowType?.name ?? '', version: a.workflowType?.version ?? '' };
  const workflowId = a.workflowId ?? '';
  const fail = (cause: string, initiatedEventId: number): void =>
    failDecision(run, 'StartChildWorkflowExecutionFailed', {
      workflowType,
      cause,
      workflowId,
      initiatedEventId,
      control: a.control,
    });
  const resolved = resolveRunSettings(ctx, exec.domain, workflowType, {
    taskList: a.taskList,
    taskPriority: a.taskPriority,
    executionStartToCloseTimeout: a.executionStartToCloseTimeout,
    taskStartToCloseTimeout: a.taskStartToCloseTimeout,
    childPolicy: a.childPolicy,
    lambdaRole: a.lambdaRole,
  });
  if ('failure' in resolved) return fail(resolved.failure, 0);
  const openChildren = (
    prep(ctx.db, `SELECT COUNT(*) AS n FROM executions WHERE parent_run_id = ? AND status = 'OPEN'`).get(
      exec.run_id,
    ) as { n: number }
  ).n;
  if (openChildren >= ctx.config.maxOpenPerExecution) return fail('OPEN_CHILDREN_LIMIT_EXCEEDED', 0);
  const s = resolved.settings;
  const initiatedEventId = appendEvent(
    ctx,
    exec.run_id,
    'StartChildWorkflowExecutionInitiated',
    compact({
      workflowId,
      workflowType,
      control: a.control,
      input: a.input,
      executionStartToCloseTimeout: s.executionStartToCloseTimeout,
      taskList: { name: s.taskList },
      taskPriority: s.taskPriority,
      decisionTaskCompletedEventId: run.completedId,
      childPolicy: s.childPolicy,
      taskStartToCloseTimeout: s.taskStartToCloseTimeout,
      tagList: a.tagList && a.tagList.length > 0 ? a.tagList : undefined,
      lambdaRole: s.lambdaRole,
    }),
  );
  run.followUps.push(() => startChild(run, a, { workflowId, workflowType, initiatedEventId, settings: s }));
}

/** Starts the child of an initiated StartChildWorkflowExecution (after the task's decisions). */
function startChild(
  run: DecisionRun,
  a: ChildAttrs,
  {
    workflowId,
    workflowType,
    initiatedEventId,
    settings: s,
  }: {
    workflowId: string;
    workflowType: { name: string; version: string };
    initiatedEventId: number;
    settings: RunSettings;
  },
): void {
  const { ctx, exec } = run;
  if (findOpen(ctx, exec.domain, workflowId)) {
    return failDecision(run, 'StartChildWorkflowExecutionFailed', {
      workflowType,
      cause: 'WORKFLOW_ALREADY_RUNNING',
      workflowId,
      initiatedEventId,
      control: a.control,
    });
  }
  const childRunId = startRun(ctx, {
    domain: exec.domain,
    workflowId,
    workflowType,
    settings: s,
    input: a.input,
    tagList: a.tagList,
    parent: { workflowId: exec.workflow_id, runId: exec.run_id, initiatedEventId },
  });
  const startedId = appendEvent(ctx, exec.run_id, 'ChildWorkflowExecutionStarted', {
    workflowExecution: { workflowId, runId: childRunId },
    workflowType,
    initiatedEventId,
  });
  updateExec(ctx, childRunId, { parent_started_id: startedId });
  scheduleDecision(ctx, exec.run_id);
}
