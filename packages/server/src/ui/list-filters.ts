/**
 * The execution list's filters, read from the page's query string and turned into the arguments
 * of ListOpen/ListClosedWorkflowExecutions and CountOpen/CountClosedWorkflowExecutions. SWF accepts
 * at most one of workflow id, type, tag and close status per request; asking for more is answered
 * with a message that says so, not with a fault.
 */
import { CLOSE_STATUSES, typedDateMillis } from '@swf-flow/common';

/** Which list: open or closed executions. */
export type ListState = 'open' | 'closed';

/** The filters as the form holds them (strings, empty when unset). */
export interface ListFilters {
  state?: ListState;
  workflowId: string;
  type: string;
  version: string;
  tag: string;
  /** A close status (closed executions only). */
  status: string;
  /** Which time the window applies to. */
  time: 'start' | 'close';
  /** Window bounds as typed (`YYYY-MM-DDTHH:MM`, UTC unless a zone is given). */
  from: string;
  to: string;
  /** Oldest first instead of newest first. */
  oldestFirst: boolean;
}

/** The close statuses SWF filters by (`@swf-flow/common`'s, named here for the UI's modules). */
export { CLOSE_STATUSES };

/** Reads the filters from a query string (unknown values are kept as typed, to be reported). */
export function readFilters(query: URLSearchParams): ListFilters {
  const state = query.get('state');
  const text = (name: string): string => (query.get(name) ?? '').trim();
  const status = text('status');
  return {
    ...(state === 'open' || state === 'closed' ? { state } : status ? { state: 'closed' as const } : {}),
    workflowId: text('workflowId'),
    type: text('type'),
    version: text('version'),
    tag: text('tag'),
    status,
    time: query.get('time') === 'close' ? 'close' : 'start',
    from: text('from'),
    to: text('to'),
    oldestFirst: query.get('order') === 'oldest',
  };
}

/** A typed date as epoch seconds: `2026-01-31T12:00` is UTC; a string with a zone keeps it. */
export function parseDate(text: string, what: string): number {
  const ms = typedDateMillis(text);
  if (Number.isNaN(ms)) {
    throw new FilterError(
      `The ${what} date "${text}" is not a date; write it as 2026-01-31 or 2026-01-31T12:00 (UTC).`,
    );
  }
  return ms / 1000;
}

/** A filter combination SWF does not accept, explained. */
export class FilterError extends Error {
  override name = 'FilterError';
}

/** The SWF arguments (besides `domain` and paging) for listing or counting `state` executions. */
export function filterArguments(filters: ListFilters, state: ListState): Record<string, unknown> {
  const chosen = [
    filters.workflowId && 'workflow id',
    filters.type && 'type',
    filters.tag && 'tag',
    filters.status && 'close status',
  ].filter(Boolean);
  if (chosen.length > 1) {
    throw new FilterError(
      `SWF filters by one of workflow id, type, tag or close status at a time; you gave ${chosen.join(' and ')}. Clear all but one.`,
    );
  }
  if (filters.version && !filters.type) throw new FilterError('A type version needs the type name too.');
  if (state === 'open' && filters.status)
    throw new FilterError('Open executions have no close status; choose the closed list or clear the status.');
  if (state === 'open' && filters.time === 'close')
    throw new FilterError('Open executions have no close time; filter them by start time.');
  if (filters.status && !(CLOSE_STATUSES as readonly string[]).includes(filters.status)) {
    throw new FilterError(`"${filters.status}" is not a close status; use one of ${CLOSE_STATUSES.join(', ')}.`);
  }
  const oldestDate = filters.from ? parseDate(filters.from, 'from') : 0;
  const window: Record<string, number> = { oldestDate };
  if (filters.to) window.latestDate = parseDate(filters.to, 'to');
  if (window.latestDate !== undefined && window.latestDate < oldestDate)
    throw new FilterError('The "to" date is before the "from" date.');
  return {
    [filters.time === 'close' ? 'closeTimeFilter' : 'startTimeFilter']: window,
    ...(filters.workflowId ? { executionFilter: { workflowId: filters.workflowId } } : {}),
    ...(filters.type
      ? { typeFilter: { name: filters.type, ...(filters.version ? { version: filters.version } : {}) } }
      : {}),
    ...(filters.tag ? { tagFilter: { tag: filters.tag } } : {}),
    ...(filters.status ? { closeStatusFilter: { status: filters.status } } : {}),
  };
}

/** The filters as query parameters (only those set), to build links that keep them. */
export function filterQuery(filters: ListFilters): Record<string, string | undefined> {
  return {
    workflowId: filters.workflowId || undefined,
    type: filters.type || undefined,
    version: filters.version || undefined,
    tag: filters.tag || undefined,
    status: filters.status || undefined,
    time: filters.time === 'close' ? 'close' : undefined,
    from: filters.from || undefined,
    to: filters.to || undefined,
    order: filters.oldestFirst ? 'oldest' : undefined,
  };
}
