/** Long-poll loops with bounded concurrency and back-off after failed polls, stopped by an AbortSignal. */
import type { Logger } from '@swf-flow/common';
import { Backoff, sleep } from './backoff.js';
import type { PollerBounds, PollerCounter } from './poller-scaling.js';
import type { Semaphore } from './semaphore.js';

/** What a poll loop needs. */
export interface PollLoopOptions<T> {
  /** Names the loop in logs, e.g. `decision poller (orders)`. */
  name: string;
  /** How many pollers (each keeps one long poll open at a time) run: at start, at least, at most. */
  pollers: PollerBounds;
  /** Counts this loop's pollers, and caps scaling up across a worker's loops. @default no cap */
  counter?: PollerCounter;
  /** Task slots shared with other loops of the same kind; a poller holds one before it polls. */
  slots: Semaphore;
  /** Aborting it stops polling (no new poll starts); tasks already taken still finish. */
  signal: AbortSignal;
  /**
   * What each poll is given to end it early (a shutdown's end of the open polls).
   * @default signal
   */
  pollSignal?: AbortSignal;
  /** One long poll; `undefined` when it ended without a task. */
  poll(signal: AbortSignal): Promise<T | undefined>;
  /** Runs a task (must not throw). */
  handle(task: T): Promise<unknown>;
  backoffInitialMs: number;
  backoffMaxMs: number;
  logger: Logger;
}

/** Resolves on the event loop's next check phase: after every microtask and tick queued before it. */
function afterMicrotasks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

const uncapped = (): PollerCounter => ({ open() {}, tryOpen: () => true, close() {} });

/**
 * Runs pollers until `signal` aborts, then waits for every task they took. Starts
 * `pollers.initial` of them; a poll answered with a task starts one more (up to `pollers.maximum`,
 * and while `counter` allows), and a poller whose poll came back empty stops (down to
 * `pollers.minimum`): see `poller-scaling.ts`. Failed polls back off (bounded, jittered) and change
 * nothing; a successful poll resets the back-off.
 */
export async function runPollLoop<T>(options: PollLoopOptions<T>): Promise<void> {
  const { minimum, initial, maximum } = options.pollers;
  const counter = options.counter ?? uncapped();
  const inFlight = new Set<Promise<unknown>>();
  const pollers = new Set<Promise<void>>();
  let running = 0;
  const start = (): void => {
    running += 1;
    const done = poller().finally(() => {
      counter.close();
      pollers.delete(done);
    });
    pollers.add(done);
  };
  // A poller uncounts itself from `running` as it stops (a `finally` runs within the `return`), so
  // that a poll back at the same moment sees it gone.
  const poller = async (): Promise<void> => {
    try {
      const backoff = new Backoff(options.backoffInitialMs, options.backoffMaxMs);
      while (!options.signal.aborted) {
        if (!(await options.slots.acquire(options.signal))) break;
        let task: T | undefined;
        try {
          task = await options.poll(options.pollSignal ?? options.signal);
          backoff.reset();
        } catch (err) {
          options.slots.release();
          if (options.signal.aborted) break;
          const wait = backoff.next();
          options.logger.warn(`${options.name}: poll failed; retrying in ${wait} ms`, {
            error: String(err),
            failuresInARow: backoff.consecutiveFailures,
          });
          await sleep(wait, options.signal);
          continue;
        }
        if (task === undefined) {
          options.slots.release();
          // Nothing came in a whole poll: one poller fewer.
          if (running > minimum && !options.signal.aborted) return;
          continue;
        }
        // Tasks are flowing: another poll may find the next one waiting.
        if (running < maximum && !options.signal.aborted && counter.tryOpen()) start();
        // One reaction for both ends (a promise fewer per task than .catch().finally()).
        const settle = (): void => {
          options.slots.release();
          inFlight.delete(handled);
        };
        const handled: Promise<unknown> = options.handle(task).then(settle, (err: unknown) => {
          try {
            options.logger.error(`${options.name}: task handler failed`, { error: String(err) });
          } finally {
            settle();
          }
        });
        inFlight.add(handled);
        // The task's own work goes first: its synchronous part and what it queues within the
        // microtasks (a decision task's replay and its answer, a quick activity and its answer) run
        // before this poller sends its next request, which would otherwise take its turns on the
        // same event loop (and on an in-process service) ahead of the answer. One loop turn at most.
        await afterMicrotasks();
      }
    } finally {
      running -= 1;
    }
  };
  for (let i = 0; i < initial; i++) {
    counter.open();
    start();
  }
  while (pollers.size > 0) await Promise.all([...pollers]);
  while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
}
