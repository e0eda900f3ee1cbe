/**
 * The worker's decider (`Decider` with its `WorkflowCache`, real `WorkflowExecutor`s) against the
 * model of SWF (`packages/workflow/src/test-support/swf-sim.ts`): at every decision task the
 * model polls it as SWF would — the history's newest events first in a page of a random size, a
 * page token when there is more, `previousStartedEventId` of the last task that completed — and
 * serves `GetWorkflowExecutionHistory` pages both ways. It must answer what a fresh whole replay
 * decides, whether it continues its cached run (reading back to it with `reverseOrder` pages),
 * replays in full (the cache too small, an answer refused because the task timed out), or checks a
 * closing decision by replaying once more; and it must never fail a task of these unchanged
 * workflows. The finished history, printed as the AWS CLI prints it, replays with `replayHistory`.
 */
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { silentLogger, type Decision, type HistoryEvent, type Logger } from '@swf-flow/common';
import { replayHistory } from '@swf-flow/testing';
import { WorkflowExecutor } from '@swf-flow/workflow';
import { Decider } from '../packages/worker/src/decider.js';
import type { HistoryPageSource } from '../packages/worker/src/history-reader.js';
import { WorkflowCache } from '../packages/worker/src/workflow-cache.js';
import { listHistory, MODEL_CASES } from '../packages/workflow/src/test-support/model-workflows.js';
import { runChain, type SimTask, type SwfSim } from '../packages/workflow/src/test-support/swf-sim.js';

/** Seeds per case: SIM_SEEDS=n runs more (a longer search). */
const SEEDS = Number(process.env.SIM_SEEDS ?? 0) || undefined;

/** SWF's paging of `events`: pages of `maximumPageSize`, oldest or newest first, a token while more remain. */
function pages(events: readonly HistoryEvent[]): HistoryPageSource {
  return async ({ reverseOrder, maximumPageSize, nextPageToken }) => {
    const ordered = reverseOrder ? [...events].reverse() : events;
    const start = nextPageToken ? Number(nextPageToken) : 0;
    const end = start + maximumPageSize;
    return { events: ordered.slice(start, end), ...(end < ordered.length ? { nextPageToken: String(end) } : {}) };
  };
}

/** A worker's decider for one simulated execution, and what went wrong in it. */
function workerDecider(
  workflows: (typeof MODEL_CASES)[number]['workflows'],
  seed: number,
): {
  decide: (task: SimTask) => Promise<Decision[]>;
  problems: string[];
  cache: WorkflowCache;
} {
  const rng = seedrandom(`decider-${seed}`);
  const problems: string[] = [];
  const logger: Logger = { ...silentLogger, error: (message) => void problems.push(message) };
  let history: readonly HistoryEvent[] = [];
  let answer: Decision[] = [];
  let answered = true;
  const cache = new WorkflowCache(rng() < 0.2 ? 0 : 1);
  const decider = new Decider({
    newExecutor: (execution) => new WorkflowExecutor({ workflows, execution, recordDecisionSites: false }),
    cache,
    history: (request) => pages(history)(request),
    respond: async ({ decisions }) => {
      if (!answered) throw Object.assign(new Error('the decision task timed out'), { name: 'UnknownResourceFault' });
      answer = decisions;
    },
    logger,
    failWorkflowOnNonDeterminism: false,
    historyPageSize: 1 + Math.floor(rng() * 20),
  });
  return {
    problems,
    cache,
    decide: async (task) => {
      history = task.events;
      answered = task.answered;
      answer = [];
      const pageSize = 1 + Math.floor(rng() * 30);
      const newestFirst = [...task.events].reverse();
      const outcome = await decider.handle({
        taskToken: `token-${task.startedEventId}`,
        workflowExecution: task.execution,
        startedEventId: task.startedEventId,
        ...(task.previousStartedEventId > 0 ? { previousStartedEventId: task.previousStartedEventId } : {}),
        events: newestFirst.slice(0, pageSize),
        ...(newestFirst.length > pageSize ? { nextPageToken: 'poll-token' } : {}),
      });
      if (outcome !== (task.answered ? 'completed' : 'failed') || problems.length > 0)
        throw new Error(`the decider's task ${outcome}: ${problems.join('; ')}`);
      return task.answered ? answer : [];
    },
  };
}

describe("the worker's decider against a model of SWF", () => {
  it.each(MODEL_CASES)('$type: answers what a whole replay decides, cached or not, at every task', async (c) => {
    let hits = 0;
    let misses = 0;
    for (let seed = 1; seed <= (SEEDS ?? Math.ceil(c.seeds / 2)); seed++) {
      const worker = workerDecider(c.workflows, seed);
      let sim: SwfSim | undefined;
      const options = {
        ...c,
        decider: async (task: SimTask) => {
          const decisions = await worker.decide(task);
          // A refused answer decides nothing; the model records what the replayer decided.
          return task.answered ? decisions : decisionsOfWhole(c.workflows, task);
        },
      };
      // Followed through continue-as-new: one worker (one cache) decides every run of the chain.
      const runs = await runChain(options, seed, (s) => void (sim = s)).catch((err: unknown) => {
        throw new Error(`${String(err)}\nthe history so far:\n${listHistory(sim?.events ?? [])}`, { cause: err });
      });
      expect(worker.problems).toEqual([]);
      for (const run of runs) {
        // The finished history as the AWS CLI prints it (timestamps in epoch seconds), replayed from
        // its text with replayHistory (streamed in pages, and twice), closes as it closed.
        const text = JSON.stringify({
          events: run.events.map((e) => ({ ...e, eventTimestamp: (e.eventTimestamp as Date).getTime() / 1000 })),
        });
        const replayed = await replayHistory(text, c.workflows, { execution: run.execution });
        expect({ seed, runId: run.execution.runId, status: replayed.status }).toEqual({
          seed,
          runId: run.execution.runId,
          status: run.status,
        });
      }
      hits += worker.cache.stats().hits;
      misses += worker.cache.stats().misses;
    }
    // Both roads were taken: tasks continued from the cache, and tasks replayed in full.
    expect(hits).toBeGreaterThan(0);
    expect(misses).toBeGreaterThan(0);
  });
});

async function decisionsOfWhole(
  workflows: (typeof MODEL_CASES)[number]['workflows'],
  task: SimTask,
): Promise<Decision[]> {
  return (await new WorkflowExecutor({ workflows, execution: task.execution }).processEvents(task.events)).decisions;
}
