// Events SWF records among a decision task's decision events, as a table. Cancelling an activity
// that no worker has started is one: SWF records ActivityTaskCancelRequested and at once
// ActivityTaskCanceled, then the task's remaining decisions (the local service does the same).
// Each history is replayed whole, slice by slice and in pages (`both`), and must decide the same
// as the unchanged code did; a code change must still be caught.
import { describe, expect, it } from 'vitest';
import { NonDeterminismError } from '@swf-flow/common';
import { defineSignal, setHandler } from '../api/signals.js';
import { both } from '../test-support/both-paths.js';
import { HistoryBuilder } from '../test-support/history-builder.js';
import { replay, summarize } from '../test-support/run.js';
import { scheduleActivity } from './activity-command.js';
import { CancellationScope } from './cancellation-scope.js';
import { sleep } from './timer-command.js';

const act = (name: string): Promise<unknown> => scheduleActivity({ activityType: { name, version: '1.0' }, args: [] });
const ping = defineSignal('ping');

/**
 * Starts `A` in a scope and a timer; when the timer fires, cancels the scope (a
 * RequestCancelActivityTask) and, in the same decision task, schedules `B` and starts a timer. The
 * third task reports how `A` ended (`Saw ...`), and a `ping` signal schedules `Ping`.
 */
async function cancelThenMore(): Promise<void> {
  setHandler(ping, () => void act('Ping').catch(() => undefined));
  const scope = new CancellationScope();
  const a = scope
    .run(() => act('A'))
    .then(
      () => 'ok',
      (err: Error) => `${err.name}/${err.cause instanceof Error ? err.cause.name : ''}`,
    );
  await sleep('1s');
  scope.cancel();
  const b = act('B');
  const t = sleep('1h');
  await act(`Saw ${await a}`);
  await Promise.all([b, t]);
}

/** Events the table places among the second task's decision events; `a` is A's ActivityTaskScheduled. */
interface Row {
  name: string;
  /** Adds events between the ActivityTaskCancelRequested and the decision events after it. */
  between(h: HistoryBuilder, a: number, cancelRequested: number): void;
  /** What the third task decides. */
  next: string[];
}

const ROWS: Row[] = [
  {
    name: 'ActivityTaskCanceled (A was never started)',
    between: (h, a, req) =>
      void h.add('ActivityTaskCanceled', { scheduledEventId: a, latestCancelRequestedEventId: req }),
    next: ['ScheduleActivityTask Saw ActivityFailure/CancelledFailure'],
  },
  {
    name: 'ActivityTaskCanceled and DecisionTaskScheduled',
    between: (h, a, req) => {
      h.add('ActivityTaskCanceled', { scheduledEventId: a, latestCancelRequestedEventId: req });
      h.add('DecisionTaskScheduled', { taskList: { name: 'main' }, startToCloseTimeout: '10' });
    },
    next: ['ScheduleActivityTask Saw ActivityFailure/CancelledFailure'],
  },
  {
    name: 'ActivityTaskStarted and ActivityTaskCompleted (A finished first)',
    between: (h, a) => {
      const started = h.add('ActivityTaskStarted', { scheduledEventId: a, identity: 'test' });
      h.add('ActivityTaskCompleted', { scheduledEventId: a, startedEventId: started, result: '1' });
    },
    next: ['ScheduleActivityTask Saw ok'],
  },
  {
    name: 'WorkflowExecutionSignaled',
    between: (h) => void h.signaled('ping'),
    next: ['ScheduleActivityTask Ping'],
  },
];

/** The history up to the third task; `rest` adds what the second task recorded after its cancel request. */
function history(row: Row, rest: (h: HistoryBuilder, completed: number) => void): HistoryBuilder {
  const h = new HistoryBuilder().start('cancelThenMore').decisionTask();
  let completed = h.completed();
  const a = h.scheduled('A', 'activity-1', completed);
  const timer = h.timerStarted('timer-1', completed, '1');
  h.timerFired('timer-1', timer);
  h.decisionTask();
  completed = h.completed();
  const req = h.add('ActivityTaskCancelRequested', {
    activityId: 'activity-1',
    decisionTaskCompletedEventId: completed,
  });
  row.between(h, a, req);
  rest(h, completed);
  return h;
}

describe('events recorded among a decision task decision events', () => {
  it.each(ROWS)('$name between them: the remaining decisions still match', async (row) => {
    const h = history(row, (h, completed) => {
      h.scheduled('B', 'activity-2', completed);
      h.timerStarted('timer-2', completed, '3600');
    }).decisionTask();
    const out = await both(h, [cancelThenMore]);
    expect(summarize(out.decisions)).toEqual(row.next);
  });

  it.each(ROWS)('$name between them, at the end of a history without a next task', async (row) => {
    const h = history(row, (h, completed) => {
      h.scheduled('B', 'activity-2', completed);
      h.timerStarted('timer-2', completed, '3600');
    });
    const out = await both(h, [cancelThenMore]);
    expect(summarize(out.decisions)).toEqual(row.next);
  });

  it.each(ROWS)('$name between them: a decision the code no longer makes is still caught', async (row) => {
    const h = history(row, (h, completed) => {
      h.scheduled('B', 'activity-2', completed);
      h.timerStarted('timer-2', completed, '3600');
      h.scheduled('C', 'activity-3', completed);
    }).decisionTask();
    const err = await replay(h, [cancelThenMore]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NonDeterminismError);
    expect((err as NonDeterminismError).message).toContain('ActivityTaskScheduled C 1.0');
  });

  it.each(ROWS)('$name between them: a decision the history lacks is still caught', async (row) => {
    const h = history(row, (h, completed) => void h.scheduled('B', 'activity-2', completed)).decisionTask();
    const err = await replay(h, [cancelThenMore]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NonDeterminismError);
    expect((err as NonDeterminismError).message).toMatch(
      /recorded no further decision .* but the code now did StartTimer/,
    );
  });
});
