/**
 * Time as the service sees it. The system clock is real time; {@link ManualClock} lets tests skip
 * time: timers and timeouts fire when the test advances it.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /**
   * Calls `fn` once the clock reaches `at` (ms since the epoch), or soon if that is past.
   * Returns a function that cancels the call.
   */
  schedule(at: number, fn: () => void): () => void;
}

/** setTimeout's largest delay; longer waits are re-armed in steps. */
const MAX_DELAY = 2_147_483_647;

/** The latest time {@link systemClock} has told. */
let latest = 0;

/**
 * Real time that never goes back: should the wall clock be stepped backwards (NTP), `now()` holds
 * at the latest time it told until the wall clock passes it, so the events a service records in
 * one process carry non-decreasing timestamps, as Amazon SWF's histories do.
 */
export const systemClock: Clock = {
  now: () => {
    const wall = Date.now();
    if (wall > latest) latest = wall;
    return latest;
  },
  schedule(at, fn) {
    let handle: ReturnType<typeof setTimeout>;
    const arm = (): void => {
      const delay = at - Date.now();
      if (delay > MAX_DELAY) {
        handle = setTimeout(arm, MAX_DELAY);
      } else {
        handle = setTimeout(fn, Math.max(0, delay));
      }
      handle.unref?.();
    };
    arm();
    return () => clearTimeout(handle);
  },
};

interface Scheduled {
  at: number;
  seq: number;
  fn: () => void;
}

/** A clock that only moves when told to: `advance(ms)` runs every call that falls due, in order, each at its time. */
export class ManualClock implements Clock {
  private current: number;
  private seq = 0;
  private pending: Scheduled[] = [];

  constructor(start: number = Date.UTC(2026, 0, 1)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  schedule(at: number, fn: () => void): () => void {
    const item: Scheduled = { at, seq: this.seq++, fn };
    this.pending.push(item);
    if (at <= this.current) queueMicrotask(() => this.runDue());
    return () => {
      this.pending = this.pending.filter((p) => p !== item);
    };
  }

  /**
   * Moves time forward by `ms`, running what falls due earliest first, each at its own time: the
   * clock stands at a call's `at` while it runs (a timeout recorded then is stamped when it fell
   * due, as SWF stamps it, not at the end of the jump), and calls scheduled meanwhile within the
   * jump run in turn. The clock ends at `now() + ms`.
   */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0)
      throw new RangeError(`advance() takes a non-negative number of milliseconds; got ${ms}`);
    const target = this.current + ms;
    for (;;) {
      const next = this.nextDue();
      if (next === undefined || next > target) break;
      this.current = Math.max(this.current, next);
      this.runDue();
    }
    this.current = target;
  }

  /** The time of the next scheduled call, if any (lets a test skip straight to it). */
  nextDue(): number | undefined {
    return this.pending.reduce<number | undefined>(
      (min, p) => (min === undefined || p.at < min ? p.at : min),
      undefined,
    );
  }

  private runDue(): void {
    for (;;) {
      const due = this.pending.filter((p) => p.at <= this.current).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) return;
      this.pending = this.pending.filter((p) => p !== due);
      due.fn();
    }
  }
}
