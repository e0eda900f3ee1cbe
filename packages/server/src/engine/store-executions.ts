/** The executions table: rows, look-ups and updates. */
import type Database from 'better-sqlite3';
import { type Db } from '../db.js';
import { SwfFault, unknownResource } from '../faults.js';
import type { ChildPolicy, CloseStatus } from '../model/wire-types.js';
import { type Ctx } from './types.js';
import { prep } from './statements.js';

/** One execution (one run) as stored. */
export interface ExecRow {
  run_id: string;
  domain: string;
  workflow_id: string;
  type_name: string;
  type_version: string;
  task_list: string;
  task_priority: string | null;
  input: string | null;
  exec_timeout: string;
  task_timeout: string;
  child_policy: ChildPolicy;
  lambda_role: string | null;
  tag_list: string;
  start_ts: number;
  close_ts: number | null;
  status: 'OPEN' | 'CLOSED';
  close_status: CloseStatus | null;
  parent_workflow_id: string | null;
  parent_run_id: string | null;
  parent_initiated_id: number;
  parent_started_id: number;
  cancel_requested: number;
  next_event_id: number;
  latest_activity_ts: number | null;
  latest_context: string | null;
  dt_task_list: string;
  dt_schedule_to_start: string | null;
  dt_scheduled_id: number;
  dt_scheduled_ts: number;
  dt_started_id: number;
  dt_started_sched_id: number;
  dt_token: string | null;
  prev_started_id: number;
  /** JSON of the run's open counts when it closed (null while open). */
  open_counts_at_close: string | null;
}

/**
 * The run, if stored. Read from the database once per transaction: later reads in the same
 * transaction get the row as this module and `appendEvent` have since written it (`TxState.execs`).
 * A row is never changed in place (a write replaces the transaction's copy), so a caller's row stays
 * the run as it was when read, as a fresh read would.
 */
export function getExec(ctx: Ctx, runId: string): ExecRow | undefined {
  const known = ctx.tx.execs.get(runId);
  if (known) return known;
  const row = prep(ctx.db, 'SELECT * FROM executions WHERE run_id = ?').get(runId) as ExecRow | undefined;
  if (row) ctx.tx.execs.set(runId, row);
  return row;
}

/** Records `row`, just read from the database in this transaction, as the run's current row. */
export function noteExec(ctx: Ctx, row: ExecRow): void {
  ctx.tx.execs.set(row.run_id, row);
}

/** Keeps the transaction's copy of a run's row in step with columns just written to the database. */
export function wroteExec(ctx: Ctx, runId: string, changes: Partial<ExecRow>): void {
  const known = ctx.tx.execs.get(runId);
  if (known) ctx.tx.execs.set(runId, { ...known, ...changes });
}

/** Forgets the transaction's copy of a run's row (the row was deleted). */
export function forgetExec(ctx: Ctx, runId: string): void {
  ctx.tx.execs.delete(runId);
}

/** The run, which must exist. */
export function mustGetExec(ctx: Ctx, runId: string): ExecRow {
  const row = getExec(ctx, runId);
  if (!row) throw new SwfFault('InternalFailure', `execution ${runId} vanished`);
  return row;
}

/** The open run of a workflow id in a domain, if any. */
export function findOpen(ctx: Ctx, domain: string, workflowId: string): ExecRow | undefined {
  return prep(ctx.db, `SELECT * FROM executions WHERE domain = ? AND workflow_id = ? AND status = 'OPEN'`).get(
    domain,
    workflowId,
  ) as ExecRow | undefined;
}

/**
 * The run named by `workflowId` and optional `runId` for signal/cancel/terminate: with a run id that
 * exact run (open or not), else the open run.
 */
export function findTarget(ctx: Ctx, domain: string, workflowId: string, runId?: string): ExecRow | undefined {
  if (runId) {
    const row = getExec(ctx, runId);
    return row && row.domain === domain && row.workflow_id === workflowId ? row : undefined;
  }
  return findOpen(ctx, domain, workflowId);
}

/**
 * The `UnknownResourceFault` for an execution that is not there (or no longer open for what was
 * asked), in SWF's words: `Unknown execution: WorkflowExecution=[workflowId=..., runId=...]`, or
 * `Unknown execution, workflowId = ...` when it was named without a run id (its open run).
 */
export function unknownExecution(workflowId: string, runId?: string): SwfFault {
  return unknownResource(
    runId
      ? `Unknown execution: WorkflowExecution=[workflowId=${workflowId}, runId=${runId}]`
      : `Unknown execution, workflowId = ${workflowId}`,
  );
}

/** An open execution for an operation on `workflowId` (+ `runId`), or `UnknownResourceFault`. */
export function requireOpenTarget(ctx: Ctx, domain: string, workflowId: string, runId?: string): ExecRow {
  const row = findTarget(ctx, domain, workflowId, runId);
  if (!row || row.status !== 'OPEN') {
    throw unknownExecution(workflowId, runId);
  }
  return row;
}

/** The execution named by `{workflowId, runId}` in `domain`, or `UnknownResourceFault`. */
export function requireExecution(ctx: Ctx, domain: string, execution: { workflowId: string; runId: string }): ExecRow {
  const row = getExec(ctx, execution.runId);
  if (!row || row.domain !== domain || row.workflow_id !== execution.workflowId) {
    throw unknownExecution(execution.workflowId, execution.runId);
  }
  return row;
}

/** The UPDATE of each set of columns, by the columns' names joined (`a,b`), per database. */
const updates = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * Updates some columns of a run. The statement of a set of columns is found by their names joined,
 * and bound by position: the SQL text is built once per set, not on every call, and no object is
 * made to bind it by name.
 */
export function updateExec(ctx: Ctx, runId: string, changes: Partial<ExecRow>): void {
  const keys = Object.keys(changes) as Array<keyof ExecRow>;
  if (keys.length === 0) return;
  let byColumns = updates.get(ctx.db);
  if (!byColumns) {
    byColumns = new Map();
    updates.set(ctx.db, byColumns);
  }
  const columns = keys.join();
  let statement = byColumns.get(columns);
  if (!statement) {
    statement = prep(ctx.db, `UPDATE executions SET ${keys.map((k) => `${k} = ?`).join(', ')} WHERE run_id = ?`);
    byColumns.set(columns, statement);
  }
  const values: unknown[] = new Array(keys.length + 1);
  for (let i = 0; i < keys.length; i++) values[i] = changes[keys[i] as keyof ExecRow];
  values[keys.length] = runId;
  statement.run(values);
  wroteExec(ctx, runId, changes);
}

/** Inserts a new run. */
export function insertExec(ctx: Ctx, row: Omit<ExecRow, 'next_event_id'>): void {
  const keys = Object.keys(row);
  prep(ctx.db, `INSERT INTO executions (${keys.join(', ')}) VALUES (${keys.map((k) => `@${k}`).join(', ')})`).run(row);
}

/** `{workflowId, runId}` of a run. */
export function execRef(row: ExecRow): { workflowId: string; runId: string } {
  return { workflowId: row.workflow_id, runId: row.run_id };
}

/** `{name, version}` of a run's workflow type. */
export function typeRef(row: ExecRow): { name: string; version: string } {
  return { name: row.type_name, version: row.type_version };
}
