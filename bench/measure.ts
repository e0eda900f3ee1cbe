/** What the benchmark times: a full replay of a history, and two floors to compare it with. */
import {
  historyTextPages,
  indexHistoryText,
  normalizeHistory,
  type HistoryEvent,
  type HistoryTextIndex,
} from '@swf-flow/common';
import { WorkflowExecutor, type ActivationResult } from '@swf-flow/workflow';
import { seqResult, seqWorkflow } from './seq-workflow.js';

/**
 * First and warm-median times of `reps` runs of `fn`, in ms: wall-clock and the process's CPU time
 * (user + system, `process.cpuUsage`), which barely moves when the machine is shared.
 */
export interface Timing {
  firstMs: number;
  warmMedianMs: number;
  firstCpuMs: number;
  warmMedianCpuMs: number;
  /** Each run's wall-clock time, in ms, the first one included. */
  runsMs: number[];
  /**
   * Each run's minor page faults (the process's, `process.resourceUsage().minorPageFault`): pages
   * the process touched for the first time. A run that writes the new pages of a heap V8 has just
   * grown shows here: ~1,400 faults (5.5 MB) and 10-20 ms more at N=1,000 on this project's machine
   * (BENCHMARKS.md, "session 19").
   */
  runsFreshPages: number[];
}

const median = (xs: number[]): number | undefined => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Runs `fn` `reps` times; the first run is reported apart (cold), the median of the rest as warm.
 * `prepare(i)` runs before run `i`, outside the measurement.
 */
export async function time(
  reps: number,
  fn: () => Promise<void> | void,
  prepare: (i: number) => void = () => undefined,
): Promise<Timing> {
  const times: number[] = [];
  const cpus: number[] = [];
  const faults: number[] = [];
  for (let r = 0; r < reps; r++) {
    prepare(r);
    const f0 = process.resourceUsage().minorPageFault;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpus.push((c.user + c.system) / 1000);
    faults.push(process.resourceUsage().minorPageFault - f0);
  }
  return {
    firstMs: times[0] ?? 0,
    warmMedianMs: median(times.slice(1)) ?? times[0] ?? 0,
    firstCpuMs: cpus[0] ?? 0,
    warmMedianCpuMs: median(cpus.slice(1)) ?? cpus[0] ?? 0,
    runsMs: times,
    runsFreshPages: faults,
  };
}

/** What {@link timeSteady} measured: the median of runs after warm-up, and how many it took. */
export interface SteadyTiming {
  reps: number;
  medianMs: number;
  medianCpuMs: number;
  /**
   * The mean CPU time per run: the runs' total over their count. Unlike the median it carries the
   * scavenges that one run in several pays for the garbage of all of them (at N = 100 a replay
   * rarely triggers one, and the median then leaves them out; at N = 10,000 every replay does).
   */
  meanCpuMs: number;
}

/**
 * The steady state: runs `fn` at least `minReps` times and until the measured runs add up to
 * `minCpuMs` of process CPU time, and returns their medians. Call it after {@link time} (whose runs
 * are then the warm-up): at small N a handful of runs is still JIT warm-up, not the replay's cost.
 * `prepare(i)` runs before run `i`, outside the measurement.
 */
export async function timeSteady(
  minReps: number,
  minCpuMs: number,
  prepare: (i: number) => void,
  fn: () => Promise<void> | void,
): Promise<SteadyTiming> {
  const times: number[] = [];
  const cpus: number[] = [];
  let total = 0;
  for (let r = 0; r < minReps || total < minCpuMs; r++) {
    prepare(r);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpus.push((c.user + c.system) / 1000);
    total += (c.user + c.system) / 1000;
  }
  return {
    reps: times.length,
    medianMs: median(times) ?? 0,
    medianCpuMs: median(cpus) ?? 0,
    meanCpuMs: total / Math.max(1, cpus.length),
  };
}

/**
 * Replays the history (JSON already parsed, as the Temporal anchor does): normalizes it (in place,
 * as `loadHistory` does with the JSON text or file it parsed: the parsed objects are the bench's), runs
 * `seqWorkflow` through a fresh `WorkflowExecutor` and checks that it completed with the right
 * result.
 * @throws Error when the replay does not end as the history says.
 */
export async function replayOnce(parsed: unknown, n: number): Promise<void> {
  const events = normalizeHistory(parsed as { events: unknown[] }, { inPlace: true });
  const executor = new WorkflowExecutor({
    workflows: [seqWorkflow],
    execution: { workflowId: `bench-${n}`, runId: 'run-1' },
  });
  check(await executor.processEvents(events), n);
}

/** The events of an indexed history text, a page at a time, normalized in place (what `replayHistory` streams). */
function* pagesOf(index: HistoryTextIndex): Generator<HistoryEvent[]> {
  for (const page of historyTextPages(index)) yield normalizeHistory(page, { inPlace: true });
}

/**
 * Replays the history from its JSON text, streamed, as `replayHistory` of a JSON string or file
 * does: `indexHistoryText` (one pass over the text), then `processPages` of the events parsed and
 * normalized a page at a time, so only the pages not replayed yet are alive. Everything from the
 * text on is inside the measurement.
 * @throws Error when the replay does not end as the history says.
 */
export async function replayTextOnce(raw: string, n: number): Promise<void> {
  const index = indexHistoryText(raw);
  if (!index) throw new Error('the bench history is not a history');
  const executor = new WorkflowExecutor({
    workflows: [seqWorkflow],
    execution: { workflowId: `bench-${n}`, runId: 'run-1' },
  });
  check(await executor.processPages(() => pagesOf(index)), n);
}

function check(out: ActivationResult, n: number): void {
  if (out.status !== 'COMPLETED' || out.result !== seqResult(n) || out.decisions.length !== 0) {
    throw new Error(
      `replay of seqWorkflow(${n}) ended ${out.status} with ${JSON.stringify(out.result)} and ${out.decisions.length} decisions; expected COMPLETED with ${seqResult(n)} and none`,
    );
  }
}

/** Floor 1: only reading the history (JSON.parse of the text, then normalizeHistory in place, as the replay does). */
export function readHistoryOnce(raw: string): void {
  const events = normalizeHistory(JSON.parse(raw) as { events: unknown[] }, { inPlace: true });
  if (events.length === 0) throw new Error('empty history');
}

/**
 * Floor 1 for the streamed replay: only reading the history the way {@link replayTextOnce} does —
 * the index pass, then every page parsed and normalized in place and let go.
 */
export function readHistoryTextOnce(raw: string): void {
  const index = indexHistoryText(raw);
  if (!index) throw new Error('the bench history is not a history');
  let count = 0;
  for (const page of pagesOf(index)) count += page.length;
  if (count !== index.count || count === 0) throw new Error('the bench history read short');
}

/** Floor 2: awaiting n already-resolved promises in sequence, one macrotask per step (the replayer drains each decision task). */
export async function promiseLoopOnce(n: number): Promise<void> {
  let acc = 0;
  for (let i = 0; i < n; i++) {
    acc += await new Promise<number>((resolve) => setImmediate(() => resolve(i * 2)));
  }
  if (acc !== seqResult(n)) throw new Error('promise loop miscounted');
}
