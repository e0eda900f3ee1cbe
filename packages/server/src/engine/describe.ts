/** DescribeWorkflowExecution and the WorkflowExecutionInfo shared with the list operations. */
import { compact, toWireTime } from './durations.js';
import { type ExecRow, execRef, requireExecution, typeRef } from './store-executions.js';
import { type Ctx } from './types.js';
import { prep } from './statements.js';

/** A run as a WorkflowExecutionInfo. */
export function executionInfo(row: ExecRow): Record<string, unknown> {
  const tags = JSON.parse(row.tag_list) as string[];
  return compact({
    execution: execRef(row),
    workflowType: typeRef(row),
    startTimestamp: toWireTime(row.start_ts),
    closeTimestamp: row.close_ts === null ? undefined : toWireTime(row.close_ts),
    executionStatus: row.status,
    closeStatus: row.close_status ?? undefined,
    parent: row.parent_run_id ? { workflowId: row.parent_workflow_id ?? '', runId: row.parent_run_id } : undefined,
    tagList: tags.length > 0 ? tags : undefined,
    cancelRequested: row.cancel_requested !== 0,
  });
}

function count(ctx: Ctx, sql: string, runId: string): number {
  return (prep(ctx.db, sql).get(runId) as { n: number }).n;
}

/** DescribeWorkflowExecution: info, configuration, open counts, latest activity time and context. */
export function describeWorkflowExecution(
  ctx: Ctx,
  input: { domain: string; execution: { workflowId: string; runId: string } },
): Record<string, unknown> {
  ctx.registry.requireDomain(input.domain);
  const row = requireExecution(ctx, input.domain, input.execution);
  const open = row.status === 'OPEN';
  return compact({
    executionInfo: executionInfo(row),
    executionConfiguration: compact({
      taskStartToCloseTimeout: row.task_timeout,
      executionStartToCloseTimeout: row.exec_timeout,
      taskList: { name: row.task_list },
      taskPriority: row.task_priority ?? undefined,
      childPolicy: row.child_policy,
      lambdaRole: row.lambda_role ?? undefined,
    }),
    openCounts: {
      openActivityTasks: open ? count(ctx, 'SELECT COUNT(*) AS n FROM activities WHERE run_id = ?', row.run_id) : 0,
      openDecisionTasks: open && (row.dt_scheduled_id !== 0 || row.dt_started_id !== 0) ? 1 : 0,
      openTimers: open ? count(ctx, 'SELECT COUNT(*) AS n FROM timers WHERE run_id = ?', row.run_id) : 0,
      openChildWorkflowExecutions: count(ctx, `SELECT COUNT(*) AS n FROM executions WHERE parent_run_id = ? AND status = 'OPEN'`, row.run_id),
      openLambdaFunctions: 0,
    },
    latestActivityTaskTimestamp: row.latest_activity_ts === null ? undefined : toWireTime(row.latest_activity_ts),
    latestExecutionContext: row.latest_context ?? undefined,
  });
}
