/**
 * A program started by npm (`npx swf-flow server`, `npm start`) stops when npm does. npm runs a
 * script through `sh -c` (and `npm start` often through tsx, which starts node again), so the
 * program is npm's grandchild or further down. When npm is told to stop (SIGTERM from a process
 * manager, an IDE's stop button, a test harness), it passes the signal to `sh`, which dies without
 * passing it on; killed outright (SIGKILL), npm passes nothing. Either way the program lived on
 * without a parent, still listening and holding its data directory. Watched, it stops the way a
 * SIGTERM stops it as soon as npm or any process between npm and it is gone.
 *
 * Only a program under npm is watched (`npm_command` is set and an npm process is found among the
 * first few ancestors): one started from a shell, nohup or a service manager is its user's to stop.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

/** A process's parent and command line. */
interface ProcessInfo {
  ppid: number;
  command: string[];
}

/** How far up the chain an npm launcher is looked for (npm, sh, tsx, node: three or four levels). */
const MAX_DEPTH = 6;

/** How often the launcher chain is checked. */
const CHECK_MS = 1000;

/** `pid`'s parent and command line (`/proc` on Linux, `ps` elsewhere), or `undefined` if unknown. */
function processInfo(pid: number): ProcessInfo | undefined {
  try {
    if (process.platform === 'linux') {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
      // a process that set its title (npm does) has it as one argument, spaces and all
      const words = command.length === 1 ? (command[0] ?? '').split(' ') : command;
      return Number.isInteger(ppid) ? { ppid, command: words } : undefined;
    }
    const out = spawnSync('ps', ['-o', 'ppid=,command=', '-p', String(pid)], { encoding: 'utf8' });
    const m = /^\s*(\d+)\s+(.*)$/.exec(out.stdout.trim());
    return m?.[1] && m[2] ? { ppid: Number(m[1]), command: m[2].split(' ') } : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a command line is npm's or npx's (its title, or node running npm-cli.js / npx-cli.js). */
export function isNpmCommand(command: readonly string[]): boolean {
  const [first = '', second = ''] = command;
  const name = basename(first).replace(/\.(exe|cmd)$/, '');
  if (name === 'npm' || name === 'npx') return true;
  return /^node(js)?$/.test(name) && /^(npm|npx)(-cli\.js)?$/.test(basename(second));
}

/**
 * The pids from this process's parent up to the npm process that launched it, or `undefined` when
 * this process was not launched by npm (or the chain cannot be read).
 */
export function launcherChain(
  env: Readonly<Record<string, string | undefined>> = process.env,
  info: (pid: number) => ProcessInfo | undefined = processInfo,
): number[] | undefined {
  if (!env.npm_command || process.platform === 'win32') return undefined;
  const chain: number[] = [];
  for (let pid = process.ppid, depth = 0; pid > 1 && depth < MAX_DEPTH; depth++) {
    const p = info(pid);
    if (!p) return undefined;
    chain.push(pid);
    if (isNpmCommand(p.command)) return chain;
    pid = p.ppid;
  }
  return undefined;
}

/** Whether `pid` has exited: no such process, or (Linux) a zombie no one has reaped yet. */
function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0: only checks that the process exists
  } catch (err) {
    return (err as { code?: string }).code === 'ESRCH';
  }
  if (process.platform !== 'linux') return false;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

/**
 * When this process was launched by npm, checks every second (on a timer that does not keep the
 * process alive) that npm and every process between npm and this one still run, and when one is
 * gone calls `onGone` (by default: sends this process SIGTERM, so it stops the way it does when
 * npm passes the signal on). Returns a function that stops watching.
 *
 * @example
 * ```ts
 * watchLauncher(); // in a program's entry: `npx my-server` stops when npx is killed
 * ```
 */
export function watchLauncher(onGone: () => void = () => process.kill(process.pid, 'SIGTERM')): () => void {
  const chain = launcherChain();
  if (!chain) return () => undefined;
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent && !chain.some(isGone)) return;
    clearInterval(timer);
    onGone();
  }, CHECK_MS);
  timer.unref();
  return () => clearInterval(timer);
}
