/**
 * The paged replay against the whole replay over generated histories: the replay benchmark's
 * `seqWorkflow(n)`, and histories built with `historyBuilder()` for each kind of event the replayer
 * reads ahead for or matches (timers, child workflows, signals, markers and `sideEffect`,
 * `patched`, cancellation, continue-as-new, failures, the `...Failed` decision events, decision
 * tasks that timed out, Lambda), clean and with code or history that breaks at a later task. Every
 * cut at every page size must answer as the whole history does, and a history this code made must
 * answer the same fed task by task (see support/paged-differential.ts).
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { Activities, Activity } from '@swf-flow/activity';
import { normalizeHistory, type HistoryEvent } from '@swf-flow/common';
import { historyBuilder, type HistoryBuilder } from '@swf-flow/testing';
import {
  CancellationScope,
  condition,
  continueAsNew,
  defineSignal,
  defineWorkflow,
  deprecatePatch,
  executeChild,
  executeLambda,
  log,
  patched,
  proxyActivities,
  setHandler,
  setExecutionState,
  sideEffect,
  sleep,
  workflowInfo,
} from '@swf-flow/workflow';
import { seqHistory, seqWorkflow } from '../bench/seq-workflow.js';
import { expectPagedAsWhole, PAGE_SIZES, type Outcome, type Workflows } from './support/paged-differential.js';

@Activities({ version: '1.0', startToCloseTimeout: '1 minute' })
class Steps {
  @Activity({ name: 'Step' })
  async step(i: number): Promise<number> {
    return i;
  }

  @Activity({ name: 'Other' })
  async other(i: number): Promise<number> {
    return -i;
  }
}
const acts = proxyActivities(Steps);
const TYPE = { name: 'Built', version: '1.0' };
const go = defineSignal<[n: number]>('go');

/** Timers: one fires, one is cancelled with its scope, then a 0 s timer. */
const timers = defineWorkflow(async function timers(): Promise<string> {
  const scope = new CancellationScope();
  const long = scope.run(() => sleep('1 hour')).catch(() => 'cancelled');
  await sleep('2s');
  scope.cancel();
  const outcome = await long;
  await sleep(0);
  setExecutionState({ outcome });
  return String(outcome);
}, TYPE);

/** Signals before and after the handler waits, and a condition with a timeout. */
const signals = defineWorkflow(async function signals(): Promise<number[]> {
  const got: number[] = [];
  setHandler(go, (n) => void got.push(n));
  await acts.step(1);
  await condition(() => got.length >= 2);
  const more = await condition(() => got.length >= 3, '1 minute');
  return more ? got : [...got, -1];
}, TYPE);

/** sideEffect, patched and isReplaying read ahead to the markers of the task's completion. */
const markers = defineWorkflow(async function markers(): Promise<unknown[]> {
  const out: unknown[] = [];
  for (let i = 0; i < 3; i++) {
    out.push(await sideEffect(() => `recorded-${i}`)); // what the built history records: a run of this code made it
    out.push(patched(`p${i}`) ? await acts.step(i) : await acts.other(i));
    out.push(workflowInfo().isReplaying);
    log.info(`task ${i}`);
  }
  deprecatePatch('gone');
  return out;
}, TYPE);

/** `markers` without `isReplaying` in its result (a live run sees false where a replay sees true, by design). */
const effects = defineWorkflow(async function effects(): Promise<unknown[]> {
  const out: unknown[] = [];
  for (let i = 0; i < 3; i++) {
    out.push(await sideEffect(() => `recorded-${i}`));
    out.push(patched(`p${i}`) ? await acts.step(i) : await acts.other(i));
  }
  return out;
}, TYPE);

/** A child workflow that completes and one that fails. */
const children = defineWorkflow(async function children(): Promise<unknown[]> {
  const a = await executeChild('Kid', { workflowId: 'kid-1', args: [1] });
  const b = await executeChild('Kid', { workflowId: 'kid-2', args: [2] }).catch((e: Error) => e.name);
  return [a, b];
}, TYPE);

/** A Lambda task, then an activity that fails and is caught, then one that fails the run. */
const failures = defineWorkflow(async function failures(): Promise<unknown> {
  const thumb = await executeLambda('resize', { width: 64 }, { startToCloseTimeout: '30s' });
  const caught = await acts.step(1).catch((e: Error) => e.name);
  await acts.step(2);
  return [thumb, caught];
}, TYPE);

