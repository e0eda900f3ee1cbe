/**
 * What `--durability full` (the default: every commit flushed to the disk before the answer)
 * costs per workflow step beside `--durability normal` (committed to the WAL, not flushed), measured
 * in one process (issue 15, point 7):
 *
 * - `step`: one `seqWorkflow(steps)` through the real server over HTTP with the project's `Worker`
 *   and `WorkflowClient`, ms per activity step from the server's own event timestamps. The two
 *   durabilities take turns, `rounds` times each (fresh data directory each time, order swapped
 *   every round so that a change in the machine's load hits both alike); medians compared.
 * - `service step`: the same four requests a step makes (poll a decision task, schedule the activity,
 *   poll it, complete it) sent straight to `SwfService.handle` (no HTTP, no worker), two services side
 *   by side, one step on each in turn: what storage alone adds, least disturbed by other load.
 * - `commit`: the floor, a one-row SQLite WAL commit with `synchronous = FULL` and `= NORMAL` on a
 *   file in the same temporary directory (the cost of the flush itself on this disk).
 *
 *     npm run bench:durability                 # 100 steps, 3 rounds
 *     npm run bench:durability -- --steps 100 --rounds 5
 *
 * Prints one JSON line: `{ bench: 'durability', fullStepMs, normalStepMs, ratio, extraMsPerStep,
 * serviceFullStepMs, serviceNormalStepMs, serviceRatio, serviceExtraMsPerStep, commitFullMs, ... }`.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { WorkflowClient } from '@swf-flow/client';
import type { HistoryEvent } from '@swf-flow/common';
import { createServer, localSwfClientConfig, type Durability } from '@swf-flow/server';
import { SwfService } from '@swf-flow/server/embedding';
import { median, round } from './child.js';
import { benchWorker } from './bench-worker.js';
import { seqResult, seqWorkflow } from './seq-workflow.js';
import { registerStepTypes, STEP_ACTIVITY_TYPE } from './register.js';

const ms = (e: HistoryEvent | undefined): number =>
  e?.eventTimestamp instanceof Date ? e.eventTimestamp.getTime() : Number.NaN;

/** ms per step of one `seqWorkflow(steps)` on a fresh service with `durability`. */
async function stepMs(dir: string, durability: Durability, steps: number): Promise<number> {
  const server = await createServer({
    dataDir: join(dir, `data-${durability}-${Date.now()}`),
    port: 0,
    pollTimeoutMs: 5_000,
    durability,
  });
  const swf = localSwfClientConfig(server, { transport: 'http' });
  const worker = await benchWorker(swf);
  const running = worker.run();
  try {
    const client = new WorkflowClient({ swf, domain: 'bench' });
    const run = async (workflowId: string, n: number): Promise<HistoryEvent[]> => {
      const handle = await client.start(seqWorkflow, { workflowId, args: [n] });
      const result = await handle.result({ maxPollInterval: '100ms', timeout: '10 minutes' });
      if (result !== seqResult(n)) throw new Error(`seqWorkflow(${n}) returned ${result}; expected ${seqResult(n)}`);
      return handle.history();
    };
    await run('warm-up', 10);
    const events = await run('measured', steps);
    return (ms(events.at(-1)) - ms(events[0])) / steps;
  } finally {
    await worker.shutdown();
    await running;
    await server.close();
  }
}

