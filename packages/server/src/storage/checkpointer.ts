/**
 * WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside the commit that
 * crosses 1,000 WAL pages: that commit copies the pages into the database file and flushes it
 * twice, stalling the service's event loop for tens of milliseconds. The service's connection runs
 * with `wal_autocheckpoint = 0` instead, and a thread of its own (`checkpoint-thread.ts`) checkpoints
 * from a second connection with `PASSIVE` checkpoints, which never take the write lock nor wait for
 * readers, so a checkpoint in progress never blocks a commit. (Like any SQLite reader, the thread's
 * connection takes the write lock for an instant in one rare case: when it reads the WAL index's
 * header while a commit is rewriting it, and reads it again under the lock. The serving connection's
 * `busy_timeout` covers that instant.)
 *
 * A passive checkpoint copies the frames committed before it began; the WAL starts over from its
 * beginning only when the serving connection begins a write after a checkpoint that copied every
 * frame. Under a steady stream of commits, each made while a checkpoint is under way, that moment
 * may not come, and the WAL would keep growing. So when a checkpoint finds `catchUpFrames` or more
 * frames in the WAL (it has not started over for that long), the thread asks the service to catch up:
 * between two of its transactions, the serving connection checkpoints the few frames left (most
 * were just copied by the thread), and its next write restarts the WAL. That costs one short
 * checkpoint on the event loop per `catchUpFrames` frames under saturation, nothing otherwise.
 *
 * Durability is unchanged: commits are written to the WAL exactly as before (and, with durability
 * `full`, flushed by the group commit before answers), and checkpoints, wherever they run, flush the
 * WAL before copying it and the database file before the WAL may be reused.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { type Logger } from '@swf-flow/common';
import type Database from 'better-sqlite3';
import {
  CHECKPOINT_STATE as S,
  CHECKPOINT_THREAD,
  type CheckpointThreadData,
  type CheckpointThreadMessage,
} from './checkpoint-thread.js';

/** Options of the checkpoint thread. */
export interface CheckpointOptions {
  /**
   * How often the thread looks for new commits (`PRAGMA data_version`), in ms; a checkpoint runs
   * only when there are.
   * @default 100
   */
  intervalMs?: number;
  /**
   * WAL frames (pages) past which a checkpoint that could not copy the whole WAL asks the serving
   * connection to catch up.
   * @default 10000 (about 40 MB with 4 KiB pages)
   */
  catchUpFrames?: number;
}

/** What the checkpointer has done, for tests and diagnostics. */
export interface CheckpointStats {
  /** Checkpoints the thread ran. */
  checkpoints: number;
  /** Checkpoints the serving connection ran to catch up. */
  catchUps: number;
  /** WAL frames after the thread's last checkpoint, and how many of them it had copied. */
  log: number;
  checkpointed: number;
  /** False once the thread failed and SQLite's own checkpoints took over again. */
  threaded: boolean;
}

/** SQLite's default `wal_autocheckpoint`, restored if the thread fails. */
const SQLITE_AUTOCHECKPOINT = 1000;
/** The size a restarted WAL file is cut back to. */
const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;
/** How long closing waits for a checkpoint in progress to finish. */
const CLOSE_WAIT_MS = 10_000;

/** Runs a database's WAL checkpoints on a thread of their own (see the module comment). */
export class Checkpointer {
  private readonly state = new Int32Array(new SharedArrayBuffer(S.length * Int32Array.BYTES_PER_ELEMENT));
  private readonly worker: Worker;
  private catchUps = 0;
  private threaded = true;
  private closed = false;

  /**
   * Turns the automatic checkpoint of `db` (a file database in WAL mode) off and starts the thread
   * that checkpoints `file` instead.
   */
  constructor(
    private readonly db: Database.Database,
    file: string,
    private readonly logger: Logger,
    options: CheckpointOptions = {},
    /** Ends the serving connection's open transaction, if any, before it checkpoints (`turn-batch.ts`). */
    private readonly beforeCatchUp: () => void = () => undefined,
  ) {
    db.pragma('wal_autocheckpoint = 0');
    // After a burst, a WAL that starts over is cut back to this size rather than kept at its largest.
    db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
    const workerData: CheckpointThreadData = {
      file,
      betterSqlite3: createRequire(import.meta.url).resolve('better-sqlite3'),
      state: this.state.buffer as SharedArrayBuffer,
      intervalMs: options.intervalMs ?? 100,
      catchUpFrames: options.catchUpFrames ?? 10_000,
    };
    this.worker = new Worker(CHECKPOINT_THREAD, { eval: true, workerData, name: 'swf-flow checkpoints' });
    this.worker.unref();
    this.worker.on('message', (message: CheckpointThreadMessage) => {
      if (message.type === 'catch-up') this.catchUp();
      else this.fail(message.message);
    });
    this.worker.on('error', (err) => this.fail(err.stack ?? err.message));
    this.worker.on('exit', (code) => {
      if (!this.closed) this.fail(`the checkpoint thread exited with code ${code}`);
    });
  }

  /** What it has done so far. */
  stats(): CheckpointStats {
    return {
      checkpoints: Atomics.load(this.state, S.checkpoints),
      catchUps: this.catchUps,
      log: Atomics.load(this.state, S.log),
      checkpointed: Atomics.load(this.state, S.checkpointed),
      threaded: this.threaded,
    };
  }

  /**
   * Stops the thread: waits (at most 10 s) for a checkpoint under way to finish and the thread's
   * connection to close, so that the serving connection, closed next, is the last one and leaves
   * no WAL behind. Safe to call twice.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    Atomics.store(this.state, S.stop, 1);
    Atomics.notify(this.state, S.stop);
    // A thread that has not opened its connection yet is stopped where it is instead.
    if (Atomics.load(this.state, S.ready) === 1) Atomics.wait(this.state, S.closed, 0, CLOSE_WAIT_MS);
    void this.worker.terminate();
  }

  /** The serving connection checkpoints the frames the thread could not (runs between transactions). */
  private catchUp(): void {
    if (this.closed || !this.db.open) return;
    try {
      this.beforeCatchUp();
      this.db.pragma('wal_checkpoint(PASSIVE)');
      this.catchUps += 1;
      Atomics.store(this.state, S.catchUpAsked, 0);
    } catch (err) {
      this.logger.error('swf-flow storage: a WAL checkpoint on the serving connection failed', {
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }

  /** The thread is gone: SQLite's own checkpoints take over again, so the WAL stays bounded. */
  private fail(reason: string): void {
    if (this.closed || !this.threaded) return;
    this.threaded = false;
    this.logger.error(
      'swf-flow storage: the WAL checkpoint thread failed; checkpoints run inside commits again (as SQLite does by default)',
      { reason },
    );
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT}`);
    void this.worker.terminate();
  }
}
