/** The filter of `WorkflowClient.list` and its check: every field, before anything is sent to SWF. */
import type { CloseStatus } from '@aws-sdk/client-swf';
import { CLOSE_STATUSES, ValidationError, checkSwfId, shownValue } from '@swf-flow/common';
import { checkOptionKeys } from './validate.js';

/** Which executions `WorkflowClient.list` returns. At most one of `workflowId`, `type`, `tag`, `closeStatus`. */
export interface ListFilter {
  /** Open or closed executions. @default 'OPEN' */
  status?: 'OPEN' | 'CLOSED';
  /** Only executions of this workflow type (version optional). */
  type?: { name: string; version?: string };
  /** Only executions with this tag. */
  tag?: string;
  /** Only executions with this workflow id. */
  workflowId?: string;
  /** Only closed executions that closed this way (with `status: 'CLOSED'`). */
  closeStatus?: CloseStatus;
  /** Only executions started at or after this time. @default the epoch */
  startedAfter?: Date;
  /** Only executions started at or before this time. */
  startedBefore?: Date;
  /** Only executions closed at or after this time (with `status: 'CLOSED'`; not with `startedAfter`/`startedBefore`). */
  closedAfter?: Date;
  /** Only executions closed at or before this time (with `status: 'CLOSED'`; not with `startedAfter`/`startedBefore`). */
  closedBefore?: Date;
  /** Newest first instead of oldest first. @default true */
  newestFirst?: boolean;
  /** Executions fetched per request (1–1000). @default 100 */
  pageSize?: number;
}

const KEYS = [
  'status',
  'type',
  'tag',
  'workflowId',
  'closeStatus',
  'startedAfter',
  'startedBefore',
  'closedAfter',
  'closedBefore',
  'newestFirst',
  'pageSize',
] as const satisfies ReadonlyArray<keyof ListFilter>;

/** A string of `min` to `max` characters, as the API model bounds the field (a tag or a version may be empty). */
function checkString(value: unknown, what: string, min: number, max: number): void {
  if (value !== undefined && (typeof value !== 'string' || value.length < min || value.length > max))
    throw new ValidationError(
      `${what} must be a ${min > 0 ? 'non-empty ' : ''}string of at most ${max} characters; got ${shownValue(value)}`,
    );
}

/** Checks the type of each field (SWF would drop an unknown key, and answer a wrong type in its wire's names). */
function checkFields(filter: ListFilter): void {
  for (const key of ['startedAfter', 'startedBefore', 'closedAfter', 'closedBefore'] as const) {
    const value: unknown = filter[key];
    if (value === undefined) continue;
    if (!(value instanceof Date)) throw new ValidationError(`${key} must be a Date; got ${shownValue(value)}`);
    if (Number.isNaN(value.getTime())) throw new ValidationError(`${key} must be a valid Date; got Invalid Date`);
  }
  const type: unknown = filter.type;
  if (type !== undefined) {
    if (typeof type !== 'object' || type === null)
      throw new ValidationError(
        `type must be { name, version? }, e.g. { name: ${typeof type === 'string' ? JSON.stringify(type) : '"MyWorkflow"'} }; got ${shownValue(type)}`,
      );
    const { name, version } = type as { name?: unknown; version?: unknown };
    if (name === undefined)
      throw new ValidationError('type.name must be a non-empty string of at most 256 characters; got undefined');
    checkString(name, 'type.name', 1, 256);
    checkString(version, 'type.version', 0, 64);
  }
  checkString(filter.tag, 'tag', 0, 256);
  if (filter.workflowId !== undefined) checkSwfId(filter.workflowId, 'workflowId');
  if (filter.newestFirst !== undefined && typeof filter.newestFirst !== 'boolean')
    throw new ValidationError(`newestFirst must be true or false; got ${shownValue(filter.newestFirst)}`);
  if (filter.closeStatus !== undefined && !(CLOSE_STATUSES as readonly string[]).includes(filter.closeStatus))
    throw new ValidationError(
      `closeStatus must be one of ${CLOSE_STATUSES.join(', ')}; got ${shownValue(filter.closeStatus)}`,
    );
}

/**
 * Checks a {@link ListFilter}: an object of known keys, each of its type; SWF accepts only one of
 * workflowId, type, tag and closeStatus, and one time filter.
 * @throws ValidationError naming the first wrong field and what it must be.
 */
export function checkListFilter(filter: ListFilter): void {
  checkOptionKeys(filter, KEYS, { kind: 'list filter', object: 'list filter', example: "{ status: 'CLOSED' }" });
  const status = filter.status ?? 'OPEN';
  if (status !== 'OPEN' && status !== 'CLOSED')
    throw new ValidationError(`list status must be 'OPEN' or 'CLOSED'; got ${shownValue(status)}`);
  checkFields(filter);
  const given = (['workflowId', 'type', 'tag', 'closeStatus'] as const).filter((k) => filter[k] !== undefined);
  if (given.length > 1)
    throw new ValidationError(
      `list accepts at most one of workflowId, type, tag and closeStatus (SWF allows one filter); got ${given.join(', ')}`,
    );
  if (filter.closeStatus !== undefined && status !== 'CLOSED')
    throw new ValidationError("closeStatus needs status: 'CLOSED'");
  const byClose = filter.closedAfter !== undefined || filter.closedBefore !== undefined;
  if (byClose && status !== 'CLOSED') throw new ValidationError("closedAfter/closedBefore need status: 'CLOSED'");
  if (byClose && (filter.startedAfter !== undefined || filter.startedBefore !== undefined)) {
    throw new ValidationError('list filters by start time or by close time, not both (SWF allows one time filter)');
  }
  const pageSize = filter.pageSize ?? 100;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000)
    throw new ValidationError(`pageSize must be an integer between 1 and 1000; got ${shownValue(pageSize)}`);
}
