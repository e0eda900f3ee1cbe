/** The `condition()` calls of one run waiting for their predicate to hold. */

/** One waiting `condition()`: its predicate and what to do once it holds. */
export interface ConditionWaiter {
  fn: () => boolean;
  resolve: () => void;
}

/** The waiting conditions, checked whenever the workflow code has settled. */
export class ConditionWaiters {
  private readonly waiting = new Set<ConditionWaiter>();

  /** Adds a waiter. */
  add(waiter: ConditionWaiter): void {
    this.waiting.add(waiter);
  }

  /** Removes a waiter (cancelled, or timed out). */
  delete(waiter: ConditionWaiter): void {
    this.waiting.delete(waiter);
  }

  /**
   * Resolves (and removes) the waiters whose predicate holds now, running each predicate with
   * `run`; a predicate that throws is removed and its error given to `onError`. True when at least
   * one waiter was resolved.
   */
  settle(run: (fn: () => boolean) => boolean, onError: (err: unknown) => void): boolean {
    let any = false;
    for (const waiter of [...this.waiting]) {
      let holds: boolean;
      try {
        holds = run(waiter.fn);
      } catch (err) {
        this.waiting.delete(waiter);
        onError(err);
        continue;
      }
      if (holds) {
        this.waiting.delete(waiter);
        waiter.resolve();
        any = true;
      }
    }
    return any;
  }
}
