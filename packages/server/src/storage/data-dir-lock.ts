/**
 * One service per data directory. The lock is an operating-system file lock (SQLite's, on
 * `swf.lock`, held by an open exclusive transaction), so the kernel drops it when the process dies:
 * a `kill -9` never leaves a stale lock behind. Who holds it is written beside it in
 * `swf.lock.json`, so that a second service can name the holder when it refuses to start.
 */
import type Database from 'better-sqlite3';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { SwfFlowError, symbolBasedInstanceOf } from '@swf-flow/common';
import { createPrivateFile } from './private-files.js';
import { openSqlite } from './sqlite.js';

/** The lock file inside a data directory (an empty SQLite database that only carries the lock). */
export const LOCK_FILE = 'swf.lock';
/** Who holds the lock: pid, host, start time and (once listening) the URL. */
export const LOCK_OWNER_FILE = 'swf.lock.json';

/** The process that holds a data directory, as it described itself. */
export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
  url?: string;
}

/** Thrown when another service (in this process or another) already uses the data directory. */
export class DataDirectoryInUseError extends SwfFlowError {
  constructor(
    /** The data directory. */
    readonly dataDir: string,
    /** Who holds it, if it said so. */
    readonly holder: LockHolder | undefined,
  ) {
    super(
      `the data directory ${dataDir} is in use by another swf-flow service (${describeHolder(holder)}); ` +
        'stop that service first, or give this one another data directory (--data)',
    );
  }
}
symbolBasedInstanceOf(DataDirectoryInUseError, 'swf-flow.error.DataDirectoryInUseError');
Object.defineProperty(DataDirectoryInUseError.prototype, 'name', {
  value: 'DataDirectoryInUseError',
  configurable: true,
  writable: true,
});

function describeHolder(holder: LockHolder | undefined): string {
  if (!holder) return 'it did not say who it is';
  const where = holder.host === hostname() ? `pid ${holder.pid}` : `pid ${holder.pid} on host ${holder.host}`;
  return `${where}, started ${holder.startedAt}${holder.url ? `, listening on ${holder.url}` : ''}`;
}

/**
 * Who holds (or last held) `dataDir`'s lock, as it described itself when it started: pid, host,
 * start time and URL. The process may have stopped since: check its pid before trusting the URL.
 * `undefined` when no service has used the directory (or the file is unreadable).
 *
 * @example
 * ```ts
 * const holder = readLockHolder('./.swf-flow');
 * if (holder?.url) console.log(`last served at ${holder.url} by pid ${holder.pid}`);
 * ```
 */
export function readLockHolder(dataDir: string): LockHolder | undefined {
  try {
    const parsed = JSON.parse(readFileSync(join(dataDir, LOCK_OWNER_FILE), 'utf8')) as Partial<LockHolder>;
    if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string' || typeof parsed.startedAt !== 'string')
      return undefined;
    return {
      pid: parsed.pid,
      host: parsed.host,
      startedAt: parsed.startedAt,
      ...(typeof parsed.url === 'string' ? { url: parsed.url } : {}),
    };
  } catch {
    return undefined;
  }
}

/** A held data-directory lock. */
export class DataDirLock {
  private released = false;
  private readonly holder: LockHolder;

  private constructor(
    private readonly dataDir: string,
    private readonly handle: Database.Database,
  ) {
    this.holder = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
    this.writeHolder();
  }

  /**
   * Takes the lock of `dataDir` (an existing directory) at once, never waiting.
   * @throws DataDirectoryInUseError when another service holds it.
   */
  static acquire(dataDir: string): DataDirLock {
    const file = join(dataDir, LOCK_FILE);
    createPrivateFile(file);
    const handle = openSqlite(file, { timeout: 0 });
    try {
      handle.exec('BEGIN EXCLUSIVE');
    } catch (err) {
      handle.close();
      if ((err as { code?: string }).code === 'SQLITE_BUSY')
        throw new DataDirectoryInUseError(dataDir, readLockHolder(dataDir));
      throw err;
    }
    return new DataDirLock(dataDir, handle);
  }

  /** Records where the holder listens (shown to a service that is refused). */
  setUrl(url: string): void {
    this.holder.url = url;
    this.writeHolder();
  }

  /** Releases the lock, first taking the URL out of the owner file (the service no longer listens). Safe to call twice. */
  release(): void {
    if (this.released) return;
    this.released = true;
    if (this.holder.url !== undefined) {
      delete this.holder.url;
      try {
        this.writeHolder();
      } catch {
        // the directory is gone or read-only: the pid in the file still tells a reader it stopped
      }
    }
    this.handle.close();
  }

  private writeHolder(): void {
    const file = join(this.dataDir, LOCK_OWNER_FILE);
    createPrivateFile(file);
    writeFileSync(file, `${JSON.stringify(this.holder)}\n`);
  }
}
