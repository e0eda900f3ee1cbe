/**
 * The service's files are private to the user who runs it: workflow inputs, results and task
 * tokens are in them. A data directory the service creates is `0700`; the database, its WAL and
 * shared-memory files and the lock files are `0600` (SQLite gives the WAL and SHM files the
 * database file's mode).
 */
import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';

/** Mode bits that let group or others in. */
const NOT_OWNER = 0o077;

/**
 * Creates `dir` (and missing parents) as `0700`. A directory that exists already is left as it is:
 * it may be a folder the user chose for other things too.
 */
export function createPrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
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
