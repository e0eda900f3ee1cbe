// The decision window as tables: every event type that can land in a window, and a cancellation
// and an outcome in one batch in both orders. Each history is replayed whole and slice by slice.
import { describe, expect, it } from 'vitest';
import { executeChild, startChild } from '../api/children.js';
import { condition } from '../api/condition.js';
import { getExternalWorkflowHandle } from '../api/external.js';
import { defineSignal, setHandler } from '../api/signals.js';
import type { ActivationResult } from '../executor.js';
import { CancellationScope } from './cancellation-scope.js';
import { scheduleActivity } from './activity-command.js';
import { sleep } from './timer-command.js';
import { scheduleLambda } from './lambda-command.js';
import { both } from '../test-support/both-paths.js';
import { HistoryBuilder } from '../test-support/history-builder.js';
import { summarize } from '../test-support/run.js';

const act = (name: string): Promise<unknown> => scheduleActivity({ activityType: { name, version: '1.0' }, args: [] });
const cancelSignal = defineSignal('cancel');

// ---------------------------------------------------------------------------------------------
// Every event type that can land in a decision window.
//
// The probe workflow starts a subject in its first task (an activity, a timer, a child, a signal
// or cancel request to another execution, a Lambda function), waits for a `go` signal, and then
// schedules `Step` (the decision of the second task). The subject's outcome (or a signal, a cancel
// request, ...) lands in the second task's window; the third task reacts with `Saw <outcome>`.

type Subject = 'activity' | 'timer' | 'child' | 'childStart' | 'signalExternal' | 'cancelExternal' | 'lambda';
const go = defineSignal('go');
const ping = defineSignal('ping');

function startSubject(subject: Subject): Promise<unknown> {
  switch (subject) {
    case 'activity':
      return act('Subject');
    case 'timer':
      return sleep('1h');
    case 'child':
      return executeChild('Kid');
    case 'childStart':
      return startChild('Kid');
    case 'signalExternal':
      return getExternalWorkflowHandle('other').signal('hello');
    case 'cancelExternal':
      return getExternalWorkflowHandle('other').cancel();
    case 'lambda':
      return scheduleLambda({ name: 'fn' });
  }
}

function probe(subject: Subject): (...args: unknown[]) => Promise<void> {
  return async function probe(): Promise<void> {
    let went = false;
    setHandler(go, () => void (went = true));
    setHandler(ping, () => void act('Saw ping').catch(() => undefined));
    void startSubject(subject)
      .then(
        () => 'ok',
        (err: Error) => `${err.name}${err.cause instanceof Error ? `/${err.cause.name}` : ''}`,
      )
      .then((outcome) => act(`Saw ${outcome}`))
      .catch(() => undefined);
    await condition(() => went);
    await act('Step');
  };
}

/** The subject's decision events in the first task, and events before the second task. */
function recordSubject(h: HistoryBuilder, subject: Subject, completed: number): number {
  switch (subject) {
    case 'activity': {
      const s = h.scheduled('Subject', 'activity-1', completed);
      h.add('ActivityTaskStarted', { scheduledEventId: s, identity: 'test' });
      return s;
    }
    case 'timer':
      return h.timerStarted('timer-1', completed, '3600');
    case 'child':
    case 'childStart': {
      const i = h.add('StartChildWorkflowExecutionInitiated', {
        workflowId: 'wf-1-child-1',
        workflowType: { name: 'Kid', version: '1.0' },
        decisionTaskCompletedEventId: completed,
      });
      if (subject === 'child')
        h.add('ChildWorkflowExecutionStarted', {
          initiatedEventId: i,
          workflowExecution: { workflowId: 'wf-1-child-1', runId: 'kid-run' },
          workflowType: { name: 'Kid', version: '1.0' },
        });
      return i;
    }
    case 'signalExternal':
      return h.add('SignalExternalWorkflowExecutionInitiated', {
        workflowId: 'other',
        signalName: 'hello',
        decisionTaskCompletedEventId: completed,
      });
    case 'cancelExternal':
      return h.add('RequestCancelExternalWorkflowExecutionInitiated', {
        workflowId: 'other',
        decisionTaskCompletedEventId: completed,
      });
    case 'lambda':
      return h.add('LambdaFunctionScheduled', { id: 'lambda-1', name: 'fn', decisionTaskCompletedEventId: completed });
  }
}

interface WindowRow {
  event: string;
  subject: Subject;
  /** Adds the event; `ref` is the subject's recorded event id. */
  add(h: HistoryBuilder, ref: number): void;
  /** What the third task decides. */
  next: string[];
  status?: ActivationResult['status'];
}

