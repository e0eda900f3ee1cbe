import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidHistoryError } from '../errors.js';
import { epochMillis, eventTimestampMillis, typedDateMillis } from './time.js';

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

describe('epochMillis in a zone other than UTC', () => {
  const tz = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'Asia/Kolkata';
  });
  afterAll(() => {
    if (tz === undefined) delete process.env.TZ;
    else process.env.TZ = tz;
  });

  it('reads an ISO-8601 timestamp without a zone as UTC, so a history replays to the same times on every machine', () => {
    expect(epochMillis('2017-04-17T15:46:01.284')).toBe(1_492_443_961_284);
    expect(epochMillis('2017-04-17T21:16:01.284+05:30')).toBe(1_492_443_961_284);
    expect(epochMillis('Mon, 17 Apr 2017 15:46:01 GMT')).toBe(1_492_443_961_000); // other forms Date reads
  });

  it.each([
    ['Apr 17 2017 15:46:01', 1_492_443_961_000],
    ['2017/04/17 15:46:01', 1_492_443_961_000],
    ['17 April 2017 15:46', 1_492_443_960_000],
    ['Mon Apr 17 15:46:01 2017', 1_492_443_961_000],
    ['17-Apr-2017 15:46:01', 1_492_443_961_000],
  ])('reads another form Date reads without a zone (%s) as UTC too, not as this machine’s time', (text, ms) => {
    expect(epochMillis(text)).toBe(ms);
  });

  it.each([
    ['Mon Apr 17 15:46:01 UTC 2017', 1_492_443_961_000], // java.util.Date#toString in UTC
    ['Mon Apr 17 11:46:01 EDT 2017', 1_492_443_961_000],
    ['Mon, 17 Apr 2017 17:46:01 +0200', 1_492_443_961_000],
    ['Mon Apr 17 2017 17:46:01 GMT+0200 (Central European Summer Time)', 1_492_443_961_000], // JavaScript's Date#toString
  ])('keeps the zone a form names (%s)', (text, ms) => {
    expect(epochMillis(text)).toBe(ms);
  });
});

describe('typedDateMillis', () => {
  const tz = process.env.TZ;
  // A zone far from UTC, so a date read as local time would be another instant.
  beforeAll(() => {
    process.env.TZ = 'America/New_York';
  });
  afterAll(() => {
    if (tz === undefined) delete process.env.TZ;
    else process.env.TZ = tz;
  });

  it('runs in a zone where a zone-less date-time read as local time would differ', () => {
    expect(Date.parse('2026-01-31T12:00')).not.toBe(Date.UTC(2026, 0, 31, 12));
  });

  it.each([
    ['a date (midnight UTC)', '2026-01-31', Date.UTC(2026, 0, 31)],
    ['a date-time without a zone (UTC)', '2026-01-31T12:00', Date.UTC(2026, 0, 31, 12)],
    ['a space for the T, seconds and a fraction', '2026-01-31 12:00:30.5', Date.UTC(2026, 0, 31, 12, 0, 30, 500)],
    ['Z', '2026-01-31T12:00Z', Date.UTC(2026, 0, 31, 12)],
    ['an offset keeps its zone', '2026-01-31T13:00+01:00', Date.UTC(2026, 0, 31, 12)],
    ['an offset without a colon', '2026-01-31T07:00-0500', Date.UTC(2026, 0, 31, 12)],
    ['whitespace around it', ' 2026-01-31 ', Date.UTC(2026, 0, 31)],
  ])('%s: %j', (_what, text, ms) => {
    expect(typedDateMillis(text)).toBe(ms);
  });

  it.each([
    ['yesterday'],
    [''],
    ['2026-13-01'],
    ['2026-02-30'],
    ['2026-01-31T25:00'],
    ['31/01/2026'],
    ['2026-01-31T12'],
  ])('%j is not a date (NaN)', (text) => {
    expect(typedDateMillis(text)).toBeNaN();
  });
});
