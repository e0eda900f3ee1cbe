/**
 * The service's files are private to the user who runs it: workflow inputs, results and task
 * tokens are in them. A data directory the service creates is `0700`; the database, its WAL and
 * shared-memory files and the lock files are `0600` (SQLite gives the WAL and SHM files the
 * database file's mode).
 */
import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { SwfFlowError, symbolBasedInstanceOf } from '@swf-flow/common';

/** Mode bits that let group or others in. */
const NOT_OWNER = 0o077;

/** Thrown when the data directory cannot be created or is not a directory: what is wrong and what to do. */
export class DataDirectoryError extends SwfFlowError {
  constructor(
    /** The data directory as given. */
    readonly dataDir: string,
    /** What is wrong with it (a file, no permission, ...). */
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(
      `cannot use ${dataDir} as the data directory: ${problem}; give the service a folder it can create or write ` +
        '(--data, $SWF_FLOW_DATA or the dataDir option; it is created if missing), or :memory: for no files',
      options,
    );
  }
}
symbolBasedInstanceOf(DataDirectoryError, 'swf-flow.error.DataDirectoryError');
Object.defineProperty(DataDirectoryError.prototype, 'name', {
  value: 'DataDirectoryError',
  configurable: true,
  writable: true,
});

/** What an error of `mkdir`/`stat` on `path` means for a data directory. */
function problemOf(path: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EEXIST' || code === 'ENOTDIR') return `${path} (or a folder above it) is a file, not a folder`;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    return `this user may not create ${path} (${code}: no permission, or a read-only file system)`;
  return `${path}: ${(err as Error).message}`;
}

/**
 * Creates `dir` (and missing parents) as `0700`. A directory that exists already is left as it is:
 * it may be a folder the user chose for other things too. The missing folders are created one by
 * one from the nearest existing one, not with `mkdir -p`: Node's recursive `mkdirSync` never returns
 * where a folder cannot be made and says ENOENT (under `/proc`: it spun a core with no output).
 *
 * @throws DataDirectoryError when `dir` or a folder above it is a file, or cannot be created.
 */
export function createPrivateDir(dir: string): void {
  const missing: string[] = [];
  for (let path = resolve(dir); ;) {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch (err) {
      const parent = dirname(path);
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || parent === path)
        throw new DataDirectoryError(dir, problemOf(path, err), { cause: err });
      missing.push(path);
      path = parent;
      continue;
    }
    if (!isDir) throw new DataDirectoryError(dir, `${path} is a file, not a folder`);
    break;
  }
  for (const path of missing.reverse()) {
    try {
      mkdirSync(path, { mode: 0o700 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST' && statSync(path).isDirectory()) continue; // made meanwhile
      throw new DataDirectoryError(dir, problemOf(path, err), { cause: err });
    }
  }
}

/**
 * Creates `file` empty as `0600` if it does not exist; if it exists and group or others may read
 * it (a file made by an older version), takes their access away.
 */
export function createPrivateFile(file: string): void {
  try {
    closeSync(openSync(file, 'wx', 0o600));
    return;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  tightenFile(file);
}

/** Removes group and other access from an existing file; a missing file is fine. */
export function tightenFile(file: string): void {
  let mode: number;
  try {
    mode = statSync(file).mode;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  if ((mode & NOT_OWNER) !== 0 && process.platform !== 'win32') chmodSync(file, mode & 0o700);
}
