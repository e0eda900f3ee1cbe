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

function truncate(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max - 1) + '…';
}

function toEncoded(err: unknown, depth = 0): EncodedFailure {
  if (!(err instanceof Error)) {
    return { type: 'Error', message: thrownText(err) };
  }
  const encoded: EncodedFailure = {
    type: err instanceof ApplicationFailure ? err.type : err.name || 'Error',
    message: err.message,
    stack: err.stack,
  };
  if (err instanceof ApplicationFailure) {
    if (err.nonRetryable) encoded.nonRetryable = true;
    if (err.details.length > 0) {
      const unwritable = notJson(err.details);
      if (unwritable === undefined) encoded.details = err.details;
      else encoded.message += ` (its details are not JSON: ${unwritable}; pass plain data as details)`;
    }
  }
  if (err.cause !== undefined && depth < 5) encoded.cause = toEncoded(err.cause, depth + 1);
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
 * (JSON with type, message, stack, details and cause, at most 32,768 characters; the stack and
 * then the cause are dropped first when it is too long). Never throws: a value thrown that is not an
 * `Error` is written as {@link thrownText} says, details that are not JSON are left out with a note
 * in the message.
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
    encoded.details = undefined;
    encoded.message = truncate(encoded.message, MAX_PAYLOAD_LENGTH - 1000);
    details = JSON.stringify(encoded);
  }
  return { reason: truncate(encoded.type, MAX_REASON_LENGTH), details };
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
