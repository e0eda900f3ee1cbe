import { silentLogger, type Logger } from '@swf-flow/common';
import { ManualClock } from '@swf-flow/server';
import type { OutstandingWork, TaskListWork } from '@swf-flow/server/embedding';
import { describe, expect, it, vi } from 'vitest';
import { TimeSkipper } from './time-skipper.js';

const T0 = Date.UTC(2026, 0, 1);

/** A fake service: a list of deadlines on the clock, and tasks the test sets. */
function fakeService(options: { served?: boolean; logger?: Logger; heldWarningMs?: number } = {}) {
  const clock = new ManualClock(T0);
  const state = { tasks: [] as TaskListWork[], writes: 0, fired: [] as number[] };
  const deadlines: number[] = [];
  const at = (ms: number): void => {
    deadlines.push(T0 + ms);
    clock.schedule(T0 + ms, () => {
      deadlines.splice(deadlines.indexOf(T0 + ms), 1);
      state.fired.push(clock.now() - T0);
    });
  };
  const work = (): OutstandingWork => ({
    tasks: state.tasks,
    nextDeadline: deadlines.length ? Math.min(...deadlines) : undefined,
  });
  const skipper = new TimeSkipper({
    clock,
    work,
    isServed: () => options.served ?? true,
    writesInFlight: () => state.writes,
    logger: options.logger ?? silentLogger,
    checkIntervalMs: 1,
    ...(options.heldWarningMs !== undefined ? { heldWarningMs: options.heldWarningMs } : {}),
  });
  return { clock, state, at, skipper };
}

const task = (ready: number, started: number): TaskListWork => ({
  kind: 'activity',
  domain: 'd',
  taskList: 'tl',
  ready,
  started,
});
const realDelay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('TimeSkipper', () => {
  it('is idle only with no started task, no served ready task and no write in flight', () => {
    const { state, skipper } = fakeService();
    expect(skipper.isIdle()).toBe(true);
    state.tasks = [task(1, 0)];
    expect(skipper.isIdle()).toBe(false);
    state.tasks = [task(0, 1)];
    expect(skipper.isIdle()).toBe(false);
    state.tasks = [];
    state.writes = 1;
    expect(skipper.isIdle()).toBe(false);
  });

  it('ignores ready tasks that no running worker polls', () => {
    const { state, skipper } = fakeService({ served: false });
    state.tasks = [task(3, 0)];
    expect(skipper.isIdle()).toBe(true);
    state.tasks = [task(3, 1)];
    expect(skipper.isIdle()).toBe(false);
  });

  it('jumps to each deadline while a result is awaited and the service is idle', async () => {
    const { state, at, skipper } = fakeService();
    at(60_000);
    at(3_600_000);
    await skipper.whileAwaiting(async () => {
      while (state.fired.length < 2) await realDelay(1);
    });
    expect(state.fired).toEqual([60_000, 3_600_000]);
  });

  it('does not move time while a task is held', async () => {
    const { clock, state, at, skipper } = fakeService();
    at(60_000);
    state.tasks = [task(0, 1)];
    await skipper.whileAwaiting(() => realDelay(30));
    expect(clock.now()).toBe(T0);
  });

  it('does not move time when nothing awaits a result', async () => {
    const { clock, at } = fakeService();
    at(60_000);
    await realDelay(20);
    expect(clock.now()).toBe(T0);
  });

  it('sleep() stops at each deadline on the way and ends exactly at the target', async () => {
    const { clock, state, at, skipper } = fakeService();
    at(1_000);
    at(5_000);
    at(20_000);
    await skipper.sleep(10_000);
    expect(state.fired).toEqual([1_000, 5_000]);
    expect(clock.now()).toBe(T0 + 10_000);
    await expect(skipper.sleep(-1)).rejects.toThrow(RangeError);
  });

  it('warns once when time has been held back too long', async () => {
    const warnings: string[] = [];
    const logger: Logger = { ...silentLogger, warn: (m) => void warnings.push(m) };
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }); // 60 ms held, exactly, whatever the load
    try {
      const { state, skipper } = fakeService({ logger, heldWarningMs: 10 });
      state.tasks = [task(0, 1)];
      const waiting = skipper.whileAwaiting(() => realDelay(60));
      await vi.advanceTimersByTimeAsync(9);
      expect(warnings).toEqual([]);
      await vi.advanceTimersByTimeAsync(51);
      await waiting;
    } finally {
      vi.useRealTimers();
    }
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/held back .*activity task list tl: 1 started, 0 ready/);
  });
});
