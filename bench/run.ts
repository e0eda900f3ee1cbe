/**
 * The benchmark suite (issue 9): `npm run bench` runs every measurement, each in its own process,
 * and prints one table — each figure beside its target and the floor or peer it is a ratio of,
 * all measured in this run. `--json` also writes `bench/results.json`.
 *
 *     npm run bench                      # everything (< 10 minutes on a 2-core machine)
 *     npm run bench -- --json            # and bench/results.json
 *     npm run bench -- --no-temporal     # without the Temporal side-by-side
 *     npm run bench -- --only replay,cache
 *
 * Sections: replay (N = 10, 100, 1000, 10000 and Temporal at 100, 1000), cache, service, drain,
 * start, durability (issue 15: `--durability full` beside `normal`). BENCHMARKS.md explains each
 * measurement and records a run.
 */
import { writeFileSync } from 'node:fs';
import { loadavg, cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { type Line, round, runScript } from './child.js';
import { type Row, fmt, renderTable } from './table.js';
import { runTemporal, temporalAvailable, type TemporalLine } from './temporal.js';

const SECTIONS = ['replay', 'cache', 'service', 'drain', 'start', 'durability'] as const;
type Section = (typeof SECTIONS)[number];

const REPLAY_NS = [10, 100, 1000, 10_000];
const TEMPORAL_NS = [100, 1000];

interface Args {
  json: boolean;
  temporal: boolean;
  only: Set<Section>;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { json: false, temporal: true, only: new Set(SECTIONS) };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') args.json = true;
    else if (a === '--no-temporal') args.temporal = false;
    else if (a === '--only') {
      const names = (argv[++i] ?? '').split(',').filter(Boolean);
      const unknown = names.filter((n) => !(SECTIONS as readonly string[]).includes(n));
      if (names.length === 0 || unknown.length > 0)
        throw new Error(
          `--only takes a comma-separated list of ${SECTIONS.join(', ')}; got ${JSON.stringify(argv[i] ?? '')}`,
        );
      args.only = new Set(names as Section[]);
    } else
      throw new Error(
        `unknown argument ${JSON.stringify(a)}; usage: npm run bench -- [--json] [--no-temporal] [--only ${SECTIONS.join(',')}]`,
      );
  }
  return args;
}

/** `line[key]` as numbers (an empty list when it is not an array of them). */
const numbers = (line: Line | undefined, key: string): number[] => {
  const value = line?.[key];
  return Array.isArray(value) && value.every((v) => typeof v === 'number') ? (value as number[]) : [];
};

const num = (line: Line | undefined, key: string): number => {
  const v = line?.[key];
  if (typeof v !== 'number') throw new Error(`benchmark line ${JSON.stringify(line)} has no number ${key}`);
  return v;
};

/** One replay child's lines (`bench/replay.ts --one n`). */
function replayChild(n: number): Promise<Line[]> {
  return runScript('replay.ts', ['--one', String(n), '--reps', n >= 10_000 ? '5' : '7'], { bundled: true });
}

