/**
 * Child processes of the crash tests, and their clean-up: each runs through `guarded.mjs` (it dies
 * when the test process does), in a process group of its own, and is tracked until it exits, so
 * that `killAll()` in an `afterAll` (and on any failure) leaves nothing behind.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const GUARDED = fileURLToPath(new URL('./guarded.mjs', import.meta.url));

/** A started child. */
export interface Child {
  process: ChildProcess;
  /** Resolves with the exit code, or the signal's name. */
  exited: Promise<number | string | null>;
  /** What it wrote so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves with the first match of `pattern` in stdout; rejects if the process exits first or `timeoutMs` passes. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
}

const live = new Set<ChildProcess>();

/** Starts `node guarded.mjs <module> ...args` with `env` added to this process's environment. */
export function startChild(module: string, args: readonly string[] = [], env: Record<string, string> = {}): Child {
  const child = spawn(process.execPath, [GUARDED, module, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
    env: { ...process.env, ...env },
  });
  live.add(child);
  const exited = new Promise<number | string | null>((resolve) =>
    child.on('exit', (code, signal) => {
      live.delete(child);
      resolve(code ?? signal);
    }),
  );
  let out = '';
  let err = '';
  const listeners = new Set<() => void>();
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
    for (const l of listeners) l();
  });
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const waitFor = (pattern: RegExp, timeoutMs = 30_000): Promise<RegExpExecArray> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const m = pattern.exec(out);
        if (m) {
          done();
          resolve(m);
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(
          new Error(
            `no ${String(pattern)} from ${module} in ${timeoutMs} ms; stdout: ${out.slice(-2_000)} stderr: ${err.slice(-2_000)}`,
          ),
        );
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      listeners.add(check);
      void exited.then((code) => {
        if (!listeners.has(check)) return;
        done();
        reject(
          new Error(
            `${module} exited (${String(code)}) before printing ${String(pattern)}; stderr: ${err.slice(-2_000)}`,
          ),
        );
      });
      check();
    });
  return { process: child, exited, stdout: () => out, stderr: () => err, waitFor };
}

/** SIGKILLs a child's whole process group and waits until it is gone. */
export async function kill(child: Child): Promise<void> {
  const pid = child.process.pid;
  if (pid !== undefined && child.process.exitCode === null && child.process.signalCode === null) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  await child.exited;
}

/** SIGKILLs every child still running (for afterAll and failures). */
export function killAll(): void {
  for (const child of live) {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** Pids of children not yet seen to exit (a test asserts this is empty at its end). */
export function livePids(): number[] {
  return [...live].map((c) => c.pid).filter((p): p is number => p !== undefined);
}
