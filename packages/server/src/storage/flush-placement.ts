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
 *
 * A flush that may run on the loop can also begin earlier, at the commit, on the flush thread
 * (`flush-thread.ts`), while the loop finishes its turn; the loop then waits at the end of the turn
 * for what is left of it. That pays only for a turn with a single commit and work between that
 * commit and the end of the turn (rendering the answers, reading the next request, a Worker's
 * callbacks in the same process), as in a workflow's sequential steps. Waking the thread and being
 * woken by it cost about as much as a short overlap saves; and a flush begun at a turn's first
 * commit leaves the turn's later commits to another flush, where one flush at the end of the turn
 * (or in the pool) serves them all. So every turn that asks for a flush is recorded: a moving
 * average of the time from its first commit to its end, and how many commits it had. A turn's flush
 * begins at its first commit only while that time is at least {@link EARLY_START_MIN_GAP_MS} and
 * the turn before had one commit ({@link MAX_COMMITS_FOR_EARLY_START}); otherwise the flush runs at
 * the end of the turn or in the pool, as placed above.
 */

/** Where a flush runs. */
export type FlushPlace = 'loop' | 'pool';

/** A flush in the thread pool that found the event loop idle for at least this share of it lets the next ones run on the loop. */
export const IDLE_SHARE_FOR_LOOP = 0.5;

/**
 * The longest the end of a turn blocks the event loop waiting for a flush on the flush thread
 * (`flush-thread.ts`); a flush that takes longer is waited for without blocking.
 */
export const LOOP_WAIT_MS = 5;

/** The least average time from a turn's first commit to its end (ms) for which its flush begins at the commit. */
export const EARLY_START_MIN_GAP_MS = 0.1;

/** The most commits of the last turn for which the next turn's flush begins at its first commit. */
export const MAX_COMMITS_FOR_EARLY_START = 1;

/** Weight of the newest turn in the moving average of that time. */
const GAP_WEIGHT = 1 / 8;

/** One flush in this many goes to the thread pool to measure again. */
export const PROBE_EVERY = 8;

/** The most answers waiting for a flush that runs on the loop; with more, it runs in the pool. */
export const MAX_WAITING_ON_LOOP = 3;

/** Decides where each flush runs from what the flushes in the thread pool saw. */
export class FlushPlacement {
  /** Flushes that may still run on the loop before the next look from the thread pool. */
  private onLoop = 0;
  /** Moving average of the time from a turn's first commit to its end, ms. */
  private gapMs = 0;
  /** Commits of the last turn that asked for a flush. */
  private lastCommits = 0;

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
   * Whether a turn's flush, if it may run on the loop, begins at the turn's first commit on the
   * flush thread (else at the end of the turn): while turns keep the loop busy after their commit
   * for at least `minGapMs` on average, and the last turn had a single commit.
   */
  beginsAtCommit(minGapMs = EARLY_START_MIN_GAP_MS): boolean {
    return this.gapMs >= minGapMs && this.lastCommits <= MAX_COMMITS_FOR_EARLY_START;
  }

  /** Records a turn that asked for a flush: the time from its first commit to its end, and its commits. */
  turnEnded(gapMs: number, commits: number): void {
    this.gapMs += (gapMs - this.gapMs) * GAP_WEIGHT;
    this.lastCommits = commits;
  }

  /**
   * Records a flush that ran in the thread pool: it took `ms`, of which the event loop spent
   * `idleMs` waiting for something to do.
   */
  observed(ms: number, idleMs: number): void {
    this.onLoop = ms > 0 && idleMs >= ms * IDLE_SHARE_FOR_LOOP ? PROBE_EVERY - 1 : 0;
  }
}
