// History problems are reported as what they are (InvalidHistoryError), not as code changes:
// epoch-millisecond timestamps are read as such, an event that refers to a missing event, one page
// of a paged history, and a history cut inside a decision task's decisions.
import { describe, expect, it } from 'vitest';
import { InvalidHistoryError, NonDeterminismError, normalizeHistory, type HistoryEvent } from '@swf-flow/common';
import { WorkflowExecutor } from './executor.js';
import { scheduleActivity } from './runtime/activity-command.js';
import { replaySliced } from './test-support/both-paths.js';
import { HistoryBuilder } from './test-support/history-builder.js';
import { replay } from './test-support/run.js';

const act = (name: string): Promise<unknown> => scheduleActivity({ activityType: { name, version: '1.0' }, args: [] });
const failure = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

async function ab(): Promise<void> {
  await Promise.all([act('A'), act('B')]);
}

describe('timestamps', () => {
  const START = Date.UTC(2017, 3, 17, 15, 46, 1, 284);
  let seen: number[] = [];
  async function clock(): Promise<void> {
    seen.push(Date.now());
    await act('A');
    seen.push(Date.now());
  }
  const history = (stamp: (ms: number) => unknown): unknown[] => {
    const h = new HistoryBuilder(START).start('clock').decisionTask();
    h.activityCompleted(h.scheduled('A', 'activity-1', h.completed()));
    h.decisionTask();
    return h.events.map((e) => ({ ...e, eventTimestamp: stamp((e.eventTimestamp as Date).getTime()) }));
  };

  it.each([
    ['epoch seconds (the AWS CLI)', (ms: number) => ms / 1000],
    ['epoch seconds as a string', (ms: number) => String(ms / 1000)],
    ['epoch milliseconds (some tools)', (ms: number) => ms],
    ['epoch milliseconds as a string', (ms: number) => String(ms)],
    ['ISO-8601', (ms: number) => new Date(ms).toISOString()],
  ])('%s: the workflow sees the recorded times, not the year 49263', async (_what, stamp) => {
    for (const events of [normalizeHistory(history(stamp)), history(stamp) as HistoryEvent[]]) {
      seen = [];
      const r = await new WorkflowExecutor({ workflows: clock }).processEvents(events);
      expect(r.status).toBe('COMPLETED');
      expect(seen).toEqual([START + 2000, START + 8000]);
    }
  });

  it('an unreadable timestamp is an InvalidHistoryError naming the event', async () => {
    const events = history((ms) => ms / 1000);
    (events[2] as Record<string, unknown>).eventTimestamp = 'yesterday';
    expect(() => normalizeHistory(events)).toThrow(InvalidHistoryError);
    const err = await failure(new WorkflowExecutor({ workflows: clock }).processEvents(events as HistoryEvent[]));
    expect(err).toBeInstanceOf(InvalidHistoryError);
    expect((err as Error).message).toMatch(/event 3 \(DecisionTaskStarted\): eventTimestamp "yesterday"/);
  });
});

describe('an event that refers to a missing event', () => {
  const rows: [string, (h: HistoryBuilder) => void, RegExp][] = [
    [
      'an activity outcome naming no event',
      (h) => void h.add('ActivityTaskCompleted', { scheduledEventId: 99, startedEventId: 0 }),
      /event 6 \(ActivityTaskCompleted\) refers to event 99 as its scheduledEventId.*no event 99 comes before it/,
    ],
    [
      'an activity outcome naming a timer',
      (h) => void h.add('ActivityTaskCompleted', { scheduledEventId: 5, startedEventId: 0 }),
      /refers to event 5 as its scheduledEventId \(ActivityTaskScheduled\), but event 5 is a TimerStarted/,
    ],
    [
      'a timer firing for a later event',
      (h) => void h.add('TimerFired', { timerId: 'timer-1', startedEventId: 7 }),
      /refers to event 7 as its startedEventId.*no event 7 comes before it/,
    ],
    [
      'a decision naming no DecisionTaskCompleted',
      (h) =>
        void h.add('TimerStarted', { timerId: 'timer-2', startToFireTimeout: '1', decisionTaskCompletedEventId: 3 }),
      /decisionTaskCompletedEventId \(DecisionTaskCompleted\), but event 3 is a DecisionTaskStarted/,
    ],
    [
      'a DecisionTaskCompleted naming another task',
      (h) => void h.add('DecisionTaskCompleted', { scheduledEventId: 2, startedEventId: 5 }),
      /startedEventId \(DecisionTaskStarted\), but event 5 is a TimerStarted/,
    ],
  ];

  it.each(rows)('%s: InvalidHistoryError, on the full replay and the cache path', async (_what, add, message) => {
    async function napper(): Promise<void> {
      await act('never');
    }
    const h = new HistoryBuilder().start('napper').decisionTask();
    h.timerStarted('timer-1', h.completed(), '60');
    add(h);
    h.decisionTask();
    for (const run of [() => replay(h, napper), () => replaySliced(h.events, napper)]) {
      const err = await failure(run());
      expect(err).toBeInstanceOf(InvalidHistoryError);
      expect(err).not.toBeInstanceOf(NonDeterminismError);
      expect((err as Error).message).toMatch(message);
    }
  });
});

describe('one page of a paged history', () => {
  it.each([['nextPageToken'], ['NextToken']])(
    'a history carrying %s is an InvalidHistoryError asking for every page',
    (field) => {
      const h = new HistoryBuilder().start('ab').decisionTask();
      expect(() => normalizeHistory({ events: h.events, [field]: 'AAAA' } as never)).toThrow(
        /one page of 3 events of a longer one.*fetch every page/,
      );
      expect(() => normalizeHistory({ events: h.events, [field]: 'AAAA' } as never)).toThrow(InvalidHistoryError);
    },
  );
});

describe('a history cut inside a decision task’s decisions', () => {
  it('ends after the first of two decisions the code makes for that task: InvalidHistoryError, not NonDeterminismError', async () => {
    const h = new HistoryBuilder().start('ab').decisionTask();
    h.scheduled('A', 'activity-1', h.completed());
    const err = await failure(replay(h, ab));
    expect(err).toBeInstanceOf(InvalidHistoryError);
    expect((err as Error).message).toMatch(
      /ends at event 5, inside the decisions of the decision task completed at event 4.*ScheduleActivityTask B.*pass the whole history/,
    );
  });

  it('the whole task recorded: replays clean', async () => {
    const h = new HistoryBuilder().start('ab').decisionTask();
    const c = h.completed();
    h.scheduled('A', 'activity-1', c);
    h.scheduled('B', 'activity-2', c);
    expect(await replay(h, ab)).toEqual({ decisions: [], status: 'OPEN' });
  });

  it('when the history goes on after the decisions, a missing decision is a NonDeterminismError', async () => {
    const h = new HistoryBuilder().start('ab').decisionTask();
    const s = h.scheduled('A', 'activity-1', h.completed());
    h.add('ActivityTaskStarted', { scheduledEventId: s });
    expect(await failure(replay(h, ab))).toBeInstanceOf(NonDeterminismError);
  });

  it('when the recorded decisions close the run, the history is whole: a NonDeterminismError', async () => {
    async function aThenDone(): Promise<string> {
      void act('A');
      return 'done';
    }
    const h = new HistoryBuilder().start('aThenDone').decisionTask();
    h.add('WorkflowExecutionCompleted', { result: '"done"', decisionTaskCompletedEventId: h.completed() });
    expect(await failure(replay(h, aThenDone))).toBeInstanceOf(NonDeterminismError);
  });
});
