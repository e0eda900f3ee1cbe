/**
 * Runs one benchmark script in its own Node process (same loader as this one, so TypeScript runs)
 * and collects the JSON lines it prints: each measurement gets a fresh heap and its own peak RSS.
 */
import { type ChildProcess, fork, type ForkOptions } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** One JSON line a benchmark script printed. */
export type Line = Record<string, unknown>;

/** `scripts/run-ts.mjs`: runs a .ts program from a cached esbuild bundle of it and the workspace packages. */
const RUN_TS = fileURLToPath(new URL('../scripts/run-ts.mjs', import.meta.url));

/** Options of {@link runScript}. */
export interface RunScriptOptions {
  /** Extra Node flags (e.g. `--expose-gc`), added to this process's own. */
  nodeFlags?: string[];
  /**
   * Run the script as built JavaScript, the way a user's program runs the packages' `dist`: plain
   * `node` on the script's esbuild bundle (`scripts/run-ts.mjs`, cached in node_modules/.cache),
   * without this process's loader flags (tsx's ESM hooks and its loader thread). @default false
   */
  bundled?: boolean;
  /** Print the lines as they come (to stderr, so stdout stays the table). @default true */
  echo?: boolean;
}

/** Whether this process runs from a `scripts/run-ts.mjs` bundle (which offers this symbol). */
const bundledHere = (): boolean => Symbol.for('swf-flow.run-ts.bundle') in globalThis;

/**
 * Forks the TypeScript program at `path` the way this process runs: through `scripts/run-ts.mjs`
 * (as built JavaScript) when this process is a run-ts bundle, else with this process's own Node
 * flags (tsx's loader).
 */
export function forkTs(path: string, args: string[], options: Omit<ForkOptions, 'execArgv'> = {}): ChildProcess {
  return bundledHere()
    ? fork(RUN_TS, [path, ...args], { ...options, execArgv: [] })
    : fork(path, args, { ...options, execArgv: process.execArgv });
}

/** Runs `bench/<script>` with `args`; resolves with its JSON lines, rejects if it exits non-zero. */
export function runScript(script: string, args: string[], options: RunScriptOptions = {}): Promise<Line[]> {
  const path = fileURLToPath(new URL(script, import.meta.url));
  return new Promise((resolve, reject) => {
    const child = options.bundled
      ? fork(RUN_TS, [path, ...args], {
          stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
          execArgv: options.nodeFlags ?? [],
        })
      : fork(path, args, {
          stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
          execArgv: [...process.execArgv, ...(options.nodeFlags ?? [])],
        });
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code !== 0) return reject(new Error(`bench/${script} ${args.join(' ')} exited with ${code ?? signal}`));
      const lines = out.split('\n').filter((l) => l.startsWith('{'));
      if (options.echo !== false) for (const l of lines) console.error(l);
      resolve(lines.map((l) => JSON.parse(l) as Line));
    });
  });
}

/** Median of `xs` (sorted copy); 0 for none. */
export function median(xs: readonly number[]): number {
  return percentile(xs, 50);
}

/** The `p`th percentile of `xs` (nearest rank); 0 for none. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return 0;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

/** `x` rounded to `digits` decimals. */
export const round = (x: number, digits = 1): number => Number(x.toFixed(digits));
