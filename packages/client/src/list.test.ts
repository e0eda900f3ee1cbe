import { describe, expect, it } from 'vitest';
import { ValidationError } from '@swf-flow/common';
import { type ListFilter, checkListFilter } from './list-filter.js';

describe('checkListFilter', () => {
  const at = new Date('2026-01-01T00:00:00Z');

  it.each<[string, ListFilter]>([
    ['open, by start time', { startedAfter: at, startedBefore: at }],
    ['closed, by close time', { status: 'CLOSED', closedAfter: at }],
    ['closed, by close time and status', { status: 'CLOSED', closedBefore: at, closeStatus: 'FAILED' }],
    // the API model bounds a tag and a type's version at 0 characters, not 1
    ['an empty tag', { tag: '' }],
    ['a type with an empty version', { type: { name: 'W', version: '' } }],
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

  // Each of these went to SWF as written: a key SWF does not know was dropped (a typo listed every
  // execution), a wrong type came back as the wire's 'Expected a timestamp at
  // startTimeFilter.oldestDate', or as a TypeError for null.
  it.each<[string, unknown, RegExp]>([
    ['null', null, /^list filter must be an object like \{ status: 'CLOSED' \}; got null$/],
    ['a string', 'OPEN', /^list filter must be an object .*; got "OPEN"$/],
    [
      'a key it does not know',
      { workflowID: 'w' },
      /^unknown list filter option\(s\): workflowID \(did you mean workflowId\?\); known options are status, .*workflowId/,
    ],
    ['a date as a string', { startedAfter: '2026-01-01' }, /^startedAfter must be a Date; got "2026-01-01"/],
    ['a date as a number', { closedBefore: 5, status: 'CLOSED' }, /^closedBefore must be a Date; got 5/],
    ['an invalid Date', { startedBefore: new Date('x') }, /^startedBefore must be a valid Date; got Invalid Date/],
    ['a type as a string', { type: 'W' }, /^type must be \{ name, version\? \}, e\.g\. \{ name: "W" \}; got "W"/],
    [
      'a type without a name',
      { type: { version: '1' } },
      /^type\.name must be a non-empty string of at most 256 characters; got undefined/,
    ],
    [
      'a type with a number version',
      { type: { name: 'W', version: 1 } },
      /^type\.version must be a string of at most 64 characters; got 1/,
    ],
    ['a tag that is a number', { tag: 5 }, /^tag must be a string of at most 256 characters; got 5/],
    ['an empty workflow id', { workflowId: '' }, /workflowId/],
    ['newestFirst as a string', { newestFirst: 'no' }, /^newestFirst must be true or false; got "no"/],
    [
      'a close status SWF does not have',
      { status: 'CLOSED', closeStatus: 'BOGUS' },
      /^closeStatus must be one of COMPLETED, FAILED, CANCELED, TERMINATED, CONTINUED_AS_NEW, TIMED_OUT; got "BOGUS"/,
    ],
  ])('refuses %s, naming the option', (_what, filter, message) => {
    expect(() => checkListFilter(filter as ListFilter)).toThrow(ValidationError);
    expect(() => checkListFilter(filter as ListFilter)).toThrow(message);
  });
});