/** A service with one open run that takes steps: each one schedules and completes an activity. */
async function stepper(
  dir: string,
  durability: Durability,
): Promise<{ step: (i: number) => Promise<number>; close: () => void }> {
  const service = SwfService.open({ dataDir: join(dir, `service-${durability}`), durability, pollTimeoutMs: 5_000 });
  const call = (op: string, input: Record<string, unknown>): Promise<Record<string, unknown>> =>
    service.handle(op, input) as Promise<Record<string, unknown>>;
  await registerStepTypes(call);
  const activityType = STEP_ACTIVITY_TYPE;
  await call('StartWorkflowExecution', { domain: 'bench', workflowId: 'w', workflowType: { name: 'W', version: '1' } });
  const poll = { domain: 'bench', maximumPageSize: 5, reverseOrder: true };
  const step = async (i: number): Promise<number> => {
    const t0 = performance.now();
    const decision = await call('PollForDecisionTask', { ...poll, taskList: { name: 'd' } });
    await call('RespondDecisionTaskCompleted', {
      taskToken: decision.taskToken,
      decisions: [
        {
          decisionType: 'ScheduleActivityTask',
          scheduleActivityTaskDecisionAttributes: { activityId: `a${i}`, activityType },
        },
      ],
    });
    const activity = await call('PollForActivityTask', { domain: 'bench', taskList: { name: 'a' } });
    await call('RespondActivityTaskCompleted', { taskToken: activity.taskToken, result: String(i) });
    return performance.now() - t0;
  };
  return { step, close: () => service.close() };
}

/** ms per step of each durability, the two services taking steps in turn; medians. */
async function serviceStepMs(dir: string, steps: number): Promise<Record<Durability, number>> {
  const full = await stepper(dir, 'full');
  const normal = await stepper(dir, 'normal');
  const times: Record<Durability, number[]> = { full: [], normal: [] };
  try {
    for (let i = 0; i < steps; i++) {
      times.full.push(await full.step(i));
      times.normal.push(await normal.step(i));
    }
  } finally {
    full.close();
    normal.close();
  }
  return { full: median(times.full), normal: median(times.normal) };
}

/** ms of a one-row WAL commit with `synchronous` FULL or NORMAL, median of `reps`. */
function commitMs(dir: string, synchronous: 'FULL' | 'NORMAL', reps: number): number {
  const db = new Database(join(dir, `commit-${synchronous}.sqlite`));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${synchronous}`);
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    const commit = db.transaction((v: string) => insert.run(v));
    const times: number[] = [];
    for (let i = 0; i < reps; i++) {
      const t0 = performance.now();
      commit('x'.repeat(300));
      times.push(performance.now() - t0);
    }
    return median(times);
  } finally {
    db.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { steps: { type: 'string', default: '100' }, rounds: { type: 'string', default: '3' } },
  });
  const steps = Number(values.steps);
  const rounds = Number(values.rounds);
  if (!Number.isInteger(steps) || steps < 1 || !Number.isInteger(rounds) || rounds < 1)
    throw new Error(`--steps and --rounds take positive integers; got ${values.steps}, ${values.rounds}`);
  const dir = mkdtempSync(join(tmpdir(), 'swf-flow-bench-durability-'));
  try {
    const measured: Record<Durability, number[]> = { full: [], normal: [] };
    for (let r = 0; r < rounds; r++) {
      const order: Durability[] = r % 2 === 0 ? ['full', 'normal'] : ['normal', 'full'];
      for (const durability of order) measured[durability].push(await stepMs(dir, durability, steps));
    }
    const full = median(measured.full);
    const normal = median(measured.normal);
    const service = await serviceStepMs(dir, 5 * steps);
    const commitFull = commitMs(dir, 'FULL', 500);
    const commitNormal = commitMs(dir, 'NORMAL', 500);
    console.log(
      JSON.stringify({
        bench: 'durability',
        steps,
        rounds,
        fullStepMs: round(full, 3),
        normalStepMs: round(normal, 3),
        ratio: round(full / normal, 2),
        extraMsPerStep: round(full - normal, 3),
        fullRoundsMs: measured.full.map((x) => round(x, 3)),
        normalRoundsMs: measured.normal.map((x) => round(x, 3)),
        serviceSteps: 5 * steps,
        serviceFullStepMs: round(service.full, 3),
        serviceNormalStepMs: round(service.normal, 3),
        serviceRatio: round(service.full / service.normal, 2),
        serviceExtraMsPerStep: round(service.full - service.normal, 3),
        commitFullMs: round(commitFull, 4),
        commitNormalMs: round(commitNormal, 4),
        commitRatio: round(commitFull / commitNormal, 1),
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
