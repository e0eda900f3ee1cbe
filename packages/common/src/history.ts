import type { Decision, HistoryEvent, WorkflowExecution, WorkflowType } from '@aws-sdk/client-swf';
import { InvalidHistoryError, ValidationError } from './errors.js';
import { epochMillis, eventTimestampMillis } from './swf/time.js';
import { shownValue } from './shown-value.js';

export type { Decision, HistoryEvent, WorkflowExecution, WorkflowType };

/** The SWF event type names (54 of them), as they appear in `eventType`. */
export type EventTypeName = NonNullable<HistoryEvent['eventType']>;

/** The SWF decision type names (13 of them), as they appear in `decisionType`. */
export type DecisionTypeName = NonNullable<Decision['decisionType']>;

/**
 * A history as it may arrive: what `aws swf get-workflow-execution-history` prints
 * (`{"events": [...]}`), an SDK response, or a bare array of events; timestamps as `Date`,
 * epoch seconds (`1.492443961284E9`), epoch milliseconds or ISO-8601 strings.
 */
export type HistoryInput = { events?: unknown[] | undefined } | readonly unknown[];

/**
 * The `Date` constructor as this module found it. `@swf-flow/workflow` replaces the global `Date`
 * with a proxy that gives workflow code the replayed time; a history read outside workflow code
 * needs none of that, and a history of thousands of events would pay the proxy's trap per event.
 */
const RealDate = Date;

function toDate(value: unknown, index: number, eventId: number): Date {
  const ms = epochMillis(value);
  // The message naming the event is built only for an unreadable timestamp.
  return new RealDate(
    Number.isNaN(ms) ? eventTimestampMillis(value, `history event #${index + 1} (eventId ${eventId})`) : ms,
  );
}

/** An event already in the SDK's shape (what `GetWorkflowExecutionHistory` answers): nothing to convert. */
function isSdkShaped(e: Record<string, unknown>): boolean {
  return (
    typeof e.eventId === 'number' &&
    Number.isInteger(e.eventId) &&
    e.eventId >= 1 &&
    typeof e.eventType === 'string' &&
    e.eventType !== '' &&
    e.eventTimestamp instanceof RealDate &&
    !Number.isNaN(e.eventTimestamp.getTime())
  );
}

/** The page token of one page of a paged history (SDK/API `nextPageToken`, AWS CLI `NextToken`). */
function pageToken(input: unknown): string | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return undefined;
  const o = input as Record<string, unknown>;
  const token = o.nextPageToken ?? o.NextToken;
  return typeof token === 'string' && token !== '' ? token : undefined;
}

/** Options of {@link normalizeHistory}. */
export interface NormalizeHistoryOptions {
  /**
   * Convert the input's events where they are and return the input's own array, instead of
   * copying every event that is not in the SDK's shape yet. For a history the caller parsed and
   * hands over (`loadHistory` of JSON text or a file does): a long history then occupies memory
   * once, not twice, and a replay of it collects less garbage. The input's events afterwards are
   * the returned ones (timestamps as `Date`, ids as numbers, sorted by id); on an error, the events
   * before the malformed one are converted already, which `normalizeHistory` reads again as they
   * are. @default false
   */
  inPlace?: boolean;
}

/**
 * Checks a history and returns its events in the SDK's shape (timestamps as `Date`), sorted by
 * `eventId`. Throws a {@link ValidationError} naming the first malformed event, and an
 * {@link InvalidHistoryError} for one page of a paged history (it carries a page token) or an
 * unreadable timestamp. The input is left as it is unless `options.inPlace` hands it over.
 */
