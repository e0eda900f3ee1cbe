import { describe, expect, it } from 'vitest';
import { FilterError, filterArguments, readFilters } from './list-filters.js';

const args = (query: string, state: 'open' | 'closed' = 'closed'): Record<string, unknown> =>
  filterArguments(readFilters(new URLSearchParams(query)), state);

describe('the execution list filters', () => {
  it('turn each filter into the SWF argument of the same meaning', () => {
    expect(args('')).toEqual({ startTimeFilter: { oldestDate: 0 } });
    expect(args('workflowId=w1')).toEqual({
      startTimeFilter: { oldestDate: 0 },
      executionFilter: { workflowId: 'w1' },
    });
    expect(args('type=Order&version=1.0', 'open')).toEqual({
      startTimeFilter: { oldestDate: 0 },
      typeFilter: { name: 'Order', version: '1.0' },
    });
    expect(args('tag=blue')).toEqual({ startTimeFilter: { oldestDate: 0 }, tagFilter: { tag: 'blue' } });
    expect(args('status=FAILED&time=close&from=2026-01-01&to=2026-01-02T12:00')).toEqual({
      closeTimeFilter: { oldestDate: Date.UTC(2026, 0, 1) / 1000, latestDate: Date.UTC(2026, 0, 2, 12) / 1000 },
      closeStatusFilter: { status: 'FAILED' },
    });
  });

  it('a close status chooses the closed list', () => {
    expect(readFilters(new URLSearchParams('status=FAILED')).state).toBe('closed');
    expect(readFilters(new URLSearchParams('')).state).toBeUndefined();
  });

  it('explain the combinations SWF refuses instead of sending them', () => {
    const cases: Array<[string, 'open' | 'closed', RegExp]> = [
      [
        'workflowId=w&tag=t',
        'closed',
        /one of workflow id, type, tag or close status at a time; you gave workflow id and tag/,
      ],
      ['version=1', 'closed', /needs the type name/],
      ['status=FAILED', 'open', /Open executions have no close status/],
      ['time=close', 'open', /Open executions have no close time/],
      ['status=BROKEN', 'closed', /"BROKEN" is not a close status/],
      ['from=yesterday', 'closed', /The from date "yesterday" is not a date/],
      ['from=2026-02-01&to=2026-01-01', 'closed', /before the "from" date/],
    ];
    for (const [query, state, message] of cases) {
      expect(() => args(query, state), query).toThrow(FilterError);
      expect(() => args(query, state), query).toThrow(message);
    }
  });
});