async function replayRows(temporal: boolean): Promise<Row[]> {
  const ours = new Map<number, Line>();
  const floors = new Map<number, Line>();
  const texts = new Map<number, Line>();
  /** The three processes' 7-run wall medians at N=1,000 (the median one's lines are used). */
  let walls1000: number[] = [];
  for (const n of REPLAY_NS) {
    let lines = await replayChild(n);
    if (n === 1000) {
      // N=1,000 is compared with Temporal by a 7-run wall-clock median: six replays right after the
      // first, still JIT warm-up, whose timing varies between processes (BENCHMARKS.md, session 18:
      // 11.1 / 18.4 / 25.3 ms in three in a row). Three processes, each measuring as Temporal's
      // anchor does, and the one with the median figure: one process no longer decides the row.
      const runs = [lines, await replayChild(n), await replayChild(n)];
      const wall = (ls: Line[]): number =>
        num(
          ls.find((l) => l.system === 'swf-flow'),
          'warmMedianMs',
        );
      runs.sort((a, b) => wall(a) - wall(b));
      walls1000 = runs.map(wall);
      lines = runs[1] as Line[];
    }
    ours.set(n, lines.find((l) => l.system === 'swf-flow') as Line);
    floors.set(n, lines.find((l) => l.system === 'floor') as Line);
    texts.set(n, lines.find((l) => l.system === 'swf-flow-text') as Line);
  }
  // The growth row divides two sizes' figures: measured in one process taking turns
  // (bench/replay-growth.ts), so the machine's speed of the moment divides out.
  const growthLine = (await runScript('replay-growth.ts', [], { bundled: true })).find(
    (l) => l.system === 'growth',
  ) as Line;
  const rows: Row[] = [];
  const usPerEvent = (n: number): number => (num(ours.get(n), 'warmMedianMs') * 1000) / num(ours.get(n), 'events');
  let theirs: Map<number, TemporalLine> | undefined;
  if (temporal) theirs = runTemporal(TEMPORAL_NS);
  const t1000 = theirs?.get(1000);
  const o1000 = ours.get(1000);
  if (t1000) {
    const speedup = t1000.warmMedianMs / num(o1000, 'warmMedianMs');
    // The median process's six warm runs, and the fresh pages each wrote: a run that writes the new
    // pages of a young generation V8 has just doubled takes 10-20 ms longer (BENCHMARKS.md,
    // "session 19": what moves this row between runs of the suite).
    const runsMs = numbers(o1000, 'warmRunsMs');
    const freshPages = numbers(o1000, 'warmRunsFreshPages');
    rows.push({
      target: 1,
      what: 'replay N=1000 (6,005 events): speed-up over Temporal',
      value: `${fmt(speedup)}×`,
      goal: '>= 100×',
      basis: `Temporal ${fmt(t1000.warmMedianMs)} ms vs ${fmt(num(o1000, 'warmMedianMs'))} ms (median of three processes: ${walls1000.map((w) => fmt(w)).join(' / ')} ms; its runs 2-${runsMs.length + 1}: ${runsMs.map((w) => fmt(w)).join(' / ')} ms, fresh pages ${freshPages.map((p) => fmt(p, 0)).join(' / ')})`,
      met: speedup >= 100,
      data: {
        speedup,
        temporalMs: t1000.warmMedianMs,
        swfFlowMs: num(o1000, 'warmMedianMs'),
        ...Object.fromEntries(walls1000.map((w, i) => [`swfFlowMsProcess${i + 1}`, w])),
        ...Object.fromEntries(runsMs.map((w, i) => [`swfFlowRun${i + 2}Ms`, w])),
        ...Object.fromEntries(freshPages.map((p, i) => [`swfFlowRun${i + 2}FreshPages`, p])),
      },
    });
  }
  // Judged on the steady state by process CPU (see bench/replay.ts); the 7-run wall-clock figure beside it.
  const eps = num(o1000, 'steadyEventsPerCpuSec');
  rows.push({
    target: 1,
    what: 'replay N=1000: events per CPU-second (steady state)',
    value: fmt(eps, 0),
    goal: '>= 300,000',
    basis: `${fmt(num(o1000, 'steadyMedianCpuMs'), 2)} ms CPU per replay, median of ${fmt(num(o1000, 'steadyReps'), 0)}; 7-run wall median ${fmt(num(o1000, 'eventsPerSec'), 0)} events/s${t1000 ? `, Temporal ${fmt(t1000.eventsPerSec, 0)}` : ''}`,
    met: eps >= 300_000,
    data: { eventsPerCpuSec: eps, warmEventsPerSec: num(o1000, 'eventsPerSec') },
  });
  if (t1000) {
    const ratio = num(o1000, 'maxRssMB') / t1000.maxRssMB;
    rows.push({
      target: 1,
      what: 'replay N=1000: peak RSS',
      value: `${fmt(num(o1000, 'maxRssMB'))} MB (${fmt(ratio, 2)}×)`,
      goal: '<= 0.33× Temporal',
      basis: `Temporal ${fmt(t1000.maxRssMB)} MB`,
      met: ratio <= 1 / 3,
      data: { ratio, swfFlowMB: num(o1000, 'maxRssMB'), temporalMB: t1000.maxRssMB },
    });
  }
  // The growth is judged on the user's path: the history's JSON text streamed into the replay
  // (replayHistory of a file; BENCHMARKS.md, "Replay, fourth round"). The pre-parsed replay's
  // growth, the figure judged before, is the next row.
  const us = (lines: Map<number, Line>, n: number, key = 'steadyMedianCpuMs'): number =>
    (num(lines.get(n), key) * 1000) / num(lines.get(n), 'events');
  // Judged by the mean: a steady block's CPU over its events, so each size carries the scavenges
  // its own garbage causes (a median run of N=100 has none, every run of N=10,000 has several).
  const growth = num(growthLine, 'meanGrowth');
  const roundGrowths = (key: string): string =>
    ((growthLine[key] as number[] | undefined) ?? []).map((g) => `${fmt(g, 2)}×`).join(' / ');
  rows.push({
    target: 1,
    what: 'replay µs/event from the JSON text, streamed (steady CPU), N=10,000 over N=100',
    value: `${fmt(growth, 2)}×`,
    goal: '<= 1.3×',
    basis: `one process, the sizes taking turns, median of ${fmt(num(growthLine, 'rounds'), 0)} rounds (${roundGrowths('roundMeanGrowths')}); ${fmt(num(growthLine, 'meanUsPerEvent10000'), 2)} vs ${fmt(num(growthLine, 'meanUsPerEvent100'), 2)} µs/event (CPU over events), reading the text included; by the median run ${fmt(num(growthLine, 'growth'), 2)}× (${fmt(num(growthLine, 'usPerEvent10000'), 2)} vs ${fmt(num(growthLine, 'usPerEvent100'), 2)})`,
    met: growth <= 1.3,
    data: {
      growth,
      medianRunGrowth: num(growthLine, 'growth'),
      usPerEvent10000: num(growthLine, 'meanUsPerEvent10000'),
      usPerEvent100: num(growthLine, 'meanUsPerEvent100'),
      medianRunUsPerEvent10000: num(growthLine, 'usPerEvent10000'),
      medianRunUsPerEvent100: num(growthLine, 'usPerEvent100'),
      soloSmallUsPerEvent: num(growthLine, 'soloSmallUsPerEvent'),
      separateProcessesGrowth: us(texts, 10_000) / us(texts, 100),
    },
  });
  const parsedGrowth = us(ours, 10_000) / us(ours, 100);
  rows.push({
    target: 1,
    what: '… the same from an object parsed before the clock',
    value: `${fmt(parsedGrowth, 2)}×`,
    goal: 'reported',
    basis: `${fmt(us(ours, 10_000), 2)} vs ${fmt(us(ours, 100), 2)} µs/event; 7-run wall: ${fmt(usPerEvent(10_000), 2)} vs ${fmt(usPerEvent(100), 2)}`,
    data: {
      growth: parsedGrowth,
      usPerEvent10000: us(ours, 10_000),
      usPerEvent100: us(ours, 100),
      warmGrowth: usPerEvent(10_000) / usPerEvent(100),
    },
  });
  for (const n of REPLAY_NS) {
    const f = floors.get(n);
    const ratio = num(f, 'replayVsReadHistorySteadyCpu');
    rows.push({
      target: 1,
      what: `replay N=${fmt(n, 0)} over reading the history (steady CPU)`,
      value: `${fmt(ratio, 2)}×`,
      goal: '<= 2×',
      basis: `read (JSON.parse + normalize) ${fmt(num(f, 'readHistorySteadyMedianCpuMs'), 2)} ms vs replay ${fmt(num(ours.get(n), 'steadyMedianCpuMs'), 2)} ms CPU; 7-run wall: ${fmt(num(f, 'replayVsReadHistory'))}×`,
      met: ratio <= 2,
      data: {
        ratio,
        readCpuMs: num(f, 'readHistorySteadyMedianCpuMs'),
        replayCpuMs: num(ours.get(n), 'steadyMedianCpuMs'),
        warmRatio: num(f, 'replayVsReadHistory'),
      },
    });
  }
  const textRatios = REPLAY_NS.map((n) => num(texts.get(n), 'replayVsReadTextSteadyCpu'));
  rows.push({
    target: 1,
    what: '… streamed from the text, over reading the text the same way, N=10 / 100 / 1,000 / 10,000',
    value: textRatios.map((r) => `${fmt(r, 2)}×`).join(' / '),
    goal: 'reported',
    basis: `read ${REPLAY_NS.map((n) => fmt(num(texts.get(n), 'readTextSteadyMedianCpuMs'), 2)).join(' / ')} ms vs replay ${REPLAY_NS.map((n) => fmt(num(texts.get(n), 'steadyMedianCpuMs'), 2)).join(' / ')} ms CPU`,
    data: Object.fromEntries(REPLAY_NS.map((n, i) => [`ratio${n}`, textRatios[i] as number])),
  });
  return rows;
}

