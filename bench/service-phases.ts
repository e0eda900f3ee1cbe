/**
 * The worker's side of `bench/service.ts`: a `Worker` and a `WorkflowClient` on one SWF
 * configuration run a warm-up, then the sequential phase (one `seqWorkflow(steps)`) and the
 * concurrent phase (`workflows` × `seqWorkflow(10)` started at once), then both again: the first
 * time (`cold`) the process runs each phase's paths for the first time and V8 still compiles them
 * (~0.3 s of CPU on its background threads in the sequential phase, ~0.8 s in the concurrent one,
 * a fixed cost the per-step figure spreads over the phase's length); the second time (`warm`)
 * measures the same shapes in a process that has run them once. The same code runs in the
 * service's process (the one-process figure) and in a child process of its own
 * (`service-worker.ts`, the split figure).
 */
import { CountClosedWorkflowExecutionsCommand, SWFClient, type SWFClientConfig } from '@aws-sdk/client-swf';
import { WorkflowClient, type WorkflowHandle } from '@swf-flow/client';
import type { HistoryEvent } from '@swf-flow/common';
import type { Worker } from '@swf-flow/worker';
import { percentile } from './child.js';
import { benchWorker } from './bench-worker.js';
import { seqResult, seqWorkflow } from './seq-workflow.js';

/** What to run. */
export interface PhaseOptions {
  steps: number;
  workflows: number;
  /** Long polls per task list for each kind; 0: the Worker's defaults. */
  pollers: number;
}

/** The phases, in the order they run: each shape cold, then each again warm. */
export type Phase = 'sequential' | 'concurrent' | 'concurrent-warm' | 'sequential-warm';

/** Runs a phase; what it adds around it (CPU marks, a profile) is the caller's. */
export type Around = <T>(phase: Phase, fn: () => Promise<T>) => Promise<T>;

/** What one round of the concurrent phase measured from its histories. */
export interface ConcurrentResults {
  concurrentSteps: number;
  concurrentSpanMs: number;
  stepsPerSec: number;
  decisionLatencyP50Ms: number;
  decisionLatencyP99Ms: number;
  /** Of the decision latency: waiting to be polled (scheduled to started), p50. */
  decisionWaitP50Ms: number;
  /** Of the decision latency: the worker's part (started to completed: replay and answer), p50. */
  decisionWorkP50Ms: number;
  /** An activity task, scheduled to completed, p50 / p99. */
  activityLatencyP50Ms: number;
  activityLatencyP99Ms: number;
  /** The Worker's workflow cache over the round. */
  cacheHits: number;
  cacheMisses: number;
}

/**
 * What the phases measured from the histories (the server's own event timestamps): the first
 * (cold) time of each phase at the top level, as before the second was added, and the second
 * (warm) time under `warm`.
 */
export interface PhaseResults extends ConcurrentResults {
  sequentialStepMs: number;
  warm: ConcurrentResults & { sequentialStepMs: number };
}

/** Activities per workflow in the concurrent phase. */
const PER_WORKFLOW = 10;

const ms = (e: HistoryEvent | undefined): number =>
  e?.eventTimestamp instanceof Date ? e.eventTimestamp.getTime() : Number.NaN;

async function finish(handle: WorkflowHandle<number>, n: number): Promise<HistoryEvent[]> {
  const result = await handle.result({ maxPollInterval: '100ms', timeout: '10 minutes' });
  if (result !== seqResult(n)) throw new Error(`seqWorkflow(${n}) returned ${result}; expected ${seqResult(n)}`);
  return handle.history();
}

/**
 * ms between each `…Completed` event of `kind` (DecisionTask, ActivityTask) and the task's
 * scheduled event, or its started event with `from: 'started'`; and the started event's wait
 * (scheduled to started) with `from: 'wait'`.
 */
function taskLatencies(
  events: readonly HistoryEvent[],
  kind: 'DecisionTask' | 'ActivityTask',
  from: 'scheduled' | 'started' | 'wait' = 'scheduled',
): number[] {
  const byId = new Map(events.map((e) => [e.eventId, e]));
  const attrs = (e: HistoryEvent) =>
    kind === 'DecisionTask' ? e.decisionTaskCompletedEventAttributes : e.activityTaskCompletedEventAttributes;
  return events
    .filter((e) => e.eventType === `${kind}Completed`)
    .map((e) => {
      const scheduled = ms(byId.get(attrs(e)?.scheduledEventId));
      const started = ms(byId.get(attrs(e)?.startedEventId));
      if (from === 'wait') return started - scheduled;
      return ms(e) - (from === 'started' ? started : scheduled);
    });
}

