import { afterEach, describe, expect, it, vi } from 'vitest';
import { Backoff, sleep } from './backoff.js';
import { Semaphore } from './semaphore.js';

describe('Backoff', () => {
  it('doubles up to the bound, with jitter within [delay/2, delay], and resets', () => {
    const high = new Backoff(100, 1000, () => 1);
    expect([1, 2, 3, 4, 5, 6].map(() => high.next())).toEqual([100, 200, 400, 800, 1000, 1000]);
    const low = new Backoff(100, 1000, () => 0);
    expect([1, 2, 3].map(() => low.next())).toEqual([50, 100, 200]);
    high.reset();
    expect(high.consecutiveFailures).toBe(0);
    expect(high.next()).toBe(100);
  });

  it('never exceeds the bound after many failures', () => {
    const b = new Backoff(200, 30_000);
    for (let i = 0; i < 100; i += 1) expect(b.next()).toBeLessThanOrEqual(30_000);
  });

  afterEach(() => void vi.useRealTimers());

  it('sleep ends when its time is up, or at once when its signal aborts, clearing its timer', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let slept = false;
    const full = sleep(10_000).then(() => (slept = true));
    await vi.advanceTimersByTimeAsync(9_999);
    expect(slept).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await full;
    const controller = new AbortController();
    let woke = false;
    const waiting = sleep(10_000, controller.signal).then(() => (woke = true));
    expect(vi.getTimerCount()).toBe(1);
    controller.abort();
    await waiting; // no fake time has passed: only the abort can have ended it
    expect(woke).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('Semaphore', () => {
  it('hands slots out up to capacity and passes released ones to waiters in order', async () => {
    const s = new Semaphore(1);
    expect(await s.acquire()).toBe(true);
    const order: number[] = [];
    const second = s.acquire().then((ok) => order.push(ok ? 2 : -2));
    const third = s.acquire().then((ok) => order.push(ok ? 3 : -3));
    s.release();
    await second;
    s.release();
    await third;
    expect(order).toEqual([2, 3]);
    expect(s.used).toBe(1);
  });

  it('acquire gives up when its signal aborts', async () => {
    const s = new Semaphore(1);
    await s.acquire();
    const controller = new AbortController();
    const waiting = s.acquire(controller.signal);
    controller.abort();
    expect(await waiting).toBe(false);
    s.release();
    expect(s.used).toBe(0);
  });
});
