import { afterEach, describe, expect, it, vi } from 'vitest';
import { ManualClock, systemClock } from './clock.js';

describe('ManualClock', () => {
  it('advance() runs each due call at its own time, earliest first, then stops at the end', () => {
    const clock = new ManualClock(1_000);
    const seen: Array<[string, number]> = [];
    clock.schedule(1_020, () => seen.push(['b', clock.now()]));
    clock.schedule(1_010, () => {
      seen.push(['a', clock.now()]);
      // Scheduled while time moves: runs at its own time within the same advance.
      clock.schedule(1_015, () => seen.push(['a2', clock.now()]));
      clock.schedule(1_090, () => seen.push(['late', clock.now()]));
    });
    clock.advance(50);
    expect(seen).toEqual([
      ['a', 1_010],
      ['a2', 1_015],
      ['b', 1_020],
    ]);
    expect(clock.now()).toBe(1_050);
    expect(clock.nextDue()).toBe(1_090);
  });

  it('a call scheduled in the past runs soon at the current time, and time never goes back', async () => {
    const clock = new ManualClock(1_000);
    clock.advance(100);
    const seen: number[] = [];
    clock.schedule(1_010, () => seen.push(clock.now()));
    await Promise.resolve();
    expect(seen).toEqual([1_100]);
    clock.schedule(1_020, () => seen.push(clock.now()));
    clock.advance(0);
    expect(seen).toEqual([1_100, 1_100]);
  });
});

describe('systemClock', () => {
  afterEach(() => vi.restoreAllMocks());

  it('never goes back: a wall clock stepped backwards (NTP) holds at the latest time until it catches up', () => {
    const base = systemClock.now() + 60_000;
    const wall = vi.spyOn(Date, 'now');
    wall
      .mockReturnValueOnce(base)
      .mockReturnValueOnce(base - 5_000)
      .mockReturnValueOnce(base + 10);
    // Event timestamps come from now(): a history's timestamps never decrease, as SWF's do not.
    expect([systemClock.now(), systemClock.now(), systemClock.now()]).toEqual([base, base, base + 10]);
  });
});
