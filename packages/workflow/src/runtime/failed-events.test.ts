import { describe, expect, it } from 'vitest';
import { ActivityFailure, type ApplicationFailure } from '@swf-flow/common';
import { CancellationScope } from './cancellation-scope.js';
import { scheduleActivity } from './activity-command.js';
import { sleep } from './timer-command.js';
import { continueAsNew, makeContinueAsNewFunc } from '../api/continue-as-new.js';
import { HistoryBuilder } from '../test-support/history-builder.js';
import { replay, summarize } from '../test-support/run.js';

const act = (name: string): Promise<unknown> => scheduleActivity({ activityType: { name, version: '1.0' }, args: [] });

describe('decisions SWF refused (...Failed events)', () => {
  it('ScheduleActivityTaskFailed rejects with an ActivityFailure whose cause type is the SWF cause', async () => {
    let seen: unknown;
    async function wf(): Promise<void> {
      await act('Nope').catch((e: unknown) => {
        seen = e;
      });
    }
    const h = new HistoryBuilder().start('wf').decisionTask();
    h.add('ScheduleActivityTaskFailed', {
      activityType: { name: 'Nope', version: '1.0' },
      activityId: 'activity-1',
      cause: 'ACTIVITY_TYPE_DOES_NOT_EXIST',
      decisionTaskCompletedEventId: h.completed(),
    });
    h.decisionTask();
    await replay(h, wf);
    expect(seen).toBeInstanceOf(ActivityFailure);
    expect(((seen as ActivityFailure).cause as ApplicationFailure).type).toBe('ACTIVITY_TYPE_DOES_NOT_EXIST');
    expect(((seen as ActivityFailure).cause as ApplicationFailure).nonRetryable).toBe(true);
  });

  it('StartTimerFailed rejects sleep with the SWF cause', async () => {
    async function wf(): Promise<string> {
      return sleep('1m').then(
        () => 'slept',
        (e: ApplicationFailure) => e.type,
      );
    }
    const h = new HistoryBuilder().start('wf').decisionTask();
    h.add('StartTimerFailed', {
      timerId: 'timer-1',
      cause: 'TIMER_CREATION_RATE_EXCEEDED',
      decisionTaskCompletedEventId: h.completed(),
    });
    h.decisionTask();
    expect((await replay(h, wf)).result).toBe('TIMER_CREATION_RATE_EXCEEDED');
  });

  it('CancelTimerFailed and RequestCancelActivityTaskFailed are matched without divergence', async () => {
    async function wf(): Promise<string> {
      const scope = new CancellationScope();
      const t = scope.run(() => sleep('1h')).catch(() => 'cancelled');
      const a = scope.run(() => act('A')).catch(() => 'cancelled');
      await sleep('1s');
      scope.cancel();
      await t;
      return String(await a);
    }
    const h = new HistoryBuilder().start('wf').decisionTask();
    const c = h.completed();
    h.timerStarted('timer-1', c, '3600');
    const s = h.scheduled('A', 'activity-1', c);
    const t2 = h.timerStarted('timer-2', c, '1');
    h.timerFired('timer-2', t2);
    h.decisionTask();
    expect(summarize((await replay(h, wf)).decisions)).toEqual([
      'CancelTimer timer-1',
      'RequestCancelActivityTask activity-1',
    ]);
    const c2 = h.completed();
    h.add('CancelTimerFailed', { timerId: 'timer-1', cause: 'TIMER_ID_UNKNOWN', decisionTaskCompletedEventId: c2 });
    h.add('RequestCancelActivityTaskFailed', {
      activityId: 'activity-1',
      cause: 'ACTIVITY_ID_UNKNOWN',
      decisionTaskCompletedEventId: c2,
    });
    h.activityCompleted(s, '"done anyway"');
    h.decisionTask();
    expect((await replay(h, wf)).result).toBe('done anyway');
  });

  it('CompleteWorkflowExecutionFailed (UNHANDLED_DECISION) sends the completion again', async () => {
    async function wf(): Promise<string> {
      return 'result';
    }
    const h = new HistoryBuilder().start('wf').decisionTask();
    h.add('CompleteWorkflowExecutionFailed', {
      cause: 'UNHANDLED_DECISION',
      decisionTaskCompletedEventId: h.completed(),
    });
    h.signaled('late');
    h.decisionTask();
    const r = await replay(h, wf);
    expect(summarize(r.decisions)).toEqual(['CompleteWorkflowExecution "result"']);
    expect(r.status).toBe('COMPLETED');
  });

  it('ContinueAsNewWorkflowExecutionFailed with another cause fails the run', async () => {
    async function wf(): Promise<never> {
      return continueAsNew();
    }
    const h = new HistoryBuilder().start('wf').decisionTask();
    h.add('ContinueAsNewWorkflowExecutionFailed', {
      cause: 'WORKFLOW_TYPE_DEPRECATED',
      decisionTaskCompletedEventId: h.completed(),
    });
    h.decisionTask();
    const r = await replay(h, wf);
    expect(r.status).toBe('FAILED');
    expect(r.decisions[0]?.failWorkflowExecutionDecisionAttributes?.reason).toBe('WORKFLOW_TYPE_DEPRECATED');
  });

  it('a decision task that timed out: its decisions are sent again with the next one', async () => {
    async function wf(): Promise<void> {
      await act('A');
    }
    const h = new HistoryBuilder().start('wf').decisionTask();
    h.add('DecisionTaskTimedOut', { scheduledEventId: 2, startedEventId: 3, timeoutType: 'START_TO_CLOSE' });
    h.decisionTask();
    expect(summarize((await replay(h, wf)).decisions)).toEqual(['ScheduleActivityTask A']);
    h.activityCompleted(h.scheduled('A', 'activity-1', h.completed()));
    h.decisionTask();
    expect((await replay(h, wf)).status).toBe('COMPLETED');
  });
});

