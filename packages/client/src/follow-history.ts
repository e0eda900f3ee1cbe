/**
 * Follows a run's history as it grows: every event so far, oldest first, then the new ones as they
 * land, until the run's close event. New events are read newest first, page by page, back to the
 * last one seen, so each check costs one small request however long the history is.
 */
import { GetWorkflowExecutionHistoryCommand, type SWFClient } from '@aws-sdk/client-swf';
import { isRunCloseEvent, type HistoryEvent } from '@swf-flow/common';
import { historyEvents } from './history-reader.js';
import { delay, pollDelays } from './wait.js';

/** How {@link followHistory} reads. */
export interface FollowOptions {
  /** Stops following (the generator returns) when it aborts. */
  signal?: AbortSignal;
  /** Longest wait between two checks for new events, in ms. @default 1000 */
  maxPollMs?: number;
  /** Events checked for per request. @default 100 */
  pageSize?: number;
  /** Called once the events so far are all yielded, before the first wait for new ones (not for a closed run). */
  onCaughtUp?: () => void;
}

/** The events after `lastId`, oldest first (one request when fewer than a page landed). */
async function eventsAfter(
  swf: SWFClient,
  domain: string,
  execution: { workflowId: string; runId: string },
  lastId: number,
  pageSize: number,
): Promise<HistoryEvent[]> {
  const fresh: HistoryEvent[] = [];
  let nextPageToken: string | undefined;
  do {
    const page = await swf.send(
      new GetWorkflowExecutionHistoryCommand({
        domain,
        execution,
        reverseOrder: true,
        maximumPageSize: pageSize,
        nextPageToken,
      }),
    );
    for (const event of page.events ?? []) {
      if ((event.eventId ?? 0) <= lastId) return fresh.reverse();
      fresh.push(event);
    }
    nextPageToken = page.nextPageToken || undefined;
  } while (nextPageToken);
  return fresh.reverse();
}

/** Every event of the run, then new ones as they land, until its close event (or `signal` aborts). */
export async function* followHistory(
  swf: SWFClient,
  domain: string,
  execution: { workflowId: string; runId: string },
  options: FollowOptions = {},
): AsyncGenerator<HistoryEvent> {
  const maxPollMs = options.maxPollMs ?? 1000;
  let lastId = 0;
  for await (const event of historyEvents(swf, domain, execution)) {
    lastId = event.eventId ?? lastId;
    yield event;
    if (isRunCloseEvent(event)) return;
  }
  options.onCaughtUp?.();
  let delays = pollDelays(maxPollMs);
  for (;;) {
    try {
      await delay(delays.next().value as number, options.signal);
    } catch {
      return; // aborted: stop following
    }
    const fresh = await eventsAfter(swf, domain, execution, lastId, options.pageSize ?? 100);
    if (fresh.length > 0) delays = pollDelays(maxPollMs);
    for (const event of fresh) {
      lastId = event.eventId ?? lastId;
      yield event;
      if (isRunCloseEvent(event)) return;
    }
  }
}
