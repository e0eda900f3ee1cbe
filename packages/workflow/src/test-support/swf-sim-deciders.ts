/**
 * The decider of the SWF model (`swf-sim.ts`): the replayer by every path the product has. At a
 * started decision task the history so far is replayed whole (a fresh executor: a worker's cache
 * miss), streamed in pages of a random size (the worker's full replay), and fed to a cached
 * executor that continues from its last task (the worker's cache; evicted at random); then the
 * options' other decider, if any. All must decide the same and none may fail.
 */
import type { Decision } from '@swf-flow/common';
import { WorkflowExecutor } from '../executor.js';
import { summarize } from './run.js';
import type { SimRecord } from './swf-sim-record.js';
import type { SimOptions } from './swf-sim-types.js';

/** A decision as compared between the paths: its summary and attributes, without stack traces. */
function comparable(decisions: readonly Decision[]): unknown {
  return decisions.map((d) => JSON.parse(JSON.stringify(d, (k, v: unknown) => (k === 'details' ? undefined : v))));
}

/** The replayer's paths for one run, with the cached executor they keep between tasks. */
export class DeciderPaths {
  private cached: WorkflowExecutor | undefined;

  constructor(
    private readonly options: SimOptions,
    private readonly r: SimRecord,
    private readonly seed: number,
  ) {}

  /** Drops the cached executor (evicted, or the worker that held it is gone). */
  evict(): void {
    this.cached = undefined;
  }

  /** Releases the cached executor at the run's end. */
  dispose(): void {
    this.cached?.dispose();
  }

  /**
   * What the decider decides now, by every path; they must agree. `previousStarted` is the last
   * completed task's DecisionTaskStarted; `answered` whether SWF will accept the answer.
   */
  async decide(previousStarted: number, answered: boolean): Promise<Decision[]> {
    const { r } = this;
    const { execution } = r;
    const history = r.events.slice();
    const where = `seed ${this.seed}, decision task started at event ${history.length}`;
    const whole = await new WorkflowExecutor({ workflows: this.options.workflows, execution })
      .processEvents(history)
      .catch((err: unknown) => {
        throw new Error(`${where}: the whole replay failed: ${String(err)}`, { cause: err });
      });
    const size = 1 + Math.floor(r.rng() * 40);
    const paged = await new WorkflowExecutor({ workflows: this.options.workflows, execution })
      .processPages(function* () {
        for (let i = 0; i < history.length; i += size) yield history.slice(i, i + size);
      })
      .catch((err: unknown) => {
        throw new Error(`${where}: the paged replay (pages of ${size}) failed: ${String(err)}`, { cause: err });
      });
    if (r.chance(0.1)) this.evict();
    const cached = (this.cached ??= new WorkflowExecutor({
      workflows: this.options.workflows,
      execution,
    }));
    const fed = await cached.processEvents(history.slice(cached.lastEventId)).catch((err: unknown) => {
      throw new Error(`${where}: the cached run failed: ${String(err)}`, { cause: err });
    });
    for (const [path, out] of [
      ['paged', paged],
      ['cached', fed],
    ] as const) {
      if (
        JSON.stringify(comparable(out.decisions)) !== JSON.stringify(comparable(whole.decisions)) ||
        out.status !== whole.status
      ) {
        throw new Error(
          `${where}: the ${path} replay decided ${JSON.stringify(summarize(out.decisions))} (${out.status}), the whole replay ${JSON.stringify(summarize(whole.decisions))} (${whole.status})`,
        );
      }
    }
    if (this.options.decider) {
      const other = await this.options
        .decider({
          execution,
          events: history,
          startedEventId: history.length,
          previousStartedEventId: previousStarted,
          answered,
        })
        .catch((err: unknown) => {
          throw new Error(`${where}: the other decider failed: ${String(err)}`, { cause: err });
        });
      if (JSON.stringify(comparable(other)) !== JSON.stringify(comparable(whole.decisions)))
        throw new Error(
          `${where}: the other decider decided ${JSON.stringify(summarize(other))}, the whole replay ${JSON.stringify(summarize(whole.decisions))}`,
        );
    }
    return whole.decisions;
  }
}
