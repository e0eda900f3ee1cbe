/**
 * Replay benchmark: how long swf-flow's replayer takes to replay the history of `seqWorkflow(n)`
 * (n sequential activities, each completing in its own decision task), against floors measured
 * in the same run and, with `--temporal`, against the Temporal TypeScript SDK on the same shape.
 *
 *     npm run bench:replay                       # N = 10 100 1000
 *     npm run bench:replay -- 10 100 --reps 7
 *     npm run bench:replay -- --temporal         # also runs /work/shared/bench-anchors/temporal/run.sh
 *
 * Prints JSON lines: per N `{system:'swf-flow', N, events, firstMs, warmMedianMs, warmRunsMs,
 * warmRunsFreshPages (each warm run's minor page faults: see measure.ts), eventsPerSec,
 * warmMedianCpuMs, eventsPerCpuSec, maxRssMB, steady...}`, then `{system:'floor', ...}` with the
 * ratios to the floors (by wall-clock and by process CPU time), then `{system:'swf-flow-text', ...}`:
 * the same replay from the history's JSON text, streamed (`indexHistoryText` + `processPages`, as
 * `replayHistory` of a string or file runs it; the text's reading inside the clock) beside its own
 * floor (the text read the same way, no replay), then (with `--temporal`)
 * Temporal's own lines and `{system:'vs-temporal', N, ratio}`. Each N runs in its own process.
 *
 * Two methods, both printed: the `warm...` figures are the median of the runs after the first of
 * `--reps` (Temporal's anchor measures the same way, so the comparison with it uses them); the
 * `steady...` figures are the median of the runs that follow, at least 20 (5 at N >= 10,000) and
 * until they add up to 1 s of CPU, for the replay and for the read-history floor alike: at N = 100
 * a 7-run median is mostly JIT warm-up.
 */
import { type Line, runScript } from './child.js';
import {
  promiseLoopOnce,
  readHistoryOnce,
  readHistoryTextOnce,
  replayOnce,
  replayTextOnce,
  time,
  timeSteady,
} from './measure.js';
import { seqHistory } from './seq-workflow.js';
import { runTemporal } from './temporal.js';

interface Args {
  ns: number[];
  reps: number;
  temporal: boolean;
  one?: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { ns: [], reps: 7, temporal: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--temporal') args.temporal = true;
    else if (a === '--reps') args.reps = Number(argv[++i]);
    else if (a === '--one') args.one = Number(argv[++i]);
    else if (/^\d+$/.test(a)) args.ns.push(Number(a));
    else
      throw new Error(
        `unknown argument ${JSON.stringify(a)}; usage: tsx bench/replay.ts [N ...] [--reps 7] [--temporal]`,
      );
  }
  if (!Number.isInteger(args.reps) || args.reps < 2) throw new Error('--reps must be an integer of at least 2');
  if (args.ns.length === 0) args.ns = [10, 100, 1000];
  return args;
}

const round = (x: number, digits = 1): number => Number(x.toFixed(digits));

/** The steady-state runs go on until their CPU time adds up to this (ms). */
const STEADY_CPU_MS = 1_000;