/**
 * One round of the concurrent phase: `run` starts the round's workflows and waits for them to
 * close; their histories are read back afterwards, outside the round.
 */
async function concurrentRound(
  worker: Worker,
  run: () => Promise<WorkflowHandle<number>[]>,
): Promise<ConcurrentResults> {
  const cache0 = worker.stats().cache;
  const handles = await run();
  const cache1 = worker.stats().cache;
  const histories = await Promise.all(handles.map((h) => finish(h, PER_WORKFLOW)));
  const first = Math.min(...histories.map((h) => ms(h[0])));
  const last = Math.max(...histories.map((h) => ms(h.at(-1))));
  const latencies = histories.flatMap((h) => taskLatencies(h, 'DecisionTask'));
  const activities = histories.flatMap((h) => taskLatencies(h, 'ActivityTask'));
  return {
    concurrentSteps: handles.length * PER_WORKFLOW,
    concurrentSpanMs: last - first,
    stepsPerSec: (handles.length * PER_WORKFLOW) / ((last - first) / 1000),
    decisionLatencyP50Ms: percentile(latencies, 50),
    decisionLatencyP99Ms: percentile(latencies, 99),
    decisionWaitP50Ms: percentile(
      histories.flatMap((h) => taskLatencies(h, 'DecisionTask', 'wait')),
      50,
    ),
    decisionWorkP50Ms: percentile(
      histories.flatMap((h) => taskLatencies(h, 'DecisionTask', 'started')),
      50,
    ),
    activityLatencyP50Ms: percentile(activities, 50),
    activityLatencyP99Ms: percentile(activities, 99),
    cacheHits: cache1.hits - cache0.hits,
    cacheMisses: cache1.misses - cache0.misses,
  };
}

/** Runs the warm-up and the phases against the service `swf` reaches. */
export async function runPhases(
  swf: SWFClientConfig,
  options: PhaseOptions,
  around: Around,
  afterWarmUp: () => Promise<void> = async () => {},
): Promise<PhaseResults> {
  const { steps, workflows, pollers } = options;
  const worker = await benchWorker(swf, pollers > 0 ? { decisionPollers: pollers, activityPollers: pollers } : {});
  const running = worker.run();
  const counter = new SWFClient(swf);
  try {
    const client = new WorkflowClient({ swf, domain: 'bench' });
    await finish(await client.start(seqWorkflow, { workflowId: 'warm-up', args: [20] }), 20);
    await afterWarmUp();

    const sequential = async (phase: 'sequential' | 'sequential-warm'): Promise<number> => {
      const history = await around(phase, async () =>
        finish(await client.start(seqWorkflow, { workflowId: phase, args: [steps] }), steps),
      );
      return (ms(history.at(-1)) - ms(history[0])) / steps;
    };
    const sequentialStepMs = await sequential('sequential');
    const closed = async (): Promise<number> =>
      (
        await counter.send(
          new CountClosedWorkflowExecutionsCommand({ domain: 'bench', startTimeFilter: { oldestDate: new Date(0) } }),
        )
      ).count ?? 0;
    const round = (phase: 'concurrent' | 'concurrent-warm', prefix: string) =>
      concurrentRound(worker, () =>
        around(phase, async () => {
          const closedBefore = await closed();
          const started = await Promise.all(
            Array.from({ length: workflows }, (_, i) =>
              client.start(seqWorkflow, { workflowId: `${prefix}-${i}`, args: [PER_WORKFLOW] }),
            ),
          );
          // One count per 200 ms while they run (a result poll per handle would load the service itself).
          while ((await closed()) < closedBefore + workflows) await new Promise((resolve) => setTimeout(resolve, 200));
          return started;
        }),
      );
    const cold = await round('concurrent', 'concurrent');
    const warm = await round('concurrent-warm', 'concurrent-warm');
    return { sequentialStepMs, ...cold, warm: { ...warm, sequentialStepMs: await sequential('sequential-warm') } };
  } finally {
    counter.destroy();
    await worker.shutdown();
    await running;
  }
}

/** ms of CPU (user + system, all threads) of this process since `since`. */
export function cpuMs(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}
