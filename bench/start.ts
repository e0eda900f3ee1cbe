/**
 * `npm start` (target 4): the whole process of the order example, as a user runs it (`npm start`
 * at the repository root: `scripts/run-ts.mjs`, the embedded service on a fresh data directory,
 * workers, one order to completion, shut down), wall time from spawn to exit. A first run, not
 * counted, leaves run-ts's bundle cached as any earlier start would (`firstMs` reports it: it
 * includes the bundling when a source changed since the last start). Beside it the floor of any
 * Node program: `node -e 0`, and `npm run` of nothing (npm's own start-up).
 *
 *     tsx bench/start.ts [--reps 3]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, round } from './child.js';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));

function timeRun(command: string, args: string[], env: NodeJS.ProcessEnv = {}): number {
  const t0 = performance.now();
  const res = spawnSync(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ms = performance.now() - t0;
  if (res.status !== 0)
    throw new Error(`${command} ${args.join(' ')} exited with ${String(res.status)}:\n${res.stdout}\n${res.stderr}`);
  if (command === 'npm' && args[0] === 'start' && !/result: order .* completed/.test(res.stdout))
    throw new Error(`npm start did not complete its order:\n${res.stdout}`);
  return ms;
}

function main(): void {
  const argv = process.argv.slice(2);
  const reps = argv.includes('--reps') ? Number(argv[argv.indexOf('--reps') + 1]) : 3;
  const starts: number[] = [];
  let firstMs = 0;
  for (let r = -1; r < reps; r++) {
    const dir = mkdtempSync(join(tmpdir(), 'swf-flow-bench-start-'));
    try {
      const ms = timeRun('npm', ['start'], { SWF_FLOW_DATA: join(dir, 'data') });
      if (r < 0) firstMs = ms;
      else starts.push(ms);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const nodeFloor = median(Array.from({ length: reps }, () => timeRun(process.execPath, ['-e', '0'])));
  const npmFloor = median(Array.from({ length: reps }, () => timeRun('npm', ['run', 'env', '--silent'])));
  console.log(
    JSON.stringify({
      bench: 'start',
      npmStartMs: round(median(starts)),
      firstMs: round(firstMs),
      runs: starts.map((x) => round(x)),
      nodeFloorMs: round(nodeFloor),
      npmRunFloorMs: round(npmFloor),
    }),
  );
}

try {
  main();
} catch (err) {
  console.error(err);
  process.exit(1);
}