export function normalizeHistory(input: HistoryInput, options: NormalizeHistoryOptions = {}): HistoryEvent[] {
  const inPlace = options.inPlace === true;
  const events: unknown = Array.isArray(input) ? input : (input as { events?: unknown })?.events;
  if (!Array.isArray(events) && Array.isArray((input as { Events?: unknown })?.Events)) throw pascalCase();
  if (!Array.isArray(events)) {
    throw new ValidationError(
      'history must be {"events": [...]} (what `aws swf get-workflow-execution-history` prints), an SDK response, or an array of events',
    );
  }
  if (pageToken(input) !== undefined) {
    throw new InvalidHistoryError(
      `this history is one page of ${events.length} events of a longer one (it carries a page token, nextPageToken/NextToken): ` +
        'fetch every page (the AWS CLI does unless given --max-items; `swf-flow history --json` does) and pass the whole history',
    );
  }
  const convert = (raw: unknown, index: number): HistoryEvent => {
    if (typeof raw === 'function') {
      throw new ValidationError(
        `history event #${index + 1} is a function, not an event: is this a list of workflows? The history comes first, as in replayHistory(history, workflows)`,
      );
    }
    if (typeof raw !== 'object' || raw === null)
      throw new ValidationError(`history event #${index + 1} is not an object; got ${shownValue(raw)}`);
    const e = raw as Record<string, unknown>;
    // The SDK's own events are returned as they are; others are copied with the SDK's field types.
    if (isSdkShaped(e)) return e as unknown as HistoryEvent;
    const eventId = typeof e.eventId === 'string' ? Number(e.eventId) : e.eventId;
    if (eventId === undefined && ('EventId' in e || 'EventType' in e)) throw pascalCase();
    if (typeof eventId !== 'number' || !Number.isInteger(eventId) || eventId < 1) {
      throw new ValidationError(
        `history event #${index + 1}: eventId must be a positive integer; got ${shownValue(e.eventId)}`,
      );
    }
    if (typeof e.eventType !== 'string' || e.eventType === '') {
      throw new ValidationError(`history event #${index + 1} (eventId ${eventId}): eventType is missing`);
    }
    // `{ ...e }` alone is V8's fast clone (the object's shape is copied); spreading into a literal
    // with more members is not, and cost about twice as much per event.
    if (e.eventTimestamp === undefined && 'eventTime' in e) {
      throw new ValidationError(
        `history event #${index + 1} (eventId ${eventId}): eventTimestamp is missing and the event has an eventTime: this looks like a Temporal or Cadence history. ` +
          'swf-flow replays Amazon SWF histories (eventTimestamp, workflowExecutionStartedEventAttributes, ...): save what `aws swf get-workflow-execution-history` or `swf-flow history --json` prints',
      );
    }
    const copy = inPlace ? e : { ...e };
    copy.eventTimestamp = toDate(e.eventTimestamp, index, eventId);
    copy.eventId = eventId;
    return copy as unknown as HistoryEvent;
  };
  let out: HistoryEvent[];
  if (inPlace) {
    out = events as HistoryEvent[];
    for (let i = 0; i < events.length; i++) out[i] = convert(events[i], i);
  } else out = events.map(convert);
  // Already in order (as SWF answers) unless proven otherwise: sorting is then not needed.
  if (!inOrder(out)) out.sort((a, b) => (a.eventId ?? 0) - (b.eventId ?? 0));
  return out;
}

/** A history whose members are PascalCase: what it is and what to do. */
function pascalCase(): ValidationError {
  return new ValidationError(
    "the history's members are PascalCase (Events, EventId, EventType, ...), as aws-sdk-go and the AWS SDK for .NET serialize " +
      "their structures; swf-flow reads SWF's own JSON, whose members are camelCase (events, eventId, eventType, ...): save what " +
      '`aws swf get-workflow-execution-history` or `swf-flow history --json` prints, or write each member name with a lower-case first letter',
  );
}

function inOrder(events: readonly HistoryEvent[]): boolean {
  for (let i = 1; i < events.length; i++) if ((events[i - 1]?.eventId ?? 0) > (events[i]?.eventId ?? 0)) return false;
  return true;
}

/** Event type → the name of its attributes field, built once per type. */
const ATTRIBUTE_KEYS = new Map<string, string>();

/** The attributes object of an event (`activityTaskScheduledEventAttributes` for `ActivityTaskScheduled`, ...). */
export function eventAttributes<T = Record<string, unknown>>(event: HistoryEvent): T {
  const type = event.eventType ?? '';
  let key = ATTRIBUTE_KEYS.get(type);
  if (key === undefined) {
    key = `${type.charAt(0).toLowerCase()}${type.slice(1)}EventAttributes`;
    if (ATTRIBUTE_KEYS.size < 256) ATTRIBUTE_KEYS.set(type, key); // SWF has 54 types; a hand-made history may invent more
  }
  return ((event as unknown as Record<string, unknown>)[key] ?? {}) as T;
}
