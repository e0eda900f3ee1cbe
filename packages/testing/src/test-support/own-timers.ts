/**
 * Test support: the timers that one piece of async code started, and which of them are still
 * pending. `process.getActiveResourcesInfo()` counts every timer of the process (vitest's own
 * reporting timers among them), so a test that counts those fails whenever something else in the
 * worker happens to hold a timer. This follows only the timers created inside {@link OwnTimers.run}
 * and in everything it started (an `AsyncLocalStorage` context follows promises, timers and
 * callbacks), through `async_hooks`.
 */
import { AsyncLocalStorage, createHook } from 'node:async_hooks';

/** What {@link trackOwnTimers} returns. */
export interface OwnTimers {
  /** Runs `fn`; every timer it (or anything it starts) creates is tracked. */
  run<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * The creation stacks of the tracked timers that have neither fired nor been cleared. Waits one
   * macrotask first: Node reports a cleared timer to `async_hooks` on the next turn of the loop.
   */
  pending(): Promise<string[]>;
  /** Stops tracking (call it in `finally`). */
  stop(): void;
}

/** Starts tracking the timers created inside {@link OwnTimers.run}. */
export function trackOwnTimers(): OwnTimers {
  const context = new AsyncLocalStorage<true>();
  const live = new Map<number, string>();
  const hook = createHook({
    init(asyncId, type) {
      if (type === 'Timeout' && context.getStore() === true)
        live.set(asyncId, new Error('timer created').stack ?? 'timer created');
    },
    destroy(asyncId) {
      live.delete(asyncId);
    },
  }).enable();
  return {
    run: (fn) => context.run(true, fn),
    async pending() {
      await new Promise((resolve) => setImmediate(resolve));
      return [...live.values()];
    },
    stop: () => void hook.disable(),
  };
}
