/** Reads a decision task's history page by page: all of it for a replay, the new events for a cached run. */
import type { HistoryEvent, WorkflowExecution } from '@swf-flow/common';

/** One page of history. */
export interface HistoryPage {
  events: HistoryEvent[];
  nextPageToken?: string;
}

/** Reads history pages (`GetWorkflowExecutionHistory`); a fake in unit tests. */
export type HistoryPageSource = (request: {
  execution: WorkflowExecution;
  reverseOrder: boolean;
  maximumPageSize: number;
  nextPageToken?: string;
}) => Promise<HistoryPage>;

/** What the decider knows of a decision task when it has its first page (polled newest first). */
export interface DecisionTaskHistory {
  execution: WorkflowExecution;
  /** The task's `DecisionTaskStarted` event: nothing after it belongs to this task. */
  startedEventId: number;
  /** The first page of the poll, newest first. */
  firstPage: HistoryPage;
}

/** The history of a run could not be read consistently (a gap or a page out of order). */
export class HistoryReadError extends Error {
  override name = 'HistoryReadError';
}

const FULL_PAGE = 1000;

function collect(
  into: Map<number, HistoryEvent>,
  events: readonly HistoryEvent[],
  after: number,
  upTo: number,
): number {
  let lowest = Number.POSITIVE_INFINITY;
  for (const event of events) {
    const id = event.eventId ?? 0;
    lowest = Math.min(lowest, id);
    if (id > after && id <= upTo) into.set(id, event);
  }
  return lowest;
}

function contiguous(events: Map<number, HistoryEvent>, after: number, upTo: number): HistoryEvent[] {
  const out: HistoryEvent[] = [];
  for (let id = after + 1; id <= upTo; id += 1) {
    const event = events.get(id);
    if (!event) throw new HistoryReadError(`history event ${id} is missing (read events ${after + 1}..${upTo})`);
    out.push(event);
  }
  return out;
}

/**
 * The events after `afterEventId` up to the task's `DecisionTaskStarted`, oldest first, when the
 * poll's first page reaches back that far (a cached run's usual case: the page starts at the run's
 * previous `DecisionTaskStarted`); `undefined` when older pages must be read ({@link readNewEvents}).
 * Synchronous: a cached decision task whose events are all on its page reads nothing and waits for
 * nothing before its replay.
 *
 * @throws HistoryReadError when the page reaches back far enough but an event between is missing.
 */
export function newEventsOnPage(task: DecisionTaskHistory, afterEventId: number): HistoryEvent[] | undefined {
  const upTo = task.startedEventId;
  const count = Math.max(0, upTo - afterEventId);
  if (count > task.firstPage.events.length) {
    // More events than the page holds (older pages to read, or a gap): nothing sized by the ids.
    const byId = new Map<number, HistoryEvent>();
    if (collect(byId, task.firstPage.events, afterEventId, upTo) > afterEventId + 1) return undefined;
    return contiguous(byId, afterEventId, upTo); // throws at the first event missing
  }
  const found: Array<HistoryEvent | undefined> = new Array<HistoryEvent | undefined>(count).fill(undefined);
  let lowest = Number.POSITIVE_INFINITY;
  for (const event of task.firstPage.events) {
    const id = event.eventId ?? 0;
    if (id < lowest) lowest = id;
    if (id > afterEventId && id <= upTo) found[id - afterEventId - 1] = event;
  }
  if (lowest > afterEventId + 1) return undefined;
  for (let k = 0; k < count; k++) {
    if (found[k] === undefined)
      throw new HistoryReadError(
        `history event ${afterEventId + 1 + k} is missing (read events ${afterEventId + 1}..${upTo})`,
      );
  }
  return found as HistoryEvent[];
}

/**
 * The events after `afterEventId` up to the task's `DecisionTaskStarted`, oldest first. Reads the
 * poll's first page (newest first) and, only if it did not reach back far enough (cut by its size,
 * or polled from a later event than expected), further pages newest first until it does — so a
 * cached run costs O(new events), not O(history).
 */
