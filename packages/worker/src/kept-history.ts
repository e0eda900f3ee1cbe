/**
 * The events a cached run was replayed from, kept for the check before its closing decision
 * (`Decider`: the run is replayed once more, in a fresh executor, and must decide the same). Without
 * them that check reads the whole history again from the service: on this project's benchmark
 * (100 runs × 10 activities) the read was nearly all of the check's cost, ~7 % of the CPU of a step
 * (BENCHMARKS.md, "The check before closing"), and the second replay itself was lost in the noise.
 *
 * A run keeps the events it was fed — every page of its full replay, then each task's new events —
 * while it has at most {@link KeptHistoryLimits.perRun} of them and the worker's cached runs together
 * hold at most {@link KeptHistoryLimits.totalBytes} (estimated by {@link keptBytes}: payloads count
 * by their length). Past either bound the run lets its events go and its check reads the history as
 * before, so memory stays bounded whatever the runs' lengths and payloads. The events
 * are the objects the replay was fed (the replayer does not change them), so the check replays what
 * the first replay did, which is the history as the service returned it. That holds while the
 * replayer hands workflow code copies, never an event's own objects (`workflowInfo()` copies the
 * tag list, inputs are decoded anew): workflow code that could mutate a kept event would make the
 * second replay see a different history. `@swf-flow/workflow`'s `runtime/received-copies.test.ts`
 * holds the replayer to both.
 */
import type { ActivationResult, HistoryEvent, HistoryPages, Replayer } from '@swf-flow/common';

/** How many events cached runs keep for the check before closing. */
export interface KeptHistoryLimits {
  /** The most events one run keeps; a longer run's check reads its history. */
  perRun: number;
  /** The most bytes (as {@link keptBytes} estimates them) all of a worker's runs keep together. */
  totalBytes: number;
}

/**
 * The default bounds: a run of up to 1,000 events (one page of `GetWorkflowExecutionHistory`, what
 * the check would read in one request), 8 MiB in all.
 */
export const KEPT_HISTORY_LIMITS: KeptHistoryLimits = { perRun: 1_000, totalBytes: 8 * 1024 * 1024 };

/**
 * What an event is counted as, beyond its payloads: the event, its attributes and timestamp objects
 * and its short strings (~300 bytes measured on the heap with small payloads, `bench/cache.ts`).
 */
export const EVENT_BASE_BYTES = 400;

/**
 * The bytes an event is counted as: {@link EVENT_BASE_BYTES} plus the length of every string its
 * attributes hold directly (inputs, results, details, reasons, markers: what can be large).
 */
export function keptBytes(event: HistoryEvent): number {
  let bytes = EVENT_BASE_BYTES;
  const e = event as unknown as Record<string, unknown>;
  for (const key in e) {
    const attributes = e[key];
    if (typeof attributes !== 'object' || attributes === null || attributes instanceof Date) continue;
    const fields = attributes as Record<string, unknown>;
    for (const field in fields) {
      const value = fields[field];
      if (typeof value === 'string') bytes += value.length;
    }
  }
  return bytes;
}

/** The events kept by all the runs of one decider, against {@link KeptHistoryLimits}. */
export class KeptHistoryBudget {
  private held = 0;

  constructor(readonly limits: KeptHistoryLimits = KEPT_HISTORY_LIMITS) {}

  /** Bytes kept now (as {@link keptBytes} counts them). */
  get bytes(): number {
    return this.held;
  }

  /**
   * Reserves `bytes` more for `count` more events of a run that keeps `keeping` events already;
   * false if that passes a bound.
   */
  reserve(keeping: number, count: number, bytes: number): boolean {
    if (keeping + count > this.limits.perRun || this.held + bytes > this.limits.totalBytes) return false;
    this.held += bytes;
    return true;
  }

  /** Gives back `bytes` a run no longer keeps. */
  release(bytes: number): void {
    this.held -= bytes;
  }
}

/**
 * A replayer that keeps the events it is fed (see the module comment), for
 * {@link KeepingReplayer.history}; everything else is the wrapped replayer's.
 */
export class KeepingReplayer implements Replayer {
  /** The events fed so far, oldest first; `undefined` once they passed a bound (or were let go). */
  private events: HistoryEvent[] | undefined = [];
  /** Their bytes, as reserved from the budget. */
  private bytes = 0;

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
    let bytes = 0;
    for (const event of page) bytes += keptBytes(event);
    if (!this.budget.reserve(events.length, page.length, bytes)) {
      this.letGo();
      return;
    }
    this.bytes += bytes;
    for (const event of page) events.push(event);
  }

  private letGo(): void {
    if (this.events === undefined) return;
    this.budget.release(this.bytes);
    this.bytes = 0;
    this.events = undefined;
  }

  /** The pages as they come (a sync source too: `for await` reads both), each kept on the way. */
  private async *tee(
    source: Iterable<readonly HistoryEvent[]> | AsyncIterable<readonly HistoryEvent[]>,
  ): AsyncGenerator<readonly HistoryEvent[]> {
    for await (const page of source) {
      this.keep(page);
      yield page;
    }
  }
}
