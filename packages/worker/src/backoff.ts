/**
 * Bounded, jittered exponential back-off for poll loops: after each consecutive failure the delay
 * doubles from `initialMs` up to `maxMs`; each actual wait is drawn uniformly from
 * `[delay / 2, delay]` so that many pollers do not retry in lock-step. A success resets it.
 */
export class Backoff {
  private failures = 0;

  constructor(
    private readonly initialMs: number,
    private readonly maxMs: number,
    private readonly random: () => number = Math.random,
  ) {}

  /** Records a failure and returns how long to wait before the next attempt, in milliseconds. */
  next(): number {
    const ceiling = Math.min(this.maxMs, this.initialMs * 2 ** Math.min(this.failures, 30));
    this.failures += 1;
    return Math.round(ceiling / 2 + this.random() * (ceiling / 2));
  }

  /** Records a success: the next failure waits `initialMs` again. */
  reset(): void {
    this.failures = 0;
  }

  /** How many failures in a row were recorded since the last success. */
  get consecutiveFailures(): number {
    return this.failures;
  }
}

/** Waits `ms` milliseconds, or less if `signal` aborts (then it resolves, never rejects). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
