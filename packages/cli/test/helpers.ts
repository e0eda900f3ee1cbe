/** Runs `main` in-process and captures what it prints. */
import { main } from '../src/main.js';

/** What one `swf-flow` run printed, and its exit status. */
export interface Run {
  status: number;
  out: string;
  err: string;
}

/** Runs `swf-flow ...argv` in-process; `signal` stops a long-running command. */
export async function run(argv: readonly string[], signal: AbortSignal = new AbortController().signal): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const status = await main(argv, { stdout: (t) => out.push(t), stderr: (t) => err.push(t), signal });
  return { status, out: out.join(''), err: err.join('') };
}

/** Like {@link run}, but also gives the output so far while it runs. */
export function start(argv: readonly string[]): { out: string[]; err: string[]; stop: AbortController; done: Promise<number> } {
  const out: string[] = [];
  const err: string[] = [];
  const stop = new AbortController();
  const done = main(argv, { stdout: (t) => out.push(t), stderr: (t) => err.push(t), signal: stop.signal });
  return { out, err, stop, done };
}
