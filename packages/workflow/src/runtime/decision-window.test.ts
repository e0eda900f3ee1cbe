// The decision window: events SWF records between a decision task's DecisionTaskStarted and its
// DecisionTaskCompleted were never seen by the decider that made that task's decisions. They are
// applied after those decisions are matched, as the start of the next batch.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { normalizeHistory } from '@swf-flow/common';
import { condition } from '../api/condition.js';
import { defineSignal, setHandler } from '../api/signals.js';
import { WorkflowExecutor } from '../executor.js';
import { CancellationScope } from './cancellation-scope.js';
import { scheduleActivity } from './activity-command.js';
import { sleep } from './timer-command.js';
import { HistoryBuilder } from '../test-support/history-builder.js';
import { both, replaySliced } from '../test-support/both-paths.js';
import { replay, summarize } from '../test-support/run.js';

const act = (name: string): Promise<unknown> => scheduleActivity({ activityType: { name, version: '1.0' }, args: [] });
const cancelSignal = defineSignal('cancel');

/** The order example's shape: steps in a scope that a `cancel` signal (or a cancel request) cancels. */
async function order(): Promise<string> {
  const steps = new CancellationScope();
  setHandler(cancelSignal, () => steps.cancel());
  return steps.run(async () => {
    await act('Verify');
    await act('Charge');
    await act('Ship');
    return 'done';
  });
}

/** Waits an hour unless a `cancel` signal cancels the wait. */
async function napper(): Promise<string> {
  const scope = new CancellationScope();
  setHandler(cancelSignal, () => scope.cancel());
  await scope.run(() => sleep('1h'));
  return 'rested';
}

/** Start, the first task scheduling Verify, Verify completing; returns the builder at the second task. */
function verified(): HistoryBuilder {
  const h = new HistoryBuilder().start('order').decisionTask();
  h.activityCompleted(h.scheduled('Verify', 'activity-1', h.completed()));
  return h.decisionTask();
}

describe('the decision window: the three failures of issue 7', () => {
  it('a cancel signal recorded while the decider worked: ChargeCreditCard matches, then the charge is cancelled', async () => {
    const h = verified();
    h.signaled('cancel');
    h.scheduled('Charge', 'activity-2', h.completed());
    h.decisionTask();
    const r = await both(h, order);
    expect(summarize(r.decisions)).toEqual(['RequestCancelActivityTask activity-2']);
  });

  it('a RequestCancelWorkflowExecution recorded while the decider worked: the same', async () => {
    const h = verified();
    h.add('WorkflowExecutionCancelRequested', { externalInitiatedEventId: 0 });
    h.scheduled('Charge', 'activity-2', h.completed());
    h.decisionTask();
    const r = await both(h, order);
    expect(summarize(r.decisions)).toEqual(['RequestCancelActivityTask activity-2']);
  });

  it('a signal that cancels a timer, recorded while the decider started it: TimerStarted matches, then CancelTimer', async () => {
    const h = new HistoryBuilder().start('napper').decisionTask();
    h.signaled('cancel');
    h.timerStarted('timer-1', h.completed(), '3600');
    h.decisionTask();
    const r = await both(h, napper);
    expect(summarize(r.decisions)).toEqual(['CancelTimer timer-1', 'CancelWorkflowExecution']);
  });
});

describe('the decision window: timed-out tasks, the end of a history, the worker cache', () => {
  it('a task that timed out recorded no decisions: its window and the next task decide together', async () => {
    const h = new HistoryBuilder().start('order').decisionTask();
    h.signaled('cancel');
    h.add('DecisionTaskTimedOut', { scheduledEventId: 2, startedEventId: 3, timeoutType: 'START_TO_CLOSE' });
    h.decisionTask();
    const r = await both(h, order);
    // the timed-out task decided Verify; the next one saw the cancel signal before sending it
    expect(summarize(r.decisions)).toEqual(['CancelWorkflowExecution']);
    h.add('WorkflowExecutionCanceled', { decisionTaskCompletedEventId: h.completed() });
    expect((await both(h, order)).status).toBe('CANCELED');
  });

  it("a timed-out task's decisions are sent again by the next task and matched there", async () => {
    const h = new HistoryBuilder().start('order').decisionTask();
    h.signaled('unhandled');
    h.add('DecisionTaskTimedOut', { scheduledEventId: 2, startedEventId: 3, timeoutType: 'START_TO_CLOSE' });
    h.decisionTask();
    expect(summarize((await both(h, order)).decisions)).toEqual(['ScheduleActivityTask Verify']);
    h.scheduled('Verify', 'activity-1', h.completed());
    expect(await both(h, order)).toEqual({ decisions: [], status: 'OPEN' });
  });

  it('a history that ends while the decider holds the task: the window is not yet seen, the decisions are that task’s', async () => {
    const h = verified();
    h.signaled('cancel');
    const r = await replay(h, order);
    expect(summarize(r.decisions)).toEqual(['ScheduleActivityTask Charge']);
  });

  it('a history whose last event is a DecisionTaskCompleted: its window is the newest batch', async () => {
    const h = new HistoryBuilder().start('napper').decisionTask();
    h.timerStarted('timer-1', h.completed(), '3600');
    h.decisionTask();
    h.signaled('cancel');
    h.completed();
    const r = await replay(h, napper);
    expect(summarize(r.decisions)).toEqual(['CancelTimer timer-1', 'CancelWorkflowExecution']);
  });

  it('the cache path: a slice that ends at DecisionTaskStarted, then one that starts with its window', async () => {
    const h = verified();
    const ex = new WorkflowExecutor({ workflows: order, execution: { workflowId: 'wf-1', runId: 'run-1' } });
    expect(summarize((await ex.processEvents(h.events)).decisions)).toEqual(['ScheduleActivityTask Charge']);
    const from = h.events.length;
    h.signaled('cancel');
    h.scheduled('Charge', 'activity-2', h.completed());
    h.decisionTask();
    const next = await ex.processEvents(h.events.slice(from));
    expect(summarize(next.decisions)).toEqual(['RequestCancelActivityTask activity-2']);
  });

  it('a real SWF history with outcomes recorded in two windows replays the same on both paths', async () => {
    // simpleflow_signals_parallel_activities.json (shared/swf/histories): ActivityTaskCompleted and
    // DecisionTaskScheduled between DecisionTaskStarted 11 and its DecisionTaskCompleted 14, and again 19..22.
    const raw = JSON.parse(
      readFileSync(
        new URL('../../../../test/fixtures/swf-real/simpleflow_signals_parallel_activities.json', import.meta.url),
        'utf8',
      ),
    ) as { events: unknown[] };
    const events = normalizeHistory(raw);
    const sf = (name: string, ...args: unknown[]): Promise<unknown> =>
      scheduleActivity({ activityType: { name: `tests.integration.workflow.${name}`, version: 'example' }, args });
    async function example(): Promise<null> {
      const got = new Set<string>();
      for (const name of ['signal', 'signal 2']) setHandler(defineSignal(name), () => void got.add(name));
      await Promise.all([sf('wait_and_signal'), sf('wait_and_signal', 'signal 2'), condition(() => got.size === 2)]);
      await sf('increment', 1);
      return null;
    }
    const whole = await new WorkflowExecutor({ workflows: example }).processEvents(events);
    const sliced = await replaySliced(events, example);
    expect(whole).toEqual({ decisions: [], status: 'COMPLETED', result: null });
    expect(sliced).toEqual(whole);
  });
});