/** Continues as new after two steps. */
const looping = defineWorkflow(async function looping(n = 0): Promise<number> {
  await acts.step(n);
  await acts.step(n + 1);
  if (n < 10) await continueAsNew(n + 2);
  return n;
}, TYPE);

/** Cancelled by a request while an activity runs: cancels the activity, then the run. */
const cancellable = defineWorkflow(async function cancellable(): Promise<number> {
  await acts.step(1);
  return await acts.step(2);
}, TYPE);

const start = (args: unknown[] = []): HistoryBuilder =>
  historyBuilder({ workflowType: TYPE }).workflowStarted({ args });

/** Completes the run with `result` in a new decision task. */
const close = (b: HistoryBuilder, result: unknown): HistoryBuilder => b.decisionTask().workflowCompleted(result);

function timersHistory(): HistoryBuilder {
  const b = start().decisionTask().timerStarted('timer-1', '1 hour').timerStarted('timer-2', '2s');
  b.wait('2s').timerFired('timer-2').decisionTask().timerCanceled('timer-1').timerStarted('timer-3', 0);
  return close(b.timerFired('timer-3'), 'cancelled');
}

function signalsHistory(third: boolean): HistoryBuilder {
  const b = start()
    .signaled('go', [1])
    .decisionTask()
    .activityScheduled('Step', { args: [1] });
  b.activityStarted().signaled('go', [2]).activityCompleted(1).decisionTask().timerStarted('timer-1', '1 minute');
  if (third) return b.signaled('go', [3]).decisionTask().timerCanceled('timer-1').workflowCompleted([1, 2, 3]);
  return close(b.wait('1 minute').timerFired('timer-1'), [1, 2, -1]);
}

function markersHistory(patches: boolean[], timeouts: boolean): HistoryBuilder {
  const b = start();
  patches.forEach((patch, i) => {
    b.decisionTaskScheduled().decisionTaskStarted();
    if (timeouts) b.decisionTaskTimedOut().decisionTaskScheduled().decisionTaskStarted();
    b.decisionTaskCompleted();
    b.markerRecorded('SwfFlowSideEffect', `recorded-${i}`);
    if (patch) b.markerRecorded('SwfFlowPatch', { patchId: `p${i}`, deprecated: false });
    b.activityScheduled(patch ? 'Step' : 'Other', { args: [i] })
      .activityStarted()
      .activityCompleted(patch ? i : -i);
  });
  return b.openDecisionTask();
}

function childrenHistory(): HistoryBuilder {
  const b = start()
    .decisionTask()
    .childInitiated('Kid', 'kid-1', { args: [1] });
  b.childStarted()
    .childCompleted('one')
    .decisionTask()
    .childInitiated('Kid', 'kid-2', { args: [2] });
  return close(b.childStarted().childFailed('kid broke'), ['one', 'ChildWorkflowFailure']);
}

function failuresHistory(): HistoryBuilder {
  const b = start().decisionTask();
  b.event('LambdaFunctionScheduled', {
    id: 'lambda-1',
    name: 'resize',
    input: '{"width":64}',
    startToCloseTimeout: '30',
    decisionTaskCompletedEventId: b.lastEventId,
  });
  const scheduledEventId = b.lastEventId;
  b.event('LambdaFunctionStarted', { scheduledEventId });
  b.event('LambdaFunctionCompleted', { scheduledEventId, startedEventId: b.lastEventId, result: '"small.png"' });
  b.decisionTask()
    .activityScheduled('Step', { args: [1] })
    .activityStarted()
    .activityFailed('Boom');
  b.decisionTask();
  b.event('ScheduleActivityTaskFailed', {
    activityType: { name: 'Step', version: '1.0' },
    activityId: 'activity-2',
    cause: 'ACTIVITY_CREATION_RATE_EXCEEDED',
    decisionTaskCompletedEventId: b.lastEventId,
  });
  return b.decisionTask().workflowFailed('ActivityFailure');
}

function loopingHistory(): HistoryBuilder {
  const b = start([4])
    .decisionTask()
    .activityScheduled('Step', { args: [4] })
    .activityStarted()
    .activityCompleted(4);
  b.decisionTask()
    .activityScheduled('Step', { args: [5] })
    .activityStarted()
    .activityCompleted(5)
    .decisionTask();
  return b.event('WorkflowExecutionContinuedAsNew', {
    decisionTaskCompletedEventId: b.lastEventId,
    newExecutionRunId: 'run-2',
    input: '[6]',
    workflowType: TYPE,
    taskList: { name: 'default' },
    childPolicy: 'TERMINATE',
  });
}