async function cacheRows(): Promise<Row[]> {
  const [c] = await runScript('cache.ts', [], { nodeFlags: ['--expose-gc'] });
  const ratio = num(c, 'cachedAtLargeUs') / num(c, 'cachedAt10EventsUs');
  return [
    {
      target: 2,
      what: `cached decision at ~${fmt(num(c, 'largeEvents'), 0)} events over one at ~10`,
      value: `${fmt(ratio, 2)}×`,
      goal: '<= 1.5×',
      basis: `${fmt(num(c, 'cachedAtLargeUs'))} vs ${fmt(num(c, 'cachedAt10EventsUs'))} µs (a full replay at 5,000: ${fmt(num(c, 'fullReplayAt5000Us') / 1000)} ms)`,
      met: ratio <= 1.5,
      data: {
        ratio,
        largeUs: num(c, 'cachedAtLargeUs'),
        smallUs: num(c, 'cachedAt10EventsUs'),
        fullReplayUs: num(c, 'fullReplayAt5000Us'),
      },
    },
    {
      target: 2,
      what: 'RSS per cached idle workflow (10,000 cached)',
      value: `${fmt(num(c, 'idleRunRssKB'))} KB`,
      goal: '<= 16 KB',
      basis: `heap ${fmt(num(c, 'idleRunHeapKB'))} KB per run`,
      met: num(c, 'idleRunRssKB') <= 16,
      data: { rssKB: num(c, 'idleRunRssKB'), heapKB: num(c, 'idleRunHeapKB') },
    },
  ];
}