export async function readNewEvents(
  task: DecisionTaskHistory,
  afterEventId: number,
  source: HistoryPageSource,
  pageSize: number,
): Promise<HistoryEvent[]> {
  const onPage = newEventsOnPage(task, afterEventId);
  if (onPage !== undefined) return onPage;
  const events = new Map<number, HistoryEvent>();
  let lowest = collect(events, task.firstPage.events, afterEventId, task.startedEventId);
  // The poll's own page tokens belong to the poll; continue with GetWorkflowExecutionHistory from the newest event.
  let token: string | undefined;
  do {
    const page = await source({
      execution: task.execution,
      reverseOrder: true,
      maximumPageSize: pageSize,
      nextPageToken: token,
    });
    lowest = Math.min(lowest, collect(events, page.events, afterEventId, task.startedEventId));
    token = page.nextPageToken;
  } while (lowest > afterEventId + 1 && token);
  return contiguous(events, afterEventId, task.startedEventId);
}

/**
 * The whole history up to the task's `DecisionTaskStarted`, oldest first: the polled page, and the
 * older events it does not reach (a page cut by its size, or one that starts at the previous
 * `DecisionTaskStarted`: `startAtPreviousStartedEvent`) read forward from the first event — every
 * page of {@link fullHistoryPages}, held together.
 */
export async function readFullHistory(task: DecisionTaskHistory, source: HistoryPageSource): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  for await (const page of fullHistoryPages(task, source)) for (const e of page) events.push(e);
  return events;
}

/**
 * The whole history up to the task's `DecisionTaskStarted`, oldest first, as pages to replay while
 * they arrive (`Replayer.processPages`): the same events as {@link readFullHistory} — forward pages
 * of up to 1,000 events from the first event up to the oldest one the poll's page holds, then the
 * poll's page — without holding them all. Each call reads the history anew.
 *
 * @throws HistoryReadError (from the page that shows it) when an event is missing.
 */
export async function* fullHistoryPages(
  task: DecisionTaskHistory,
  source: HistoryPageSource,
): AsyncGenerator<HistoryEvent[]> {
  const upTo = task.startedEventId;
  const lowestPolled = task.firstPage.events.reduce(
    (low, e) => Math.min(low, e.eventId ?? 0),
    Number.POSITIVE_INFINITY,
  );
  let next = 1;
  /** The events of `events` with ids from `next` to `last`, in order; a gap is an error. */
  const take = (events: readonly HistoryEvent[], last: number): HistoryEvent[] => {
    const inRange = events.filter((e) => (e.eventId ?? 0) >= next && (e.eventId ?? 0) <= last);
    inRange.sort((a, b) => (a.eventId ?? 0) - (b.eventId ?? 0));
    const out: HistoryEvent[] = [];
    for (const e of inRange) {
      if (e.eventId === next - 1) continue; // the same event twice
      if (e.eventId !== next) break;
      out.push(e);
      next++;
    }
    return out;
  };
  const missing = (): HistoryReadError =>
    new HistoryReadError(`history event ${next} is missing (read events 1..${upTo})`);
  if (lowestPolled > 1) {
    let token: string | undefined;
    do {
      const page = await source({
        execution: task.execution,
        reverseOrder: false,
        maximumPageSize: FULL_PAGE,
        nextPageToken: token,
      });
      const events = take(page.events, Math.min(lowestPolled - 1, upTo));
      const highest = page.events.reduce((max, e) => Math.max(max, e.eventId ?? 0), 0);
      if (next <= Math.min(highest, lowestPolled - 1, upTo)) throw missing();
      if (events.length > 0) yield events;
      token = highest >= lowestPolled - 1 ? undefined : page.nextPageToken;
    } while (token);
  }
  const polled = take(task.firstPage.events, upTo);
  if (next <= upTo) throw missing();
  if (polled.length > 0) yield polled;
}
