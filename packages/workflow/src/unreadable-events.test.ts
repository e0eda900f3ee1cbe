// An event the replayer cannot read is refused, naming the event and what to do, never skipped:
// an event type that is not one of SWF's 54 (a history written by hand, by another system, or by
// an SWF newer than this swf-flow), and an event without a member SWF always records and the
// replayer reads to know what the event is about (an outcome without the id of what it settles, a
// signal without its name). Skipped, each would change what the run decides without saying so.
import { describe, expect, it } from 'vitest';
import { InvalidHistoryError, type HistoryEvent } from '@swf-flow/common';
import { checkHistoryOrder } from './history-order.js';
import { scheduleActivity } from './runtime/activity-command.js';
import { defineSignal, setHandler } from './api/signals.js';
import { condition } from './api/condition.js';
import { replayPaged, replaySliced } from './test-support/both-paths.js';
import { HistoryBuilder } from './test-support/history-builder.js';
import { replay } from './test-support/run.js';

const act = (name: string): Promise<unknown> => scheduleActivity({ activityType: { name, version: '1.0' }, args: [] });
const go = defineSignal('go');

async function one(): Promise<string> {
  let went = false;
  setHandler(go, () => void (went = true));
  await act('A');
  await condition(() => went);
  return 'done';
}

/** A: scheduled, completed; a signal; the decision task that sees both. */
function history(): HistoryBuilder {
  const h = new HistoryBuilder().start('one').decisionTask();
  h.activityCompleted(h.scheduled('A', 'activity-1', h.completed()));
  h.signaled('go');
  h.decisionTask();
  return h;
}

type Attrs = Record<string, unknown>;
const attrsOf = (e: HistoryEvent): Attrs =>
  Object.entries(e).find(([k]) => k.endsWith('EventAttributes'))?.[1] as Attrs;

/** The history with `change` applied to the first event of `type`. */
function changed(type: string, change: (e: Attrs) => Attrs): HistoryEvent[] {
  const events = history().events.map((e) => ({ ...e }) as Attrs);
  const i = events.findIndex((e) => e.eventType === type);
  events[i] = change(events[i] as Attrs);
  return events as unknown as HistoryEvent[];
}

const without =
  (member: string) =>
  (e: Attrs): Attrs => {
    const key = Object.keys(e).find((k) => k.endsWith('EventAttributes')) as string;
    const { [member]: _gone, ...rest } = e[key] as Attrs;
    return { ...e, [key]: rest };
  };

const ROWS: [string, HistoryEvent[], RegExp][] = [
  [
    'an event type SWF does not have',
    changed('WorkflowExecutionSignaled', (e) => ({
      eventId: e.eventId,
      eventTimestamp: e.eventTimestamp,
      eventType: 'WorkflowExecutionPaused',
      workflowExecutionPausedEventAttributes: {},
    })),
    /event 8 is of type WorkflowExecutionPaused, which is not an Amazon SWF event type: swf-flow knows the 54 .*newer/s,
  ],
  [
    'an activity outcome without the id of the activity it settles',
    changed('ActivityTaskCompleted', without('scheduledEventId')),
    /event 7 \(ActivityTaskCompleted\) has no scheduledEventId, which SWF always records/,
  ],
  [
    'a signal without its name',
    changed('WorkflowExecutionSignaled', without('signalName')),
    /event 8 \(WorkflowExecutionSignaled\) has no signalName, which SWF always records/,
  ],
  [
    'an event whose attributes are missing',
    changed('ActivityTaskCompleted', (e) => ({
      eventId: e.eventId,
      eventTimestamp: e.eventTimestamp,
      eventType: e.eventType,
    })),
    /event 7 \(ActivityTaskCompleted\) has no scheduledEventId/,
  ],
  [
    'attributes under another event type’s key',
    changed('ActivityTaskCompleted', (e) => ({
      eventId: e.eventId,
      eventTimestamp: e.eventTimestamp,
      eventType: e.eventType,
      activityTaskFailedEventAttributes: attrsOf(e as unknown as HistoryEvent),
    })),
    /event 7 \(ActivityTaskCompleted\) has no scheduledEventId/,
  ],
];

describe('an event the replayer cannot read is an InvalidHistoryError naming it, by every path', () => {
  it('the unchanged history replays', async () => {
    expect((await replay(history(), one)).status).toBe('COMPLETED');
  });

  it.each(ROWS)('%s', async (_what, events, message) => {
    expect(() => checkHistoryOrder(events)).toThrow(message);
    const outcomes = [
      replay({ events } as HistoryBuilder, one),
      replaySliced(events, one),
      replayPaged(events, one, 1),
      replayPaged(events, one, 4),
    ];
    for (const outcome of outcomes) {
      const err = await outcome.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(InvalidHistoryError);
      expect(String(err)).toMatch(message);
    }
  });
});
