/** The history: appending events to a run and reading them back in SWF's wire shape. */
import { SwfFault } from '../faults.js';
import { decodePageToken, encodePageToken, pageSize } from './ids.js';
import { toWireTime } from './durations.js';
import { type ExecRow, getExec, requireExecution, updateExec } from './store-executions.js';
import { type Ctx } from './types.js';
import type { GetWorkflowExecutionHistoryInput, History, HistoryEvent } from '../model/wire-types.js';
import { prep } from './statements.js';

/** An event as SWF answers it (timestamps in epoch seconds). */
export interface WireEvent {
  eventId: number;
  eventTimestamp: number;
  eventType: string;
  [attributes: string]: unknown;
}

interface EventRow {
  event_id: number;
  event_type: string;
  ts: number;
  attrs: string;
}

/** The member that carries an event type's attributes, e.g. `timerFiredEventAttributes`. */
export function attributesKey(eventType: string): string {
  return `${eventType.charAt(0).toLowerCase()}${eventType.slice(1)}EventAttributes`;
}

/**
 * Appends an event to a run's history and returns its id. Undefined attributes are left out, as
 * SWF leaves out absent optional members. `changes`, given the new event's id, are columns of the
 * run's row written in the same UPDATE that advances its event counter (one statement instead of
 * two, e.g. a decision task's `dt_scheduled_id`).
 */
export function appendEvent(
  ctx: Ctx,
  runId: string,
  eventType: string,
  attrs: Record<string, unknown>,
  changes?: (eventId: number) => Partial<ExecRow>,
): number {
  // The run's row as this transaction stands (read now if changes are to be written with the counter).
  const known = ctx.tx.execs.get(runId) ?? (changes ? getExec(ctx, runId) : undefined);
  let eventId: number;
  if (known) {
    // The counter is known: write it and the changes at once. (Were the copy behind, the INSERT
    // below would meet an event already stored under that id and fail the request.)
    eventId = known.next_event_id;
    updateExec(ctx, runId, { next_event_id: eventId + 1, ...changes?.(eventId) });
  } else {
    // One statement takes the next id and advances the counter.
    const row = prep(
      ctx.db,
      'UPDATE executions SET next_event_id = next_event_id + 1 WHERE run_id = ? RETURNING next_event_id - 1 AS id',
    ).get(runId) as { id: number } | undefined;
    if (!row) throw new Error(`appendEvent: no execution ${runId}`);
    eventId = row.id;
  }
  prep(ctx.db, 'INSERT INTO events (run_id, event_id, event_type, ts, attrs) VALUES (?, ?, ?, ?, ?)').run(
    runId,
    eventId,
    eventType,
    ctx.clock.now(),
    JSON.stringify(attrs),
  );
  ctx.tx.touched.add(runId);
  return eventId;
}

function toWire(row: EventRow): WireEvent {
  return {
    eventId: row.event_id,
    eventTimestamp: toWireTime(row.ts),
    eventType: row.event_type,
    [attributesKey(row.event_type)]: JSON.parse(row.attrs) as unknown,
  };
}

/**
 * An event in the model's shape. The engine records only the model's event types, each with the
 * attributes the model gives it, so the stored JSON read back is that shape.
 */
function asHistoryEvent(event: WireEvent): HistoryEvent {
  return event as HistoryEvent;
}

/** One event of a run, parsed. */
export function getEvent(ctx: Ctx, runId: string, eventId: number): WireEvent | undefined {
  const row = prep(ctx.db, 'SELECT event_id, event_type, ts, attrs FROM events WHERE run_id = ? AND event_id = ?').get(
    runId,
    eventId,
  ) as EventRow | undefined;
  return row ? toWire(row) : undefined;
}

/** Options of {@link readHistoryPage}. */
export interface PageOptions {
  /** The operation the page (and its token) belongs to. */
  operation: 'GetWorkflowExecutionHistory' | 'PollForDecisionTask';
  /** The arguments a token is bound to (see {@link historyQuery}). */
  query: string;
  nextPageToken?: string;
  maximumPageSize?: number;
  reverseOrder?: boolean;
  /** First event id to return (forward order), default 1. */
  fromEventId?: number;
  /** Last event id to return, default the latest. */
  toEventId?: number;
  /** Extra members kept in the page token (e.g. the decision task's token). */
  tokenExtras?: Record<string, unknown>;
}

/** A page of a run's history with the token of the next page, if any. */
export function readHistoryPage(ctx: Ctx, exec: ExecRow, opts: PageOptions): History {
  const size = pageSize(opts.maximumPageSize);
  const reverse = opts.reverseOrder === true;
  const lowest = opts.fromEventId ?? 1;
  const highest = opts.toEventId ?? exec.next_event_id - 1;
  let cursor = reverse ? highest : lowest;
  if (opts.nextPageToken) {
    // `r`: the run, `n`: the next event id (short keys keep the sealed token short)
    const token = decodePageToken<{ n?: number; r?: string }>(ctx, opts.operation, opts.query, opts.nextPageToken);
    if (token.r !== exec.run_id || typeof token.n !== 'number') {
      throw new SwfFault(
        'ValidationException',
        `The nextPageToken is not valid for this ${opts.operation} request: it belongs to another execution.`,
      );
    }
    cursor = token.n;
  }
  const rows = (
    reverse
      ? prep(
          ctx.db,
          'SELECT event_id, event_type, ts, attrs FROM events WHERE run_id = ? AND event_id <= ? AND event_id >= ? ORDER BY event_id DESC LIMIT ?',
        ).all(exec.run_id, cursor, lowest, size + 1)
      : prep(
          ctx.db,
          'SELECT event_id, event_type, ts, attrs FROM events WHERE run_id = ? AND event_id >= ? AND event_id <= ? ORDER BY event_id ASC LIMIT ?',
        ).all(exec.run_id, cursor, highest, size + 1)
  ) as EventRow[];
  const page = rows.slice(0, size).map((row) => asHistoryEvent(toWire(row)));
  const more = rows[size];
  const result: History = { events: page };
  if (more)
    result.nextPageToken = encodePageToken(ctx, opts.operation, opts.query, {
      ...opts.tokenExtras,
      r: exec.run_id,
      n: more.event_id,
    });
  return result;
}

/** GetWorkflowExecutionHistory. */
export function getWorkflowExecutionHistory(ctx: Ctx, input: GetWorkflowExecutionHistoryInput): History {
  ctx.registry.requireDomain(input.domain);
  const exec = requireExecution(ctx, input.domain, input.execution);
  return readHistoryPage(ctx, exec, {
    ...input,
    operation: 'GetWorkflowExecutionHistory',
    query: historyQuery(input.domain, exec.run_id, input.reverseOrder),
  });
}

/** What a history page token is bound to: the domain, the run (or task list) and the order. */
export function historyQuery(domain: string, where: string, reverseOrder: boolean | undefined): string {
  return JSON.stringify([domain, where, reverseOrder === true]);
}

/** The run's current row after events were appended (convenience for callers). */
export function reload(ctx: Ctx, runId: string): ExecRow | undefined {
  return getExec(ctx, runId);
}