const child = (ref: number): Record<string, unknown> => ({
  initiatedEventId: ref,
  startedEventId: ref + 1,
  workflowExecution: { workflowId: 'wf-1-child-1', runId: 'kid-run' },
  workflowType: { name: 'Kid', version: '1.0' },
});
const activity = (ref: number): Record<string, unknown> => ({ scheduledEventId: ref, startedEventId: ref + 1 });

const WINDOW_ROWS: WindowRow[] = [
  {
    event: 'WorkflowExecutionSignaled',
    subject: 'activity',
    add: (h) => void h.signaled('ping'),
    next: ['ScheduleActivityTask Saw ping'],
  },
  {
    event: 'WorkflowExecutionCancelRequested',
    subject: 'activity',
    add: (h) => void h.add('WorkflowExecutionCancelRequested', { externalInitiatedEventId: 0 }),
    next: ['RequestCancelActivityTask activity-1', 'RequestCancelActivityTask activity-2'],
  },
  {
    event: 'WorkflowExecutionTerminated',
    subject: 'activity',
    add: (h) => void h.add('WorkflowExecutionTerminated', { childPolicy: 'TERMINATE' }),
    next: [],
    status: 'TERMINATED',
  },
  {
    event: 'WorkflowExecutionTimedOut',
    subject: 'activity',
    add: (h) => void h.add('WorkflowExecutionTimedOut', { timeoutType: 'START_TO_CLOSE', childPolicy: 'TERMINATE' }),
    next: [],
    status: 'TIMED_OUT',
  },
  {
    event: 'DecisionTaskScheduled',
    subject: 'activity',
    add: (h) => void h.add('DecisionTaskScheduled', { taskList: { name: 'main' } }),
    next: [],
  },
  {
    event: 'ActivityTaskStarted',
    subject: 'activity',
    add: (h, ref) => void h.add('ActivityTaskStarted', { scheduledEventId: ref }),
    next: [],
  },
  {
    event: 'ActivityTaskCompleted',
    subject: 'activity',
    add: (h, ref) => void h.add('ActivityTaskCompleted', { ...activity(ref), result: '1' }),
    next: ['ScheduleActivityTask Saw ok'],
  },
  {
    event: 'ActivityTaskFailed',
    subject: 'activity',
    add: (h, ref) => void h.add('ActivityTaskFailed', { ...activity(ref), reason: 'boom' }),
    next: ['ScheduleActivityTask Saw ActivityFailure/ApplicationFailure'],
  },
  {
    event: 'ActivityTaskTimedOut',
    subject: 'activity',
    add: (h, ref) => void h.add('ActivityTaskTimedOut', { ...activity(ref), timeoutType: 'START_TO_CLOSE' }),
    next: ['ScheduleActivityTask Saw ActivityFailure/TimeoutFailure'],
  },
  {
    event: 'ActivityTaskCanceled',
    subject: 'activity',
    add: (h, ref) => void h.add('ActivityTaskCanceled', activity(ref)),
    next: ['ScheduleActivityTask Saw ActivityFailure/CancelledFailure'],
  },
  {
    event: 'TimerFired',
    subject: 'timer',
    add: (h, ref) => void h.timerFired('timer-1', ref),
    next: ['ScheduleActivityTask Saw ok'],
  },
  {
    event: 'ChildWorkflowExecutionStarted',
    subject: 'childStart',
    add: (h, ref) =>
      void h.add('ChildWorkflowExecutionStarted', {
        initiatedEventId: ref,
        workflowExecution: { workflowId: 'wf-1-child-1', runId: 'kid-run' },
        workflowType: { name: 'Kid', version: '1.0' },
      }),
    next: ['ScheduleActivityTask Saw ok'],
  },
  {
    event: 'StartChildWorkflowExecutionFailed',
    subject: 'childStart',
    add: (h, ref) =>
      void h.add('StartChildWorkflowExecutionFailed', {
        initiatedEventId: ref,
        workflowId: 'wf-1-child-1',
        workflowType: { name: 'Kid', version: '1.0' },
        cause: 'WORKFLOW_ALREADY_RUNNING',
      }),
    next: ['ScheduleActivityTask Saw ChildWorkflowFailure/ApplicationFailure'],
  },
  {
    event: 'ChildWorkflowExecutionCompleted',
    subject: 'child',
    add: (h, ref) => void h.add('ChildWorkflowExecutionCompleted', { ...child(ref), result: '1' }),
    next: ['ScheduleActivityTask Saw ok'],
  },
  {
    event: 'ChildWorkflowExecutionFailed',
    subject: 'child',
    add: (h, ref) => void h.add('ChildWorkflowExecutionFailed', { ...child(ref), reason: 'boom' }),
    next: ['ScheduleActivityTask Saw ChildWorkflowFailure/ApplicationFailure'],
  },
  {
    event: 'ChildWorkflowExecutionTimedOut',
    subject: 'child',
    add: (h, ref) => void h.add('ChildWorkflowExecutionTimedOut', { ...child(ref), timeoutType: 'START_TO_CLOSE' }),
    next: ['ScheduleActivityTask Saw ChildWorkflowFailure/TimeoutFailure'],
  },
  {
    event: 'ChildWorkflowExecutionCanceled',
    subject: 'child',
    add: (h, ref) => void h.add('ChildWorkflowExecutionCanceled', child(ref)),
    next: ['ScheduleActivityTask Saw ChildWorkflowFailure/CancelledFailure'],
  },
  {
    event: 'ChildWorkflowExecutionTerminated',
    subject: 'child',
    add: (h, ref) => void h.add('ChildWorkflowExecutionTerminated', child(ref)),
    next: ['ScheduleActivityTask Saw ChildWorkflowFailure/TerminatedFailure'],
  },
  {
    event: 'ExternalWorkflowExecutionSignaled',
    subject: 'signalExternal',
    add: (h, ref) =>
      void h.add('ExternalWorkflowExecutionSignaled', {
        initiatedEventId: ref,
        workflowExecution: { workflowId: 'other', runId: 'o' },
      }),
    next: ['ScheduleActivityTask Saw ok'],
  },
  {
    event: 'SignalExternalWorkflowExecutionFailed',
    subject: 'signalExternal',
    add: (h, ref) =>
      void h.add('SignalExternalWorkflowExecutionFailed', {
        initiatedEventId: ref,
        workflowId: 'other',
        cause: 'UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION',
      }),
    next: ['ScheduleActivityTask Saw ApplicationFailure'],
  },
  {
    event: 'ExternalWorkflowExecutionCancelRequested',
    subject: 'cancelExternal',
    add: (h, ref) =>
      void h.add('ExternalWorkflowExecutionCancelRequested', {
        initiatedEventId: ref,
        workflowExecution: { workflowId: 'other', runId: 'o' },
      }),
    next: ['ScheduleActivityTask Saw ok'],
  },
  {
    event: 'RequestCancelExternalWorkflowExecutionFailed',
    subject: 'cancelExternal',
    add: (h, ref) =>
      void h.add('RequestCancelExternalWorkflowExecutionFailed', {
        initiatedEventId: ref,
        workflowId: 'other',
        cause: 'UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION',
      }),
    next: ['ScheduleActivityTask Saw ApplicationFailure'],
  },
  {
    event: 'LambdaFunctionStarted',
    subject: 'lambda',
    add: (h, ref) => void h.add('LambdaFunctionStarted', { scheduledEventId: ref }),
    next: [],
  },
  {
    event: 'LambdaFunctionCompleted',
    subject: 'lambda',
    add: (h, ref) => void h.add('LambdaFunctionCompleted', { scheduledEventId: ref, result: '1' }),
    next: ['ScheduleActivityTask Saw ok'],
  },
  {
    event: 'LambdaFunctionFailed',
    subject: 'lambda',
    add: (h, ref) => void h.add('LambdaFunctionFailed', { scheduledEventId: ref, reason: 'boom' }),
    next: ['ScheduleActivityTask Saw LambdaFailure/ApplicationFailure'],
  },
  {
    event: 'LambdaFunctionTimedOut',
    subject: 'lambda',
    add: (h, ref) => void h.add('LambdaFunctionTimedOut', { scheduledEventId: ref, timeoutType: 'START_TO_CLOSE' }),
    next: ['ScheduleActivityTask Saw LambdaFailure/TimeoutFailure'],
  },
  {
    event: 'StartLambdaFunctionFailed',
    subject: 'lambda',
    add: (h, ref) => void h.add('StartLambdaFunctionFailed', { scheduledEventId: ref, cause: 'ASSUME_ROLE_FAILED' }),
    next: ['ScheduleActivityTask Saw LambdaFailure/ApplicationFailure'],
  },
];

