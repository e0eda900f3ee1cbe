import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { WorkflowExecutor } from './executor.js';
import { scheduleActivity } from './runtime/activity-command.js';
import { uuid4 } from './api/side-effect.js';
import { HistoryBuilder } from './test-support/history-builder.js';
import { replay } from './test-support/run.js';

const START = Date.UTC(2024, 0, 1, 12, 0, 0);

describe('deterministic environment', () => {
  it('Math.random() is the seedrandom sequence of the run id', async () => {
    let values: number[] = [];
    async function dice(): Promise<number[]> {
      values = [Math.random(), Math.random(), Math.random()];
      return values;
    }
    const h = new HistoryBuilder().start('dice').decisionTask();
    const r = await replay(h, dice, { execution: { workflowId: 'w', runId: 'run-1' } });
    const expected = seedrandom('run-1');
    expect(values).toEqual([expected(), expected(), expected()]);
    expect(r.result).toEqual(values);
    // the exact values, pinned: a change in seeding would break every recorded run
    expect(values[0]).toBe(seedrandom('run-1')());
    expect(values[0]).toBe(0.357380729236841);
  });

  it('the sequence starts at the first draw wherever it happens: a later decision task, a run fed in slices', async () => {
    const drawn: number[] = [];
    async function later(): Promise<void> {
      await scheduleActivity({ activityType: { name: 'A', version: '1.0' }, args: [] });
      drawn.push(Math.random(), Math.random());
    }
    const h = new HistoryBuilder().start('later').decisionTask();
    h.activityCompleted(h.scheduled('A', 'activity-1', h.completed()));
    h.decisionTask();
    const { events } = h;
    const cut = events.findIndex((e) => e.eventType === 'DecisionTaskStarted') + 1;
    const executor = new WorkflowExecutor({ workflows: { later }, execution: { workflowId: 'w', runId: 'run-1' } });
    await executor.processEvents(events.slice(0, cut));
    expect(drawn).toEqual([]);
    await executor.processEvents(events.slice(cut));
    const expected = seedrandom('run-1');
    expect(drawn).toEqual([expected(), expected()]);
    expect(drawn[0]).toBe(0.357380729236841);
  });

  it('Date.now() and new Date() give the replayed DecisionTaskStarted time; outside, real time', async () => {
    const seen: number[] = [];
    async function clock(): Promise<void> {
      seen.push(Date.now(), new Date().getTime(), Date.parse(Date()));
      await scheduleActivity({ activityType: { name: 'A', version: '1.0' }, args: [] });
      seen.push(Date.now());
    }
    const h = new HistoryBuilder().start('clock').decisionTask();
    const s = h.scheduled('A', 'activity-1', h.completed());
    h.activityCompleted(s);
    h.decisionTask();
    await replay(h, clock);
    expect(seen).toEqual([START + 2000, START + 2000, START + 2000, START + 8000]);
    expect(Date.now()).toBeGreaterThan(Date.UTC(2025, 0, 1));
    expect(new Date().getTime()).toBeGreaterThan(Date.UTC(2025, 0, 1));
    expect(new Date(0).getTime()).toBe(0);
    expect(new Date(2020, 1, 2)).toBeInstanceOf(Date);
  });

  it('performance.now() counts from the first DecisionTaskStarted and advances with replayed time; outside, real', async () => {
    const seen: number[] = [];
    async function timed(): Promise<void> {
      const t0 = performance.now();
      await scheduleActivity({ activityType: { name: 'A', version: '1.0' }, args: [] });
      seen.push(t0, performance.now(), performance.now() - t0);
    }
    const h = new HistoryBuilder().start('timed').decisionTask();
    h.activityCompleted(h.scheduled('A', 'activity-1', h.completed()));
    h.decisionTask();
    await replay(h, timed);
    expect(seen).toEqual([0, 6000, 6000]);
    // the same run replayed again (another executor) sees the same values
    const again = [...seen];
    seen.length = 0;
    await replay(h, timed);
    expect(seen).toEqual(again);
    const a = performance.now();
    await new Promise<void>((resolve) => setTimeout(resolve, 5));
    expect(performance.now()).toBeGreaterThan(a);
    expect(a).not.toBe(6000);
  });

  it('crypto.randomUUID() and uuid4() are seeded v4 UUIDs; outside workflow code they are real', async () => {
    const run = async (runId: string): Promise<string[]> => {
      let ids: string[] = [];
      async function ids4(): Promise<void> {
        ids = [crypto.randomUUID(), uuid4(), Buffer.from(crypto.getRandomValues(new Uint8Array(8))).toString('hex')];
      }
      await replay(new HistoryBuilder().start('ids4').decisionTask(), ids4, { execution: { workflowId: 'w', runId } });
      return ids;
    };
    const a = await run('run-1');
    expect(await run('run-1')).toEqual(a);
    expect(await run('run-2')).not.toEqual(a);
    expect(a[2]).toMatch(/^[0-9a-f]{16}$/);
    for (const id of a.slice(0, 2))
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(crypto.randomUUID()).not.toBe(crypto.randomUUID());
    expect(Math.random()).not.toBe(seedrandom('run-1')());
  });

  it('real timers still work outside workflow code', async () => {
    await new Promise<void>((resolve) => setTimeout(resolve, 1));
    await new Promise<void>((resolve) => setImmediate(resolve));
  });

  it('two workflows interleaved in one process stay deterministic', async () => {
    const record: Record<string, number[]> = {};
    async function mixer(name: string): Promise<void> {
      const mine: number[] = (record[name] = []);
      mine.push(Math.random(), Date.now(), performance.now());
      await scheduleActivity({ activityType: { name: 'A', version: '1.0' }, args: [] });
      mine.push(Math.random(), Date.now(), performance.now());
    }
    const build = (name: string, offset: number, slow = false): HistoryBuilder => {
      const h = new HistoryBuilder(START + offset).start('mixer', [name]).decisionTask();
      const s = h.scheduled('A', 'activity-1', h.completed());
      if (slow) h.add('ActivityTaskStarted', { scheduledEventId: s, identity: 'slow' }); // one more second
      h.activityCompleted(s);
      h.decisionTask();
      return h;
    };
    const ha = build('a', 0);
    const hb = build('b', 500_000, true);
    const exA = new WorkflowExecutor({ workflows: mixer, execution: { workflowId: 'a', runId: 'run-a' } });
    const exB = new WorkflowExecutor({ workflows: mixer, execution: { workflowId: 'b', runId: 'run-b' } });
    // interleave: both first tasks, then both second tasks, concurrently
    await Promise.all([exA.processEvents(ha.events.slice(0, 3)), exB.processEvents(hb.events.slice(0, 3))]);
    await Promise.all([exA.processEvents(ha.events.slice(3)), exB.processEvents(hb.events.slice(3))]);
    const ra = seedrandom('run-a');
    const rb = seedrandom('run-b');
    expect(record.a).toEqual([ra(), START + 2000, 0, ra(), START + 8000, 6000]);
    expect(record.b).toEqual([rb(), START + 502_000, 0, rb(), START + 509_000, 7000]);
    expect(performance.now()).not.toBe(6000);
  });
});
