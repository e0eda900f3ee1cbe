/**
 * Where the group commit runs its next flush of the WAL: in libuv's thread pool, so that the event
 * loop serves other requests while the disk works, or on the event loop itself, at the end of its
 * current turn, which saves the two thread hand-offs of a pooled flush (a pool thread woken to call
 * `fdatasync`, the loop woken again when it returns) when the loop would only have waited anyway.
 *
 * Whether the loop would only have waited is measured, not guessed. A flush in the thread pool
 * records how much of its duration the event loop spent idle (`performance.eventLoopUtilization`);
 * when that was most of it — one request at a time, each answer waiting for its flush with nothing
 * else to do, as in a workflow's sequential steps — the next flushes may run on the loop. Each of
 * those goes there only if few answers wait for it ({@link MAX_WAITING_ON_LOOP}: an answer and the
 * polls handed their tasks by it); more mean concurrent requests, and the flush goes to the pool,
 * where the answers that arrive while the disk works are served meanwhile. Every
 * {@link PROBE_EVERY}th flush goes to the pool again to measure.
 */

/** Where a flush runs. */
export type FlushPlace = 'loop' | 'pool';

/** A flush in the thread pool that found the event loop idle for at least this share of it lets the next ones run on the loop. */
export const IDLE_SHARE_FOR_LOOP = 0.5;

/** One flush in this many goes to the thread pool to measure again. */
export const PROBE_EVERY = 8;

/** The most answers waiting for a flush that runs on the loop; with more, it runs in the pool. */
export const MAX_WAITING_ON_LOOP = 3;

/** Decides where each flush runs from what the flushes in the thread pool saw. */
export class FlushPlacement {
  /** Flushes that may still run on the loop before the next look from the thread pool. */
  private onLoop = 0;

  /** Whether the next flush may run on the loop (decided at the end of the turn by {@link FlushPlacement.place}). */
  mayUseLoop(): boolean {
    return this.onLoop > 0;
  }

  /** Where a flush that `waiting` answers wait for runs now; counts it. */
  place(waiting: number): FlushPlace {
    if (this.onLoop === 0) return 'pool';
    if (waiting > MAX_WAITING_ON_LOOP) {
      this.onLoop = 0;
      return 'pool';
    }
    this.onLoop -= 1;
    return 'loop';
  }

  /**
   * Records a flush that ran in the thread pool: it took `ms`, of which the event loop spent
   * `idleMs` waiting for something to do.
   */
  observed(ms: number, idleMs: number): void {
    this.onLoop = ms > 0 && idleMs >= ms * IDLE_SHARE_FOR_LOOP ? PROBE_EVERY - 1 : 0;
  }
}
