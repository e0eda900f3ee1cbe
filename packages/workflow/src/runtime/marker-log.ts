/** The markers of one run that `sideEffect()` reads ahead, and how many side effects ran for real. */
import type { HistoryEvent } from '@swf-flow/common';

/** Recorded non-patch markers in history order, matched by position with the markers the code issues. */
export class MarkerLog {
  private readonly recorded: HistoryEvent[] = [];
  private issued = 0;
  private freshCount = 0;

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

  /** A sideEffect() function ran for real (its value was not in the history). */
  countFresh(): void {
    this.freshCount++;
  }

  /** How many sideEffect() functions ran for real. */
  get fresh(): number {
    return this.freshCount;
  }
}
