/**
 * A run's open counts (DescribeWorkflowExecution's `openCounts`). An open run's are counted live; a
 * closed run keeps those it had when it closed, as Amazon SWF answers (a recorded describe of a
 * canceled run reports `openActivityTasks: 1` for the activity that was running at its close).
 */
import { type ExecRow } from './store-executions.js';
import { type Ctx } from './types.js';
import { prep } from './statements.js';

/** DescribeWorkflowExecution's `openCounts`. */
export interface OpenCounts {
  openActivityTasks: number;
  openDecisionTasks: number;
  openTimers: number;
  openChildWorkflowExecutions: number;
  openLambdaFunctions: number;
}

function count(ctx: Ctx, sql: string, runId: string): number {
  return (prep(ctx.db, sql).get(runId) as { n: number }).n;
}

/** What is open in a run now (call before closing it to keep the counts at close). */
export function liveOpenCounts(ctx: Ctx, row: ExecRow): OpenCounts {
  return {
    openActivityTasks: count(ctx, 'SELECT COUNT(*) AS n FROM activities WHERE run_id = ?', row.run_id),
    openDecisionTasks: row.dt_scheduled_id !== 0 || row.dt_started_id !== 0 ? 1 : 0,
    openTimers: count(ctx, 'SELECT COUNT(*) AS n FROM timers WHERE run_id = ?', row.run_id),
    openChildWorkflowExecutions: count(
      ctx,
      `SELECT COUNT(*) AS n FROM executions WHERE parent_run_id = ? AND status = 'OPEN'`,
      row.run_id,
    ),
    openLambdaFunctions: count(ctx, 'SELECT COUNT(*) AS n FROM lambdas WHERE run_id = ?', row.run_id),
  };
}

const NOTHING_OPEN: OpenCounts = {
  openActivityTasks: 0,
  openDecisionTasks: 0,
  openTimers: 0,
  openChildWorkflowExecutions: 0,
  openLambdaFunctions: 0,
};

/** The open counts to report: live for an open run, as at its close for a closed one. */
export function openCounts(ctx: Ctx, row: ExecRow): OpenCounts {
  if (row.status === 'OPEN') return liveOpenCounts(ctx, row);
  // Runs closed by a version that did not keep the counts report nothing open.
  return row.open_counts_at_close ? (JSON.parse(row.open_counts_at_close) as OpenCounts) : NOTHING_OPEN;
}
