/**
 * The filters of List/Count Open/Closed WorkflowExecutions as SQL, with SWF's rules: executionFilter,
 * typeFilter, tagFilter (and closeStatusFilter for closed runs) are mutually exclusive; a closed
 * listing takes exactly one of startTimeFilter and closeTimeFilter.
 */
import { SwfFault } from '../faults.js';
import { fromWireTime } from './durations.js';
import type { ExecutionTimeFilter, ListClosedWorkflowExecutionsInput } from '../model/wire-types.js';

/**
 * The filter members of the four operations: ListClosedWorkflowExecutions has them all; the open
 * listings and both counts have a subset.
 */
export type ExecutionFilters = Pick<
  ListClosedWorkflowExecutionsInput,
  | 'domain'
  | 'startTimeFilter'
  | 'closeTimeFilter'
  | 'executionFilter'
  | 'typeFilter'
  | 'tagFilter'
  | 'closeStatusFilter'
>;

/** A WHERE clause with its parameters and the column the results are ordered by. */
export interface FilterSql {
  where: string;
  params: unknown[];
  orderBy: 'start_ts' | 'close_ts';
}

function timeRange(column: string, f: ExecutionTimeFilter, where: string[], params: unknown[]): void {
  where.push(`${column} >= ?`);
  params.push(fromWireTime(f.oldestDate));
  if (f.latestDate !== undefined && f.latestDate !== null) {
    where.push(`${column} <= ?`);
    params.push(fromWireTime(f.latestDate));
  }
}

/** Builds the SQL of a listing's filters; a forbidden combination is a ValidationException. */
export function filterSql(status: 'OPEN' | 'CLOSED', f: ExecutionFilters): FilterSql {
  const exclusive = [
    f.executionFilter,
    f.typeFilter,
    f.tagFilter,
    status === 'CLOSED' ? f.closeStatusFilter : undefined,
  ].filter((x) => x !== undefined && x !== null);
  if (exclusive.length > 1) {
    throw new SwfFault(
      'ValidationException',
      status === 'OPEN'
        ? 'executionFilter, typeFilter and tagFilter are mutually exclusive: specify at most one'
        : 'executionFilter, typeFilter, tagFilter and closeStatusFilter are mutually exclusive: specify at most one',
    );
  }
  const where = ['domain = ?', 'status = ?'];
  const params: unknown[] = [f.domain, status];
  let orderBy: FilterSql['orderBy'] = 'start_ts';
  if (status === 'CLOSED') {
    if (f.startTimeFilter && f.closeTimeFilter) {
      throw new SwfFault(
        'ValidationException',
        'startTimeFilter and closeTimeFilter are mutually exclusive: specify one',
      );
    }
    if (!f.startTimeFilter && !f.closeTimeFilter) {
      throw new SwfFault('ValidationException', 'Either startTimeFilter or closeTimeFilter must be specified');
    }
    if (f.closeTimeFilter) {
      timeRange('close_ts', f.closeTimeFilter, where, params);
      orderBy = 'close_ts';
    }
  }
  if (f.startTimeFilter) timeRange('start_ts', f.startTimeFilter, where, params);
  if (f.executionFilter) {
    where.push('workflow_id = ?');
    params.push(f.executionFilter.workflowId);
  }
  if (f.typeFilter) {
    where.push('type_name = ?');
    params.push(f.typeFilter.name);
    if (f.typeFilter.version) {
      where.push('type_version = ?');
      params.push(f.typeFilter.version);
    }
  }
  if (f.tagFilter) {
    where.push('EXISTS (SELECT 1 FROM json_each(executions.tag_list) WHERE json_each.value = ?)');
    params.push(f.tagFilter.tag);
  }
  if (status === 'CLOSED' && f.closeStatusFilter) {
    where.push('close_status = ?');
    params.push(f.closeStatusFilter.status);
  }
  return { where: where.join(' AND '), params, orderBy };
}
