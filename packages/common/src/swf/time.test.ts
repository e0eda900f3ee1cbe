import { describe, expect, it } from 'vitest';
import { InvalidHistoryError } from '../errors.js';
import { epochMillis, eventTimestampMillis } from './time.js';

describe('epochMillis', () => {
  it.each([
    ['epoch seconds with a fraction (the AWS CLI)', 1.492443961284e9, 1_492_443_961_284],
    ['epoch seconds as a string', '1492443961.284', 1_492_443_961_284],
    ['epoch milliseconds (not the year 49263)', 1_492_443_961_284, 1_492_443_961_284],
    ['epoch milliseconds as a string', '1492443961284', 1_492_443_961_284],
    ['ISO-8601', '2017-04-17T15:46:01.284Z', 1_492_443_961_284],
    ['a Date', new Date(1_492_443_961_284), 1_492_443_961_284],
    ['seconds just below the boundary (the year 5138)', 99_999_999_999, 99_999_999_999_000],
  ])('%s', (_what, value, ms) => {
    expect(epochMillis(value)).toBe(ms);
  });

  it.each([['yesterday'], [''], [Number.NaN], [null], [{}]])('%j is unreadable (NaN)', (value) => {
    expect(epochMillis(value)).toBeNaN();
  });

  it('a numeric string is read as the number it spells (seconds or milliseconds by magnitude), whitespace around it allowed', () => {
    expect(epochMillis(' 1492443961.284 ')).toBe(epochMillis(1492443961.284));
    expect(epochMillis('1492443961284')).toBe(epochMillis(1492443961284));
  });
});

describe('eventTimestampMillis', () => {
  it('reads what epochMillis reads', () => {
    expect(eventTimestampMillis('1492443961.284', 'event 1')).toBe(1_492_443_961_284);
  });

  it('names the event of an unreadable timestamp as a history problem', () => {
    const read = (): number => eventTimestampMillis('yesterday', 'event 7 (TimerFired)');
    expect(read).toThrow(InvalidHistoryError);
    expect(read).toThrow('event 7 (TimerFired): eventTimestamp "yesterday" is not a Date, epoch seconds');
  });
});
