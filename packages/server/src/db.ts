import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { type Logger, consoleLogger } from '@swf-flow/common';
import { type CheckpointOptions, Checkpointer } from './storage/checkpointer.js';
import { DataDirLock } from './storage/data-dir-lock.js';
import { GroupCommit } from './storage/group-commit.js';
import { createPrivateDir, createPrivateFile, tightenFile } from './storage/private-files.js';
import { openSqlite } from './storage/sqlite.js';
import { TurnBatch } from './storage/turn-batch.js';

/**
 * The page size of a database file the service creates, in bytes (SQLite's default is 4,096).
 * Every request of a workflow step writes a page of each table and index it touches (~30 pages a
 * step when each request commits alone, `bench/commit-pages.ts`); with pages half as large, each
 * of those WAL frames is half the bytes to checksum, write and checkpoint, and SQLite's B-tree
 * inserts move half as much within a page. On this project's benchmark machine that took a third
 * off the engine's CPU per step on a data directory (`bench/engine-steps.ts`, BENCHMARKS.md "Half
 * the page size"); reads of history pages cost the same. A database file keeps the page size it
 * was created with: one made before keeps 4,096 (SQLite ignores the pragma on a database that
 * holds anything), and works as before.
 */
export const PAGE_SIZE = 2048;

/** The SQLite database behind the service. */
export type Db = Database.Database;

/** The file name of the database inside a data directory. */
export const DB_FILE = 'swf.sqlite';

/**
 * When a commit counts as done.
 * - `'full'`: the WAL is flushed to the disk (fsync) before a request is answered, so an
 *   acknowledged request survives a power loss or an operating-system crash, not only a killed
 *   process (SQLite `synchronous = FULL`; with `groupCommit`, `synchronous = NORMAL` plus one
 *   shared flush before answers: see storage/group-commit.ts).
 * - `'normal'`: the commit is in the WAL file but not yet flushed: it survives `kill -9` of the
 *   service, while a power loss may lose the last acknowledged requests (`synchronous = NORMAL`;
 *   the database itself stays consistent). Cheaper per request; see `bench/`.
 */
export type Durability = 'full' | 'normal';

/** The durabilities, for validating options and flags. */
export const DURABILITIES: readonly Durability[] = ['full', 'normal'];

/** Options of {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /**
   * When a commit counts as done (ignored for `':memory:'`).
   * @default 'full'
   */
  durability?: Durability;
  /**
   * With durability `'full'` on a data directory: run SQLite with `synchronous = NORMAL` and flush
   * the WAL for many commits at once ({@link groupCommitOf}); whoever answers requests must then
   * await `durable()` before answering (SwfService does).
   * @default false
   */
  groupCommit?: boolean;
  /**
   * How WAL checkpoints run on a data directory: on a thread of their own (see
   * storage/checkpointer.ts), never inside a commit on the caller's thread.
   * @default { intervalMs: 100, catchUpFrames: 10000 }
   */
  checkpoints?: CheckpointOptions;
  /**
   * Where a failure of the checkpoint thread or of the WAL flush thread is reported.
   * @default consoleLogger
   */
  logger?: Logger;
}

/**
 * Opens (creating if needed) the service's database: `':memory:'` for a throw-away service, or a
 * data directory that holds `swf.sqlite` in WAL mode. A data directory is used by one service at
 * a time: opening takes its lock (released by `db.close()`, or by the operating system when the
 * process dies) and throws `DataDirectoryInUseError` naming the holder if another service has it.
 * A new data directory is created `0700` and its files `0600`.
 */
export function openDatabase(dataDir: string, schema: readonly string[], options: OpenDatabaseOptions = {}): Db {
  const durability = options.durability ?? 'full';
  if (!DURABILITIES.includes(durability))
    throw new RangeError(`durability must be one of ${DURABILITIES.join(', ')}; got ${String(durability)}`);
  let db: Db;
  let file: string | undefined;
  if (dataDir === ':memory:') {
    db = openSqlite(':memory:');
  } else {
    createPrivateDir(dataDir);
    const lock = DataDirLock.acquire(dataDir);
    try {
      file = join(dataDir, DB_FILE);
      createPrivateFile(file);
      for (const suffix of ['-wal', '-shm']) tightenFile(file + suffix);
      db = openSqlite(file);
      // Takes effect on a new, empty file only (before WAL mode writes its header): see PAGE_SIZE.
      db.pragma(`page_size = ${PAGE_SIZE}`);
      db.pragma('journal_mode = WAL');
      const grouped = durability === 'full' && options.groupCommit === true;
      db.pragma(`synchronous = ${durability === 'full' && !grouped ? 'FULL' : 'NORMAL'}`);
      const batch = new TurnBatch(db, options.logger ?? consoleLogger);
      turnBatches.set(db, batch);
      if (grouped) groupCommits.set(db, new GroupCommit(db, `${file}-wal`, options.logger ?? consoleLogger, batch));
    } catch (err) {
      lock.release();
      throw err;
    }
    holdLockUntilClose(db, lock);
  }
  try {
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    for (const statement of schema) db.exec(statement);
    if (file !== undefined)
      checkpointers.set(
        db,
        new Checkpointer(db, file, options.logger ?? consoleLogger, options.checkpoints, () =>
          turnBatches.get(db)?.commitNow(),
        ),
      );
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

const locks = new WeakMap<Db, DataDirLock>();
const groupCommits = new WeakMap<Db, GroupCommit>();
const checkpointers = new WeakMap<Db, Checkpointer>();
const turnBatches = new WeakMap<Db, TurnBatch>();

/**
 * The transaction of one turn's requests on a database opened on a data directory
 * (`storage/turn-batch.ts`): the engine's requests join it, and their answers wait for its commit.
 * None for `':memory:'`, where a commit writes no file and each request commits its own.
 */
export function turnBatchOf(db: Db): TurnBatch | undefined {
  return turnBatches.get(db);
}

/** The group commit of a database opened with `groupCommit` and durability `'full'`, if any. */
export function groupCommitOf(db: Db): GroupCommit | undefined {
  return groupCommits.get(db);
}

/** The checkpoint thread of a database opened on a data directory, if any. */
export function checkpointerOf(db: Db): Checkpointer | undefined {
  return checkpointers.get(db);
}

/** Releases `lock` when `db` is closed (whoever closes it); stops its checkpoint thread first. */
function holdLockUntilClose(db: Db, lock: DataDirLock): void {
  locks.set(db, lock);
  const close = db.close.bind(db);
  db.close = () => {
    try {
      turnBatches.get(db)?.commitNow();
      checkpointers.get(db)?.close();
      groupCommits.get(db)?.close();
      return close();
    } finally {
      lock.release();
    }
  };
}

/** The data-directory lock an open database holds, if it has one (for recording the URL). */
export function dataDirLockOf(db: Db): DataDirLock | undefined {
  return locks.get(db);
}