describe('close decisions and their events', () => {
  async function failing(): Promise<void> {
    throw new Error('kaput');
  }
  async function cancelled(): Promise<void> {
    await sleep('1h');
  }
  const cancelledHistory = (): HistoryBuilder => {
    const h = new HistoryBuilder().start('cancelled').decisionTask();
    h.timerStarted('timer-1', h.completed(), '3600');
    h.add('WorkflowExecutionCancelRequested', {});
    h.decisionTask();
    return h;
  };

  it('FailWorkflowExecutionFailed sends the failure again; WorkflowExecutionFailed closes the run', async () => {
    const h = new HistoryBuilder().start('failing').decisionTask();
    h.add('FailWorkflowExecutionFailed', { cause: 'UNHANDLED_DECISION', decisionTaskCompletedEventId: h.completed() });
    h.decisionTask();
    const r = await replay(h, failing);
    expect(summarize(r.decisions)).toEqual(['FailWorkflowExecution Error']);
    expect(r.failure?.message).toBe('kaput');
    h.add('WorkflowExecutionFailed', { reason: 'Error', details: '{}', decisionTaskCompletedEventId: h.completed() });
    const closed = await replay(h, failing);
    expect(closed.decisions).toEqual([]);
    expect(closed.status).toBe('FAILED');
  });

  it('a cancelled timer: CancelTimer, TimerCanceled, then CancelWorkflowExecution; CancelWorkflowExecutionFailed sends it again', async () => {
    const h = cancelledHistory();
    expect(summarize((await replay(h, cancelled)).decisions)).toEqual([
      'CancelTimer timer-1',
      'CancelWorkflowExecution',
    ]);
    const c = h.completed();
    h.add('TimerCanceled', { timerId: 'timer-1', startedEventId: 5, decisionTaskCompletedEventId: c });
    h.add('CancelWorkflowExecutionFailed', { cause: 'UNHANDLED_DECISION', decisionTaskCompletedEventId: c });
    h.signaled('late');
    h.decisionTask();
    expect(summarize((await replay(h, cancelled)).decisions)).toEqual(['CancelWorkflowExecution']);
    h.add('WorkflowExecutionCanceled', { decisionTaskCompletedEventId: h.completed() });
    expect(await replay(h, cancelled)).toMatchObject({ decisions: [], status: 'CANCELED' });
  });

  it('a close decision the history did not record is a NonDeterminismError', async () => {
    const h = cancelledHistory();
    const c = h.completed();
    h.add('TimerCanceled', { timerId: 'timer-1', startedEventId: 5, decisionTaskCompletedEventId: c });
    h.add('WorkflowExecutionCompleted', { decisionTaskCompletedEventId: c });
    await expect(replay(h, cancelled)).rejects.toThrow(
      /recorded WorkflowExecutionCompleted.*but the code now did CancelWorkflowExecution/,
    );
  });
});

describe('continue-as-new', () => {
  it('closes with ContinueAsNewWorkflowExecution carrying the run options', async () => {
    async function looper(n: number): Promise<number> {
      if (n < 3) await continueAsNew(n + 1);
      return n;
    }
    const r = await replay(new HistoryBuilder().start('looper', [1], { tagList: ['t'] }).decisionTask(), looper);
    expect(r.status).toBe('CONTINUED_AS_NEW');
    expect(r.decisions).toEqual([
      {
        decisionType: 'ContinueAsNewWorkflowExecution',
        continueAsNewWorkflowExecutionDecisionAttributes: {
          input: '[2]',
          workflowTypeVersion: '1.0',
          taskList: { name: 'main' },
          executionStartToCloseTimeout: '3600',
          taskStartToCloseTimeout: '10',
          childPolicy: 'TERMINATE',
          tagList: ['t'],
        },
      },
    ]);
  });

  it('makeContinueAsNewFunc overrides options; the recorded event closes the run', async () => {
    async function looper(): Promise<never> {
      return makeContinueAsNewFunc<(x: string) => Promise<void>>({
        version: '2',
        taskList: 'other',
        executionStartToCloseTimeout: '2 hours',
      })('x');
    }
    const h = new HistoryBuilder().start('looper').decisionTask();
    const r = await replay(h, looper);
    expect(r.decisions[0]?.continueAsNewWorkflowExecutionDecisionAttributes).toMatchObject({
      workflowTypeVersion: '2',
      taskList: { name: 'other' },
      executionStartToCloseTimeout: '7200',
      input: '["x"]',
    });
    h.add('WorkflowExecutionContinuedAsNew', {
      decisionTaskCompletedEventId: h.completed(),
      newExecutionRunId: 'r2',
      workflowType: { name: 'looper', version: '2' },
    });
    const closed = await replay(h, looper);
    expect(closed).toEqual({ decisions: [], status: 'CONTINUED_AS_NEW' });
  });
});
