/** The replayed clock of one run: the time of the decision task being applied, frozen while code runs. */
import { FROZEN_CLOCK_LIMIT } from './seal/clock.js';

/** One run's clock: what `Date.now()` and `performance.now()` give workflow code. */
export class RunClock {
  private nowMs = 0;
  private reads = 0;
  private originMs: number | undefined;

  /** Milliseconds since the epoch: the time of the decision task being replayed. */
  get now(): number {
    return this.nowMs;
  }

  /**
   * The time of the run's first DecisionTaskStarted (epoch ms): `performance.now()` in workflow
   * code counts from it. `undefined` until that event is applied.
   */
  get origin(): number | undefined {
    return this.originMs;
  }

  /** What `performance.now()` returns in workflow code: ms since the first DecisionTaskStarted. */
  performanceNow(): number {
    return this.originMs === undefined ? 0 : this.nowMs - this.originMs;
  }

  /**
   * Moves to the time of the batch now applied (and restarts the busy-wait count); the first batch
   * that ends at a DecisionTaskStarted also sets the origin.
   */
  advance(ms: number, taskStarted: boolean): void {
    this.nowMs = ms;
    this.reads = 0;
    if (taskStarted) this.originMs ??= ms;
  }

  /** Counts a read of the clock; false once the code read it FROZEN_CLOCK_LIMIT times in one decision task. */
  countRead(): boolean {
    return ++this.reads <= FROZEN_CLOCK_LIMIT;
  }
}
