import { silentLogger, type Logger } from '@swf-flow/common';
import { describe, expect, it } from 'vitest';
import { runPollLoop } from './poll-loop.js';
import { Semaphore } from './semaphore.js';

describe('runPollLoop', () => {
  it('backs off after failed polls, resets after a success and stops on abort after finishing tasks', async () => {
    const controller = new AbortController();
    const warnings: string[] = [];
    const logger: Logger = { ...silentLogger, warn: (m) => warnings.push(m) };
    let polls = 0;
    const handled: number[] = [];
    const pollTimes: number[] = [];
    await runPollLoop<number>({
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
    expect(handled).toEqual([42]);
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(/test poller: poll failed; retrying in \d+ ms/);
    // three back-offs of at least 10, 20 and 20 ms
    expect(pollTimes[3]! - pollTimes[0]!).toBeGreaterThanOrEqual(45);
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
});
