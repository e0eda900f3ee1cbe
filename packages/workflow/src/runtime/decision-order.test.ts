// The order of a task's decisions across kinds. SWF records a decision task's decision events in the
// order its decider sent them, which is the order the code issued its commands: code that now issues
// them in another order (a timer before the activity it used to schedule first) is caught at the
// first event out of place. What SWF records out of that order, or not at all, must still replay:
// a patch marker (patched() may move or go), a refused decision after which SWF skipped the rest
// (sent again with the next task), the close decision (always sent last).
import { describe, expect, it } from 'vitest';
import { NonDeterminismError, type Decision } from '@swf-flow/common';
import { startChild } from '../api/children.js';
import { getExternalWorkflowHandle } from '../api/external.js';
import { executeLambda } from '../api/lambdas.js';
import { patched } from '../api/patch.js';
import { sideEffect } from '../api/side-effect.js';
import { WorkflowExecutor } from '../executor.js';
import { both } from '../test-support/both-paths.js';
import { HistoryBuilder } from '../test-support/history-builder.js';
import { replay, summarize } from '../test-support/run.js';
import { scheduleActivity } from './activity-command.js';
import { sleep } from './timer-command.js';

const act = (name: string): Promise<unknown> => scheduleActivity({ activityType: { name, version: '1.0' }, args: [] });
const never = (): Promise<void> => new Promise<void>(() => undefined);

/** The event SWF records for each decision type the rows send. */
const RECORDED_AS: Record<string, string> = {
  ScheduleActivityTask: 'ActivityTaskScheduled',
  StartTimer: 'TimerStarted',
  RecordMarker: 'MarkerRecorded',
  StartChildWorkflowExecution: 'StartChildWorkflowExecutionInitiated',
  SignalExternalWorkflowExecution: 'SignalExternalWorkflowExecutionInitiated',
  ScheduleLambdaFunction: 'LambdaFunctionScheduled',
};

/** Records `decisions` after a DecisionTaskCompleted, in the order they were sent, as SWF does. */
function record(h: HistoryBuilder, decisions: readonly Decision[]): number[] {
  const completed = h.completed();
  return decisions.map((d) => {
    const key = Object.keys(d).find((k) => k.endsWith('DecisionAttributes')) as keyof Decision;
    const type = RECORDED_AS[String(d.decisionType)];
    if (!type) throw new Error(`the table records no ${String(d.decisionType)}`);
    return h.add(type, { ...(d[key] as object), decisionTaskCompletedEventId: completed });
  });
}

/** The history of `workflow`'s first decision task, its decisions recorded as sent, then a second task. */
async function firstTask(workflow: () => Promise<unknown>): Promise<{ h: HistoryBuilder; ids: number[] }> {
  const started = new HistoryBuilder().start(workflow.name, [], { lambdaRole: 'role' }).decisionTask();
  const first = await new WorkflowExecutor({
    workflows: [workflow],
    execution: { workflowId: 'wf-1', runId: 'run-1' },
  }).processEvents(started.events);
  const h = new HistoryBuilder().start(workflow.name, [], { lambdaRole: 'role' }).decisionTask();
  const ids = record(h, first.decisions);
  h.decisionTask();
  return { h, ids };
}

interface Row {
  name: string;
  original: () => Promise<unknown>;
  /** The same commands, another order: what it issues first (a summarize() line). */
  changed: () => Promise<unknown>;
  first: RegExp;
}

const ROWS: Row[] = [
  {
    name: 'an activity, then a timer; now the timer first',
    original: async function w() {
      void act('A');
      void sleep('1m');
      await never();
    },
    changed: async function w() {
      void sleep('1m');
      void act('A');
      await never();
    },
    first: /^StartTimer/,
  },
  {
    name: 'a side effect marker, then an activity; now the activity first',
    original: async function w() {
      void sideEffect(() => 1).then(() => act('A'));
      void act('B');
      await never();
    },
    changed: async function w() {
      void act('B');
      void sideEffect(() => 1);
      await never();
    },
    first: /^ScheduleActivityTask B/,
  },
  {
    name: 'a child, then an external signal; now the signal first',
    original: async function w() {
      void startChild('Kid', { workflowId: 'kid' });
      void getExternalWorkflowHandle('other').signal('hello');
      await never();
    },
    changed: async function w() {
      void getExternalWorkflowHandle('other').signal('hello');
      void startChild('Kid', { workflowId: 'kid' });
      await never();
    },
    first: /^SignalExternalWorkflowExecution hello/,
  },
  {
    name: 'a Lambda call, a timer and an activity; now the activity before the timer',
    original: async function w() {
      void executeLambda('resize', 1).catch(() => undefined);
      void sleep('1m');
      void act('A');
      await never();
    },
    changed: async function w() {
      void executeLambda('resize', 1).catch(() => undefined);
      void act('A');
      void sleep('1m');
      await never();
    },
    first: /^ScheduleActivityTask A/,
  },
];

