/**
 * The replayer under real concurrency, end to end: a workflow that races an activity with a timer,
 * fans out to activities that fail at random (retried by policy), waits on signals with a timeout,
 * cancels a scope, runs two children, continues as new and uses the seeded sources, runs a dozen
 * times at once on the real local service over HTTP. Signals land at random moments; four Workers
 * poll the same task list with different caches (none, 3 runs, 100 runs) and history page sizes,
 * and one of them is replaced four times mid-flight, so decision tasks of a run move between
 * cached continuations and full replays read in pages. Every run must close as its code says, and
 * every history recorded, children and continued runs included, must replay with `replayHistory`
 * (from the objects and from the AWS CLI's JSON text) without a difference. The timings differ
 * from run to run; what is asserted holds for every interleaving. The random choices are seeded
 * (the seed is in the test's name), SWF_FLOW_CHAOS_SEED picks another.
 */
import seedrandom from 'seedrandom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Activities, Activity } from '@swf-flow/activity';
import { WorkflowClient, type WorkflowHandle } from '@swf-flow/client';
import { silentLogger, type HistoryEvent } from '@swf-flow/common';
import { type LocalService, runWorkers, type RunningWorkers, startLocalService } from '@swf-flow/dev';
import { replayHistory } from '@swf-flow/testing';
import { Worker } from '@swf-flow/worker';
import {
  CancellationScope,
  condition,
  continueAsNew,
  defineSignal,
  defineWorkflow,
  executeChild,
  proxyActivities,
  setHandler,
  sideEffect,
  sleep,
  uuid4,
  workflowInfo,
} from '@swf-flow/workflow';

const SEED = process.env.SWF_FLOW_CHAOS_SEED ?? 'chaos-1';
const random = seedrandom(SEED);
const DOMAIN = 'chaos';
const RUNS = 12;

@Activities({
  version: '1.0',
  taskList: 'chaos',
  scheduleToStartTimeout: '1 minute',
  startToCloseTimeout: '30s',
  scheduleToCloseTimeout: '2 minutes',
  heartbeatTimeout: 'NONE',
})
class ChaosActivities {
  /** Doubles `x` after up to 20 ms, failing one call in five. */
  @Activity({ name: 'Work' })
  async work(x: number): Promise<number> {
    await new Promise((resolve) => setTimeout(resolve, random() * 20));
    if (random() < 0.2) throw new Error(`flaky ${x}`);
    return x * 2;
  }
}

const acts = proxyActivities(ChaosActivities, { retry: { maximumAttempts: 3, initialInterval: '1s' } });
const poke = defineSignal<[n: number]>('poke');

const chaosChild = defineWorkflow(
  async function chaosChild(n: number): Promise<number> {
    const r = await acts.work(n).catch(() => -1);
    return r + Math.floor(Math.random() * 10);
  },
  {
    name: 'ChaosChild',
    version: '1.0',
    taskList: 'chaos',
    executionStartToCloseTimeout: '5 minutes',
    taskStartToCloseTimeout: '30s',
  },
);

const chaos = defineWorkflow(
  async function chaos(seed: number, generation = 0): Promise<unknown> {
    const pokes: number[] = [];
    setHandler(poke, (n) => void pokes.push(n));
    const log: unknown[] = [Date.now() > 0, uuid4().length, await sideEffect(() => Math.random() < 2)];
    const raced = await Promise.race([acts.work(seed).catch(() => 'failed'), sleep('1s').then(() => 'timer')]);
    log.push(typeof raced);
    const settled = await Promise.allSettled([1, 2, 3, 4].map((i) => acts.work(seed + i)));
    log.push(settled.map((s) => s.status));
    log.push(await condition(() => pokes.length >= 2, '2s'), pokes.length);
    try {
      await CancellationScope.cancellable(async () => {
        const timer = sleep('30s');
        await Promise.resolve();
        CancellationScope.current().cancel();
        await timer;
      });
    } catch {
      log.push('cancelled');
    }
    const children = await Promise.all([
      executeChild(chaosChild, { args: [seed] }).catch(() => -2),
      executeChild(chaosChild, { args: [seed + 1] }).catch(() => -3),
    ]);
    log.push(children.length);
    for (let i = 0; i < 3; i++) {
      await null;
      await Promise.resolve(i);
      queueMicrotask(() => log.push('microtask'));
    }
    if (pokes.length > 0) log.push((await acts.work(pokes[0] ?? 0).catch(() => 0)) > -1);
    if (generation === 0 && seed % 3 === 0) return continueAsNew(seed, 1);
    return { log, pokes, workflowId: workflowInfo().workflowId };
  },
  {
    name: 'Chaos',
    version: '1.0',
    taskList: 'chaos',
    executionStartToCloseTimeout: '10 minutes',
    taskStartToCloseTimeout: '30s',
  },
);

