/** DescribeWorkflowExecution and the WorkflowExecutionInfo shared with the list operations. */
import { compact, toWireTime } from './durations.js';
import { openCounts } from './open-counts.js';
import { type ExecRow, execRef, requireExecution, typeRef } from './store-executions.js';
import { type Ctx } from './types.js';
import type {
  DescribeWorkflowExecutionInput,
  WorkflowExecutionDetail,
  WorkflowExecutionInfo,
} from '../model/wire-types.js';

/**
 * A run as a WorkflowExecutionInfo. `cancelRequested` is reported while the run is open: a recorded
 * DescribeWorkflowExecution of a run closed by a cancel request answers `cancelRequested: false`.
 */
export function executionInfo(row: ExecRow): WorkflowExecutionInfo {
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
    cancelRequested: row.status === 'OPEN' && row.cancel_requested !== 0,
  });
}

/** DescribeWorkflowExecution: info, configuration, open counts, latest activity time and context. */
export function describeWorkflowExecution(ctx: Ctx, input: DescribeWorkflowExecutionInput): WorkflowExecutionDetail {
  ctx.registry.requireDomain(input.domain);
  const row = requireExecution(ctx, input.domain, input.execution);
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
    openCounts: openCounts(ctx, row),
    latestActivityTaskTimestamp: row.latest_activity_ts === null ? undefined : toWireTime(row.latest_activity_ts),
    latestExecutionContext: row.latest_context ?? undefined,
  });
}
