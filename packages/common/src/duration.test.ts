import { describe, expect, it } from 'vitest';
import { expectTypeOf } from 'vitest';
import {
  fromSwfTimeout,
  isDuration,
  parseDuration,
  toSwfTimeout,
  toRunTimeout,
  toActivityTimeout,
  type Duration,
  type DurationString,
} from './duration.js';
import { ValidationError } from './errors.js';

describe('durations', () => {
  it.each([
    [5000, 5000],
    ['250ms', 250],
    ['30s', 30_000],
    ['5 minutes', 300_000],
    ['1.5h', 5_400_000],
    ['1 day', 86_400_000],
    ['2w', 1_209_600_000],
    ['1500', 1500],
  ] as Array<[Duration, number]>)('parseDuration(%j) = %d ms', (input, ms) => {
    expect(parseDuration(input)).toBe(ms);
    expect(isDuration(input)).toBe(true);
  });

  it.each([[-1], [Number.NaN], ['soon'], ['5 fortnights'], [''], [{}]])(
    'rejects %j with a message that says how to write it',
    (input) => {
      expect(() => parseDuration(input as never, 'heartbeatTimeout')).toThrow(ValidationError);
      expect(() => parseDuration(input as never, 'heartbeatTimeout')).toThrow(/heartbeatTimeout/);
      expect(isDuration(input)).toBe(false);
    },
  );

  it('toSwfTimeout rounds up to whole seconds and passes NONE through', () => {
    expect(toSwfTimeout('5 minutes')).toBe('300');
    expect(toSwfTimeout(1500)).toBe('2');
    expect(toSwfTimeout('NONE')).toBe('NONE');
    expect(toSwfTimeout(null)).toBe('NONE');
    expect(toSwfTimeout(undefined)).toBeUndefined();
  });

  it('toSwfTimeout refuses what SWF cannot carry: more than 8 digits of seconds', () => {
    expect(toSwfTimeout(99_999_999_000)).toBe('99999999');
    expect(() => toSwfTimeout('1200 days', 'startToCloseTimeout')).toThrow(
      new ValidationError(
        'startToCloseTimeout is 103680000 seconds; SWF accepts at most 99999999 seconds (8 digits, about 3.17 years)',
      ),
    );
  });

  it("toRunTimeout is toSwfTimeout that refuses 0 seconds (a new run's timeouts), naming the option", () => {
    expect(toRunTimeout('10m', 'taskStartToCloseTimeout')).toBe('600');
    expect(toRunTimeout(1, 'taskStartToCloseTimeout')).toBe('1'); // 1 ms rounds up to a second
    expect(toRunTimeout('NONE')).toBe('NONE');
    expect(toRunTimeout(undefined)).toBeUndefined();
    for (const zero of [0, '0s', '0 minutes'] as const)
      expect(() => toRunTimeout(zero, 'taskStartToCloseTimeout')).toThrow(
        new ValidationError(
          "taskStartToCloseTimeout is 0 seconds; a new run's timeouts need at least 1 second (at 0 the run, or each of its decision tasks, would time out as it starts)",
        ),
      );
  });

  it("toActivityTimeout refuses 0 seconds (every attempt would time out at once), pointing to 'NONE'", () => {
    expect(toActivityTimeout('30s', 'heartbeatTimeout')).toBe('30');
    expect(toActivityTimeout(null)).toBe('NONE');
    expect(() => toActivityTimeout(0, 'heartbeatTimeout')).toThrow(
      new ValidationError(
        "heartbeatTimeout is 0 seconds; an activity task's timeouts need at least 1 second, and no limit is 'NONE' (or null), not 0 (at 0 every attempt would time out at once)",
      ),
    );
  });

  it('fromSwfTimeout reads SWF strings back as ms', () => {
    expect(fromSwfTimeout('300')).toBe(300_000);
    expect(fromSwfTimeout('NONE')).toBeUndefined();
    expect(fromSwfTimeout(undefined)).toBeUndefined();
  });
});

describe('the Duration type', () => {
  it('accepts numbers of ms and strings with a known unit, with or without a space', () => {
    expectTypeOf(5000).toExtend<Duration>();
    expectTypeOf<'30s'>().toExtend<Duration>();
    expectTypeOf<'5 minutes'>().toExtend<Duration>();
    expectTypeOf<'1 day'>().toExtend<Duration>();
    expectTypeOf<'1.5h'>().toExtend<Duration>();
    expectTypeOf<'250ms'>().toExtend<Duration>();
    expectTypeOf<'10 Seconds'>().toExtend<Duration>();
    expectTypeOf<'2W'>().toExtend<Duration>();
    expectTypeOf<'1500'>().toExtend<DurationString>();
    const ok: Duration[] = ['30s', '5 minutes', '1 day', 250, '1500'];
    expect(ok.map((d) => parseDuration(d))).toEqual([30_000, 300_000, 86_400_000, 250, 1500]);
  });

  it('makes a typo a compile error, and the run-time check rejects the same values', () => {
    expectTypeOf<'5 minuts'>().not.toExtend<Duration>();
    expectTypeOf<'soon'>().not.toExtend<Duration>();
    expectTypeOf<'minutes'>().not.toExtend<Duration>();
    expectTypeOf<string>().not.toExtend<Duration>();
    // @ts-expect-error '5 minuts' is not a duration
    const typo: Duration = '5 minuts';
    // @ts-expect-error a unit without a number
    const noNumber: Duration = 'seconds';
    expect(() => parseDuration(typo)).toThrow(/cannot read '5 minuts' as a duration/);
    expect(() => parseDuration(noNumber)).toThrow(/cannot read 'seconds' as a duration/);
  });

  it('isDuration narrows a string read at run time', () => {
    const raw: string = ['45s'].join('');
    if (!isDuration(raw)) throw new Error('unreachable');
    expectTypeOf(raw).toExtend<Duration>();
    expect(parseDuration(raw)).toBe(45_000);
  });
});