function cancelHistory(): HistoryBuilder {
  const b = start()
    .decisionTask()
    .activityScheduled('Step', { args: [1] })
    .activityStarted()
    .activityCompleted(1);
  b.decisionTask()
    .activityScheduled('Step', { args: [2] })
    .activityStarted()
    .cancelRequested()
    .decisionTask();
  return b.activityCancelRequested().activityCanceled().decisionTask().workflowCanceled();
}

/** Each built history, its workflow, and what its whole history answers (status or error class). */
/**
 * Each built history, its workflow, what its whole history answers (status or error class), and
 * whether this code would have made it (`live`: then it is also fed task by task, as the worker's
 * cache feeds a run it keeps live; a history with a patch not taken is old code's).
 */
const CASES: { name: string; history: () => HistoryBuilder; workflow: Workflows; expected: string; live?: false }[] = [
  { name: 'timers fired and cancelled', history: timersHistory, workflow: timers, expected: 'COMPLETED' },
  {
    name: 'signals and a condition that times out',
    history: () => signalsHistory(false),
    workflow: signals,
    expected: 'COMPLETED',
  },
  {
    name: 'signals and a condition met',
    history: () => signalsHistory(true),
    workflow: signals,
    expected: 'COMPLETED',
  },
  {
    name: 'side effects and patches',
    history: () => markersHistory([true, false, true], false),
    workflow: markers,
    expected: 'COMPLETED',
    live: false, // isReplaying is in its result
  },
  {
    name: 'side effects and patches taken by every task',
    history: () => markersHistory([true, true, true], false),
    workflow: effects,
    expected: 'COMPLETED',
  },
  {
    name: 'patches recorded by the task after one that timed out',
    history: () => markersHistory([false, true, true], true),
    workflow: markers,
    expected: 'COMPLETED',
    live: false,
  },
  { name: 'child workflows completed and failed', history: childrenHistory, workflow: children, expected: 'COMPLETED' },
  {
    name: 'Lambda, a failed activity, ScheduleActivityTaskFailed',
    history: failuresHistory,
    workflow: failures,
    expected: 'FAILED',
  },
  { name: 'continue-as-new', history: loopingHistory, workflow: looping, expected: 'CONTINUED_AS_NEW' },
  { name: 'cancelled by request', history: cancelHistory, workflow: cancellable, expected: 'CANCELED' },
];

/** Code that breaks at its last task: a real timer (the replay stops it), after a log line and a fresh side effect. */
const escapes = defineWorkflow(async function escapes(): Promise<void> {
  await acts.step(1);
  log.info('about to wait for real');
  await sideEffect(() => 'fresh');
  await new Promise((resolve) => setTimeout(resolve, 1));
}, TYPE);

/** `markers` with one more side effect in its last task. */
const moreEffects = defineWorkflow(async function moreEffects(): Promise<unknown[]> {
  const out: unknown[] = [];
  for (let i = 0; i < 3; i++) {
    out.push(await sideEffect(() => `fresh-${i}`));
    if (i === 2) out.push(await sideEffect(() => 'one more'));
    out.push(patched(`p${i}`) ? await acts.step(i) : await acts.other(i));
  }
  return out;
}, TYPE);

/** Code that starts real I/O in its first task (a replayed one): the replay stops it there. */
const readsFile = defineWorkflow(async function readsFile(): Promise<unknown> {
  const text = await readFile('/proc/self/status').catch(() => 'caught');
  return await acts.step(String(text).length);
}, TYPE);

/** Code that awaits a promise made outside the run, still pending (it never settles). */
const outside = new Promise(() => undefined);
const awaitsOutside = defineWorkflow(async function awaitsOutside(): Promise<unknown> {
  await acts.step(1);
  await outside;
  return await acts.step(2);
}, TYPE);

/** The run's events without event `id` (a gap). */
const without = (events: HistoryEvent[], id: number): HistoryEvent[] => events.filter((e) => e.eventId !== id);

/** The events with one more at the end that refers to an event that is not there. */
function withBrokenReference(events: HistoryEvent[]): HistoryEvent[] {
  const eventId = events.length + 1;
  const last = events.at(-1) as HistoryEvent;
  const broken = {
    eventId,
    eventType: 'ActivityTaskCompleted',
    eventTimestamp: last.eventTimestamp,
    activityTaskCompletedEventAttributes: { scheduledEventId: eventId + 5, startedEventId: eventId + 6, result: '1' },
  } as HistoryEvent;
  return [...events, broken];
}

