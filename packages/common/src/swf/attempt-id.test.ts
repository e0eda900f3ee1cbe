import { describe, expect, it } from 'vitest';
import { attemptId, attemptOf } from './attempt-id.js';

describe('the activity attempt id', () => {
  it.each([
    ['charge', 2],
    ['activity-7', 12],
    ['x'.repeat(256), 3],
  ])('attemptOf reads back the attempt attemptId wrote (%#)', (base, attempt) => {
    const id = attemptId(base, attempt);
    expect(id.length).toBeLessThanOrEqual(256);
    expect(id.endsWith(`#${attempt}`)).toBe(true);
    expect(attemptOf(id)).toBe(attempt);
  });

  it('an id without the suffix is the first attempt', () => {
    expect(attemptOf('activity-3')).toBe(1);
    expect(attemptOf('a#b')).toBe(1);
  });
});
