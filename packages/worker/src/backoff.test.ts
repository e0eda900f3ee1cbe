import { describe, expect, it } from 'vitest';
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

  it('sleep ends early when its signal aborts', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const waiting = sleep(10_000, controller.signal);
    controller.abort();
    await waiting;
    expect(Date.now() - started).toBeLessThan(1000);
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
