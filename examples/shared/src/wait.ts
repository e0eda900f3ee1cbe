/** Bounded waits for tests and examples: poll a condition until it holds or a deadline passes. */

/** Options of {@link waitFor}. */
export interface WaitOptions {
  /** Give up after this long, in ms. @default 10000 */
  timeoutMs?: number;
  /** Time between two checks, in ms. @default 25 */
  intervalMs?: number;
  /** Named in the error when the deadline passes. @default 'condition' */
  what?: string;
}

/**
 * Calls `check` until it returns something other than `undefined`/`false` and returns that.
 * @throws Error naming `what` and the last value when `timeoutMs` passes first.
 * @example
 * ```ts
 * const started = await waitFor(async () => (await handle.history()).find((e) => e.eventType === 'ActivityTaskStarted'), { what: 'the charge to start' });
 * ```
 */
export async function waitFor<T>(check: () => T | Promise<T>, options: WaitOptions = {}): Promise<Exclude<T, undefined | false>> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value as Exclude<T, undefined | false>;
    if (Date.now() > deadline) throw new Error(`timed out after ${options.timeoutMs ?? 10_000} ms waiting for ${options.what ?? 'condition'}`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 25));
  }
}