/** A history with a problem, or code that does not match it, and the class of the error the whole replay gives. */
const BROKEN: { name: string; events: () => HistoryEvent[]; workflow: Workflows; expected: string }[] = [
  {
    name: 'code that diverges at the second task',
    events: () => normalizeHistory(timersHistory().build()),
    workflow: signals,
    expected: 'NonDeterminismError',
  },
  {
    name: 'a side effect more than the history recorded, in a later task',
    events: () => normalizeHistory(markersHistory([true, true, true], false).build()),
    workflow: moreEffects,
    expected: 'NonDeterminismError',
  },
  {
    name: 'code that diverges before a gap',
    events: () => without(normalizeHistory(timersHistory().build()), 15),
    workflow: signals,
    expected: 'ValidationError',
  },
  {
    name: 'code that diverges before a broken reference',
    events: () => withBrokenReference(normalizeHistory(childrenHistory().build())),
    workflow: timers,
    expected: 'InvalidHistoryError',
  },
  {
    name: 'a clean replay up to a broken reference',
    events: () => withBrokenReference(normalizeHistory(childrenHistory().build()).slice(0, -1)),
    workflow: children,
    expected: 'InvalidHistoryError',
  },
  {
    name: 'a history cut inside a decision task’s decisions',
    events: () => normalizeHistory(markersHistory([true, true], false).build()).slice(0, 14),
    workflow: markers,
    expected: 'InvalidHistoryError',
  },
  {
    name: 'a real timer in the newest task',
    events: () =>
      normalizeHistory(
        start()
          .decisionTask()
          .activityScheduled('Step', { args: [1] })
          .activityStarted()
          .activityCompleted(1)
          .openDecisionTask()
          .build(),
      ),
    workflow: escapes,
    expected: 'DeterminismViolationError',
  },
  {
    name: 'real I/O in a replayed task',
    events: () => normalizeHistory(cancelHistory().build()),
    workflow: readsFile,
    expected: 'DeterminismViolationError',
  },
  {
    name: 'a promise made outside the run, awaited in a replayed task',
    events: () => normalizeHistory(cancelHistory().build()),
    workflow: awaitsOutside,
    expected: 'DeterminismViolationError',
  },
  {
    name: 'a workflow type nobody registered',
    events: () =>
      normalizeHistory(historyBuilder({ workflowType: 'Nobody' }).workflowStarted().openDecisionTask().build()),
    workflow: timers,
    expected: 'ValidationError',
  },
];

/** The outcome's status, or the class of its error. */
function kind(outcome: Outcome): string {
  if ('error' in outcome) return String(outcome.error.class);
  return String((outcome.answer as { status: string }).status);
}

const input = (events: readonly HistoryEvent[], workflow: Workflows) => ({
  events,
  workflows: { Built: workflow } as Workflows,
  execution: { workflowId: 'wf-1', runId: 'run-1' },
});

describe('the paged replay answers as the whole replay, over generated histories', () => {
  it.each([0, 1, 2, 10, 50])('seqWorkflow(%i), the replay benchmark’s history', async (n) => {
    const events = normalizeHistory(seqHistory(n));
    const { outcome } = await expectPagedAsWhole({ events, workflows: [seqWorkflow] }, { sliced: true });
    expect(kind(outcome)).toBe('COMPLETED');
  });

  it('seqWorkflow(400), 2,405 events: past the replayer’s 1,024-event tables, whole history only', async () => {
    const events = normalizeHistory(seqHistory(400));
    const { outcome } = await expectPagedAsWhole({ events, workflows: [seqWorkflow] }, { everyTask: false });
    expect(kind(outcome)).toBe('COMPLETED');
  });

  it.each(CASES)(
    '$name: $expected, the same at every task and page size',
    async ({ history, workflow, expected, live }) => {
      const { outcome } = await expectPagedAsWhole(input(normalizeHistory(history().build()), workflow), {
        sliced: live !== false,
      });
      expect(kind(outcome)).toBe(expected);
    },
  );

  it.each(BROKEN)(
    '$name: $expected, the same error at every task and page size',
    async ({ events, workflow, expected }) => {
      const { outcome } = await expectPagedAsWhole(input(events(), workflow));
      expect(kind(outcome)).toBe(expected);
    },
  );

  it('compares in pages of 1, 2, 3, 7, 64 and the whole history', () => {
    expect(PAGE_SIZES).toEqual([1, 2, 3, 7, 64, Infinity]);
  });
});
