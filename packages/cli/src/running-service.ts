/**
 * Finds the local service a user started with `swf-flow server` (or `swf-flow dev`) in this
 * project, so that the other commands reach it without `--endpoint`. A running service records
 * its pid, host and URL in `<data dir>/swf.lock.json`; the data directory is `$SWF_FLOW_DATA`, else
 * `./.swf-flow`, so the working directory and its parents are searched for `.swf-flow/`. A record
 * whose process has stopped (or which another host wrote) is ignored.
 */
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { readLockHolder } from '@swf-flow/server/embedding';

/** A running local service found on disk. */
export interface RunningService {
  /** Its URL, reachable from this machine. */
  url: string;
  /** The data directory that records it. */
  dataDir: string;
  /** Its process id. */
  pid: number;
}

/** The database file a service keeps in its data directory. */
export const DATABASE_FILE = 'swf.sqlite';

/** The data directory `swf-flow server` uses by default, relative to where it runs. */
export const DEFAULT_DATA_DIR = '.swf-flow';

/** The variable that names the data directory instead (as for `npm start` through `@swf-flow/dev`). */
export const DATA_DIR_ENV = 'SWF_FLOW_DATA';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0: only checks that the process exists
    return true;
  } catch (err) {
    return (err as { code?: string }).code === 'EPERM'; // exists, owned by someone else
  }
}

/** A wildcard bind address is not one to connect to: the same service is on the loopback address. */
function reachable(url: string): string {
  const u = new URL(url);
  if (u.hostname === '0.0.0.0') u.hostname = '127.0.0.1';
  else if (u.hostname === '[::]') u.hostname = '[::1]';
  return u.origin;
}

/** The running service recorded in `dataDir`, if its process is alive on this host. */
export function runningServiceIn(dataDir: string): RunningService | undefined {
  const holder = readLockHolder(dataDir);
  if (!holder?.url || holder.host !== hostname() || !isAlive(holder.pid)) return undefined;
  try {
    return { url: reachable(holder.url), dataDir, pid: holder.pid };
  } catch {
    return undefined; // not a URL: not ours to use
  }
}

/**
 * The project's data directory: `$SWF_FLOW_DATA` when set (relative to `cwd`; none for
 * `:memory:`), else the nearest `.swf-flow/` in `cwd` or a parent directory, if any.
 */
export function findDataDir(cwd: string, env: Readonly<Record<string, string | undefined>> = {}): string | undefined {
  const dataDir = env[DATA_DIR_ENV];
  if (dataDir) return dataDir === ':memory:' ? undefined : resolve(cwd, dataDir);
  for (let dir = cwd; ; dir = dirname(dir)) {
    const dataDir = join(dir, DEFAULT_DATA_DIR);
    if (existsSync(dataDir)) return dataDir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** The running service of the project's data directory ({@link findDataDir}), if any. */
export function findRunningService(
  cwd: string,
  env: Readonly<Record<string, string | undefined>> = {},
): RunningService | undefined {
  const dataDir = findDataDir(cwd, env);
  return dataDir === undefined ? undefined : runningServiceIn(dataDir);
}

/**
 * The project's data directory when it holds a service's data (`swf.sqlite`) but no service is
 * running on it: the CLI's commands then open it in-process (offline-service.ts).
 */
export function findStoppedService(
  cwd: string,
  env: Readonly<Record<string, string | undefined>> = {},
): string | undefined {
  const dataDir = findDataDir(cwd, env);
  if (dataDir === undefined || !existsSync(join(dataDir, DATABASE_FILE))) return undefined;
  return runningServiceIn(dataDir) ? undefined : dataDir;
}
