/**
 * Worker cache benchmark (target 2), on the worker's own decision path (`Decider` with its
 * `WorkflowCache`, `readNewEvents` over the poll's newest-first page, `WorkflowExecutor`), history
 * in memory and the SWF calls answered at once, so only the worker's CPU is timed:
 *
 * - a cached decision (the run continued with the task's new events) at ~10 and at ~5,000 events;
 * - a full replay of the ~5,000-event task (a cache miss), for scale;
 * - the memory of an idle cached run: 10,000 runs each waiting on its first activity.
 *
 *     tsx --expose-gc bench/cache.ts      # prints one JSON line (bench/run.ts runs it)
 */
import type { HistoryEvent, Logger } from '@swf-flow/common';
import { WorkflowExecutor } from '@swf-flow/workflow';
import { Decider, type DecisionTask } from '../packages/worker/src/decider.js';
import type { HistoryPageSource } from '../packages/worker/src/history-reader.js';
import { WorkflowCache } from '../packages/worker/src/workflow-cache.js';
import { median, round } from './child.js';
import { seqHistory, seqWorkflow } from './seq-workflow.js';

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };
const PAGE = 100;

/** The history as the SDK hands it to the worker (timestamps as `Date`). */
function sdkHistory(n: number): HistoryEvent[] {
  return seqHistory(n).events.map((e) => ({ ...e, eventTimestamp: new Date(e.eventTimestamp * 1000) }) as HistoryEvent);
}

/** The k-th decision task (0-based) of a seqWorkflow run: started at event 3 + 6k. */
function task(events: readonly HistoryEvent[], k: number, runId: string): DecisionTask {
  const startedEventId = 3 + 6 * k;
  const newestFirst: HistoryEvent[] = [];
  for (let id = startedEventId; id >= 1 && newestFirst.length < PAGE; id--)
    newestFirst.push(events[id - 1] as HistoryEvent);
  return {
    taskToken: `${runId}-${k}`,
    workflowExecution: { workflowId: runId, runId },
    startedEventId,
    previousStartedEventId: k === 0 ? 0 : startedEventId - 6,
    events: newestFirst,
    nextPageToken: startedEventId > PAGE ? 'poll-page-2' : undefined,
  };
}

/** GetWorkflowExecutionHistory over the in-memory history (oldest or newest first, pages by offset). */
function pages(events: readonly HistoryEvent[]): HistoryPageSource {
  return async ({ reverseOrder, maximumPageSize, nextPageToken }) => {
    const ordered = reverseOrder ? [...events].reverse() : events;
    const start = nextPageToken ? Number(nextPageToken) : 0;
    const end = start + maximumPageSize;
    return { events: ordered.slice(start, end), nextPageToken: end < ordered.length ? String(end) : undefined };
  };
}

function decider(events: readonly HistoryEvent[], cache: WorkflowCache): Decider {
  return new Decider({
    // As the worker builds them (packages/worker/src/worker.ts).
    newExecutor: (execution) =>
      new WorkflowExecutor({ workflows: [seqWorkflow], logger: silent, execution, recordDecisionSites: false }),
    cache,
    history: pages(events),
    respond: async () => {},
    logger: silent,
    failWorkflowOnNonDeterminism: false,
    historyPageSize: PAGE,
  });
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function handleOk(d: Decider, t: DecisionTask): Promise<void> {
  const outcome = await d.handle(t);
  if (outcome !== 'completed') throw new Error(`decision task ${t.taskToken} ended ${outcome}`);
}

/** Cached decisions at ~10 events: many fresh runs, each replayed to its first task, then task 1 timed. */
async function cachedSmall(runs: number): Promise<number> {
  const events = sdkHistory(3);
  const cache = new WorkflowCache(runs + 1);
  const d = decider(events, cache);
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    await handleOk(d, task(events, 0, `small-${r}`));
    times.push(await timed(() => handleOk(d, task(events, 1, `small-${r}`))));
  }
  if (cache.stats().hits !== runs) throw new Error(`expected ${runs} cache hits, got ${cache.stats().hits}`);
  return median(times.slice(runs >> 2)) * 1000;
}

/** Cached decisions at ~5,000 events: one run replayed to task `from`, then `steps` tasks timed. */
async function cachedLarge(from: number, steps: number): Promise<{ cachedUs: number; events: number }> {
  const events = sdkHistory(from + steps + 1);
  const cache = new WorkflowCache(10);
  const d = decider(events, cache);
  await handleOk(d, task(events, from, 'large'));
  const times: number[] = [];
  for (let k = from + 1; k <= from + steps; k++) times.push(await timed(() => handleOk(d, task(events, k, 'large'))));
  if (cache.stats().hits !== steps) throw new Error(`expected ${steps} cache hits, got ${cache.stats().hits}`);
  return { cachedUs: median(times.slice(steps >> 2)) * 1000, events: 3 + 6 * (from + steps / 2) };
}

/** A full replay of task `k` (cache miss), median of `reps`. */
async function fullReplay(k: number, reps: number): Promise<number> {
  const events = sdkHistory(k + 1);
  const d = decider(events, new WorkflowCache(0));
  const times: number[] = [];
  for (let r = 0; r < reps; r++) times.push(await timed(() => handleOk(d, task(events, k, `full-${r}`))));
  return median(times.slice(1)) * 1000;
}

function settle(): { rss: number; heap: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc (bench/run.ts does)');
  for (let i = 0; i < 3; i++) gc();
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed };
}

/** Bytes of RSS and of heap per idle cached run, with `count` runs cached. */
async function idleRuns(count: number): Promise<{ rssKB: number; heapKB: number }> {
  const events = sdkHistory(1);
  const cache = new WorkflowCache(count);
  const d = decider(events, cache);
  for (let r = 0; r < 200; r++) await handleOk(d, task(events, 0, `warm-${r}`));
  cache.clear();
  const before = settle();
  // Each run its own event objects, as the SDK parses each poll's page anew: a cached run keeps
  // the events it was fed for the check before closing (packages/worker/src/kept-history.ts).
  for (let r = 0; r < count; r++) await handleOk(d, task(sdkHistory(1), 0, `idle-${r}`));
  const after = settle();
  if (cache.stats().size !== count) throw new Error(`expected ${count} cached runs, got ${cache.stats().size}`);
  return { rssKB: (after.rss - before.rss) / 1024 / count, heapKB: (after.heap - before.heap) / 1024 / count };
}

async function main(): Promise<void> {
  await cachedSmall(50); // warm-up of the code paths
  const smallUs = await cachedSmall(200);
  const large = await cachedLarge(830, 60);
  const fullUs = await fullReplay(833, 5);
  const idle = await idleRuns(10_000);
  console.log(
    JSON.stringify({
      bench: 'cache',
      cachedAt10EventsUs: round(smallUs),
      cachedAtLargeUs: round(large.cachedUs),
      largeEvents: large.events,
      fullReplayAt5000Us: round(fullUs),
      idleRunRssKB: round(idle.rssKB, 2),
      idleRunHeapKB: round(idle.heapKB, 2),
      idleRuns: 10_000,
    }),
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
