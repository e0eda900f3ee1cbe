/**
 * Where a replay's garbage collection goes: replays `seqWorkflow(n)` from an object parsed before
 * each run (the Temporal anchor's method) or from the JSON text, streamed (`replayHistory` of a
 * file), and prints per replay its CPU time and the main thread's GC pauses in it (`gc` entries of
 * a `PerformanceObserver`, the pauses `--trace-gc` prints), by kind, the heap used after it and
 * the process's peak RSS so far (each mode in a process of its own: the peaks are comparable).
 *
 *     node scripts/run-ts.mjs bench/replay-gc.ts 10000 parsed
 *     node scripts/run-ts.mjs bench/replay-gc.ts 10000 text
 *
 * Not part of the suite: it explains the µs/event growth (BENCHMARKS.md, "Replay, fourth round").
 */
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { replayOnce, replayTextOnce } from './measure.js';
import { seqHistory } from './seq-workflow.js';

const n = Number(process.argv[2] ?? 10_000);
const mode = process.argv[3] ?? 'text';
if (!Number.isInteger(n) || n < 1 || (mode !== 'text' && mode !== 'parsed'))
  throw new Error('usage: node scripts/run-ts.mjs bench/replay-gc.ts N text|parsed');
const RUNS = 12;
const SHOWN = 6;
const raw = JSON.stringify(seqHistory(n));
const KIND: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'scavenge',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'mark-compact',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak callbacks',
};
let pauses = new Map<string, { count: number; ms: number }>();
const observer = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    const detail = (e as { detail?: { kind?: number } }).detail;
    const kind = KIND[detail?.kind ?? 0] ?? 'other';
    const p = pauses.get(kind) ?? { count: 0, ms: 0 };
    p.count++;
    p.ms += e.duration;
    pauses.set(kind, p);
  }
});
observer.observe({ entryTypes: ['gc'] });
/** Long enough for the observer to be handed the GC entries of what ran before (they come in a later task). */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 50));
for (let r = 0; r < RUNS; r++) {
  let parsed: unknown = mode === 'parsed' ? JSON.parse(raw) : undefined;
  await settle(); // the GC entries of what came before (the parse included) are handed over first
  pauses = new Map();
  const c0 = process.cpuUsage();
  if (mode === 'text') await replayTextOnce(raw, n);
  else await replayOnce(parsed, n);
  const c = process.cpuUsage(c0);
  parsed = undefined;
  await settle();
  if (r < RUNS - SHOWN) continue;
  const gc = [...pauses].map(([kind, p]) => `${kind} ${p.count}× ${p.ms.toFixed(1)} ms`).join(', ') || 'none';
  console.log(
    JSON.stringify({
      mode,
      N: n,
      cpuMs: Number(((c.user + c.system) / 1000).toFixed(1)),
      gcPauseMs: Number([...pauses.values()].reduce((s, p) => s + p.ms, 0).toFixed(1)),
      gc,
      heapUsedMB: Number((process.memoryUsage().heapUsed / 1e6).toFixed(1)),
      maxRssMB: Number((process.resourceUsage().maxRSS / 1024).toFixed(1)),
    }),
  );
}
observer.disconnect();
