/**
 * One SQLite transaction for the requests of one turn of the event loop. The requests read in a
 * turn (each socket's bytes are handled in a callback of the loop's poll phase) would otherwise
 * each begin and commit a transaction of their own, and each commit writes WAL frames for some of
 * the same pages (the ready-task indexes, the deadline queue) and takes and releases the write
 * lock. Here, once a turn has more than one transaction that writes, the rest of its transactions
 * join one batch (`BEGIN IMMEDIATE`), each in a savepoint of it (a request that fails rolls back
 * its own savepoint only, and fails as it would alone), and the batch is committed once, at the
 * end of the turn (`setImmediate`: after the poll phase's callbacks and their microtasks). A turn
 * after one with several writers batches from its first transaction. A turn with one write (a
 * workflow's sequential steps) commits it where it always did: a batch of one would only move
 * its commit, and its answer, to the end of the turn.
 *
 * No answer may leave before what it read or wrote is committed (and, with durability `full`,
 * flushed: the group commit's flush begins after this commit, `group-commit.ts`): whoever answers
 * waits for {@link TurnBatch.pending} before it asks for the flush. A commit that fails fails
 * every request of the batch: none of their answers has left. So does a failure that made SQLite
 * roll back the whole transaction (a full disk, an I/O error inside a request's savepoint).
 *
 * Work that is not a request (a deadline that falls due, a Lambda task's outcome, the retention
 * sweep, a checkpoint on the serving connection, closing) commits the open batch first
 * ({@link TurnBatch.commitNow}) and then runs as before, in a transaction of its own.
 */
import type Database from 'better-sqlite3';
import { type Logger, consoleLogger } from '@swf-flow/common';
import { prep } from '../engine/statements.js';

/** The open transaction of a turn, as its members see it. */
export interface Batch {
  /** Resolves once the batch is committed; rejects with why it was not (its writes are gone). */
  readonly outcome: Promise<void>;
  /** Runs `fn` once the batch has committed (tasks handed to waiting polls, Lambda invocations). */
  afterCommit(fn: () => void): void;
  /** Runs `fn` if the batch is rolled back (pollers claimed for claim for themselves again). */
  afterRollback(fn: () => void): void;
}

interface OpenBatch extends Batch {
  resolve(): void;
  reject(err: unknown): void;
  readonly committed: Array<() => void>;
  readonly rolledBack: Array<() => void>;
  members: number;
  /** Whether it holds the write lock: begun IMMEDIATE, or a member wrote. */
  writing: boolean;
}

function openBatch(writing: boolean): OpenBatch {
  let resolve!: () => void;
  let reject!: (err: unknown) => void;
  const outcome = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A batch that fails with no member waiting (they all failed on their own) is not an unhandled rejection.
  outcome.catch(() => undefined);
  const committed: Array<() => void> = [];
  const rolledBack: Array<() => void> = [];
  return {
    outcome,
    resolve,
    reject,
    committed,
    rolledBack,
    members: 0,
    writing,
    afterCommit: (fn) => committed.push(fn),
    afterRollback: (fn) => rolledBack.push(fn),
  };
}

/** What the batches have done so far (for tests and diagnostics). */
export interface TurnBatchStats {
  /** Batches committed. */
  commits: number;
  /** Batches that failed (their commit, or a failure that rolled the whole transaction back). */
  failures: number;
  /** Requests (transactions) that joined a batch. */
  members: number;
}

/** Hooks for tests: run just before a batch's `COMMIT`, inside its transaction. */
export interface TurnBatchHooks {
  beforeCommit?(db: Database.Database): void;
}

/** The transaction of the current turn's requests on one connection (see the module comment). */
export class TurnBatch {
  private open: OpenBatch | undefined;
  /** `total_changes()` when the open batch began: every change before it is committed. */
  private changesAtBegin = 0;
  private readonly begin: Database.Statement;
  private readonly beginDeferred: Database.Statement;
  private readonly commit: Database.Statement;
  private readonly rollback: Database.Statement;
  private readonly totalChanges: Database.Statement;
  private readonly stat: TurnBatchStats = { commits: 0, failures: 0, members: 0 };
  /** Whether this turn of the loop has begun a transaction yet (its end is then scheduled). */
  private turnBegun = false;
  /** Transactions of this turn that wrote, so far. */
  private turnWriters = 0;
  /** Transactions of the last turn that began any that wrote. */
  private lastTurnWriters = 0;
  /** `total_changes()` before the transaction of its own that runs now (see {@link TurnBatch.ownDone}). */
  private ownBefore = 0;
  private hooks: TurnBatchHooks = {};
  private readonly endTurn = (): void => {
    this.lastTurnWriters = this.turnWriters;
    this.turnWriters = 0;
    this.turnBegun = false;
  };

  constructor(
    private readonly db: Database.Database,
    private readonly logger: Logger = consoleLogger,
  ) {
    this.begin = prep(db, 'BEGIN IMMEDIATE');
    this.beginDeferred = prep(db, 'BEGIN');
    this.commit = prep(db, 'COMMIT');
    this.rollback = prep(db, 'ROLLBACK');
    this.totalChanges = prep(db, 'SELECT total_changes() AS n');
  }

