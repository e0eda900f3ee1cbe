/**
 * Group commit: how the service keeps durability `full` without an fsync on the main thread for
 * every transaction. SQLite runs with `synchronous = NORMAL` (a commit is written to the WAL file,
 * not yet flushed), and no answer leaves the service before everything committed so far is flushed:
 * {@link GroupCommit.durable} waits for one `fdatasync` of the WAL file, in libuv's thread pool,
 * that started after the caller's commit. The requests that committed meanwhile share that flush,
 * and the event loop keeps serving others while the disk works. An acknowledged request is on the
 * disk exactly as with `synchronous = FULL` (which flushes the WAL at every commit); SQLite itself
 * still flushes at checkpoints, so the database file stays consistent.
 */
import { type FileHandle, open } from 'node:fs/promises';
import { type Db } from '../db.js';
import { prep } from '../engine/statements.js';

/** Flushes of the WAL file shared by the answers that wait for them. */
export class GroupCommit {
  private readonly db: Db;
  /** `total_changes()` covered by the last completed flush. */
  private synced = 0;
  private inFlight: Promise<void> | undefined;
  private file: FileHandle | undefined;
  private closed = false;
  private flushes = 0;

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
      this.inFlight ??= this.flush().finally(() => (this.inFlight = undefined));
      await this.inFlight;
    }
  }

  /** Rows changed by commits that no completed flush covers yet. */
  unflushed(): number {
    return this.changes() - this.synced;
  }

  /** How many flushes ran (one serves every answer that waited for it). */
  stats(): { flushes: number } {
    return { flushes: this.flushes };
  }

  /** Closes the WAL file handle once the flush under way, if any, is done. */
  close(): void {
    this.closed = true;
    const file = this.file;
    this.file = undefined;
    if (file) void (this.inFlight ?? Promise.resolve()).finally(() => file.close().catch(() => {}));
  }

  private async flush(): Promise<void> {
    const upTo = this.changes();
    this.file ??= await open(this.walPath, 'r+');
    await this.file.datasync();
    this.flushes += 1;
    this.synced = Math.max(this.synced, upTo);
  }
}
