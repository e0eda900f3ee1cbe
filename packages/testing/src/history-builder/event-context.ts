/**
 * What every family of events needs from the builder: the log to append to, the decision task
 * its decisions name, and the data converter for payloads; with the two payload encodings they share.
 */
import { encodeFailure, type DataConverter } from '@swf-flow/common';
import type { DecisionTasks } from './decision-tasks.js';
import type { EventLog } from './event-log.js';

/** The builder's shared state, handed to each family of events. */
export interface EventContext {
  /** The events so far. */
  readonly log: EventLog;
  /** The decision tasks, for `decisionTaskCompletedEventId`. */
  readonly decisions: DecisionTasks;
  /** Encodes arguments, results and details. */
  readonly converter: DataConverter;
}

/** An input payload: `raw` as it is, else `args` encoded by the converter, else none. */
export function inputPayload(
  converter: DataConverter,
  args: unknown[] | undefined,
  raw: string | undefined,
): string | undefined {
  if (raw !== undefined) return raw;
  return args === undefined ? undefined : converter.toPayload(args);
}

/**
 * The `reason` and `details` of a failure event: an `Error` encoded as swf-flow's worker would, a
 * string taken as the reason with `details` beside it (left out when undefined).
 */
export function failureFields(failure: Error | string, details: string | undefined): Record<string, unknown> {
  const encoded = typeof failure === 'string' ? { reason: failure, details } : encodeFailure(failure);
  return { reason: encoded.reason, ...(encoded.details === undefined ? {} : { details: encoded.details }) };
}
