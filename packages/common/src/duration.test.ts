import { describe, expect, it } from 'vitest';
import { fromSwfTimeout, parseDuration, toSwfTimeout } from './duration.js';
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
  ])('parseDuration(%j) = %d ms', (input, ms) => {
    expect(parseDuration(input)).toBe(ms);
  });

  it.each([[-1], [Number.NaN], ['soon'], ['5 fortnights'], [''], [{}]])('rejects %j with a message that says how to write it', (input) => {
    expect(() => parseDuration(input as never, 'heartbeatTimeout')).toThrow(ValidationError);
    expect(() => parseDuration(input as never, 'heartbeatTimeout')).toThrow(/heartbeatTimeout/);
  });

  it('toSwfTimeout rounds up to whole seconds and passes NONE through', () => {
    expect(toSwfTimeout('5 minutes')).toBe('300');
    expect(toSwfTimeout(1500)).toBe('2');
    expect(toSwfTimeout('NONE')).toBe('NONE');
    expect(toSwfTimeout(null)).toBe('NONE');
    expect(toSwfTimeout(undefined)).toBeUndefined();
  });

  it('fromSwfTimeout reads SWF strings back as ms', () => {
    expect(fromSwfTimeout('300')).toBe(300_000);
    expect(fromSwfTimeout('NONE')).toBeUndefined();
    expect(fromSwfTimeout(undefined)).toBeUndefined();
  });
});
