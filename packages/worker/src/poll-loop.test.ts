import { silentLogger, type Logger } from '@swf-flow/common';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runPollLoop } from './poll-loop.js';
import { Semaphore } from './semaphore.js';

describe('runPollLoop', () => {
  afterEach(() => void vi.useRealTimers());

  it('backs off after failed polls, resets after a success and stops on abort after finishing tasks', async () => {
    // Fake timers and Date: the gaps between polls are exactly the back-off sleeps, whatever the load.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const controller = new AbortController();
    const warnings: string[] = [];
    const logger: Logger = { ...silentLogger, warn: (m) => warnings.push(m) };
    let polls = 0;
    const handled: number[] = [];
    const pollTimes: number[] = [];
    const loop = runPollLoop<number>({
      name: 'test poller',
      pollers: 1,
      slots: new Semaphore(1),
      signal: controller.signal,
      backoffInitialMs: 20,
      backoffMaxMs: 40,
      logger,
      poll: async () => {
        polls += 1;
        pollTimes.push(Date.now());
        if (polls <= 3) throw new Error('service unavailable');
        if (polls === 4) return 42;
        controller.abort();
        return undefined;
      },
      handle: async (task) => {
        await new Promise((r) => setTimeout(r, 20));
        handled.push(task);
      },
    });
    await vi.runAllTimersAsync();
    await loop;
    expect(handled).toEqual([42]);
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(/test poller: poll failed; retrying in \d+ ms/);
    // Three back-offs with jitter in [delay/2, delay]: 20 ms, then 40, then 40 (the bound).
    const gaps = pollTimes.slice(1).map((t, i) => t - pollTimes[i]!);
    expect(gaps).toHaveLength(4);
    expect(gaps[0]).toBeGreaterThanOrEqual(10);
    expect(gaps[0]).toBeLessThanOrEqual(20);
    for (const gap of gaps.slice(1, 3)) {
      expect(gap).toBeGreaterThanOrEqual(20);
      expect(gap).toBeLessThanOrEqual(40);
    }
    expect(gaps[3]).toBe(20); // after the success, no back-off: the next poll waits only for the one slot, held by the 20 ms task
  });

  it('holds a slot while a task runs, so no more tasks are taken than the limit', async () => {
    const controller = new AbortController();
    const slots = new Semaphore(2);
    let running = 0;
    let maxRunning = 0;
    let taken = 0;
    await runPollLoop<number>({
      name: 'p',
      pollers: 4,
      slots,
      signal: controller.signal,
      backoffInitialMs: 1,
      backoffMaxMs: 1,
      logger: silentLogger,
      poll: async () => {
        taken += 1;
        if (taken >= 10) controller.abort();
        return taken;
      },
      handle: async () => {
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        await new Promise((r) => setTimeout(r, 5));
        running -= 1;
      },
    });
    expect(maxRunning).toBeLessThanOrEqual(2);
    expect(running).toBe(0);
    expect(slots.used).toBe(0);
  });
  it("runs a task's microtask work (its answer) before the poller's next request", async () => {
    const controller = new AbortController();
    const order: string[] = [];
    let polls = 0;
    await runPollLoop<number>({
      name: 'p',
      pollers: 1,
      slots: new Semaphore(2),
      signal: controller.signal,
      backoffInitialMs: 1,
      backoffMaxMs: 1,
      logger: silentLogger,
      poll: async () => {
        polls += 1;
        order.push(`poll ${polls}`);
        if (polls === 3) controller.abort();
        return polls === 3 ? undefined : polls;
      },
      // A replay and its answer: many promise hops and a tick, no I/O until the answer is written.
      handle: async (task) => {
        for (let i = 0; i < 50; i++) await Promise.resolve();
        await new Promise<void>((r) => process.nextTick(r));
        order.push(`answer ${task}`);
      },
    });
    expect(order).toEqual(['poll 1', 'answer 1', 'poll 2', 'answer 2', 'poll 3']);
  });
});
