/**
 * What the replayer checks of a history before it replays any of it: the events continue one
 * another from event 1 (a WorkflowExecutionStarted), in order and without a gap, and each reference
 * names an earlier event of the right type (see `history-references.ts`).
 */
import { ValidationError, type HistoryEvent } from '@swf-flow/common';
import { ReferenceCheck } from './history-references.js';

/** An event that does not continue the ones before it: what is missing or repeated, and what to do. */
function outOfPlace(expected: number, got: number | undefined, lastEventId: number): ValidationError {
  let what = 'an event without an eventId';
  if (typeof got === 'number' && got > expected)
    what = `${got - expected > 1 ? `events ${expected} to ${got - 1} are` : `event ${expected} is`} missing: a page left out, or the history edited?`;
  else if (typeof got === 'number') what = `event ${got} comes again: pages joined twice, or the history edited?`;
  return new ValidationError(
    `the history's events do not continue one another: expected event ${expected} next, got ${String(got)} (${what}). ` +
      'Fetch the whole history again (`swf-flow history --json`, or `aws swf get-workflow-execution-history`, every page); ' +
      `a caller continuing a run with processEvents passes the events that follow lastEventId (${lastEventId}), in order`,
  );
}

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
      if (e?.eventId !== expected) throw outOfPlace(expected, e?.eventId, lastEventId);
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
