/**
 * Deadlines: every timer and timeout is a row in `deadline_queue`; the {@link Scheduler} arms the
 * nearest one on the clock and, when it falls due, processes all due rows in one transaction.
 * A restarted engine re-arms from the table, so deadlines keep their original times. A run that
 * fails (the database busy or full) changes nothing and is retried with back-off until it succeeds.
 *
 * A run has at most one deadline of a kind for one thing (`ref`: a timer id, an event id), so the
 * table is keyed by (run, kind, ref) without a rowid, and one index orders it by due time, then
 * `seq` (the order deadlines were stored in, counted by the scheduler). Storing or removing a
 * deadline writes two B-trees; durability `full` flushes every page a commit writes.
 */
import { type Clock } from '../clock.js';
import { type Db } from '../db.js';
import { type Ctx } from './types.js';
import { prep } from './statements.js';

/** What a deadline is for. */
export type DeadlineKind =
  | 'wf-timeout'
  | 'dt-start-to-close'
  | 'dt-schedule-to-start'
  | 'at-schedule-to-start'
  | 'at-schedule-to-close'
  | 'at-start-to-close'
  | 'at-heartbeat'
  | 'lambda-start-to-close'
  | 'timer';

/** A stored deadline. */
export interface DeadlineRow {
  /** The order it was stored in: deadlines due at the same time fire in this order. */
  seq: number;
  at: number;
  kind: DeadlineKind;
  run_id: string;
  ref: string;
}

/**
 * Stores a deadline and lets the scheduler know. One of the same run, kind and ref stored before
 * is replaced (the engine removes a deadline before it arms it again; this keeps a slip from failing
 * a request).
 */
export function addDeadline(ctx: Ctx, at: number, kind: DeadlineKind, runId: string, ref = ''): void {
  prep(ctx.db, 'INSERT OR REPLACE INTO deadline_queue (run_id, kind, ref, at, seq) VALUES (?, ?, ?, ?, ?)').run(
    runId,
    kind,
    ref,
    at,
    ctx.noteDeadline(at),
  );
}

/** Removes a run's deadlines: all of them, those of a kind, or those of a kind and ref. */
export function removeDeadlines(ctx: Ctx, runId: string, kind?: DeadlineKind, ref?: string): void {
  if (kind === undefined) prep(ctx.db, 'DELETE FROM deadline_queue WHERE run_id = ?').run(runId);
  else if (ref === undefined) prep(ctx.db, 'DELETE FROM deadline_queue WHERE run_id = ? AND kind = ?').run(runId, kind);
  else prep(ctx.db, 'DELETE FROM deadline_queue WHERE run_id = ? AND kind = ? AND ref = ?').run(runId, kind, ref);
}

/** The first wait before a failed run of due deadlines is tried again, in ms. */
export const DEADLINE_RETRY_INITIAL_MS = 50;
/** The longest wait between two tries of a failing run of due deadlines, in ms. */
export const DEADLINE_RETRY_MAX_MS = 5_000;

/** Arms the nearest stored deadline on the clock and fires due deadlines. */
export class Scheduler {
  private armedAt: number | undefined;
  private cancel: (() => void) | undefined;
  private closed = false;
  private failures = 0;
  /** The last `seq` handed out; read from the table on first use. */
  private seq: number | undefined;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    /** Processes due deadlines inside one transaction; if it throws, nothing was changed. */
    private readonly runDue: (due: () => DeadlineRow[]) => void,
    /** Told about a failed run and when it is tried again. */
    private readonly onFailure: (err: unknown, failuresInARow: number, retryInMs: number) => void,
  ) {}

  /** Arms the earliest stored deadline (call once, after construction or restart). */
  start(): void {
    this.closed = false;
    this.rearm();
  }

  /**
   * A deadline at `at` is being stored: re-arms if it is earlier than the armed one, and returns
   * the deadline's `seq` (one more than any stored so far).
   */
  note(at: number): number {
    this.seq ??= (prep(this.db, 'SELECT MAX(seq) AS seq FROM deadline_queue').get() as { seq: number | null }).seq ?? 0;
    this.seq += 1;
    if (!this.closed && (this.armedAt === undefined || at < this.armedAt)) this.arm(at);
    return this.seq;
  }

  /** Stops the clock callbacks; stored deadlines stay. */
  close(): void {
    this.closed = true;
    this.cancel?.();
    this.cancel = undefined;
    this.armedAt = undefined;
  }

  private arm(at: number): void {
    this.cancel?.();
    this.armedAt = at;
    this.cancel = this.clock.schedule(at, () => this.fire());
  }

  private rearm(): void {
    this.cancel?.();
    this.cancel = undefined;
    this.armedAt = undefined;
    const next = prep(this.db, 'SELECT MIN(at) AS at FROM deadline_queue').get() as { at: number | null };
    if (next.at !== null) this.arm(next.at);
  }

  private fire(): void {
    if (this.closed) return;
    this.cancel = undefined;
    this.armedAt = undefined;
    try {
      this.runDue(() => {
        const now = this.clock.now();
        const rows = prep(this.db, 'SELECT * FROM deadline_queue WHERE at <= ? ORDER BY at, seq').all(
          now,
        ) as DeadlineRow[];
        if (rows.length > 0) prep(this.db, 'DELETE FROM deadline_queue WHERE at <= ?').run(now);
        return rows;
      });
    } catch (err) {
      // The transaction rolled back: the due rows are still stored. Try again later, never give up
      // while the engine runs (a write lock held past the busy timeout, a full disk, ...).
      if (this.closed || !this.db.open) return;
      const retryInMs = Math.min(DEADLINE_RETRY_MAX_MS, DEADLINE_RETRY_INITIAL_MS * 2 ** Math.min(this.failures, 20));
      this.failures += 1;
      this.onFailure(err, this.failures, retryInMs);
      this.arm(this.clock.now() + retryInMs);
      return;
    }
    this.failures = 0;
    if (!this.closed) this.rearm();
  }
}