const RUN_ENDING = new Set(['WorkflowExecutionTerminated', 'WorkflowExecutionTimedOut']);

/**
 * The probe's history: the first task starts the subject, a `go` signal starts the second task,
 * which schedules Step. `inWindow` places the row's events between the second task's
 * DecisionTaskStarted and DecisionTaskCompleted; otherwise after its decisions (where the next
 * decider sees them the same way).
 */
function probeHistory(
  subject: Subject,
  addEvents: (h: HistoryBuilder, ref: number) => void,
  inWindow: boolean,
): HistoryBuilder {
  const h = new HistoryBuilder().start('probe').decisionTask();
  const ref = recordSubject(h, subject, h.completed());
  h.signaled('go');
  h.decisionTask();
  if (inWindow) addEvents(h, ref);
  const c = h.completed();
  h.scheduled('Step', subject === 'activity' ? 'activity-2' : 'activity-1', c);
  if (!inWindow) addEvents(h, ref);
  const last = h.events.at(-1)?.eventType ?? '';
  return RUN_ENDING.has(last) ? h : h.decisionTask(); // a closed run gets no further decision task
}

describe('the decision window: every event type that can land in it', () => {
  it('the table covers every event type that can arrive while a decider holds a task', () => {
    expect(new Set(WINDOW_ROWS.map((r) => r.event)).size).toBe(WINDOW_ROWS.length);
    expect(WINDOW_ROWS).toHaveLength(27);
  });

  it.each(WINDOW_ROWS)('$event in the window is matched after the decisions and seen by the next task', async (row) => {
    const h = probeHistory(row.subject, row.add, true);
    const r = await both(h, probe(row.subject));
    expect(summarize(r.decisions)).toEqual(row.next);
    expect(r.status).toBe(row.status ?? 'OPEN');
    // the same event recorded after the decisions gives the next task the same view
    const after = await both(probeHistory(row.subject, row.add, false), probe(row.subject));
    expect(summarize(after.decisions)).toEqual(row.next);
  });
});

