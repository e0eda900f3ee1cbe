/**
 * The engine's tables. Timestamps are epoch milliseconds; durations stay SWF strings.
 */
import { type Db } from '../db.js';

/** CREATE statements (idempotent) for everything the engine stores. */
export const engineSchema: string[] = [
  `CREATE TABLE IF NOT EXISTS executions (
    run_id TEXT PRIMARY KEY,
    domain TEXT NOT NULL,
    workflow_id TEXT NOT NULL,
    type_name TEXT NOT NULL,
    type_version TEXT NOT NULL,
    task_list TEXT NOT NULL,
    task_priority TEXT,
    input TEXT,
    exec_timeout TEXT NOT NULL,
    task_timeout TEXT NOT NULL,
    child_policy TEXT NOT NULL,
    lambda_role TEXT,
    tag_list TEXT NOT NULL DEFAULT '[]',
    start_ts INTEGER NOT NULL,
    close_ts INTEGER,
    status TEXT NOT NULL DEFAULT 'OPEN',
    close_status TEXT,
    parent_workflow_id TEXT,
    parent_run_id TEXT,
    parent_initiated_id INTEGER NOT NULL DEFAULT 0,
    parent_started_id INTEGER NOT NULL DEFAULT 0,
    cancel_requested INTEGER NOT NULL DEFAULT 0,
    next_event_id INTEGER NOT NULL DEFAULT 1,
    latest_activity_ts INTEGER,
    latest_context TEXT,
    dt_task_list TEXT NOT NULL,
    dt_schedule_to_start TEXT,
    dt_scheduled_id INTEGER NOT NULL DEFAULT 0,
    dt_scheduled_ts INTEGER NOT NULL DEFAULT 0,
    dt_started_id INTEGER NOT NULL DEFAULT 0,
    dt_started_sched_id INTEGER NOT NULL DEFAULT 0,
    dt_token TEXT,
    prev_started_id INTEGER NOT NULL DEFAULT 0,
    open_counts_at_close TEXT
  )`,
  `CREATE UNIQUE INDEX IF NOT EXISTS executions_open_id ON executions (domain, workflow_id) WHERE status = 'OPEN'`,
  `CREATE INDEX IF NOT EXISTS executions_by_id ON executions (domain, workflow_id, start_ts)`,
  `CREATE INDEX IF NOT EXISTS executions_by_status ON executions (domain, status, start_ts)`,
  `CREATE INDEX IF NOT EXISTS executions_decisions ON executions (domain, dt_task_list, dt_scheduled_id, dt_started_id)`,
  // The ready decision tasks of a task list in claim order (priority, then first scheduled): a claim
  // reads the first entry instead of sorting every ready task (claimDecision names it).
  `CREATE INDEX IF NOT EXISTS executions_ready ON executions
    (domain, dt_task_list, CAST(COALESCE(task_priority, '0') AS INTEGER) DESC, dt_scheduled_ts)
    WHERE status = 'OPEN' AND dt_scheduled_id > 0 AND dt_started_id = 0`,
  `CREATE INDEX IF NOT EXISTS executions_token ON executions (dt_token)`,
  `CREATE INDEX IF NOT EXISTS executions_parent ON executions (parent_run_id)`,
  `CREATE TABLE IF NOT EXISTS events (
    run_id TEXT NOT NULL,
    event_id INTEGER NOT NULL,
    event_type TEXT NOT NULL,
    ts INTEGER NOT NULL,
    attrs TEXT NOT NULL,
    PRIMARY KEY (run_id, event_id)
  ) WITHOUT ROWID`,
  `CREATE TABLE IF NOT EXISTS activities (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id TEXT NOT NULL,
    scheduled_id INTEGER NOT NULL,
    activity_id TEXT NOT NULL,
    type_name TEXT NOT NULL,
    type_version TEXT NOT NULL,
    domain TEXT NOT NULL,
    task_list TEXT NOT NULL,
    priority INTEGER NOT NULL DEFAULT 0,
    input TEXT,
    start_to_close TEXT NOT NULL,
    heartbeat TEXT NOT NULL,
    started_id INTEGER NOT NULL DEFAULT 0,
    token TEXT,
    heartbeat_details TEXT,
    cancel_requested_id INTEGER NOT NULL DEFAULT 0,
    UNIQUE (run_id, scheduled_id),
    UNIQUE (run_id, activity_id)
  )`,
  // Activity tasks of a task list in claim order (priority first, then seq: the rowid every index
  // ends with), so a claim reads the first entry; replaces activities_queue (priority ascending).
  `DROP INDEX IF EXISTS activities_queue`,
  `CREATE INDEX IF NOT EXISTS activities_ready ON activities (domain, task_list, started_id, priority DESC)`,
  `CREATE INDEX IF NOT EXISTS activities_token ON activities (token)`,
  `CREATE TABLE IF NOT EXISTS timers (
    run_id TEXT NOT NULL,
    timer_id TEXT NOT NULL,
    started_id INTEGER NOT NULL,
    fire_at INTEGER NOT NULL,
    PRIMARY KEY (run_id, timer_id)
  )`,
  `CREATE TABLE IF NOT EXISTS lambdas (
    run_id TEXT NOT NULL,
    scheduled_id INTEGER NOT NULL,
    started_id INTEGER NOT NULL,
    lambda_id TEXT NOT NULL,
    name TEXT NOT NULL,
    input TEXT,
    deadline INTEGER NOT NULL,
    PRIMARY KEY (run_id, scheduled_id),
    UNIQUE (run_id, lambda_id)
  )`,
  `CREATE TABLE IF NOT EXISTS deadlines (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    kind TEXT NOT NULL,
    run_id TEXT NOT NULL,
    ref TEXT NOT NULL DEFAULT ''
  )`,
  `CREATE INDEX IF NOT EXISTS deadlines_at ON deadlines (at)`,
  `CREATE INDEX IF NOT EXISTS deadlines_run ON deadlines (run_id, kind, ref)`,
];

/** Columns added since the first release, with their types: added to older databases on open. */
const ADDED_COLUMNS: ReadonlyArray<[table: string, column: string, type: string]> = [
  ['executions', 'open_counts_at_close', 'TEXT'],
];

/** Brings a database made by an older version up to {@link engineSchema} (idempotent). */
export function migrateEngineSchema(db: Db): void {
  for (const [table, column, type] of ADDED_COLUMNS) {
    const columns = db.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as Array<{ name: string }>;
    if (!columns.some((c) => c.name === column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
  }
}
