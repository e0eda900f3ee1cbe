import { silentLogger, type Logger } from '@swf-flow/common';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runPollLoop } from './poll-loop.js';
import { PollBudget, type PollerBounds } from './poller-scaling.js';
import { Semaphore } from './semaphore.js';

const fixed = (n: number): PollerBounds => ({ minimum: n, initial: n, maximum: n });

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
      pollers: fixed(1),
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
      pollers: fixed(4),
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
      pollers: fixed(1),
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

  describe('scaling', () => {
    /**
     * A service of scripted polls: each poll takes the next answer of `script` ('task', 'empty' or
     * 'fail') at once; past the end of the script a poll waits, as a long poll with nothing to hand
     * out does, until the loop is stopped. `open` is the polls waiting now, `most` the most at once.
     */
    function scripted(script: readonly ('task' | 'empty' | 'fail')[]) {
      const state = { next: 0, open: 0, most: 0, waiting: [] as (() => void)[] };
      const poll = (signal: AbortSignal): Promise<number | undefined> => {
        const answer = script[state.next++];
        if (answer === 'task') return Promise.resolve(state.next);
        if (answer === 'empty') return Promise.resolve(undefined);
        if (answer === 'fail') return Promise.reject(new Error('throttled'));
        state.open += 1;
        state.most = Math.max(state.most, state.open);
        return new Promise((resolve) => {
          const end = (): void => {
            state.open -= 1;
            resolve(undefined);
          };
          if (signal.aborted) end();
          else signal.addEventListener('abort', end, { once: true });
          state.waiting.push(end);
        });
      };
      return { state, poll };
    }

    /** Runs a loop over `script` until `polls` are waiting at once (or `until` says so), then stops it. */
    async function run(
      bounds: PollerBounds,
      script: readonly ('task' | 'empty' | 'fail')[],
      waitingAtEnd: number,
      counter = new PollBudget().share(),
    ) {
      const controller = new AbortController();
      const service = scripted(script);
      const handled: number[] = [];
      const loop = runPollLoop<number>({
        name: 'p',
        pollers: bounds,
        counter,
        slots: new Semaphore(100),
        signal: controller.signal,
        backoffInitialMs: 1,
        backoffMaxMs: 1,
        logger: silentLogger,
        poll: service.poll,
        handle: async (task) => void handled.push(task),
      });
      await vi.waitFor(
        () => {
          expect(service.state.next).toBeGreaterThanOrEqual(script.length);
          expect(service.state.open).toBe(waitingAtEnd);
        },
        { timeout: 10_000, interval: 1 },
      );
      const running = counter.size;
      controller.abort();
      await loop;
      return { running, most: service.state.most, handled, after: counter.size };
    }

    it.each([
      // [what, bounds, script, pollers waiting at the end]
      ['a task opens one more poller', { minimum: 1, initial: 1, maximum: 8 }, ['task', 'task'], 3],
      ['tasks open pollers up to the maximum', { minimum: 1, initial: 2, maximum: 5 }, Array(20).fill('task'), 5],
      ['an empty poll closes a poller', { minimum: 1, initial: 4, maximum: 8 }, ['empty', 'empty'], 2],
      [
        'empty polls close pollers down to the minimum',
        { minimum: 2, initial: 6, maximum: 8 },
        Array(9).fill('empty'),
        2,
      ],
      ['a failed poll changes nothing', { minimum: 1, initial: 3, maximum: 8 }, ['fail', 'fail', 'fail'], 3],
      ['a fixed number stays fixed', fixed(3), ['task', 'task', 'empty', 'task', 'empty'], 3],
    ] as const)('%s', async (_what, bounds, script, waiting) => {
      const r = await run(bounds, script, waiting);
      expect(r.running).toBe(waiting);
      expect(r.most).toBe(waiting);
      expect(r.handled).toHaveLength(script.filter((a) => a === 'task').length);
      expect(r.after).toBe(0);
    });

    it("stops scaling up at the budget shared by a worker's loops, and opens configured pollers whatever it says", async () => {
      const budget = new PollBudget(7);
      const other = budget.share();
      for (let i = 0; i < 6; i++) other.open(); // another loop's configured pollers
      // This loop's 2 configured pollers open over the cap; then the budget has room for none.
      const r = await run({ minimum: 1, initial: 2, maximum: 8 }, Array(10).fill('task'), 2, budget.share());
      expect(r.running).toBe(2);
      expect(budget.size).toBe(6); // this loop's pollers are counted back out
      other.close();
      other.close();
      // 4 + 2 configured: room for one more.
      const s = await run({ minimum: 1, initial: 2, maximum: 8 }, Array(10).fill('task'), 3, budget.share());
      expect(s.running).toBe(3);
    });
  });
});