// ---------------------------------------------------------------------------------------------
// A cancellation and a subject's outcome in one batch, in either order, inside the window or after
// the decisions: the code never asks SWF to cancel what the history shows closed (SWF would refuse
// it), and both orders decide the same.

interface OrderRow {
  subject: Subject;
  outcome: string;
  add(h: HistoryBuilder, ref: number): void;
  /** What SWF would refuse if it were sent. */
  refused: string;
}

const ORDER_ROWS: OrderRow[] = [
  {
    subject: 'activity',
    outcome: 'ActivityTaskCompleted',
    add: (h, ref) => void h.add('ActivityTaskCompleted', { ...activity(ref), result: '1' }),
    refused: 'RequestCancelActivityTask activity-1',
  },
  {
    subject: 'activity',
    outcome: 'ActivityTaskFailed',
    add: (h, ref) => void h.add('ActivityTaskFailed', { ...activity(ref), reason: 'boom' }),
    refused: 'RequestCancelActivityTask activity-1',
  },
  {
    subject: 'timer',
    outcome: 'TimerFired',
    add: (h, ref) => void h.timerFired('timer-1', ref),
    refused: 'CancelTimer timer-1',
  },
  {
    subject: 'child',
    outcome: 'ChildWorkflowExecutionCompleted',
    add: (h, ref) => void h.add('ChildWorkflowExecutionCompleted', { ...child(ref), result: '1' }),
    refused: 'RequestCancelExternalWorkflowExecution wf-1-child-1',
  },
];

const CANCELS: [string, (h: HistoryBuilder) => void][] = [
  [
    'WorkflowExecutionCancelRequested',
    (h) => void h.add('WorkflowExecutionCancelRequested', { externalInitiatedEventId: 0 }),
  ],
  ['a cancel signal', (h) => void h.signaled('cancel')],
];

/** The probe, with a `cancel` signal that cancels the root scope's work like a cancel request. */
function cancellableProbe(subject: Subject): (...args: unknown[]) => Promise<void> {
  const inner = probe(subject);
  return async function probe(): Promise<void> {
    const scope = new CancellationScope();
    setHandler(cancelSignal, () => scope.cancel());
    await scope.run(() => inner());
  };
}

describe('the decision window: a cancellation and an outcome in one batch, both orders', () => {
  const cases = ORDER_ROWS.flatMap((row) =>
    CANCELS.flatMap(([cancel, addCancel]) =>
      [true, false].flatMap((inWindow) =>
        (['cancel first', 'outcome first'] as const).map((order) => ({ ...row, cancel, addCancel, inWindow, order })),
      ),
    ),
  );

  it.each(cases)('$cancel + $outcome ($order, in window: $inWindow) sends no refused cancel', async (c) => {
    const add = (h: HistoryBuilder, ref: number): void => {
      if (c.order === 'cancel first') {
        c.addCancel(h);
        c.add(h, ref);
      } else {
        c.add(h, ref);
        c.addCancel(h);
      }
    };
    const r = await both(probeHistory(c.subject, add, c.inWindow), cancellableProbe(c.subject));
    const decisions = summarize(r.decisions);
    expect(decisions).not.toContain(c.refused);
    // Step (still running) is cancelled; nothing else is asked of SWF
    expect(decisions).toEqual([`RequestCancelActivityTask ${c.subject === 'activity' ? 'activity-2' : 'activity-1'}`]);
  });
});
