/** ListOpen/ListClosed/CountOpen/CountClosed WorkflowExecutions (newest first unless reverseOrder). */
import { executionInfo } from './describe.js';
import { decodePageToken, encodePageToken, pageSize } from './ids.js';
import { type ExecutionFilters, filterSql } from './list-filters.js';
import { type ExecRow } from './store-executions.js';
import { type Ctx } from './types.js';
import type { ListClosedWorkflowExecutionsInput, WorkflowExecutionInfos } from '../model/wire-types.js';
import { prep } from './statements.js';

/** Paging members of the list operations. */
type Paging = Pick<ListClosedWorkflowExecutionsInput, 'nextPageToken' | 'maximumPageSize' | 'reverseOrder'>;

function list(ctx: Ctx, status: 'OPEN' | 'CLOSED', input: ExecutionFilters & Paging): WorkflowExecutionInfos {
  ctx.registry.requireDomain(input.domain);
  const f = filterSql(status, input);
  const size = pageSize(input.maximumPageSize);
  const operation = status === 'OPEN' ? 'ListOpenWorkflowExecutions' : 'ListClosedWorkflowExecutions';
  const query = JSON.stringify([f.where, f.params, input.reverseOrder === true]);
  // Keyset paging: a page starts after the last row of the page before (its sort time, then its
  // rowid), so executions started or closed between two calls shift nothing: none is skipped or
  // shown twice.
  const after = input.nextPageToken
    ? decodePageToken<{ at?: unknown; row?: unknown }>(ctx, operation, query, input.nextPageToken)
    : undefined;
  const dir = input.reverseOrder ? 'ASC' : 'DESC';
  const cmp = input.reverseOrder ? '>' : '<';
  const where = after ? `${f.where} AND (${f.orderBy} ${cmp} ? OR (${f.orderBy} = ? AND rowid ${cmp} ?))` : f.where;
  const params = after ? [...f.params, after.at, after.at, after.row] : f.params;
  const rows = prep(
    ctx.db,
    `SELECT rowid AS page_row, * FROM executions WHERE ${where} ORDER BY ${f.orderBy} ${dir}, rowid ${dir} LIMIT ?`,
  ).all(...params, size + 1) as (ExecRow & { page_row: number })[];
  const page = rows.slice(0, size);
  const out: WorkflowExecutionInfos = { executionInfos: page.map(executionInfo) };
  const last = page[page.length - 1];
  if (rows.length > size && last)
    out.nextPageToken = encodePageToken(ctx, operation, query, { at: last[f.orderBy], row: last.page_row });
  return out;
}

function count(ctx: Ctx, status: 'OPEN' | 'CLOSED', input: ExecutionFilters): { count: number; truncated: boolean } {
  ctx.registry.requireDomain(input.domain);
  const f = filterSql(status, input);
  const row = prep(ctx.db, `SELECT COUNT(*) AS n FROM executions WHERE ${f.where}`).get(...f.params) as { n: number };
  return { count: row.n, truncated: false };
}

/** ListOpenWorkflowExecutions. */
export function listOpenWorkflowExecutions(ctx: Ctx, input: ExecutionFilters & Paging): WorkflowExecutionInfos {
  return list(ctx, 'OPEN', input);
}

/** ListClosedWorkflowExecutions. */
export function listClosedWorkflowExecutions(ctx: Ctx, input: ExecutionFilters & Paging): WorkflowExecutionInfos {
  return list(ctx, 'CLOSED', input);
}

/** CountOpenWorkflowExecutions. */
export function countOpenWorkflowExecutions(ctx: Ctx, input: ExecutionFilters): { count: number; truncated: boolean } {
  return count(ctx, 'OPEN', input);
}

/** CountClosedWorkflowExecutions. */
export function countClosedWorkflowExecutions(
  ctx: Ctx,
  input: ExecutionFilters,
): { count: number; truncated: boolean } {
  return count(ctx, 'CLOSED', input);
}