/** Measures one N in this process and prints its lines. */
async function measureOne(n: number, reps: number): Promise<void> {
  const raw = JSON.stringify(seqHistory(n));
  const events = 6 * n + 5;
  // Each run's history is parsed just before it, outside the measurement, as the Temporal anchor
  // does (`replay.js`): no run's input is alive during another run.
  let input: unknown;
  const parse = (): unknown => (input = JSON.parse(raw));
  const replay = await time(reps, () => replayOnce(input, n), parse);
  const maxRssMB = round(process.resourceUsage().maxRSS / 1024);
  // The steady state (after the runs above): enough replays for a median that is not JIT warm-up.
  const steady = await timeSteady(n >= 10_000 ? 5 : 20, STEADY_CPU_MS, parse, () => replayOnce(input, n));
  input = undefined;
  console.log(
    JSON.stringify({
      system: 'swf-flow',
      N: n,
      events,
      firstMs: round(replay.firstMs),
      warmMedianMs: round(replay.warmMedianMs),
      warmRunsMs: replay.runsMs.slice(1).map((ms) => round(ms)),
      warmRunsFreshPages: replay.runsFreshPages.slice(1),
      eventsPerSec: Math.round(events / (replay.warmMedianMs / 1000)),
      warmMedianCpuMs: round(replay.warmMedianCpuMs, 2),
      eventsPerCpuSec: Math.round(events / (replay.warmMedianCpuMs / 1000)),
      maxRssMB,
      steadyReps: steady.reps,
      steadyMedianMs: round(steady.medianMs, 2),
      steadyMedianCpuMs: round(steady.medianCpuMs, 2),
      steadyEventsPerCpuSec: Math.round(events / (steady.medianCpuMs / 1000)),
      steadyMeanCpuMs: round(steady.meanCpuMs, 2),
    }),
  );
  const read = await time(reps, () => readHistoryOnce(raw));
  const readSteady = await timeSteady(
    n >= 10_000 ? 5 : 20,
    STEADY_CPU_MS,
    () => undefined,
    () => readHistoryOnce(raw),
  );
  const loop = await time(reps, () => promiseLoopOnce(n));
  // The user's path: the history's JSON text streamed into the replay (replayHistory of a string or
  // a file), with everything from the text on inside the clock; its floor reads the text the same way.
  const minSteady = n >= 10_000 ? 5 : 20;
  const text = await time(reps, () => replayTextOnce(raw, n));
  const textSteady = await timeSteady(
    minSteady,
    STEADY_CPU_MS,
    () => undefined,
    () => replayTextOnce(raw, n),
  );
  const textRead = await time(reps, () => readHistoryTextOnce(raw));
  const textReadSteady = await timeSteady(
    minSteady,
    STEADY_CPU_MS,
    () => undefined,
    () => readHistoryTextOnce(raw),
  );
  console.log(
    JSON.stringify({
      system: 'floor',
      N: n,
      readHistoryWarmMedianMs: round(read.warmMedianMs, 2),
      promiseLoopWarmMedianMs: round(loop.warmMedianMs, 2),
      replayVsReadHistory: round(replay.warmMedianMs / read.warmMedianMs),
      replayVsPromiseLoop: round(replay.warmMedianMs / loop.warmMedianMs),
      readHistoryWarmMedianCpuMs: round(read.warmMedianCpuMs, 2),
      replayVsReadHistoryCpu: round(replay.warmMedianCpuMs / read.warmMedianCpuMs),
      readHistorySteadyMedianCpuMs: round(readSteady.medianCpuMs, 2),
      replayVsReadHistorySteadyCpu: round(steady.medianCpuMs / readSteady.medianCpuMs, 2),
      readHistorySteadyMeanCpuMs: round(readSteady.meanCpuMs, 2),
    }),
  );
  console.log(
    JSON.stringify({
      system: 'swf-flow-text',
      N: n,
      events,
      firstMs: round(text.firstMs),
      warmMedianMs: round(text.warmMedianMs),
      warmMedianCpuMs: round(text.warmMedianCpuMs, 2),
      steadyReps: textSteady.reps,
      steadyMedianMs: round(textSteady.medianMs, 2),
      steadyMedianCpuMs: round(textSteady.medianCpuMs, 2),
      steadyEventsPerCpuSec: Math.round(events / (textSteady.medianCpuMs / 1000)),
      steadyMeanCpuMs: round(textSteady.meanCpuMs, 2),
      readTextSteadyMedianCpuMs: round(textReadSteady.medianCpuMs, 2),
      readTextWarmMedianCpuMs: round(textRead.warmMedianCpuMs, 2),
      readTextSteadyMeanCpuMs: round(textReadSteady.meanCpuMs, 2),
      replayVsReadTextSteadyCpu: round(textSteady.medianCpuMs / textReadSteady.medianCpuMs, 2),
    }),
  );
}

/**
 * Runs `--one n` in a child process, as built JavaScript (see `runScript`'s `bundled`), printing
 * and returning its output lines.
 */
async function runChild(n: number, reps: number): Promise<Line[]> {
  const lines = await runScript('replay.ts', ['--one', String(n), '--reps', String(reps)], {
    bundled: true,
    echo: false,
  });
  for (const l of lines) console.log(JSON.stringify(l));
  return lines;
}

async function run(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.one !== undefined) return measureOne(args.one, args.reps);
  const ours = new Map<number, number>();
  for (const n of args.ns) {
    const lines = await runChild(n, args.reps);
    const row = lines.find((r) => r.system === 'swf-flow');
    if (typeof row?.warmMedianMs === 'number') ours.set(n, row.warmMedianMs);
  }
  if (!args.temporal) return;
  const theirs = runTemporal(args.ns);
  for (const n of args.ns) {
    const t = theirs.get(n)?.warmMedianMs;
    const o = ours.get(n);
    if (t === undefined || o === undefined) continue;
    console.log(
      JSON.stringify({
        system: 'vs-temporal',
        N: n,
        swfFlowWarmMedianMs: o,
        temporalWarmMedianMs: t,
        ratio: round(o / t, 3),
        speedup: round(t / o, 1),
      }),
    );
  }
}

run().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
