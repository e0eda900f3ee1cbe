import type { Decision, HistoryEvent, WorkflowExecution, WorkflowType } from '@aws-sdk/client-swf';
import { ValidationError } from './errors.js';

export type { Decision, HistoryEvent, WorkflowExecution, WorkflowType };

/** The SWF event type names (54 of them), as they appear in `eventType`. */
export type EventTypeName = NonNullable<HistoryEvent['eventType']>;

/** The SWF decision type names (13 of them), as they appear in `decisionType`. */
export type DecisionTypeName = NonNullable<Decision['decisionType']>;

/**
 * A history as it may arrive: what `aws swf get-workflow-execution-history` prints
 * (`{"events": [...]}`), an SDK response, or a bare array of events; timestamps as `Date`,
 * epoch seconds (`1.492443961284E9`) or ISO-8601 strings.
 */
export type HistoryInput = { events?: unknown[] | undefined } | readonly unknown[];

function toDate(value: unknown, where: string): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value * 1000);
  if (typeof value === 'string') {
    const asNumber = Number(value);
    const d = value.trim() !== '' && Number.isFinite(asNumber) ? new Date(asNumber * 1000) : new Date(value);
    if (!Number.isNaN(d.getTime())) return d;
  }
  throw new ValidationError(`${where}: eventTimestamp ${JSON.stringify(value)} is not a Date, epoch seconds or an ISO-8601 string`);
}

/**
 * Checks a history and returns its events in the SDK's shape (timestamps as `Date`), sorted by
 * `eventId`. Throws a {@link ValidationError} naming the first malformed event.
 */
export function normalizeHistory(input: HistoryInput): HistoryEvent[] {
  const events: unknown = Array.isArray(input) ? input : (input as { events?: unknown })?.events;
  if (!Array.isArray(events)) {
    throw new ValidationError('history must be {"events": [...]} (what `aws swf get-workflow-execution-history` prints), an SDK response, or an array of events');
  }
  const out: HistoryEvent[] = events.map((raw, index) => {
    const where = `history event #${index + 1}`;
    if (typeof raw !== 'object' || raw === null) throw new ValidationError(`${where} is not an object`);
    const e = raw as Record<string, unknown>;
    const eventId = typeof e.eventId === 'string' ? Number(e.eventId) : e.eventId;
    if (typeof eventId !== 'number' || !Number.isInteger(eventId) || eventId < 1) {
      throw new ValidationError(`${where}: eventId must be a positive integer; got ${JSON.stringify(e.eventId)}`);
    }
    if (typeof e.eventType !== 'string' || e.eventType === '') {
      throw new ValidationError(`${where} (eventId ${eventId}): eventType is missing`);
    }
    return { ...e, eventId, eventTimestamp: toDate(e.eventTimestamp, `${where} (eventId ${eventId})`) } as HistoryEvent;
  });
  out.sort((a, b) => (a.eventId ?? 0) - (b.eventId ?? 0));
  return out;
}

/** The attributes object of an event (`activityTaskScheduledEventAttributes` for `ActivityTaskScheduled`, ...). */
export function eventAttributes<T = Record<string, unknown>>(event: HistoryEvent): T {
  const type = event.eventType ?? '';
  const key = `${type.charAt(0).toLowerCase()}${type.slice(1)}EventAttributes`;
  return ((event as unknown as Record<string, unknown>)[key] ?? {}) as T;
}
