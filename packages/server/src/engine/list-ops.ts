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
  const offset = input.nextPageToken
    ? Number(decodePageToken<{ offset?: number }>(operation, query, input.nextPageToken).offset ?? 0)
    : 0;
  const dir = input.reverseOrder ? 'ASC' : 'DESC';
  const rows = prep(
    ctx.db,
    `SELECT * FROM executions WHERE ${f.where} ORDER BY ${f.orderBy} ${dir}, rowid ${dir} LIMIT ? OFFSET ?`,
  ).all(...f.params, size + 1, offset) as ExecRow[];
  const out: WorkflowExecutionInfos = {
    executionInfos: rows.slice(0, size).map(executionInfo),
  };
  if (rows.length > size) out.nextPageToken = encodePageToken(operation, query, { offset: offset + size });
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
