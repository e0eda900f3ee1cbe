// A decision task ends only when workflow code has nothing left to run. The drain proves it by
// sentinel microtasks when no promise job ran behind them, and falls back to a macrotask turn when
// a queueMicrotask or nextTick callback was queued (they run no promise hook) or the rounds run out.
// Each way of queuing work between an activity's result and the next command must still reach the
// next command within the same decision task, whole and slice by slice.
import { describe, expect, it } from 'vitest';
import { HistoryBuilder } from '../test-support/history-builder.js';
import { both } from '../test-support/both-paths.js';
import { replay, summarize } from '../test-support/run.js';
import { scheduleActivity } from './activity-command.js';
import { quiescence } from './quiescence.js';
import { storage, type WorkflowStore } from './storage.js';

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

// The hook that counts promise jobs is enabled only while a drain runs, counted across runs. Runs
// replayed side by side (the worker does) overlap their drains and keep each other's rounds busy;
// each must still decide as it does alone. (The next describe pins the counting itself.)
describe('drains of runs replayed side by side', () => {
  it('every run reaches its next command when all ways of queuing work overlap', async () => {
    // Promise jobs only first (no tick, no queueMicrotask: those make every drain take a macrotask
    // turn), so that drains end one by one within the microtasks; then all the ways.
    const jobsOnly = Object.keys(WAYS).filter((way) => !/tick|queueMicrotask|from a microtask/i.test(way));
    const ways = [...jobsOnly, ...jobsOnly, ...Object.keys(WAYS)];
    const runs = ways.map(async (way, i) => {
      const wait = WAYS[way] as () => Promise<unknown>;
      async function stepper(): Promise<string> {
        await scheduleActivity(A('First'));
        await chain((i * 37) % 150);
        await wait();
        await chain(40);
        await scheduleActivity(A('Second'));
        return 'done';
      }
      const h = new HistoryBuilder().start('stepper').decisionTask();
      h.activityCompleted(h.scheduled('First', 'activity-1', h.completed()));
      h.decisionTask();
      return summarize((await replay(h, { stepper })).decisions);
    });
    for (const decisions of await Promise.all(runs)) expect(decisions).toEqual(['ScheduleActivityTask Second']);
  });
});

/**
 * Runs `fn` in a stand-in for a workflow's async context (what `WorkflowRuntime.run` gives workflow
 * code), so that the jobs it queues are workflow code's to the drain. Its escape book lets every
 * promise through: these tests drive the drain itself, not a run.
 */
function inWorkflow<T>(fn: () => T): T {
  const escapes = { activating: true, violation: undefined, owns: () => true };
  return storage.run({ runtime: { escapes }, scope: undefined } as unknown as WorkflowStore, fn);
}

describe('overlapping drains', () => {
  /** A setImmediate the test fires by hand. */
  function held(): { setImmediate: (cb: () => void) => void; fire: () => void } {
    const queued: (() => void)[] = [];
    return { setImmediate: (cb) => void queued.push(cb), fire: () => queued.splice(0).forEach((cb) => cb()) };
  }

  it('one drain ending does not stop another from seeing promise jobs', async () => {
    await quiescence(setImmediate); // the queues are known empty from here
    // A: outlasts the sentinel rounds behind a long chain, then waits for a macrotask turn held back.
    const long = inWorkflow(() => chain(300));
    const a = held();
    let aDone = false;
    const drainA = quiescence(a.setImmediate).then(() => (aDone = true));
    await long;
    // B: nothing runs behind it, it ends at once while A is still waiting.
    await quiescence(held().setImmediate);
    // C: starts while A is still waiting; must not end before the chain queued with it has run.
    let chainDone = false;
    void inWorkflow(() => chain(20).then(() => (chainDone = true)));
    await quiescence(held().setImmediate);
    expect(chainDone).toBe(true);
    expect(aDone).toBe(false);
    a.fire();
    await drainA;
  });
});

// A worker's process runs promise chains and queues ticks and microtasks all the time outside
// workflow code (Node's HTTP, streams, the SDK's middleware). They cannot resume workflow code, so
// they must not keep a drain going round or cost it a macrotask turn. What workflow code queues
// still does: the ways above queue theirs inside the workflow, and the drain must wait for them to
// reach the next command.
describe('work outside workflow code', () => {
  /** Whether a drain started now ends within the microtasks (the macrotask turn it may ask for is never given). */
  async function endsBySentinels(): Promise<string> {
    const drained = quiescence(() => undefined).then(() => 'drained by its sentinels');
    const nextTurn = new Promise<string>((resolve) => setImmediate(() => resolve('still waiting at the next turn')));
    return Promise.race([drained, nextTurn]);
  }

  it('ticks and microtasks queued outside do not make a drain wait for a macrotask turn', async () => {
    await quiescence(setImmediate); // the queues are known empty from here
    process.nextTick(() => undefined);
    queueMicrotask(() => undefined);
    expect(await endsBySentinels()).toBe('drained by its sentinels');
  });

  it('a promise chain outside, longer than the sentinel rounds, does not keep a drain going', async () => {
    await quiescence(setImmediate);
    const outside = chain(300);
    expect(await endsBySentinels()).toBe('drained by its sentinels');
    await outside;
  });

  it('the same chain inside a workflow context does (the drain outlasts its rounds)', async () => {
    await quiescence(setImmediate);
    const inside = inWorkflow(() => chain(300));
    expect(await endsBySentinels()).toBe('still waiting at the next turn');
    await inside;
  });
});
