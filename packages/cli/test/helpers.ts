/** Runs `main` in-process and captures what it prints. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../src/main.js';
import type { CliIo } from '../src/io.js';

/** An empty folder: no `.swf-flow/` above it can point a run at a service a developer left running. */
const CWD = mkdtempSync(join(tmpdir(), 'swf-flow-cli-cwd-'));

/** What one `swf-flow` run printed, and its exit status. */
export interface Run {
  status: number;
  out: string;
  err: string;
}

/** The environment, terminal and folder a run sees; by default an empty environment, no terminal and an empty folder. */
export type RunContext = Pick<CliIo, 'env' | 'isTTY' | 'cwd'>;

/** Runs `swf-flow ...argv` in-process. Unless `context` says otherwise, the environment is empty. */
export async function run(argv: readonly string[], context: RunContext = {}): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const status = await main(argv, {
    env: {},
    cwd: CWD,
    ...context,
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    signal: new AbortController().signal,
  });
  return { status, out: out.join(''), err: err.join('') };
}

/** Like {@link run}, but also gives the output so far while it runs, and a way to stop it. */
export function start(
  argv: readonly string[],
  context: RunContext = {},
): { out: string[]; err: string[]; stop: AbortController; done: Promise<number> } {
  const out: string[] = [];
  const err: string[] = [];
  const stop = new AbortController();
  const done = main(argv, {
    env: {},
    cwd: CWD,
    ...context,
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    signal: stop.signal,
  });
  return { out, err, stop, done };
}
