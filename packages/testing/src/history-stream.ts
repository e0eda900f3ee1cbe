/**
 * A history's JSON text streamed into a replay: the text is indexed once (`indexHistoryText`, which
 * checks it is JSON), the fields beside the events are checked as `loadFixture` checks them, and
 * each replay reads the events a page at a time, normalized in place, so that only the pages the
 * replay has not consumed yet are alive — not a parsed copy of the whole history.
 */
import {
  historyTextPages,
  indexHistoryText,
  normalizeHistory,
  parseHistoryEvents,
  type HistoryEvent,
} from '@swf-flow/common';
import type { HistoryPages } from '@swf-flow/workflow';
import { executionOf, typeOf, type HistoryFixture } from './load-history.js';

/** A history read from JSON text for a streamed replay. */
export interface StreamedHistory {
  /** The execution and type saved beside the events (the events are not read into it). */
  fixture: Omit<HistoryFixture, 'events'>;
  /** The first event, normalized. */
  first: HistoryEvent;
  /** The events, oldest first, in pages normalized as they are parsed; each call reads them anew. */
  pages: HistoryPages;
}

/**
 * The pages could not be read as a streamed replay needs them (an event malformed or out of order,
 * a gap, text that is not JSON): the whole-document reader reports what is wrong (`cause` is what
 * the page reader found).
 */
export class StreamReadError extends Error {
  override name = 'StreamReadError';
}

/**
 * Reads `text` for a streamed replay, or returns `undefined` when the history is not one to stream:
 * text that is not JSON or not a history, one page of a paged history, fields that do not check,
 * no events, or a first event that is not event 1. The whole-document reader (`loadFixture`) then
 * reads it and reports what is wrong with the same error as ever.
 *
 * The pages throw a {@link StreamReadError} when they cannot be read or their events do not
 * continue one another (a malformed event, a history out of order or with a gap): the caller then
 * reads the whole document, which sorts or reports it as before.
 */
export function streamHistory(text: string): StreamedHistory | undefined {
  try {
    const index = indexHistoryText(text);
    if (index === undefined || index.count === 0) return undefined;
    const fields = index.fields ?? {};
    const token = fields.nextPageToken ?? fields.NextToken;
    if (typeof token === 'string' && token !== '') return undefined;
    const first = normalizeHistory(parseHistoryEvents(index, 0, 1), { inPlace: true })[0];
    if (first?.eventId !== 1) return undefined;
    const fixture: Omit<HistoryFixture, 'events'> = {};
    const execution = executionOf(fields.workflowExecution);
    if (execution) fixture.workflowExecution = execution;
    const type = typeOf(fields.workflowType, [first]);
    if (type) fixture.workflowType = type;
    return { fixture, first, pages: () => normalizedPages(index) };
  } catch {
    return undefined;
  }
}

function* normalizedPages(index: Parameters<typeof historyTextPages>[0]): Generator<HistoryEvent[]> {
  let next = 1;
  const pages = historyTextPages(index);
  for (;;) {
    let events: HistoryEvent[];
    try {
      const page = pages.next();
      if (page.done) return;
      events = normalizeHistory(page.value, { inPlace: true });
    } catch (err) {
      throw new StreamReadError('a page of the history could not be read: read the whole history', { cause: err });
    }
    for (const e of events) {
      if (e.eventId !== next)
        throw new StreamReadError(
          `event ${String(e.eventId)} where event ${next} was expected: read the whole history`,
        );
      next++;
    }
    yield events;
  }
}
