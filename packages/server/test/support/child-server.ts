/** Runs `swf-flow server` in a child process (the real CLI, through the repository's launcher). */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const LAUNCHER = fileURLToPath(new URL('../../../cli/bin/swf-flow-dev.mjs', import.meta.url));

/** A server process and where it listens. */
export interface ChildServer {
  url: string;
  process: ChildProcess;
  /** Resolves with the exit code (or the signal name) once the process is gone. */
  exited: Promise<number | string | null>;
  /** What the process wrote to stderr so far. */
  stderr(): string;
}

/** Spawns `swf-flow server --port 0 --data <dataDir> ...extraArgs`. */
function spawnServer(
  dataDir: string,
  extraArgs: readonly string[],
): { child: ChildProcess; exited: Promise<number | string | null>; stderr: () => string } {
  const child = spawn(process.execPath, [LAUNCHER, 'server', '--port', '0', '--data', dataDir, ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | string | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal)),
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return { child, exited, stderr: () => stderr };
}

/**
 * How long a server process may take to print its `listening on` line: a bound on a hang, not on
 * its speed (~1 s alone; tsx compiles the CLI first, which a loaded machine can stretch past 20 s).
 * Tests that start one give themselves a timeout past it.
 */
export const CHILD_START_BOUND_MS = 60_000;

/** Starts `swf-flow server --port 0 --data <dataDir>` (plus `extraArgs`) and waits for its `listening on` line. */
export async function startChildServer(dataDir: string, extraArgs: readonly string[] = []): Promise<ChildServer> {
  const { child, exited, stderr } = spawnServer(dataDir, extraArgs);
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in ${CHILD_START_BOUND_MS} ms; stderr: ${stderr()}`));
    }, CHILD_START_BOUND_MS);
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /listening on (http:\/\/\S+)\n/.exec(stdout);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${String(code)}) before listening; stderr: ${stderr()}`));
    });
  });
  return { url, process: child, exited, stderr };
}

/** Runs `swf-flow server` expecting it to stop by itself; resolves with its exit code and stderr. */
export async function runChildServerToExit(
  dataDir: string,
  extraArgs: readonly string[] = [],
): Promise<{ code: number | string | null; stderr: string }> {
  const { exited, stderr } = spawnServer(dataDir, extraArgs);
  const code = await exited;
  return { code, stderr: stderr() };
}
