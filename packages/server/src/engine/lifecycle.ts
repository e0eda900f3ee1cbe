/**
 * A run's life: start, cancel request, close (completed, failed, canceled, continued, timed out,
 * terminated), the child policy applied to its children and the news sent to its parent.
 */
import { addDeadline, removeDeadlines } from './deadlines.js';
import { scheduleDecision, scheduleDecisionNow } from './decision-tasks.js';
import { compact, durationMs } from './durations.js';
import { appendEvent } from './history.js';
import { newRunId } from './ids.js';
import { dropRunLambdas } from './lambdas.js';
import { liveOpenCounts } from './open-counts.js';
import { type ExecRow, execRef, getExec, insertExec, mustGetExec, typeRef, updateExec } from './store-executions.js';
import { type Ctx } from './types.js';
import { type RunSettings } from './workflow-defaults.js';
import { prep } from './statements.js';

/** Everything a new run needs. */
export interface NewRun {
  /** The run id to use (continue-as-new names it before the run starts); default a new one. */
  runId?: string;
  domain: string;
  workflowId: string;
  workflowType: { name: string; version: string };
  settings: RunSettings;
  input?: string;
  tagList?: string[];
  parent?: { workflowId: string; runId: string; initiatedEventId: number };
  continuedExecutionRunId?: string;
  /** The parent's ChildWorkflowExecutionStarted event id (a continued child keeps its parent). */
  parentStartedEventId?: number;
}

/** Starts a run: WorkflowExecutionStarted, its timeout, its first decision task. Returns the run id. */
export function startRun(ctx: Ctx, run: NewRun): string {
  const runId = run.runId ?? newRunId();
  const now = ctx.clock.now();
  const s = run.settings;
  insertExec(ctx, {
    run_id: runId,
    domain: run.domain,
    workflow_id: run.workflowId,
    type_name: run.workflowType.name,
    type_version: run.workflowType.version,
    task_list: s.taskList,
    task_priority: s.taskPriority ?? null,
    input: run.input ?? null,
    exec_timeout: s.executionStartToCloseTimeout,
    task_timeout: s.taskStartToCloseTimeout,
    child_policy: s.childPolicy,
    lambda_role: s.lambdaRole ?? null,
    tag_list: JSON.stringify(run.tagList ?? []),
    start_ts: now,
    close_ts: null,
    status: 'OPEN',
    close_status: null,
    parent_workflow_id: run.parent?.workflowId ?? null,
    parent_run_id: run.parent?.runId ?? null,
    parent_initiated_id: run.parent?.initiatedEventId ?? 0,
    parent_started_id: run.parentStartedEventId ?? 0,
    cancel_requested: 0,
    latest_activity_ts: null,
    latest_context: null,
    dt_task_list: s.taskList,
    dt_schedule_to_start: null,
    dt_scheduled_id: 0,
    dt_scheduled_ts: 0,
    dt_started_id: 0,
    dt_started_sched_id: 0,
    dt_token: null,
    prev_started_id: 0,
    open_counts_at_close: null,
  });
  appendEvent(
    ctx,
    runId,
    'WorkflowExecutionStarted',
    compact({
      input: run.input,
      executionStartToCloseTimeout: s.executionStartToCloseTimeout,
      taskStartToCloseTimeout: s.taskStartToCloseTimeout,
      childPolicy: s.childPolicy,
      taskList: { name: s.taskList },
      taskPriority: s.taskPriority,
      workflowType: { ...run.workflowType },
      tagList: run.tagList && run.tagList.length > 0 ? run.tagList : undefined,
      continuedExecutionRunId: run.continuedExecutionRunId,
      parentWorkflowExecution: run.parent ? { workflowId: run.parent.workflowId, runId: run.parent.runId } : undefined,
      parentInitiatedEventId: run.parent?.initiatedEventId ?? 0,
      lambdaRole: s.lambdaRole,
    }),
  );
  const ms = durationMs(s.executionStartToCloseTimeout);
  if (ms !== undefined) addDeadline(ctx, now + ms, 'wf-timeout', runId);
  scheduleDecisionNow(ctx, runId);
  return runId;
}

/** Records a cancel request on an open run (WorkflowExecutionCancelRequested) and wakes its decider. */
export function requestCancelRun(
  ctx: Ctx,
  exec: ExecRow,
  attrs: {
    externalWorkflowExecution?: { workflowId: string; runId: string };
    externalInitiatedEventId?: number;
    cause?: string;
  },
): void {
  appendEvent(
    ctx,
    exec.run_id,
    'WorkflowExecutionCancelRequested',
    compact({ ...attrs, externalInitiatedEventId: attrs.externalInitiatedEventId ?? 0 }),
  );
  updateExec(ctx, exec.run_id, { cancel_requested: 1 });
  scheduleDecision(ctx, exec.run_id);
}

