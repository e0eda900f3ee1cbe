/**
 * What the replayer checks of a history before it replays any of it: the events continue one
 * another from event 1 (a WorkflowExecutionStarted), in order and without a gap, and each reference
 * names an earlier event of the right type (see `history-references.ts`).
 */
import { ValidationError, type HistoryEvent } from '@swf-flow/common';
import { ReferenceCheck } from './history-references.js';

/** Checks events slice by slice, remembering what the earlier slices held. */
export class HistoryOrderCheck {
  private readonly references = new ReferenceCheck();

  /**
   * Checks that `events` continue at event `after + 1`, in order, and that their references hold.
   * `lastEventId` is what the message advises to continue from (the executor's when its call began).
   *
   * @throws ValidationError for an event out of place; InvalidHistoryError for a broken reference.
   */
  check(events: readonly HistoryEvent[], after: number, lastEventId: number): void {
    let expected = after + 1;
    for (const e of events) {
      if (e?.eventId !== expected) {
        throw new ValidationError(
          `processEvents: expected event ${expected} next, got ${String(e?.eventId)}: pass the events that follow lastEventId (${lastEventId}) in order`,
        );
      }
      if (expected === 1 && e.eventType !== 'WorkflowExecutionStarted') {
        throw new ValidationError(
          `processEvents: a history starts with WorkflowExecutionStarted; event 1 is ${String(e.eventType)}`,
        );
      }
      this.references.check(e);
      expected++;
    }
  }
}

/**
 * Checks a whole history as `WorkflowExecutor.processEvents` (and `processPages`) check it before
 * replaying anything, and throws the same error they would: for a caller that must know whether a
 * history would fail those checks without running workflow code.
 *
 * @param events - the history's events, normalized (`normalizeHistory`), oldest first.
 * @throws ValidationError when the events do not start at event 1 (a WorkflowExecutionStarted) or
 *   do not continue one another in order; InvalidHistoryError when an event refers to an event
 *   that is not before it or is of another type.
 * @example
 * ```ts
 * checkHistoryOrder(normalizeHistory(JSON.parse(text)));
 * ```
 */
export function checkHistoryOrder(events: readonly HistoryEvent[]): void {
  new HistoryOrderCheck().check(events, 0, 0);
}