/**
 * The service's rows. Each shape runs twice in one process (`service-phases.ts`): cold, the first
 * time the process runs its paths (V8 compiles them meanwhile: a fixed cost that a 1,000-step
 * phase spreads as ~0.7–1 ms over each step), and warm, the same shape again. The warm figures
 * are judged (what a running service and Worker do per step, independent of the phase's length);
 * the cold ones are printed beside them.
 */
async function serviceRows(): Promise<Row[]> {
  const lines = await runScript('service.ts', [], { bundled: true });
  const s = lines.find((l) => l.bench === 'service');
  const split = lines.find((l) => l.bench === 'service-split');
  const loop = lines.find((l) => l.bench === 'service-one-loop');
  const ratio = num(s, 'warmSequentialStepMs') / num(s, 'wireFloorMs');
  const coldRatio = num(s, 'sequentialStepMs') / num(s, 'wireFloorMs');
  return [
    {
      target: 3,
      what: 'one sequential step over HTTP (Worker + service on its own thread), warm; cold',
      value: `${fmt(num(s, 'warmSequentialStepMs'), 2)} ms (${fmt(ratio)}×); cold ${fmt(num(s, 'sequentialStepMs'), 2)} ms (${fmt(coldRatio)}×)`,
      goal: '<= 3× floor',
      basis: `wire floor (4 round trips + 1 WAL commit) ${fmt(num(s, 'wireFloorMs'), 2)} ms`,
      met: ratio <= 3,
      data: {
        ratio,
        stepMs: num(s, 'warmSequentialStepMs'),
        floorMs: num(s, 'wireFloorMs'),
        cpuMsPerStep: num(s, 'warmSequentialCpuMsPerStep'),
        coldRatio,
        coldStepMs: num(s, 'sequentialStepMs'),
        coldCpuMsPerStep: num(s, 'sequentialCpuMsPerStep'),
      },
    },
    {
      target: 3,
      what: '100 workflows × 10 activities: activity steps/s, warm; cold',
      value: `${fmt(num(s, 'warmStepsPerSec'))}; cold ${fmt(num(s, 'stepsPerSec'))}`,
      goal: '>= 1,000',
      basis: `${fmt(num(s, 'warmConcurrentCpuMsPerStep'), 2)} ms CPU per step (cold ${fmt(num(s, 'concurrentCpuMsPerStep'), 2)}); one step alone ${fmt(1000 / num(s, 'warmSequentialStepMs'))} steps/s`,
      met: num(s, 'warmStepsPerSec') >= 1000,
      data: {
        stepsPerSec: num(s, 'warmStepsPerSec'),
        cpuMsPerStep: num(s, 'warmConcurrentCpuMsPerStep'),
        coldStepsPerSec: num(s, 'stepsPerSec'),
        coldCpuMsPerStep: num(s, 'concurrentCpuMsPerStep'),
      },
    },
    {
      target: 3,
      what: '100 × 10: decision latency p50 / p99 (scheduled to completed), warm; cold',
      value: `${fmt(num(s, 'warmDecisionLatencyP50Ms'), 0)} / ${fmt(num(s, 'warmDecisionLatencyP99Ms'), 0)} ms; cold ${fmt(num(s, 'decisionLatencyP50Ms'), 0)} / ${fmt(num(s, 'decisionLatencyP99Ms'), 0)} ms`,
      goal: 'reported',
      basis: `wire floor ${fmt(num(s, 'wireFloorMs'), 2)} ms`,
      data: {
        p50: num(s, 'warmDecisionLatencyP50Ms'),
        p99: num(s, 'warmDecisionLatencyP99Ms'),
        coldP50: num(s, 'decisionLatencyP50Ms'),
        coldP99: num(s, 'decisionLatencyP99Ms'),
      },
    },
    {
      target: 3,
      what: 'service on the Worker’s event loop, warm: one step; 100 × 10 steps/s; CPU per step (sequential; 100 × 10)',
      value: `${fmt(num(loop, 'warmSequentialStepMs'), 2)} ms (${fmt(num(loop, 'warmSequentialStepMs') / num(loop, 'wireFloorMs'))}×); ${fmt(num(loop, 'warmStepsPerSec'))}/s; ${fmt(num(loop, 'warmSequentialCpuMsPerStep'), 2)}; ${fmt(num(loop, 'warmConcurrentCpuMsPerStep'), 2)} ms`,
      goal: 'reported',
      basis: `wire floor ${fmt(num(loop, 'wireFloorMs'), 2)} ms; own thread: ${fmt(num(s, 'warmSequentialStepMs'), 2)} ms, ${fmt(num(s, 'warmStepsPerSec'))}/s, ${fmt(num(s, 'warmSequentialCpuMsPerStep'), 2)}; ${fmt(num(s, 'warmConcurrentCpuMsPerStep'), 2)} ms`,
      data: {
        stepMs: num(loop, 'warmSequentialStepMs'),
        floorMs: num(loop, 'wireFloorMs'),
        stepsPerSec: num(loop, 'warmStepsPerSec'),
        sequentialCpuMsPerStep: num(loop, 'warmSequentialCpuMsPerStep'),
        concurrentCpuMsPerStep: num(loop, 'warmConcurrentCpuMsPerStep'),
        coldStepMs: num(loop, 'sequentialStepMs'),
        coldStepsPerSec: num(loop, 'stepsPerSec'),
      },
    },
    {
      target: 3,
      what: 'worker in its own process, warm: CPU per step, service / Worker + client (sequential; 100 × 10)',
      value: `${fmt(num(split, 'warmSequentialServiceCpuMsPerStep'), 2)} / ${fmt(num(split, 'warmSequentialWorkerCpuMsPerStep'), 2)} ms; ${fmt(num(split, 'warmConcurrentServiceCpuMsPerStep'), 2)} / ${fmt(num(split, 'warmConcurrentWorkerCpuMsPerStep'), 2)} ms`,
      goal: 'reported',
      basis: `cold: ${fmt(num(split, 'sequentialServiceCpuMsPerStep'), 2)} / ${fmt(num(split, 'sequentialWorkerCpuMsPerStep'), 2)}; ${fmt(num(split, 'concurrentServiceCpuMsPerStep'), 2)} / ${fmt(num(split, 'concurrentWorkerCpuMsPerStep'), 2)} ms; one process, warm: ${fmt(num(s, 'warmSequentialCpuMsPerStep'), 2)}; ${fmt(num(s, 'warmConcurrentCpuMsPerStep'), 2)} ms`,
      data: {
        sequentialServiceCpuMsPerStep: num(split, 'warmSequentialServiceCpuMsPerStep'),
        sequentialWorkerCpuMsPerStep: num(split, 'warmSequentialWorkerCpuMsPerStep'),
        concurrentServiceCpuMsPerStep: num(split, 'warmConcurrentServiceCpuMsPerStep'),
        concurrentWorkerCpuMsPerStep: num(split, 'warmConcurrentWorkerCpuMsPerStep'),
        coldSequentialServiceCpuMsPerStep: num(split, 'sequentialServiceCpuMsPerStep'),
        coldSequentialWorkerCpuMsPerStep: num(split, 'sequentialWorkerCpuMsPerStep'),
        coldConcurrentServiceCpuMsPerStep: num(split, 'concurrentServiceCpuMsPerStep'),
        coldConcurrentWorkerCpuMsPerStep: num(split, 'concurrentWorkerCpuMsPerStep'),
      },
    },
    {
      target: 3,
      what: 'worker in its own process, warm: one step; 100 × 10 steps/s, decision latency p50 / p99',
      value: `${fmt(num(split, 'warmSequentialStepMs'), 2)} ms; ${fmt(num(split, 'warmStepsPerSec'))}/s, ${fmt(num(split, 'warmDecisionLatencyP50Ms'), 0)} / ${fmt(num(split, 'warmDecisionLatencyP99Ms'), 0)} ms`,
      goal: 'reported',
      basis: `wire floor ${fmt(num(split, 'wireFloorMs'), 2)} ms; cold ${fmt(num(split, 'sequentialStepMs'), 2)} ms, ${fmt(num(split, 'stepsPerSec'))}/s; one process, warm: ${fmt(num(s, 'warmSequentialStepMs'), 2)} ms, ${fmt(num(s, 'warmStepsPerSec'))}/s`,
      data: {
        stepMs: num(split, 'warmSequentialStepMs'),
        stepsPerSec: num(split, 'warmStepsPerSec'),
        p50: num(split, 'warmDecisionLatencyP50Ms'),
        p99: num(split, 'warmDecisionLatencyP99Ms'),
        coldStepMs: num(split, 'sequentialStepMs'),
        coldStepsPerSec: num(split, 'stepsPerSec'),
      },
    },
  ];
}

