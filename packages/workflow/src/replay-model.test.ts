// The replayer against a model of SWF (`test-support/swf-sim.ts`): unchanged workflows run through
// many SWF-legal histories (events in decision windows, tasks that time out, refused decisions,
// closes refused with UNHANDLED_DECISION, outcomes and cancellations in any order), decided at every
// task by a whole replay, a paged replay and a cached run, which must agree; the finished history
// must then replay clean by each path.
import { describe, expect, it } from 'vitest';
import { WorkflowExecutor } from './executor.js';
import { replayPaged, replaySliced } from './test-support/both-paths.js';
import { listHistory, MODEL_CASES } from './test-support/model-workflows.js';
import { summarize } from './test-support/run.js';
import { SwfSim } from './test-support/swf-sim.js';

/** Seeds per case: SIM_SEEDS=n runs more (a longer search). */
const SEEDS = Number(globalThis.process?.env.SIM_SEEDS ?? 0) || undefined;

describe('the replayer against a model of SWF: unchanged workflows never fail', () => {
  it.each(MODEL_CASES)('$type (cancel requests: $cancel): every path decides the same at every task', async (c) => {
    const statuses = new Map<string, number>();
    for (let seed = 1; seed <= (SEEDS ?? c.seeds); seed++) {
      const sim = new SwfSim(c, seed);
      const run = await sim.run().catch((err: unknown) => {
        throw new Error(`${String(err)}\nthe history so far:\n${listHistory(sim.events)}`, { cause: err });
      });
      statuses.set(run.status, (statuses.get(run.status) ?? 0) + 1);
      const whole = await new WorkflowExecutor({
        workflows: c.workflows,
        execution: { workflowId: 'wf-1', runId: 'run-1' },
      }).processEvents(run.events);
      expect({ seed, status: whole.status }).toEqual({ seed, status: run.status });
      const sliced = await replaySliced(run.events, c.workflows);
      expect({ seed, decisions: summarize(sliced.decisions), status: sliced.status }).toEqual({
        seed,
        decisions: summarize(whole.decisions),
        status: whole.status,
      });
      for (const size of [1, 5]) {
        const paged = await replayPaged(run.events, c.workflows, size);
        expect({ seed, decisions: summarize(paged.decisions), status: paged.status }).toEqual({
          seed,
          decisions: summarize(whole.decisions),
          status: whole.status,
        });
      }
    }
    // The model reaches closes, not only the move limit.
    expect([...statuses.keys()].some((s) => s !== 'OPEN')).toBe(true);
  });
});
