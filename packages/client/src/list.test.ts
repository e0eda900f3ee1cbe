import { describe, expect, it } from 'vitest';
import { type ListFilter, checkListFilter } from './list.js';

describe('checkListFilter', () => {
  const at = new Date('2026-01-01T00:00:00Z');

  it.each<[string, ListFilter]>([
    ['open, by start time', { startedAfter: at, startedBefore: at }],
    ['closed, by close time', { status: 'CLOSED', closedAfter: at }],
    ['closed, by close time and status', { status: 'CLOSED', closedBefore: at, closeStatus: 'FAILED' }],
  ])('accepts %s', (_what, filter) => {
    expect(() => checkListFilter(filter)).not.toThrow();
  });

  it.each<[ListFilter, string]>([
    [{ closedAfter: at }, "closedAfter/closedBefore need status: 'CLOSED'"],
    [
      { status: 'CLOSED', closedAfter: at, startedAfter: at },
      'list filters by start time or by close time, not both (SWF allows one time filter)',
    ],
    [
      { status: 'CLOSED', tag: 't', closeStatus: 'FAILED' },
      'list accepts at most one of workflowId, type, tag and closeStatus',
    ],
  ])('rejects %j', (filter, message) => {
    expect(() => checkListFilter(filter)).toThrow(message);
  });
});
