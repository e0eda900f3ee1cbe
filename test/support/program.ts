/**
 * A long-running program of a test (a server, a worker): started as a real child process, waited
 * for until it prints a line (bounded: its exit or the time limit ends the wait with what it
 * printed), stopped with a signal and awaited.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

/** A running program: what it printed so far, the first match of what it was waited for, how to stop it. */
export interface Program {
  readonly child: ChildProcess;
  /** stdout and stderr so far, interleaved as they arrived. */
  output(): string;
  /** The match of the `ready` pattern. */
  readonly ready: RegExpExecArray;
  /** Sends `signal` (SIGTERM) and resolves with the exit code (or the signal's name) once it has exited. */
  stop(signal?: NodeJS.Signals): Promise<number | string>;
}

/**
 * Starts `file args` and resolves once its output matches `ready`; rejects, with everything it
 * printed, if it exits first or `timeoutMs` passes (the child is killed then).
 */
export async function startProgram(
  file: string,
  args: readonly string[],
  options: SpawnOptions & { ready: RegExp; timeoutMs: number },
): Promise<Program> {
  const { ready, timeoutMs, ...spawnOptions } = options;
  const child = spawn(file, args, { ...spawnOptions, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, sig) => resolve(code ?? sig ?? '')));
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    let settled = false;
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${file} ${args.join(' ')} ${why} before printing ${String(ready)}; it printed:\n${output}`));
    };
    const timer = setTimeout(() => fail(`did not print in ${timeoutMs} ms`), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = settled ? null : ready.exec(output);
      if (m) {
        settled = true;
        clearTimeout(timer);
        resolve(m);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('error', (err) => fail(`could not start (${err.message})`));
    void exited.then((code) => fail(`exited (${code})`));
  });
  return {
    child,
    output: () => output,
    ready: match,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
