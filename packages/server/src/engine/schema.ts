/**
 * The engine's tables. Timestamps are epoch milliseconds; durations stay SWF strings.
 */
import { type Db } from '../db.js';
import { LEGACY_TOKEN_LENGTH } from './ids.js';
import { pageTokenSchema } from '../paging/page-tokens.js';

/** The columns and constraints of `activities` (also used to rebuild one made by an older version). */
const ACTIVITIES_COLUMNS = `    seq INTEGER PRIMARY KEY,
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
`;

/** CREATE statements (idempotent) for everything the engine stores, and the page tokens' key. */
export const engineSchema: string[] = [
  ...pageTokenSchema,
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
  // Runs with a decision task scheduled while another is started: with executions_ready (scheduled,
  // none started) these are the pending decision tasks CountPendingDecisionTasks counts. Partial
  // and rarely entered (an event that arrives while a decider works), so a step's claim, answer
  // and next scheduled task write no entry here. Replaces executions_decisions, which every
  // decision task's start and answer moved, then executions_pending (every schedule and claim).
  `DROP INDEX IF EXISTS executions_decisions`,
  `DROP INDEX IF EXISTS executions_pending`,
  `CREATE INDEX IF NOT EXISTS executions_scheduled_while_started ON executions (domain, dt_task_list)
    WHERE status = 'OPEN' AND dt_scheduled_id > 0 AND dt_started_id > 0`,
  // The ready decision tasks of a task list in claim order (priority, then first scheduled): a claim
  // reads the first entry instead of sorting every ready task (claimDecision names it).
  `CREATE INDEX IF NOT EXISTS executions_ready ON executions
    (domain, dt_task_list, CAST(COALESCE(task_priority, '0') AS INTEGER) DESC, dt_scheduled_ts)
    WHERE status = 'OPEN' AND dt_scheduled_id > 0 AND dt_started_id = 0`,
  // A task token names its run (engine/ids.ts), found by the key; only tokens of the old shape,
  // handed out before an upgrade, are indexed (replaces executions_token, written at every claim).
  `DROP INDEX IF EXISTS executions_token`,
  `CREATE INDEX IF NOT EXISTS executions_legacy_token ON executions (dt_token) WHERE length(dt_token) = ${LEGACY_TOKEN_LENGTH}`,
  `CREATE INDEX IF NOT EXISTS executions_parent ON executions (parent_run_id)`,
  `CREATE TABLE IF NOT EXISTS events (
    run_id TEXT NOT NULL,
    event_id INTEGER NOT NULL,
    event_type TEXT NOT NULL,
    ts INTEGER NOT NULL,
    attrs TEXT NOT NULL,
    PRIMARY KEY (run_id, event_id)
  ) WITHOUT ROWID`,
  // seq is the rowid without AUTOINCREMENT (which wrote a sqlite_sequence page per scheduled task):
  // a new task's seq is one more than the largest stored, so claim order (first scheduled first)
  // holds; migrateEngineSchema rebuilds a table made with AUTOINCREMENT.
  `CREATE TABLE IF NOT EXISTS activities (${ACTIVITIES_COLUMNS})`,
  // The queued activity tasks of a task list in claim order (priority first, then seq: the rowid
  // every index ends with), so a claim reads the first entry. Partial: a started task leaves it, so
  // completing one writes no entry here. Replaces activities_queue (priority ascending), then
  // activities_ready (every task, started or not).
  `DROP INDEX IF EXISTS activities_queue`,
  `DROP INDEX IF EXISTS activities_ready`,
  `CREATE INDEX IF NOT EXISTS activities_queued ON activities (domain, task_list, priority DESC) WHERE started_id = 0`,
  `DROP INDEX IF EXISTS activities_token`,
  `CREATE INDEX IF NOT EXISTS activities_legacy_token ON activities (token) WHERE length(token) = ${LEGACY_TOKEN_LENGTH}`,
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
  // Timers and timeouts (engine/deadlines.ts): keyed by what they are for, ordered by when they fall
  // due. Replaces `deadlines` (a rowid table with AUTOINCREMENT and two indexes: four B-trees
  // written per deadline instead of two); migrateEngineSchema moves its rows over.
  `CREATE TABLE IF NOT EXISTS deadline_queue (
    run_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    ref TEXT NOT NULL DEFAULT '',
    at INTEGER NOT NULL,
    seq INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (run_id, kind, ref)
  ) WITHOUT ROWID`,
  `CREATE INDEX IF NOT EXISTS deadline_queue_due ON deadline_queue (at, seq)`,
];

/** Columns added since the first release, with their types: added to older databases on open. */
const ADDED_COLUMNS: ReadonlyArray<[table: string, column: string, type: string]> = [
  ['executions', 'open_counts_at_close', 'TEXT'],
];

/**
 * Tables replaced since the first release: the old table's rows are copied into its successor
 * (which {@link engineSchema} created) and the old table is dropped, in one transaction.
 */
const REPLACED_TABLES: ReadonlyArray<[old: string, copy: string]> = [
  [
    'deadlines',
    // `id` was the order of storing; two rows for the same thing never existed, but if they did the
    // later one (the one armed last) is kept.
    `INSERT OR REPLACE INTO deadline_queue (run_id, kind, ref, at, seq)
       SELECT run_id, kind, ref, at, id FROM deadlines ORDER BY id`,
  ],
];

function tableExists(db: Db, name: string): boolean {
  return db.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?`).get(name) !== undefined;
}

/**
 * Tables whose definition changed in place (same name and columns): made by an older version (its
 * stored SQL matches `outdated`), the table is rebuilt with the current definition, its rows copied
 * with their rowids, and its indexes made again, in one transaction.
 */
const REBUILT_TABLES: ReadonlyArray<[table: string, outdated: RegExp, columns: string]> = [
  ['activities', /AUTOINCREMENT/i, ACTIVITIES_COLUMNS],
];

function rebuild(db: Db, table: string, columns: string): void {
  const names = (db.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as Array<{ name: string }>)
    .map((c) => c.name)
    .join(', ');
  db.exec(`CREATE TABLE ${table}_rebuilt (${columns})`);
  db.exec(`INSERT INTO ${table}_rebuilt (${names}) SELECT ${names} FROM ${table}`);
  db.exec(`DROP TABLE ${table}`);
  db.exec(`ALTER TABLE ${table}_rebuilt RENAME TO ${table}`);
  for (const statement of engineSchema) db.exec(statement); // its indexes (every statement is idempotent)
}

/** Brings a database made by an older version up to {@link engineSchema} (idempotent). */
export function migrateEngineSchema(db: Db): void {
  for (const [table, column, type] of ADDED_COLUMNS) {
    const columns = db.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as Array<{ name: string }>;
    if (!columns.some((c) => c.name === column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
  }
  for (const [old, copy] of REPLACED_TABLES) {
    if (!tableExists(db, old)) continue;
    db.transaction(() => {
      db.exec(copy);
      db.exec(`DROP TABLE ${old}`);
    }).immediate();
  }
  for (const [table, outdated, columns] of REBUILT_TABLES) {
    const stored = db.prepare(`SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?`).get(table) as
      { sql: string } | undefined;
    if (stored && outdated.test(stored.sql)) db.transaction(() => rebuild(db, table, columns)).immediate();
  }
}