describe(`the replayer under real concurrency (seed ${SEED})`, () => {
  let local: LocalService;
  let workers: RunningWorkers;
  let churned: RunningWorkers | undefined;
  let client: WorkflowClient;
  const worker = (workflowCacheSize: number, historyPageSize: number): Promise<Worker> =>
    Worker.create({
      swf: local.swf,
      domain: DOMAIN,
      taskList: 'chaos',
      workflows: [chaos, chaosChild],
      activities: [new ChaosActivities()],
      logger: silentLogger,
      maxConcurrentActivityTasks: 20,
      workflowCacheSize,
      historyPageSize,
    });

  beforeAll(async () => {
    local = await startLocalService({ dataDir: ':memory:', pollTimeoutMs: 2000 });
    workers = runWorkers([await worker(0, 5), await worker(3, 1000), await worker(100, 25)]);
    client = new WorkflowClient({ swf: local.swf, domain: DOMAIN });
  });

  afterAll(async () => {
    await churned?.stop();
    await workers?.stop();
    await local?.server.close();
  });

  it('every run closes as its code says, and every history it recorded replays', async () => {
    const handles: WorkflowHandle[] = await Promise.all(
      Array.from({ length: RUNS }, (_, i) => client.start(chaos, { workflowId: `chaos-${i}`, args: [i] })),
    );
    const delays = handles.map(() => [random() * 1500, random() * 1500, random() * 1500]);
    const signals = handles.map(async (handle, i) => {
      for (const [k, ms] of (delays[i] ?? []).entries()) {
        await new Promise((resolve) => setTimeout(resolve, ms));
        await handle.signal(poke, k).catch(() => undefined); // the run may have closed
      }
    });
    const churn = (async () => {
      for (let k = 0; k < 4; k++) {
        churned = runWorkers([await worker(k % 2 ? 1 : 50, 3 + k)]);
        await new Promise((resolve) => setTimeout(resolve, 700));
        await churned.stop();
        churned = undefined;
      }
    })();
    const results = await Promise.all(handles.map((h) => h.result({ timeout: '3 minutes' })));
    await Promise.all([...signals, churn]);
    for (const [i, result] of results.entries()) {
      expect(result).toMatchObject({ workflowId: `chaos-${i}`, log: expect.arrayContaining(['cancelled', 2]) });
    }

    const closed = [];
    for await (const info of client.list({ status: 'CLOSED' })) closed.push(info);
    // Each run: itself and two children, and a second run for every third seed (continue-as-new).
    expect(closed.length).toBe(RUNS * 3 + Math.ceil(RUNS / 3) * 3);
    for (const info of closed) {
      const execution = { workflowId: info.execution?.workflowId ?? '', runId: info.execution?.runId ?? '' };
      const events: HistoryEvent[] = await client.getHandle(execution.workflowId, execution.runId).history();
      const what = `${execution.workflowId} (${info.closeStatus ?? '?'})`;
      expect(info.closeStatus, what).toMatch(/^(COMPLETED|CONTINUED_AS_NEW)$/);
      await expect(replayHistory({ events }, [chaos, chaosChild], { execution }), what).resolves.toBeDefined();
      const text = JSON.stringify({ events });
      await expect(replayHistory(text, [chaos, chaosChild], { execution }), what).resolves.toBeDefined();
    }
  });
});
