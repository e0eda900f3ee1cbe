/**
 * Two Worker configurations taking turns on one service (issue 9, target 3): the 100 × 10 round
 * of `service.ts` (100 `seqWorkflow(10)` runs started at once) with a fresh `Worker` built from
 * configuration A, then one from B, and so on for `--rounds` rounds each (the order swapped every
 * round), all against one service on a thread of its own (durability `full`), after one warm-up
 * round each. Steps per second come from the runs' history timestamps, as in `service.ts`; CPU per
 * step is the process's (all threads) over each round. A change to the Worker's options shows
 * here where whole runs of `service.ts`, minutes apart on a machine whose speed drifts, do not.
 *
 *     node scripts/run-ts.mjs bench/worker-ab.ts [--a '{"decisionPollers":16}'] [--b '{…}'] [--rounds 10]
 *
 * `--a` and `--b` are `Worker.create` options as JSON (`{}`, the defaults, when left out). Give
 * both the same to see the spread that means nothing (an A/A run): BENCHMARKS.md records ±7 % of
 * the median steps/s and ±2 % of CPU per step over ten rounds on this project's machine. Prints
 * one JSON line (`bench: 'worker-ab'`): each side's rounds, medians, and the rounds B won.
 */
import { CountClosedWorkflowExecutionsCommand, SWFClient } from '@aws-sdk/client-swf';
import { WorkflowClient } from '@swf-flow/client';
import type { HistoryEvent } from '@swf-flow/common';
import { localSwfClientConfig, startServerThread } from '@swf-flow/server';
import type { WorkerOptions } from '@swf-flow/worker';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { median, round } from './child.js';
import { benchWorker } from './bench-worker.js';
import { seqResult, seqWorkflow } from './seq-workflow.js';

const WORKFLOWS = 100;
const PER_WORKFLOW = 10;

type Extra = Partial<WorkerOptions>;

const { values } = parseArgs({
  options: {
    a: { type: 'string', default: '{}' },
    b: { type: 'string', default: '{}' },
    rounds: { type: 'string', default: '10' },
  },
});
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1)
  throw new Error(`--rounds must be a whole number ≥ 1; got ${values.rounds}`);
const sides: Record<'a' | 'b', Extra> = { a: JSON.parse(values.a!) as Extra, b: JSON.parse(values.b!) as Extra };

const dir = mkdtempSync(join(tmpdir(), 'swf-flow-bench-worker-ab-'));
const server = await startServerThread({
  dataDir: join(dir, 'data'),
  port: 0,
  pollTimeoutMs: 5_000,
  durability: 'full',
});
const swf = localSwfClientConfig(server, { transport: 'http' });
const client = new WorkflowClient({ swf, domain: 'bench' });
const counter = new SWFClient(swf);
let started = 0;

const closed = async (): Promise<number> =>
  (
    await counter.send(
      new CountClosedWorkflowExecutionsCommand({ domain: 'bench', startTimeFilter: { oldestDate: new Date(0) } }),
    )
  ).count ?? 0;
const ms = (e: HistoryEvent | undefined): number => (e?.eventTimestamp as Date).getTime();

/** What one round measured. */
interface RoundResult {
  stepsPerSec: number;
  cpuMsPerStep: number;
}

/** One 100 × 10 round with a fresh Worker of `extra`: steps per second and CPU ms per step. */
async function oneRound(extra: Extra): Promise<RoundResult> {
  const worker = await benchWorker(swf, extra);
  const running = worker.run();
  try {
    const before = await closed();
    const c0 = process.cpuUsage();
    const handles = await Promise.all(
      Array.from({ length: WORKFLOWS }, () =>
        client.start(seqWorkflow, { workflowId: `ab-${started++}`, args: [PER_WORKFLOW] }),
      ),
    );
    // One count per 50 ms while they run (a result poll per handle would load the service itself).
    for (let waited = 0; (await closed()) < before + WORKFLOWS; waited += 50) {
      if (waited > 600_000) throw new Error('the round did not finish in 10 minutes');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const cpu = process.cpuUsage(c0);
    const histories = await Promise.all(handles.map((h) => h.history()));
    for (const h of handles) {
      const result = await h.result();
      if (result !== seqResult(PER_WORKFLOW)) throw new Error(`${h.workflowId} returned ${String(result)}`);
    }
    const span = Math.max(...histories.map((h) => ms(h.at(-1)))) - Math.min(...histories.map((h) => ms(h[0])));
    const steps = WORKFLOWS * PER_WORKFLOW;
    return { stepsPerSec: steps / (span / 1000), cpuMsPerStep: (cpu.user + cpu.system) / 1000 / steps };
  } finally {
    await worker.shutdown();
    await running;
  }
}

try {
  await oneRound(sides.a);
  await oneRound(sides.b);
  const results: Record<'a' | 'b', RoundResult[]> = { a: [], b: [] };
  for (let i = 0; i < rounds; i++) {
    for (const side of i % 2 === 0 ? (['a', 'b'] as const) : (['b', 'a'] as const)) {
      results[side].push(await oneRound(sides[side]));
    }
  }
  const of = (side: 'a' | 'b') => ({
    options: sides[side],
    stepsPerSec: results[side].map((r) => round(r.stepsPerSec, 1)),
    medianStepsPerSec: round(median(results[side].map((r) => r.stepsPerSec)), 1),
    medianCpuMsPerStep: round(median(results[side].map((r) => r.cpuMsPerStep)), 3),
  });
  const bWon = results.b.filter((r, i) => r.stepsPerSec > results.a[i]!.stepsPerSec).length;
  console.log(JSON.stringify({ bench: 'worker-ab', rounds, a: of('a'), b: of('b'), bWon: `${bWon} of ${rounds}` }));
} finally {
  counter.destroy();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