  /**
   * Joins the turn's transaction, beginning it if none is open, or answers `undefined`: the caller
   * then runs a transaction of its own, as without batches, and calls {@link TurnBatch.ownDone}
   * after it. A batch is begun only where it can share a commit: once a transaction of this turn
   * has written, or from the turn's first transaction when the last turn had two or more that
   * wrote. A turn with one write (a workflow's sequential steps: a request, and perhaps a poll
   * that finds nothing and waits) commits where it always did.
   *
   * A member runs its work in a savepoint of the batch. One that may write (`'write'`) needs the
   * write lock: the batch begins IMMEDIATE (the lock is taken at `BEGIN`, waiting for it up to the
   * busy timeout as every write transaction does), and a batch begun by readers that has not
   * written yet is committed first (it holds only a read snapshot, whose first write SQLite
   * refuses at once, with no busy handler, should another connection hold the lock). One that
   * only reads, or reads before it may write (a poll's claim, which retries as `'write'` if
   * refused: `engine.ts`), begins it deferred, taking no lock it does not need. Throws what
   * `BEGIN` throws.
   */
  join(access: 'read' | 'write'): Batch | undefined {
    if (!this.turnBegun) {
      this.turnBegun = true;
      setImmediate(this.endTurn);
    }
    let batch = this.open;
    if (batch !== undefined && !this.db.inTransaction) {
      // A statement outside the engine's savepoints (a registry request's) failed in a way that
      // made SQLite roll the whole transaction back: the batch's members lost their writes.
      this.open = undefined;
      this.fail(batch, new Error('the transaction was rolled back by SQLite after a failed statement'));
      batch = undefined;
    }
    // Inside a transaction that is not a batch (begun by other code on the connection), a
    // transaction nests in it as it always did.
    if (batch === undefined && this.db.inTransaction) return this.own();
    if (batch === undefined && this.turnWriters === 0 && this.lastTurnWriters < 2) return this.own();
    if (batch !== undefined && access === 'write' && !batch.writing) {
      this.end(batch);
      batch = undefined;
    }
    if (batch === undefined) {
      const before = (this.totalChanges.get() as { n: number }).n;
      (access === 'write' ? this.begin : this.beginDeferred).run();
      this.changesAtBegin = before;
      const begun = openBatch(access === 'write');
      this.open = batch = begun;
      setImmediate(() => this.end(begun));
    }
    batch.members += 1;
    this.stat.members += 1;
    return batch;
  }

  /** Answers {@link TurnBatch.join} for a transaction of its own. */
  private own(): undefined {
    this.ownBefore = (this.totalChanges.get() as { n: number }).n;
    return undefined;
  }

  /** A transaction of its own that {@link TurnBatch.join} answered `undefined` to has ended. */
  ownDone(): void {
    if ((this.totalChanges.get() as { n: number }).n !== this.ownBefore) this.turnWriters += 1;
  }

  /**
   * A member is done (its savepoint released or rolled back): if the batch did not hold the write
   * lock and the member wrote, it holds it now. A member of a batch that writes counts as a
   * transaction of the turn that wrote.
   */
  memberDone(batch: Batch): void {
    const open = this.open;
    if (open !== batch) return;
    if (!open.writing) open.writing = (this.totalChanges.get() as { n: number }).n !== this.changesAtBegin;
    if (open.writing) this.turnWriters += 1;
  }

  /** The open batch's outcome, if one is open: an answer that read or wrote in it waits for this. */
  pending(): Promise<void> | undefined {
    return this.open?.outcome;
  }

  /**
   * A member's savepoint failed. If SQLite rolled the whole transaction back with it (it does for
   * some errors: a full disk, an I/O error, out of memory), the batch's other members lost their
   * writes: the batch fails with `err`.
   */
  memberFailed(batch: Batch, err: unknown): void {
    if (this.open !== batch || this.db.inTransaction) return;
    this.open = undefined;
    this.fail(batch as OpenBatch, err);
  }

  /** Commits the open batch now, if one is open (a failure fails its members; never throws). */
  commitNow(): void {
    if (this.open) this.end(this.open);
  }

  /**
   * `total_changes()` as of the last commit: while a batch is open, the changes made before it
   * began (those of the open batch are not committed yet, and no flush may count them as done).
   */
  committedChanges(): number {
    if (this.open) return this.changesAtBegin;
    return (this.totalChanges.get() as { n: number }).n;
  }

  /** What the batches have done so far. */
  stats(): TurnBatchStats {
    return { ...this.stat };
  }

  /** Replaces the test hooks. */
  useHooks(hooks: TurnBatchHooks): void {
    this.hooks = hooks;
  }

  private end(batch: OpenBatch): void {
    if (this.open !== batch) return;
    this.open = undefined;
    try {
      this.hooks.beforeCommit?.(this.db);
      this.commit.run();
    } catch (err) {
      // A COMMIT that fails may leave the transaction open (a deferred constraint, SQLITE_BUSY).
      if (this.db.inTransaction) {
        try {
          this.rollback.run();
        } catch {
          // SQLite rolled it back itself meanwhile
        }
      }
      this.fail(batch, err);
      return;
    }
    this.stat.commits += 1;
    for (const fn of batch.committed) this.safely(fn);
    batch.resolve();
  }

  private fail(batch: OpenBatch, err: unknown): void {
    this.stat.failures += 1;
    this.logger.error(
      `swf-flow storage: the transaction of ${batch.members} request(s) read in one turn was rolled back; each of them fails`,
      { error: err instanceof Error ? err.message : String(err) },
    );
    for (const fn of batch.rolledBack) this.safely(fn);
    batch.reject(err);
  }

  private safely(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.logger.error('swf-flow storage: work after a turn batch ended failed', {
        error: err instanceof Error ? err.message : String(err),
        stack: err instanceof Error ? err.stack : undefined,
      });
    }
  }
}
