/**
 * Group commit: how the service keeps durability `full` without an fsync for every transaction.
 * SQLite runs with `synchronous = NORMAL` (a commit is written to the WAL file, not yet flushed),
 * and no answer leaves the service before everything committed so far is flushed:
 * {@link GroupCommit.durable} waits for one `fdatasync` of the WAL file that started after the
 * caller's commit. The requests that committed meanwhile share that flush. An acknowledged request
 * is on the disk exactly as with `synchronous = FULL` (which flushes the WAL at every commit);
 * SQLite itself still flushes at checkpoints, so the database file stays consistent.
 *
 * A flush runs in libuv's thread pool, so the event loop keeps serving others while the disk works,
 * or, when the loop was found to have nothing else to do while earlier flushes ran, on the loop at
 * the end of its current turn (`flush-placement.ts`): the same `fdatasync` without the two thread
 * hand-offs around it.
 */
import { closeSync, fdatasync, fdatasyncSync, openSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { type Db } from '../db.js';
import { prep } from '../engine/statements.js';
import { type FlushPlace, FlushPlacement } from './flush-placement.js';

/** How the WAL file is flushed and how idle the event loop has been (replaceable in tests). */
export interface WalFlushIo {
  /** `fdatasync` on the event loop. */
  onLoop(fd: number): void;
  /** `fdatasync` in libuv's thread pool. */
  inPool(fd: number): Promise<void>;
  /** ms the event loop has spent idle since it started (`performance.eventLoopUtilization().idle`). */
  loopIdleMs(): number;
}

const systemIo: WalFlushIo = {
  onLoop: (fd) => fdatasyncSync(fd),
  inPool: (fd) => new Promise((resolve, reject) => fdatasync(fd, (err) => (err ? reject(err) : resolve()))),
  loopIdleMs: () => performance.eventLoopUtilization().idle,
};

/** Flushes of the WAL file shared by the answers that wait for them. */
export class GroupCommit {
  private readonly db: Db;
  /** `total_changes()` covered by the last completed flush. */
  private synced = 0;
  private inFlight: Promise<void> | undefined;
  private fd: number | undefined;
  private closed = false;
  private readonly placement = new FlushPlacement();
  private io: WalFlushIo = systemIo;
  private readonly counts: Record<FlushPlace, number> = { loop: 0, pool: 0 };
  /** Callers of {@link GroupCommit.durable} waiting for the next flush to start (or the pooled one under way). */
  private waiting = 0;

  /** @param walPath the database's `-wal` file */
  constructor(
    db: Db,
    private readonly walPath: string,
  ) {
    this.db = db;
  }

  /** Rows changed by every commit of this connection so far (SQLite's `total_changes()`). */
  private changes(): number {
    return (prep(this.db, 'SELECT total_changes() AS n').get() as { n: number }).n;
  }

  /** Resolves once every commit made so far on this connection is flushed to the disk. */
  async durable(): Promise<void> {
    const target = this.changes();
    while (this.synced < target && !this.closed) {
      this.waiting += 1;
      this.inFlight ??= this.flush().finally(() => (this.inFlight = undefined));
      await this.inFlight;
    }
  }

  /** Rows changed by commits that no completed flush covers yet. */
  unflushed(): number {
    return this.changes() - this.synced;
  }

  /** How many flushes ran (one serves every answer that waited for it), and where. */
  stats(): { flushes: number; onLoop: number; inPool: number } {
    return { flushes: this.counts.loop + this.counts.pool, onLoop: this.counts.loop, inPool: this.counts.pool };
  }

  /** Replaces how the WAL is flushed and how the loop's idle time is read (for tests: hooks and barriers). */
  useIo(io: Partial<WalFlushIo>): void {
    this.io = { ...this.io, ...io };
  }

  /** Closes the WAL file once the flush under way, if any, is done. */
  close(): void {
    this.closed = true;
    const fd = this.fd;
    this.fd = undefined;
    if (fd !== undefined)
      void (this.inFlight ?? Promise.resolve()).finally(() => {
        try {
          closeSync(fd);
        } catch {
          // already gone: nothing to release
        }
      });
  }

  private async flush(): Promise<void> {
    if (this.placement.mayUseLoop()) {
      // At the end of this turn of the loop: the requests read in it have committed and wait.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.closed) return;
    }
    const place = this.placement.place(this.waiting);
    this.waiting = 0;
    const upTo = this.changes();
    this.fd ??= openSync(this.walPath, 'r+');
    if (place === 'loop') this.io.onLoop(this.fd);
    else {
      const started = performance.now();
      const idleBefore = this.io.loopIdleMs();
      await this.io.inPool(this.fd);
      this.placement.observed(performance.now() - started, this.io.loopIdleMs() - idleBefore);
      // Those that joined it are served; those that need the next flush count themselves again.
      this.waiting = 0;
    }
    this.counts[place] += 1;
    this.synced = Math.max(this.synced, upTo);
  }
}
