import {
  ActivityFailure,
  ApplicationFailure,
  ChildWorkflowFailure,
  TimeoutFailure,
  type TimeoutType,
} from './errors.js';
import { MAX_PAYLOAD_LENGTH, MAX_REASON_LENGTH } from './swf/limits.js';
import { thrownText } from './thrown-text.js';

/** The JSON that swf-flow writes into a failure's `details`. */
export interface EncodedFailure {
  type: string;
  message: string;
  stack?: string;
  nonRetryable?: boolean;
  details?: unknown[];
  cause?: EncodedFailure;
}

/** `text` cut to at most `max` characters, ending in `…` when cut (never between a surrogate pair's halves). */
function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return text.slice(0, end) + '…';
}

/** `err[key]`, or `undefined` when reading it throws (a getter of the thrown value's own). */
function read(err: object, key: string): unknown {
  try {
    return (err as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

function toEncoded(err: unknown, depth = 0): EncodedFailure {
  if (!(err instanceof Error)) {
    return { type: 'Error', message: thrownText(err) };
  }
  // an Error's fields are read as far as they are what they should be: a name that is not a string
  // (or a getter that throws) must not keep the failure from being recorded
  const name = read(err, 'name');
  const type = err instanceof ApplicationFailure ? read(err, 'type') : name;
  const message = read(err, 'message');
  const stack = read(err, 'stack');
  const encoded: EncodedFailure = {
    // the type is the failure's reason too: cut to the reason's limit in both places, so that the
    // workflow sees the same type whichever it reads
    type: truncate(typeof type === 'string' && type !== '' ? type : 'Error', MAX_REASON_LENGTH),
    message: typeof message === 'string' ? message : message === undefined ? '' : thrownText(message),
    ...(typeof stack === 'string' ? { stack } : {}),
  };
  if (err instanceof ApplicationFailure) {
    if (read(err, 'nonRetryable') === true) encoded.nonRetryable = true;
    const details = read(err, 'details');
    if (Array.isArray(details) && details.length > 0) {
      const unwritable = notJson(details);
      if (unwritable === undefined) encoded.details = details;
      else encoded.message += ` (its details are not JSON: ${unwritable}; pass plain data as details)`;
    }
  }
  const cause = read(err, 'cause');
  if (cause !== undefined && depth < 5) encoded.cause = toEncoded(cause, depth + 1);
  return encoded;
}

/** Why `value` cannot be written as JSON, or `undefined` when it can. */
function notJson(value: unknown): string | undefined {
  try {
    JSON.stringify(value);
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : thrownText(err);
  }
}

/**
 * Encodes a thrown value as SWF's `reason` (the error type, at most 256 characters) and `details`
 * (JSON with type, message, stack, details and cause, at most 32,768 characters once written as
 * JSON, escapes included; the stack and the cause are dropped first when it is too long, then the
 * details, then the message is cut to fit). Never throws: a value thrown that is not an `Error` is
 * written as {@link thrownText} says, details that are not JSON are left out with a note in the
 * message, an `Error` whose name or message is not a string (or whose getter throws) is written
 * with what can be read.
 */
export function encodeFailure(err: unknown): { reason: string; details: string } {
  const encoded = toEncoded(err);
  let details = JSON.stringify(encoded);
  if (details.length > MAX_PAYLOAD_LENGTH) {
    delete encoded.stack;
    delete encoded.cause;
    details = JSON.stringify(encoded);
  }
  if (details.length > MAX_PAYLOAD_LENGTH) {
    delete encoded.details;
    details = JSON.stringify(encoded);
  }
  if (details.length > MAX_PAYLOAD_LENGTH) {
    // a character of the message takes 1 to 6 in JSON (a quote, a newline, a control character):
    // the longest cut of the message whose JSON fits, found by bisection
    const message = encoded.message;
    let fits = 0;
    let over = message.length;
    while (over - fits > 1) {
      const mid = Math.floor((fits + over) / 2);
      encoded.message = truncate(message, mid);
      if (JSON.stringify(encoded).length <= MAX_PAYLOAD_LENGTH) fits = mid;
      else over = mid;
    }
    encoded.message = truncate(message, fits);
    details = JSON.stringify(encoded);
  }
  return { reason: encoded.type, details };
}

function fromEncoded(e: EncodedFailure): ApplicationFailure {
  // what another writer put there is taken as far as it is a failure's (a details value that is
  // not a list is its one detail)
  const details: unknown = e.details;
  const failure = new ApplicationFailure(e.message, {
    type: e.type,
    nonRetryable: e.nonRetryable === true,
    details: details === undefined || details === null ? undefined : Array.isArray(details) ? details : [details],
    cause: isEncodedFailure(e.cause) ? fromEncoded(e.cause) : undefined,
  });
  if (e.stack) failure.stack = e.stack;
  return failure;
}

function isEncodedFailure(v: unknown): v is EncodedFailure {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as EncodedFailure).message === 'string' &&
    typeof (v as EncodedFailure).type === 'string'
  );
}

/**
 * Rebuilds the failure recorded as `reason`/`details` (by swf-flow or by any other framework: a
 * details string that is not swf-flow's JSON becomes the message).
 */
export function decodeFailure(reason: string | undefined, details: string | undefined): ApplicationFailure {
  if (details) {
    try {
      const parsed: unknown = JSON.parse(details);
      if (isEncodedFailure(parsed)) return fromEncoded(parsed);
    } catch {
      // not swf-flow's JSON: fall through
    }
  }
  const message = details || reason || 'failed without a reason';
  return new ApplicationFailure(message, { type: reason || 'Error' });
}

/** Builds the {@link ActivityFailure} a workflow sees for a failed activity. */
export function activityFailed(
  info: {
    activityType: { name: string; version: string };
    activityId: string;
    scheduledEventId?: number;
    attempt?: number;
  },
  cause: Error,
): ActivityFailure {
  return new ActivityFailure(
    `Activity ${info.activityType.name} (${info.activityId}) failed: ${cause.message}`,
    info,
    cause,
  );
}

/** Builds the {@link TimeoutFailure} for an SWF timeout type. */
export function timeoutFailure(what: string, timeoutType: string, lastHeartbeatDetails?: unknown): TimeoutFailure {
  return new TimeoutFailure(`${what} timed out (${timeoutType})`, timeoutType as TimeoutType, lastHeartbeatDetails);
}

/** Builds the {@link ChildWorkflowFailure} for a child that did not complete. */
export function childFailed(
  workflowType: { name: string; version: string },
  execution: { workflowId: string; runId?: string },
  cause: Error,
): ChildWorkflowFailure {
  return new ChildWorkflowFailure(
    `Child workflow ${workflowType.name} (${execution.workflowId}) failed: ${cause.message}`,
    workflowType,
    execution,
    cause,
  );
}
