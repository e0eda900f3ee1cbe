// A decision task ends only when workflow code has nothing left to run. The drain proves it by
// sentinel microtasks when no promise job ran behind them, and falls back to a macrotask turn when
// a queueMicrotask or nextTick callback was queued (they run no promise hook) or the rounds run out.
// Each way of queuing work between an activity's result and the next command must still reach the
// next command within the same decision task, whole and slice by slice.
import { describe, expect, it } from 'vitest';
import { HistoryBuilder } from '../test-support/history-builder.js';
import { both } from '../test-support/both-paths.js';
import { summarize } from '../test-support/run.js';
import { scheduleActivity } from './activity-command.js';

const A = (name: string): { activityType: { name: string; version: string }; args: unknown[] } => ({
  activityType: { name, version: '1.0' },
  args: [],
});

async function chain(depth: number): Promise<void> {
  for (let i = 0; i < depth; i++) await Promise.resolve();
}

const WAYS: Record<string, () => Promise<unknown>> = {
  'a short await chain': () => chain(5),
  'an await chain longer than the sentinel rounds': () => chain(300),
  queueMicrotask: () => new Promise<void>((resolve) => queueMicrotask(resolve)),
  'process.nextTick': () => new Promise<void>((resolve) => process.nextTick(resolve)),
  'a nextTick queued from inside a microtask chain': async () => {
    await chain(3);
    await new Promise<void>((resolve) => queueMicrotask(() => process.nextTick(resolve)));
  },
  'a thenable of its own': async () => {
    await { then: (resolve: (v: number) => void) => resolve(1) };
  },
  'a promise resolved with a promise': () => new Promise((resolve) => resolve(chain(4))),
  'a thenable that resolves from a microtask': async () => {
    await { then: (resolve: (v: number) => void) => queueMicrotask(() => resolve(1)) };
  },
  'nested nextTicks': () =>
    new Promise<void>((resolve) => process.nextTick(() => process.nextTick(() => process.nextTick(resolve)))),
};

describe('the drain reaches the next command whatever was queued before it', () => {
  it.each(Object.keys(WAYS))('%s', async (way) => {
    const wait = WAYS[way] as () => Promise<unknown>;
    async function stepper(): Promise<string> {
      await scheduleActivity(A('First'));
      await wait();
      await chain(40); // longer than what the executor does after the drain: a drain ended early shows
      await scheduleActivity(A('Second'));
      await wait();
      await chain(40);
      return 'done';
    }
    const h = new HistoryBuilder().start('stepper').decisionTask();
    h.activityCompleted(h.scheduled('First', 'activity-1', h.completed()));
    h.decisionTask();
    const out = await both(h, { stepper });
    expect(summarize(out.decisions)).toEqual(['ScheduleActivityTask Second']);

    h.activityCompleted(h.scheduled('Second', 'activity-2', h.completed()));
    h.decisionTask();
    const end = await both(h, { stepper });
    expect(end.status).toBe('COMPLETED');
    expect(end.result).toBe('done');
  });

  it('a condition that holds only after such work is resolved in the same task', async () => {
    const { condition } = await import('../api/condition.js');
    async function waiter(): Promise<void> {
      let ready = false;
      void (async () => {
        await scheduleActivity(A('First'));
        await new Promise<void>((resolve) => process.nextTick(resolve));
        await chain(40);
        ready = true;
      })();
      await condition(() => ready);
      await scheduleActivity(A('After'));
    }
    const h = new HistoryBuilder().start('waiter').decisionTask();
    h.activityCompleted(h.scheduled('First', 'activity-1', h.completed()));
    h.decisionTask();
    const out = await both(h, { waiter });
    expect(summarize(out.decisions)).toEqual(['ScheduleActivityTask After']);
  });
});
