/**
 * The events a cached run was replayed from, kept for the check before its closing decision
 * (`Decider`: the run is replayed once more, in a fresh executor, and must decide the same). Without
 * them that check reads the whole history again from the service: on this project's benchmark
 * (100 runs × 10 activities) the read was nearly all of the check's cost, ~7 % of the CPU of a step
 * (BENCHMARKS.md, "The check before closing"), and the second replay itself was lost in the noise.
 *
 * A run keeps the events it was fed — every page of its full replay, then each task's new events —
 * while it has at most {@link KeptHistoryLimits.perRun} of them and the worker's cached runs together
 * hold at most {@link KeptHistoryLimits.total}. Past either bound the run lets its events go and its
 * check reads the history as before, so memory stays bounded whatever the runs' lengths. The events
 * are the objects the replay was fed (the replayer does not change them), so the check replays what
 * the first replay did, which is the history as the service returned it.
 */
import type { ActivationResult, HistoryEvent, HistoryPages, Replayer } from '@swf-flow/common';

/** How many events cached runs keep for the check before closing. */
export interface KeptHistoryLimits {
  /** The most events one run keeps; a longer run's check reads its history. */
  perRun: number;
  /** The most events all of a worker's runs keep together. */
  total: number;
}

/**
 * The default bounds: a run of up to 1,000 events (one page of `GetWorkflowExecutionHistory`, what
 * the check would read in one request), 20,000 events in all (some 10-20 MB of event objects).
 */
export const KEPT_HISTORY_LIMITS: KeptHistoryLimits = { perRun: 1_000, total: 20_000 };

/** The events kept by all the runs of one decider, against {@link KeptHistoryLimits.total}. */
export class KeptHistoryBudget {
  private held = 0;

  constructor(readonly limits: KeptHistoryLimits = KEPT_HISTORY_LIMITS) {}

  /** Events kept now. */
  get size(): number {
    return this.held;
  }

  /** Reserves `count` more events for a run that keeps `keeping` already; false if that passes a bound. */
  reserve(keeping: number, count: number): boolean {
    if (keeping + count > this.limits.perRun || this.held + count > this.limits.total) return false;
    this.held += count;
    return true;
  }

  /** Gives back `count` events a run no longer keeps. */
  release(count: number): void {
    this.held -= count;
  }
}

/**
 * A replayer that keeps the events it is fed (see the module comment), for
 * {@link KeepingReplayer.history}; everything else is the wrapped replayer's.
 */
export class KeepingReplayer implements Replayer {
  /** The events fed so far, oldest first; `undefined` once they passed a bound (or were let go). */
  private events: HistoryEvent[] | undefined = [];

  constructor(
    private readonly inner: Replayer,
    private readonly budget: KeptHistoryBudget,
  ) {}

  get lastEventId(): number {
    return this.inner.lastEventId;
  }

  get lastStartedEventId(): number {
    return this.inner.lastStartedEventId;
  }

  async processEvents(events: readonly HistoryEvent[]): Promise<ActivationResult> {
    const result = await this.inner.processEvents(events);
    this.keep(events);
    return result;
  }

  processPages(pages: HistoryPages): Promise<ActivationResult> {
    // Each pass over the pages starts from event 1 (a replayer may read them twice).
    return this.inner.processPages(() => {
      this.letGo();
      this.events = [];
      return this.tee(pages());
    });
  }

  /**
   * The whole history the run was replayed from, events 1 to `upTo`, if it kept them all and they
   * end there; `undefined` otherwise (then the caller reads the history).
   */
  history(upTo: number): readonly HistoryEvent[] | undefined {
    const events = this.events;
    if (events === undefined || events.length !== upTo || upTo === 0) return undefined;
    return events[0]?.eventId === 1 && events[upTo - 1]?.eventId === upTo ? events : undefined;
  }

  dispose(): void {
    this.letGo();
    this.inner.dispose();
  }

  private keep(page: readonly HistoryEvent[]): void {
    const events = this.events;
    if (events === undefined || page.length === 0) return;
    if (!this.budget.reserve(events.length, page.length)) {
      this.letGo();
      return;
    }
    for (const event of page) events.push(event);
  }

  private letGo(): void {
    if (this.events === undefined) return;
    this.budget.release(this.events.length);
    this.events = undefined;
  }

  private tee(
    source: Iterable<readonly HistoryEvent[]> | AsyncIterable<readonly HistoryEvent[]>,
  ): Iterable<readonly HistoryEvent[]> | AsyncIterable<readonly HistoryEvent[]> {
    if (Symbol.asyncIterator in source) {
      return (async function* (self: KeepingReplayer) {
        for await (const page of source) {
          self.keep(page);
          yield page;
        }
      })(this);
    }
    return (function* (self: KeepingReplayer) {
      for (const page of source) {
        self.keep(page);
        yield page;
      }
    })(this);
  }
}
