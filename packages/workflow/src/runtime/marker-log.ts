/** The markers of one run that `sideEffect()` reads ahead, and how many side effects of the newest task ran for real. */
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

  /** A sideEffect() function of the newest decision task ran for real (its value was not in the history). */
  countFresh(): void {
    this.freshCount++;
  }

  /** A new call of the executor: its answer counts only its own newest task's side effects. */
  beginCall(): void {
    this.freshCount = 0;
  }

  /** How many sideEffect() functions of this call's newest decision task ran for real. */
  get fresh(): number {
    return this.freshCount;
  }
}
