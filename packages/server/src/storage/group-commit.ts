/**
 * Group commit: how the service keeps durability `full` without an fsync for every transaction.
 * SQLite runs with `synchronous = NORMAL` (a commit is written to the WAL file, not yet flushed),
 * and no answer leaves the service before everything committed so far is flushed:
 * {@link GroupCommit.durable} waits for one `fdatasync` of the WAL file that started after the
 * caller's commit. The requests that committed meanwhile share that flush. An acknowledged request
 * is on the disk exactly as with `synchronous = FULL` (which flushes the WAL at every commit);
 * SQLite itself still flushes at checkpoints, so the database file stays consistent.
 *
 * Where the flush runs (`flush-placement.ts`): in libuv's thread pool, so the event loop keeps
 * serving others while the disk works; or, when the loop was found to have nothing else to do while
 * earlier flushes ran, on the loop at the end of its turn, where the answers of the turn share it.
 * When the turns are a workflow's sequential steps (one commit each, with work on the loop after
 * it), the flush of such a turn begins at its commit instead, beside the loop on a thread of its
 * own (`flush-thread.ts`), while the loop finishes its turn (renders the answers, reads the next
 * request); at the end of the turn the loop waits for it without a wake-up, or flushes itself if
 * the thread has not begun yet. Either way the flush begins after every commit its answers depend
 * on, and one flush runs at a time.
 *
 * The WAL file is opened once and flushed through that descriptor for the database's lifetime. It
 * is the file SQLite writes: SQLite never deletes or replaces a database's WAL while a connection
 * has it open (the checkpoint thread's connection and this one): a checkpoint that copied every
 * frame makes the next commit write from the file's beginning again, and `journal_size_limit` cuts
 * it back with `ftruncate`, both on the same file.
 */
