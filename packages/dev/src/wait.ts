/** Bounded waits for tests and development programs: poll a condition until it holds or a deadline passes. */

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
export async function waitFor<T>(
  check: () => T | Promise<T>,
  options: WaitOptions = {},
): Promise<Exclude<T, undefined | false>> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value as Exclude<T, undefined | false>;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${options.timeoutMs ?? 10_000} ms waiting for ${options.what ?? 'condition'}`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 25));
  }
}

/** What {@link fireTimers} needs: a history to read and a clock to move. */
export interface TimerDriver {
  /** Reads the execution's history, oldest first. */
  history(): Promise<
    Array<{
      eventType?: string;
      eventId?: number;
      timerStartedEventAttributes?: { startToFireTimeout?: string };
      timerFiredEventAttributes?: { startedEventId?: number };
      timerCanceledEventAttributes?: { startedEventId?: number };
    }>
  >;
  /** Moves the service's clock forward (a `ManualClock`). */
  advance(ms: number): void;
}

/**
 * Time-skipping for tests on a `ManualClock`: whenever the history shows a timer that is started
 * and neither fired nor canceled, moves the clock by its timeout; returns when `done()` holds.
 * Returns the timeouts skipped, in seconds, in order.
 */
export async function fireTimers(
  driver: TimerDriver,
  done: () => boolean | Promise<boolean>,
  options: WaitOptions = {},
): Promise<number[]> {
  const skipped: number[] = [];
  const fired = new Set<number>();
  await waitFor(
    async () => {
      if (await done()) return true;
      const history = await driver.history();
      const ended = new Set(
        history.flatMap((e) => [
          e.timerFiredEventAttributes?.startedEventId,
          e.timerCanceledEventAttributes?.startedEventId,
        ]),
      );
      const open = history.find(
        (e) => e.eventType === 'TimerStarted' && !ended.has(e.eventId) && !fired.has(e.eventId ?? 0),
      );
      if (open) {
        const seconds = Number(open.timerStartedEventAttributes?.startToFireTimeout ?? 0);
        fired.add(open.eventId ?? 0);
        skipped.push(seconds);
        driver.advance(seconds * 1000);
      }
      return false;
    },
    { what: 'the workflow to finish while firing its timers', ...options },
  );
  return skipped;
}
