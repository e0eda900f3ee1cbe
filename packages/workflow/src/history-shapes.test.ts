import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalizeHistory } from '@swf-flow/common';
import { WorkflowExecutor } from './executor.js';
import { condition } from './api/condition.js';
import { defineSignal, setHandler } from './api/signals.js';
import { scheduleActivity } from './runtime/activity-command.js';
import { HistoryBuilder } from './test-support/history-builder.js';
import { replay, summarize } from './test-support/run.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../../test/fixtures/swf-real/${name}`, import.meta.url), 'utf8'));
const sf = (name: string, ...args: unknown[]): Promise<unknown> =>
  scheduleActivity({ activityType: { name: `tests.integration.workflow.${name}`, version: 'example' }, args });

/** simpleflow's test_wait_signal, ported: two activities signal the workflow; then increment. */
async function example(): Promise<null> {
  const got = new Set<string>();
  for (const name of ['signal', 'signal 2']) setHandler(defineSignal(name), () => void got.add(name));
  await Promise.all([sf('wait_and_signal'), sf('wait_and_signal', 'signal 2'), condition(() => got.size === 2)]);
  await sf('increment', 1);
  return null;
}

describe('real and unusual history shapes', () => {
  it('a real SWF history with decision tasks completing out of the usual order replays clean', async () => {
    const events = normalizeHistory(fixture('simpleflow_signals_parallel_activities.json') as { events: unknown[] });
    const r = await new WorkflowExecutor({ workflows: example }).processEvents(events);
    expect(r).toEqual({ decisions: [], status: 'COMPLETED', result: null });
  });

  it('the same history, fed slice by slice at each DecisionTaskStarted, decides what simpleflow decided', async () => {
    const events = normalizeHistory(fixture('simpleflow_signals_parallel_activities.json') as { events: unknown[] });
    const ex = new WorkflowExecutor({ workflows: example });
    const slices: (typeof events)[] = [];
    let from = 0;
    events.forEach((e, i) => {
      if (e.eventType !== 'DecisionTaskStarted') return;
      slices.push(events.slice(from, i + 1));
      from = i + 1;
    });
    const out: string[][] = [];
    for (const slice of slices) out.push(summarize((await ex.processEvents(slice)).decisions));
    expect(out).toEqual([
      [
        'ScheduleActivityTask tests.integration.workflow.wait_and_signal',
        'ScheduleActivityTask tests.integration.workflow.wait_and_signal',
      ],
      [],
      [],
      [],
      ['ScheduleActivityTask tests.integration.workflow.increment'],
      ['CompleteWorkflowExecution null'],
    ]);
  });

  it('WorkflowExecutionTerminated and WorkflowExecutionTimedOut close the run without running code', async () => {
    for (const [type, status] of [
      ['WorkflowExecutionTerminated', 'TERMINATED'],
      ['WorkflowExecutionTimedOut', 'TIMED_OUT'],
    ] as const) {
      const h = new HistoryBuilder().start('example').decisionTask();
      h.completed();
      h.add(type, { childPolicy: 'TERMINATE' });
      expect(
        await replay(h, async function example() {
          await condition(() => false);
        }),
      ).toEqual({ decisions: [], status });
    }
  });

  it('a history that ends without a DecisionTaskStarted still tells what the code would decide', async () => {
    async function abc(): Promise<void> {
      await scheduleActivity({ activityType: { name: 'A', version: '1.0' }, args: [] });
      await scheduleActivity({ activityType: { name: 'B', version: '1.0' }, args: [] });
    }
    const h = new HistoryBuilder().start('abc');
    h.add('DecisionTaskScheduled', {});
    expect(summarize((await replay(h, abc)).decisions)).toEqual(['ScheduleActivityTask A']);
    h.add('DecisionTaskStarted', { scheduledEventId: 2 });
    const s = h.scheduled(
      'A',
      'activity-1',
      h.add('DecisionTaskCompleted', { scheduledEventId: 2, startedEventId: 3 }),
    );
    h.activityCompleted(s);
    h.add('DecisionTaskScheduled', {});
    expect(summarize((await replay(h, abc)).decisions)).toEqual(['ScheduleActivityTask B']);
  });

  it('reads timestamps given as epoch seconds or ISO strings', async () => {
    let seen = 0;
    async function clock(): Promise<void> {
      seen = Date.now();
    }
    const h = new HistoryBuilder().start('clock').decisionTask();
    const raw = h.events.map((e, i) => ({ ...e, eventTimestamp: i === 2 ? 1.492443961284e9 : '2017-04-17T15:46:00Z' }));
    await new WorkflowExecutor({ workflows: clock }).processEvents(raw as never);
    expect(seen).toBe(1_492_443_961_284);
  });

  it('accepts an empty slice and rejects concurrent calls and use after dispose', async () => {
    const ex = new WorkflowExecutor({ workflows: async function example() {} });
    expect(await ex.processEvents([])).toEqual({ decisions: [], status: 'OPEN' });
    const h = new HistoryBuilder().start('example').decisionTask();
    const first = ex.processEvents(h.events);
    await expect(ex.processEvents([])).rejects.toThrow(/already running/);
    expect((await first).status).toBe('COMPLETED');
    ex.dispose();
    await expect(ex.processEvents([])).rejects.toThrow(/disposed/);
  });
});
