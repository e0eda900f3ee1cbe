/** The markers of one run that `sideEffect()` reads ahead, and how many side effects of the newest task ran for real. */
import type { HistoryEvent } from '@swf-flow/common';

/** Recorded non-patch markers in history order, matched by position with the markers the code issues. */
export class MarkerLog {
  private readonly recorded: HistoryEvent[] = [];
  private issued = 0;
  private freshCount = 0;
  /** What each sideEffect() function that ran for real in this call returned, in order. */
  private readonly ran: unknown[] = [];
  /** The values of another replay of this run (the second pass), handed back instead of running the functions again. */
  private reused: readonly unknown[] | undefined;

  /** A non-patch MarkerRecorded / RecordMarkerFailed event of the history (a look-ahead). */
  noteRecorded(event: HistoryEvent): void {
    this.recorded.push(event);
  }

  /** The recorded marker event the code's next marker command will match, if any. */
  nextRecorded(): HistoryEvent | undefined {
    return this.recorded[this.issued];
  }

  /** The code issued a non-patch marker command. */
  countIssued(): void {
    this.issued++;
  }

  /** A sideEffect() function of the newest decision task ran for real (its value was not in the history). */
  countFresh(): void {
    this.freshCount++;
  }

  /**
   * The value of the next sideEffect() function that runs for real: the one the first pass got,
   * when this is the second pass that locates a divergence and the first ran that many; else
   * `undefined` (run the function).
   */
  nextReused(): { value: unknown } | undefined {
    const at = this.ran.length;
    return this.reused !== undefined && at < this.reused.length ? { value: this.reused[at] } : undefined;
  }

  /** What a sideEffect() function that ran for real (or its value handed back) returned. */
  noteRan(value: unknown): void {
    this.ran.push(value);
  }

  /** Hands back `values` (another pass's {@link ranValues}) instead of running the functions again. */
  reuse(values: readonly unknown[]): void {
    this.reused = values;
  }

  /** The values the sideEffect() functions that ran for real returned, in order. */
  get ranValues(): readonly unknown[] {
    return this.ran;
  }

  /** A new call of the executor: its answer counts only its own newest task's side effects. */
  beginCall(): void {
    this.freshCount = 0;
    this.ran.length = 0; // only a call from event 1 is located again, with its own values
  }

  /** How many sideEffect() functions of this call's newest decision task ran for real. */
  get fresh(): number {
    return this.freshCount;
  }
}