async function drainRows(): Promise<Row[]> {
  const lines = await runScript('drain.ts', ['1000', '10000']);
  const at = (n: number): Line | undefined => lines.find((l) => l.n === n);
  return (['decision', 'activity'] as const).map((kind) => {
    const key = `${kind}ClaimUs`;
    const perClaim = num(at(10_000), key) / num(at(1000), key);
    // Total drain time grows as n^k: k = 1 + log10(per-claim growth). n log n from 1,000 to 10,000: k = 1.12; quadratic: 2.
    const exponent = 1 + Math.log10(perClaim);
    return {
      target: 3,
      what: `draining ${kind} tasks: growth exponent of the drain time, 1,000 to 10,000 queued`,
      value: fmt(exponent, 2),
      goal: '<= 1.2 (n log n: 1.12, n²: 2)',
      basis: `${fmt(num(at(10_000), key))} vs ${fmt(num(at(1000), key))} µs per claim`,
      met: exponent <= 1.2,
      data: { exponent, perClaimGrowth: perClaim, us10000: num(at(10_000), key), us1000: num(at(1000), key) },
    };
  });
}

async function startRows(): Promise<Row[]> {
  const [s] = await runScript('start.ts', ['--reps', '3']);
  const secs = num(s, 'npmStartMs') / 1000;
  return [
    {
      target: 4,
      what: '`npm start` (order example, whole process)',
      value: `${fmt(secs, 2)} s`,
      goal: '<= 3 s (idle machine)',
      basis: `node -e 0 ${fmt(num(s, 'nodeFloorMs'), 0)} ms, npm run ${fmt(num(s, 'npmRunFloorMs'), 0)} ms`,
      met: secs <= 3,
      data: {
        npmStartMs: num(s, 'npmStartMs'),
        nodeFloorMs: num(s, 'nodeFloorMs'),
        npmRunFloorMs: num(s, 'npmRunFloorMs'),
      },
    },
  ];
}