describe('the decisions of one task, across kinds', () => {
  it.each(ROWS)('$name: the unchanged code replays clean, by every path', async (row) => {
    const { h } = await firstTask(row.original);
    const out = await both(h, [row.original]);
    expect(out.status).toBe('OPEN');
  });

  it.each(ROWS)('$name: a NonDeterminismError at the first event out of place', async (row) => {
    const { h, ids } = await firstTask(row.original);
    const err = await replay(h, [row.changed]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NonDeterminismError);
    const e = err as NonDeterminismError;
    const original = await new WorkflowExecutor({ workflows: [row.original] }).processEvents(
      new HistoryBuilder().start(row.original.name, [], { lambdaRole: 'role' }).decisionTask().events,
    );
    const changed = await new WorkflowExecutor({ workflows: [row.changed] }).processEvents(
      new HistoryBuilder().start(row.original.name, [], { lambdaRole: 'role' }).decisionTask().events,
    );
    const at = summarize(original.decisions).findIndex((d, i) => d !== summarize(changed.decisions)[i]);
    expect(e.eventId).toBe(ids[at]);
    expect(e.attempted).toMatch(row.first);
    expect(e.message).toMatch(/in another order than the history recorded them/);
    expect(e.message).toMatch(/patched\(id\)/);
    expect(e.location).toMatch(/decision-order\.test\.ts/);
  });
});

describe('what SWF records out of the order the code issued, or skips, still replays', () => {
  it('a patch marker recorded before an activity, patched() now called after it', async () => {
    async function moved(): Promise<string> {
      await act('A');
      return patched('p') ? 'new' : 'old';
    }
    const h = new HistoryBuilder().start('moved').decisionTask();
    const completed = h.completed();
    h.add('MarkerRecorded', { markerName: 'SwfFlowPatch', details: '"p"', decisionTaskCompletedEventId: completed });
    h.activityCompleted(h.scheduled('A', 'activity-1', completed), '1');
    h.decisionTask();
    const out = await both(h, [moved]);
    expect(out).toMatchObject({ status: 'COMPLETED', result: 'new' });
  });

  it('a refused activity after which SWF skipped the timer: the timer recorded with the next task, before its new command', async () => {
    async function refused(): Promise<string> {
      const a = act('A').then(
        () => 'ran',
        () => {
          void act('C'); // issued in the next task, after the timer sent again
          return 'refused';
        },
      );
      await sleep('1s');
      void act('B');
      return a;
    }
    const h = new HistoryBuilder().start('refused').decisionTask();
    let completed = h.completed();
    h.add('ScheduleActivityTaskFailed', {
      activityType: { name: 'A', version: '1.0' },
      activityId: 'activity-1',
      cause: 'ACTIVITY_TYPE_DOES_NOT_EXIST',
      decisionTaskCompletedEventId: completed,
    });
    h.decisionTask();
    completed = h.completed();
    const timer = h.timerStarted('timer-1', completed, '1');
    h.scheduled('C', 'activity-2', completed);
    h.timerFired('timer-1', timer);
    h.decisionTask();
    const out = await both(h, [refused]);
    expect(summarize(out.decisions)).toEqual(['ScheduleActivityTask B', 'CompleteWorkflowExecution "refused"']);
  });

  it('a refused timer between two activities, the rest recorded in order', async () => {
    async function three(): Promise<void> {
      void act('A');
      void sleep('1s').catch(() => undefined);
      void act('B');
      await never();
    }
    const h = new HistoryBuilder().start('three').decisionTask();
    const completed = h.completed();
    h.scheduled('A', 'activity-1', completed);
    h.add('StartTimerFailed', {
      timerId: 'timer-1',
      cause: 'TIMER_CREATION_RATE_EXCEEDED',
      decisionTaskCompletedEventId: completed,
    });
    h.scheduled('B', 'activity-2', completed);
    h.decisionTask();
    expect((await both(h, [three])).status).toBe('OPEN');
  });
});