/** How a run closes. */
export interface Closing {
  closeStatus: 'COMPLETED' | 'FAILED' | 'CANCELED' | 'TERMINATED' | 'CONTINUED_AS_NEW' | 'TIMED_OUT';
  eventType: string;
  attrs: Record<string, unknown>;
  /**
   * The child policy to apply to the run's open children instead of the run's own (a
   * TerminateWorkflowExecution call's `childPolicy`). Every close applies one: Amazon SWF applies
   * the policy when a parent completes, fails, is canceled or continues as new, too, not only when
   * it is terminated or times out (recorded from real runs; see the server README).
   */
  childPolicy?: string;
}

/** Closes a run: its closing event, no more tasks or deadlines, child policy, news to the parent. */
export function closeRun(ctx: Ctx, runId: string, closing: Closing): void {
  const exec = mustGetExec(ctx, runId);
  if (exec.status !== 'OPEN') return;
  const countsAtClose = liveOpenCounts(ctx, exec);
  appendEvent(ctx, runId, closing.eventType, compact(closing.attrs));
  updateExec(ctx, runId, {
    open_counts_at_close: JSON.stringify(countsAtClose),
    status: 'CLOSED',
    close_status: closing.closeStatus,
    close_ts: ctx.clock.now(),
    dt_scheduled_id: 0,
    dt_started_id: 0,
    dt_started_sched_id: 0,
    dt_token: null,
  });
  prep(ctx.db, 'DELETE FROM activities WHERE run_id = ?').run(runId);
  prep(ctx.db, 'DELETE FROM timers WHERE run_id = ?').run(runId);
  dropRunLambdas(ctx, runId);
  removeDeadlines(ctx, runId);
  applyChildPolicy(ctx, exec, closing.childPolicy ?? exec.child_policy);
  notifyParent(ctx, exec, closing);
}

/** Terminates a run (WorkflowExecutionTerminated) and applies its child policy. */
export function terminateRun(
  ctx: Ctx,
  exec: ExecRow,
  opts: { reason?: string; details?: string; childPolicy?: string; cause?: string },
): void {
  const childPolicy = opts.childPolicy ?? exec.child_policy;
  closeRun(ctx, exec.run_id, {
    closeStatus: 'TERMINATED',
    eventType: 'WorkflowExecutionTerminated',
    attrs: { reason: opts.reason, details: opts.details, childPolicy, cause: opts.cause },
    childPolicy,
  });
}

/** The run's execution start-to-close deadline fell due: WorkflowExecutionTimedOut. */
export function timeOutRun(ctx: Ctx, runId: string): void {
  const exec = getExec(ctx, runId);
  if (!exec || exec.status !== 'OPEN') return;
  closeRun(ctx, runId, {
    closeStatus: 'TIMED_OUT',
    eventType: 'WorkflowExecutionTimedOut',
    attrs: { timeoutType: 'START_TO_CLOSE', childPolicy: exec.child_policy },
    childPolicy: exec.child_policy,
  });
}

/**
 * Applies `policy` to the open children of `parent`, which just closed. A cancel request names the
 * parent as its `externalWorkflowExecution`, as SWF records it.
 */
function applyChildPolicy(ctx: Ctx, parent: ExecRow, policy: string): void {
  if (policy === 'ABANDON') return;
  const children = prep(ctx.db, `SELECT * FROM executions WHERE parent_run_id = ? AND status = 'OPEN'`).all(
    parent.run_id,
  ) as ExecRow[];
  for (const child of children) {
    if (policy === 'TERMINATE') terminateRun(ctx, child, { cause: 'CHILD_POLICY_APPLIED' });
    else if (policy === 'REQUEST_CANCEL')
      requestCancelRun(ctx, child, { cause: 'CHILD_POLICY_APPLIED', externalWorkflowExecution: execRef(parent) });
  }
}

const CHILD_EVENTS: Record<string, string> = {
  COMPLETED: 'ChildWorkflowExecutionCompleted',
  FAILED: 'ChildWorkflowExecutionFailed',
  CANCELED: 'ChildWorkflowExecutionCanceled',
  TERMINATED: 'ChildWorkflowExecutionTerminated',
  TIMED_OUT: 'ChildWorkflowExecutionTimedOut',
};

function notifyParent(ctx: Ctx, child: ExecRow, closing: Closing): void {
  if (!child.parent_run_id) return;
  const parent = getExec(ctx, child.parent_run_id);
  const eventType = CHILD_EVENTS[closing.closeStatus];
  if (!parent || parent.status !== 'OPEN' || !eventType) return;
  const a = closing.attrs;
  const extra: Record<string, unknown> =
    closing.closeStatus === 'COMPLETED'
      ? { result: a.result }
      : closing.closeStatus === 'FAILED'
        ? { reason: a.reason, details: a.details }
        : closing.closeStatus === 'CANCELED'
          ? { details: a.details }
          : closing.closeStatus === 'TIMED_OUT'
            ? { timeoutType: 'START_TO_CLOSE' }
            : {};
  appendEvent(
    ctx,
    parent.run_id,
    eventType,
    compact({
      workflowExecution: execRef(child),
      workflowType: typeRef(child),
      ...extra,
      initiatedEventId: child.parent_initiated_id,
      startedEventId: child.parent_started_id,
    }),
  );
  scheduleDecision(ctx, parent.run_id);
}