async function durabilityRows(): Promise<Row[]> {
  const [d] = await runScript('durability.ts', []);
  const row = (what: string, ratio: number, extra: number, full: number, normal: number): Row => ({
    target: 3,
    what,
    value: `${fmt(ratio, 2)}× (+${fmt(extra, 2)} ms)`,
    goal: 'reported',
    basis: `${fmt(full, 2)} vs ${fmt(normal, 2)} ms per step; one commit ${fmt(num(d, 'commitFullMs'), 2)} vs ${fmt(num(d, 'commitNormalMs'), 3)} ms`,
    data: { ratio, extraMsPerStep: extra, fullStepMs: full, normalStepMs: normal },
  });
  return [
    row(
      'a step (Worker + HTTP), --durability full over normal (issue 15)',
      num(d, 'ratio'),
      num(d, 'extraMsPerStep'),
      num(d, 'fullStepMs'),
      num(d, 'normalStepMs'),
    ),
    row(
      "a step's four requests in the service alone, full over normal",
      num(d, 'serviceRatio'),
      num(d, 'serviceExtraMsPerStep'),
      num(d, 'serviceFullStepMs'),
      num(d, 'serviceNormalStepMs'),
    ),
  ];
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.temporal && args.only.has('replay') && !temporalAvailable())
    throw new Error('the Temporal anchor is not on this machine; pass --no-temporal');
  const started = new Date();
  const load = { before: loadavg().map((x) => round(x, 2)), after: [] as number[] };
  const t0 = performance.now();
  const rows: Row[] = [];
  const run: Record<Section, () => Promise<Row[]>> = {
    replay: () => replayRows(args.temporal),
    cache: cacheRows,
    service: serviceRows,
    drain: drainRows,
    start: startRows,
    durability: durabilityRows,
  };
  for (const section of SECTIONS) if (args.only.has(section)) rows.push(...(await run[section]()));
  load.after = loadavg().map((x) => round(x, 2));
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${fmt(totalmem() / 2 ** 30, 0)} GB, Node ${process.version}`;
  console.log(`\nswf-flow benchmarks — ${started.toISOString()} — ${machine}`);
  console.log(
    `load average (1/5/15 min) before ${load.before.join(' ')}, after ${load.after.join(' ')}; ${fmt((performance.now() - t0) / 1000, 0)} s\n`,
  );
  console.log(renderTable(rows));
  if (args.json) {
    const path = fileURLToPath(new URL('results.json', import.meta.url));
    writeFileSync(
      path,
      `${JSON.stringify({ date: started.toISOString(), machine, load, seconds: round((performance.now() - t0) / 1000), rows }, null, 2)}\n`,
    );
    console.log(`\nwrote ${path}`);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
