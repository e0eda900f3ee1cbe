/**
 * The worker's side of `bench/service.ts`: a `Worker` and a `WorkflowClient` on one SWF
 * configuration run a warm-up, then the sequential phase (one `seqWorkflow(steps)`) and the
 * concurrent phase (`workflows` × `seqWorkflow(10)` started at once). The same code runs in the
 * service's process (the one-process figure) and in a child process of its own
 * (`service-worker.ts`, the split figure).
 */
import { CountClosedWorkflowExecutionsCommand, SWFClient, type SWFClientConfig } from '@aws-sdk/client-swf';
import { WorkflowClient, type WorkflowHandle } from '@swf-flow/client';
import type { HistoryEvent } from '@swf-flow/common';
import { quietLogger } from '@swf-flow/dev';
import { Worker } from '@swf-flow/worker';
import { percentile } from './child.js';
import { BenchActivities, seqResult, seqWorkflow } from './seq-workflow.js';

/** What to run. */
export interface PhaseOptions {
  steps: number;
  workflows: number;
  /** Long polls per task list for each kind; 0: the Worker's defaults. */
  pollers: number;
}

/** Runs a phase; what it adds around it (CPU marks, a profile) is the caller's. */
export type Around = <T>(phase: 'sequential' | 'concurrent', fn: () => Promise<T>) => Promise<T>;

/** What the phases measured from the histories (the server's own event timestamps). */
export interface PhaseResults {
  sequentialStepMs: number;
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
  cacheHits: number;
  cacheMisses: number;
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

/** Runs the warm-up and both phases against the service `swf` reaches. */
export async function runPhases(
  swf: SWFClientConfig,
  options: PhaseOptions,
  around: Around,
  afterWarmUp: () => Promise<void> = async () => {},
): Promise<PhaseResults> {
  const { steps, workflows, pollers } = options;
  const worker = await Worker.create({
    swf,
    domain: 'bench',
    taskList: 'bench',
    workflows: [seqWorkflow],
    activities: [new BenchActivities()],
    logger: quietLogger,
    ...(pollers > 0 ? { decisionPollers: pollers, activityPollers: pollers } : {}),
  });
  const running = worker.run();
  const counter = new SWFClient(swf);
  try {
    const client = new WorkflowClient({ swf, domain: 'bench' });
    await finish(await client.start(seqWorkflow, { workflowId: 'warm-up', args: [20] }), 20);
    await afterWarmUp();

    const seq = await around('sequential', async () =>
      finish(await client.start(seqWorkflow, { workflowId: 'sequential', args: [steps] }), steps),
    );
    const handles = await around('concurrent', async () => {
      const started = await Promise.all(
        Array.from({ length: workflows }, (_, i) =>
          client.start(seqWorkflow, { workflowId: `concurrent-${i}`, args: [PER_WORKFLOW] }),
        ),
      );
      // One count per 200 ms while they run (a result poll per handle would load the service itself).
      const closed = async (): Promise<number> =>
        (
          await counter.send(
            new CountClosedWorkflowExecutionsCommand({ domain: 'bench', startTimeFilter: { oldestDate: new Date(0) } }),
          )
        ).count ?? 0;
      while ((await closed()) < workflows + 2) await new Promise((resolve) => setTimeout(resolve, 200));
      return started;
    });
    const histories = await Promise.all(handles.map((h) => finish(h, PER_WORKFLOW)));
    const first = Math.min(...histories.map((h) => ms(h[0])));
    const last = Math.max(...histories.map((h) => ms(h.at(-1))));
    const latencies = histories.flatMap((h) => taskLatencies(h, 'DecisionTask'));
    const activities = histories.flatMap((h) => taskLatencies(h, 'ActivityTask'));
    const stats = worker.stats();
    return {
      sequentialStepMs: (ms(seq.at(-1)) - ms(seq[0])) / steps,
      concurrentSteps: workflows * PER_WORKFLOW,
      concurrentSpanMs: last - first,
      stepsPerSec: (workflows * PER_WORKFLOW) / ((last - first) / 1000),
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
      cacheHits: stats.cache.hits,
      cacheMisses: stats.cache.misses,
    };
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