import { closeSync, fdatasync, fdatasyncSync, openSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { type Logger, consoleLogger } from '@swf-flow/common';
import { type Db } from '../db.js';
import { prep } from '../engine/statements.js';
import { EARLY_START_MIN_GAP_MS, FlushPlacement, LOOP_WAIT_MS } from './flush-placement.js';
import { FlushThread } from './flush-thread.js';
import { type TurnBatch } from './turn-batch.js';

/** How the WAL file is flushed and how idle the event loop has been (replaceable in tests). */
export interface WalFlushIo {
  /** `fdatasync` on the event loop (when the flush thread has not begun the flush, or is gone). */
  onLoop(fd: number): void;
  /** `fdatasync` in libuv's thread pool. */
  inPool(fd: number): Promise<void>;
  /** ms the event loop has spent idle since it started (`performance.eventLoopUtilization().idle`). */
  loopIdleMs(): number;
  /** The longest the end of a turn blocks the loop waiting for the flush thread; then it waits without blocking. */
  loopWaitMs: number;
  /** The least average time from a turn's first commit to its end for which the flush thread begins at the commit. */
  beginAtCommitMinGapMs: number;
}

const systemIo: WalFlushIo = {
  onLoop: (fd) => fdatasyncSync(fd),
  inPool: (fd) => new Promise((resolve, reject) => fdatasync(fd, (err) => (err ? reject(err) : resolve()))),
  loopIdleMs: () => performance.eventLoopUtilization().idle,
  loopWaitMs: LOOP_WAIT_MS,
  beginAtCommitMinGapMs: EARLY_START_MIN_GAP_MS,
};

/** A flush of the flush thread that answers wait for: what it covers, and their promise. */
interface Generation {
  /** `total_changes()` when the last of its answers asked for it (before it began). */
  upTo: number;
  readonly settled: Promise<void>;
  readonly resolve: () => void;
  readonly reject: (err: unknown) => void;
}

function generation(): Generation {
  let resolve!: () => void;
  let reject!: (err: unknown) => void;
  const settled = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { upTo: 0, settled, resolve, reject };
}

/** The commits of one turn of the event loop that asked for a flush. */
interface Turn {
  /** When its first commit asked. */
  readonly firstAt: number;
  /** Distinct commits that asked (answers that wait for the same commit count once). */
  commits: number;
  /** `total_changes()` of the newest of them. */
  lastTarget: number;
  /** Whether its commits ask the flush thread (decided at its first commit). */
  besideLoop: boolean;
}

/** Flushes of the WAL file shared by the answers that wait for them. */
export class GroupCommit {
  private readonly db: Db;
  /** `total_changes()` covered by the last completed flush. */
  private synced = 0;
  /** A flush at the end of the turn or in the thread pool, under way. */
  private inFlight: Promise<void> | undefined;
  private fd: number | undefined;
  private closed = false;
  private readonly placement = new FlushPlacement();
  private io: WalFlushIo = systemIo;
  private readonly counts = { loop: 0, pool: 0 };
  /** Answers waiting for the next flush at the end of the turn or in the pool (or the pooled one under way). */
  private waiting = 0;
  /** Started with the WAL file's descriptor, at the first flush. */
  private thread: FlushThread | undefined;
  /** The flush thread's generations that answers wait for, by number. */
  private readonly generations = new Map<number, Generation>();
  /** Answers that asked the flush thread in this turn of the loop. */
  private turnWaiting = 0;
  private waitingBeside = false;
  /** This turn of the loop, from its first commit that asked for a flush to its end. */
  private turn: Turn | undefined;
  /** Why the flush {@link GroupCommit.close} ran for the answers still waiting failed: they are refused with it. */
  private closeFailure: unknown;

  /**
   * @param walPath the database's `-wal` file
   * @param logger where a failure of the flush thread is reported
   * @param batch the connection's turn batch, whose open transaction no flush may count as committed
   */
  constructor(
    db: Db,
    private readonly walPath: string,
    private readonly logger: Logger = consoleLogger,
    private readonly batch?: TurnBatch,
  ) {
    this.db = db;
  }

  /**
   * Rows changed by every commit of this connection so far (SQLite's `total_changes()`, which also
   * counts a transaction still open: the turn's batch's changes count once it has committed).
   */
  private changes(): number {
    if (this.batch) return this.batch.committedChanges();
    return (prep(this.db, 'SELECT total_changes() AS n').get() as { n: number }).n;
  }

  /** Resolves once every commit made so far on this connection is flushed to the disk. */
  async durable(): Promise<void> {
    // Closed: close() flushed every commit made before it, or failed to (nothing commits after it).
    if (this.closed) return this.afterClose();
    const target = this.changes();
    if (this.synced >= target) return;
    const turn = this.joinTurn(target);
    if (turn.besideLoop && this.thread) return this.besideLoop(this.thread, target, turn);
    while (this.synced < target) {
      if (this.closed) return this.afterClose();
      this.waiting += 1;
      this.inFlight ??= this.flush().finally(() => (this.inFlight = undefined));
      await this.inFlight;
    }
  }

  /** Rows changed by commits that no completed flush covers yet. */
  unflushed(): number {
    return this.changes() - this.synced;
  }

  /**
   * How many flushes ran (one serves every answer that waited for it), and where: on the event
   * loop, on the flush thread, in libuv's thread pool.
   */
  stats(): { flushes: number; onLoop: number; onThread: number; inPool: number } {
    const { inline, thread } = this.thread?.counts() ?? { inline: 0, thread: 0 };
    const onLoop = this.counts.loop + inline;
    return { flushes: onLoop + thread + this.counts.pool, onLoop, onThread: thread, inPool: this.counts.pool };
  }

  /** Replaces how the WAL is flushed and how the loop's idle time is read (for tests: hooks and barriers). */
  useIo(io: Partial<WalFlushIo>): void {
    this.io = { ...this.io, ...io };
  }

  /** The flush thread, once started (for tests: {@link FlushThread.hold}). */
  flushThread(): FlushThread | undefined {
    return this.thread;
  }

  /** What `durable()` does once closed: resolves, or refuses with the failure of close()'s flush. */
  private afterClose(): void {
    if (this.closeFailure !== undefined) throw this.closeFailure;
  }

  /**
   * Stops the flush thread (waiting for a flush under way), then, if anything committed is not yet
   * flushed, flushes once more on the calling thread, so that every answer still waiting (beside
   * the loop, for the end of the turn, behind a pooled flush that began before its commit) leaves
   * only once its change is on the disk — or, if that flush fails, is refused with its error. Closes
   * the WAL file once a flush in the thread pool, if any, is done. Call it while the database is
   * still open. Safe to call twice.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    const fd = this.fd;
    this.fd = undefined;
    if (this.thread) {
      this.thread.close();
      this.settle();
    }
    const upTo = this.changes();
    if (upTo > this.synced) {
      try {
        if (fd !== undefined) this.io.onLoop(fd);
        else {
          const once = openSync(this.walPath, 'r+');
          try {
            this.io.onLoop(once);
          } finally {
            closeSync(once);
          }
        }
        this.synced = upTo;
      } catch (err) {
        this.closeFailure = err;
      }
    }
    for (const g of this.generations.values()) {
      if (this.closeFailure === undefined) g.resolve();
      else g.reject(this.closeFailure);
    }
    this.generations.clear();
    if (fd !== undefined)
      void (this.inFlight ?? Promise.resolve()).finally(() => {
        try {
          closeSync(fd);
        } catch {
          // already gone: nothing to release
        }
      });
  }

  /**
   * Counts a commit that asks for a flush in this turn of the loop; the turn's first decides how
   * the turn's commits are flushed (`flush-placement.ts`): beside the loop, begun at that commit,
   * only when a flush may run on the loop, none is under way elsewhere, the turns keep the loop
   * busy after their commit, and the last turn had a single commit (with more, concurrent requests
   * share one flush at the end of the turn, or in the pool, as without the flush thread).
   */
  private joinTurn(target: number): Turn {
    let turn = this.turn;
    if (turn === undefined) {
      const besideLoop =
        this.thread !== undefined &&
        this.inFlight === undefined &&
        this.placement.mayUseLoop() &&
        this.placement.beginsAtCommit(this.io.beginAtCommitMinGapMs);
      const begun: Turn = { firstAt: performance.now(), commits: 0, lastTarget: 0, besideLoop };
      this.turn = turn = begun;
      setImmediate(() => this.endTurn(begun));
    }
    if (target > turn.lastTarget) {
      turn.commits += 1;
      turn.lastTarget = target;
    }
    return turn;
  }

  /**
   * Asks the flush thread for a flush that begins after this commit and resolves once it is done:
   * the turn's first commit wakes the thread at once, so the flush runs while the loop finishes its
   * turn; at the end of the turn the loop waits for it.
   */
  private besideLoop(thread: FlushThread, target: number, turn: Turn): Promise<void> {
    this.settle();
    // A flush asked for after everything this answer depends on was committed (a poll handed its
    // task in the transaction of the answer that asked) covers it, begun or not.
    let g: Generation | undefined;
    for (const asked of this.generations.values()) if (asked.upTo >= target) g ??= asked;
    if (g === undefined) {
      const gen = thread.request(turn.commits === 1);
      g = this.generations.get(gen);
      if (g === undefined) {
        g = generation();
        this.generations.set(gen, g);
      }
      g.upTo = Math.max(g.upTo, target);
    }
    this.turnWaiting += 1;
    return g.settled;
  }

  /**
   * The end of a turn in which commits asked for a flush: the requests read in this turn have
   * committed. Records the turn (`flush-placement.ts`); if it asked the flush thread, then with few
   * answers waiting the loop blocks until their flush is done (flushing itself if the thread has
   * not begun), and with more, or past `loopWaitMs`, it waits without blocking.
   */
  private endTurn(turn: Turn): void {
    if (this.turn === turn) this.turn = undefined;
    if (this.closed) return;
    this.placement.turnEnded(performance.now() - turn.firstAt, turn.commits);
    const thread = this.thread;
    if (!turn.besideLoop || !thread) return;
    const place = this.placement.place(this.turnWaiting);
    this.turnWaiting = 0;
    if (place === 'loop') thread.finishSync(thread.newest(), this.io.loopWaitMs);
    this.settle();
    if (this.generations.size > 0) {
      thread.wake(); // if it was not woken at the commit
      void this.waitBeside(thread);
    }
  }

  /** Waits for the flush thread without blocking the loop until no answer waits for it. */
  private async waitBeside(thread: FlushThread): Promise<void> {
    if (this.waitingBeside) return;
    this.waitingBeside = true;
    try {
      while (this.generations.size > 0 && !this.closed) {
        await thread.whenDone(Math.min(...this.generations.keys()));
        this.settle();
      }
    } finally {
      this.waitingBeside = false;
    }
  }

  /** Settles the answers of every generation the flush thread has done, each by its own outcome. */
  private settle(): void {
    const thread = this.thread;
    if (!thread) return;
    const done = thread.done();
    for (const [gen, g] of this.generations) {
      if (gen > done) continue;
      this.generations.delete(gen);
      const failure = thread.failure(gen);
      thread.forget(gen);
      if (failure) g.reject(failure);
      else {
        this.synced = Math.max(this.synced, g.upTo);
        g.resolve();
      }
    }
  }

  /** Opens the WAL file once, and starts the flush thread for it. */
  private walFd(): number {
    if (this.fd !== undefined) return this.fd;
    const fd = openSync(this.walPath, 'r+');
    this.fd = fd;
    try {
      this.thread = new FlushThread(
        fd,
        (f) => this.io.onLoop(f),
        (reason) =>
          this.logger.error('swf-flow storage: the WAL flush thread ended; flushes run on the event loop instead', {
            reason,
          }),
      );
    } catch (err) {
      this.logger.error('swf-flow storage: the WAL flush thread could not start; flushes run in the thread pool', {
        error: err instanceof Error ? err.message : String(err),
      });
    }
    return fd;
  }

  /**
   * A flush on the event loop at the end of the turn, or in libuv's thread pool (measuring how idle
   * the loop was meanwhile). One flush at a time: it begins once the flush thread's are done.
   */
  private async flush(): Promise<void> {
    if (this.thread && this.generations.size > 0) {
      await this.thread.whenDone(Math.max(...this.generations.keys()));
      this.settle();
    }
    if (this.placement.mayUseLoop()) {
      // At the end of this turn of the loop: the requests read in it have committed and wait.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (this.closed) return;
    const place = this.placement.place(this.waiting);
    this.waiting = 0;
    const upTo = this.changes();
    const fd = this.walFd();
    if (place === 'loop') this.io.onLoop(fd);
    else {
      const started = performance.now();
      const idleBefore = this.io.loopIdleMs();
      await this.io.inPool(fd);
      this.placement.observed(performance.now() - started, this.io.loopIdleMs() - idleBefore);
      // Those that joined it are served; those that need the next flush count themselves again.
      this.waiting = 0;
    }
    this.counts[place] += 1;
    this.synced = Math.max(this.synced, upTo);
  }
}
