import { describe, expect, it } from 'vitest';
import { ActivityFailure, CancelledFailure } from '@swf-flow/common';
import { CancellationScope } from './cancellation-scope.js';
import { scheduleActivity } from './activity-command.js';
import { sleep } from './timer-command.js';
import { HistoryBuilder } from '../test-support/history-builder.js';
import { replay, summarize } from '../test-support/run.js';

const act = (name: string): Promise<unknown> => scheduleActivity({ activityType: { name, version: '1.0' }, args: [] });

describe('cancellation', () => {
  async function order(): Promise<string> {
    try {
      await act('Charge');
      return 'charged';
    } catch (err) {
      if (err instanceof ActivityFailure && err.cause instanceof CancelledFailure) {
        await CancellationScope.nonCancellable(() => act('Refund'));
      }
      throw err;
    }
  }

  it('a cancel request cancels the running activity (RequestCancelActivityTask)', async () => {
    const h = new HistoryBuilder().start('order').decisionTask();
    h.scheduled('Charge', 'activity-1', h.completed());
    h.add('WorkflowExecutionCancelRequested', { externalInitiatedEventId: 0 });
    h.decisionTask();
    expect(summarize((await replay(h, order)).decisions)).toEqual(['RequestCancelActivityTask activity-1']);
  });

  it('ActivityTaskCanceled rejects, cleanup runs non-cancellable, then CancelWorkflowExecution', async () => {
    const h = new HistoryBuilder().start('order').decisionTask();
    const s = h.scheduled('Charge', 'activity-1', h.completed());
    h.add('WorkflowExecutionCancelRequested', { externalInitiatedEventId: 0 });
    h.decisionTask();
    const c = h.completed();
    const req = h.add('ActivityTaskCancelRequested', { activityId: 'activity-1', decisionTaskCompletedEventId: c });
    h.add('ActivityTaskCanceled', { scheduledEventId: s, latestCancelRequestedEventId: req, details: '"stopped"' });
    h.decisionTask();
    expect(summarize((await replay(h, order)).decisions)).toEqual(['ScheduleActivityTask Refund']);
    const r = h.scheduled('Refund', 'activity-2', h.completed());
    h.activityCompleted(r);
    h.decisionTask();
    const done = await replay(h, order);
    expect(done.status).toBe('CANCELED');
    expect(done.decisions).toEqual([
      { decisionType: 'CancelWorkflowExecution', cancelWorkflowExecutionDecisionAttributes: {} },
    ]);
  });

  it('a run the code cancels itself (e.g. from a signal) also closes as canceled', async () => {
    async function selfCancel(): Promise<void> {
      const scope = new CancellationScope();
      const p = scope.run(() => sleep('1h'));
      await sleep('1s');
      scope.cancel();
      await p;
    }
    const h = new HistoryBuilder().start('selfCancel').decisionTask();
    const c = h.completed();
    h.timerStarted('timer-1', c, '3600');
    h.timerFired('timer-1', h.timerStarted('timer-2', c, '1'));
    h.decisionTask();
    const r = await replay(h, selfCancel);
    expect(summarize(r.decisions)).toEqual(['CancelTimer timer-1', 'CancelWorkflowExecution']);
    expect(r.status).toBe('CANCELED');
  });

  it('a cancel request that arrives while a decision task is in flight is answered by the next task', async () => {
    const h = new HistoryBuilder().start('order').decisionTask();
    h.scheduled('Charge', 'activity-1', h.completed());
    h.signaled('noop');
    const scheduled = h.add('DecisionTaskScheduled', {});
    const started = h.add('DecisionTaskStarted', { scheduledEventId: scheduled });
    h.add('WorkflowExecutionCancelRequested', {});
    const next = h.add('DecisionTaskScheduled', {});
    h.add('DecisionTaskCompleted', { scheduledEventId: scheduled, startedEventId: started });
    h.add('DecisionTaskStarted', { scheduledEventId: next });
    expect(summarize((await replay(h, order)).decisions)).toEqual(['RequestCancelActivityTask activity-1']);
  });

  it('a workflow that swallows the cancellation completes normally', async () => {
    async function stubborn(): Promise<string> {
      try {
        await sleep('1 day');
      } catch (err) {
        if (err instanceof CancelledFailure) return 'ignored cancel';
      }
      return 'slept';
    }
    const h = new HistoryBuilder().start('stubborn').decisionTask();
    h.timerStarted('timer-1', h.completed(), '86400');
    h.add('WorkflowExecutionCancelRequested', {});
    h.decisionTask();
    const r = await replay(h, stubborn);
    expect(summarize(r.decisions)).toEqual(['CancelTimer timer-1', 'CompleteWorkflowExecution "ignored cancel"']);
  });

  it('cancelling in the same decision task withdraws the command (no decision sent)', async () => {
    async function changeOfMind(): Promise<string> {
      const scope = new CancellationScope();
      const p = scope.run(() => act('Never'));
      scope.cancel();
      try {
        await p;
      } catch (err) {
        return (err as ActivityFailure).cause instanceof CancelledFailure ? 'withdrawn' : 'other';
      }
      return 'ran';
    }
    const r = await replay(new HistoryBuilder().start('changeOfMind').decisionTask(), changeOfMind);
    expect(summarize(r.decisions)).toEqual(['CompleteWorkflowExecution "withdrawn"']);
  });

  it('withTimeout cancels the work when its timer fires, and cancels its timer when the work ends first', async () => {
    async function bounded(): Promise<string> {
      try {
        await CancellationScope.withTimeout('10s', () => act('Slow'));
        return 'fast';
      } catch {
        return 'timed out';
      }
    }
    const h = new HistoryBuilder().start('bounded').decisionTask();
    expect(summarize((await replay(h, bounded)).decisions)).toEqual([
      'StartTimer timer-1',
      'ScheduleActivityTask Slow',
    ]);
    const c = h.completed();
    const t = h.timerStarted('timer-1', c, '10');
    const s = h.scheduled('Slow', 'activity-1', c);
    const fork = new HistoryBuilder();
    fork.events.push(...h.events);
    h.timerFired('timer-1', t);
    h.decisionTask();
    expect(summarize((await replay(h, bounded)).decisions)).toEqual(['RequestCancelActivityTask activity-1']);
    fork.lastStarted = h.lastStarted;
    fork.activityCompleted(s, '1');
    fork.decisionTask();
    expect(summarize((await replay(fork, bounded)).decisions)).toEqual([
      'CancelTimer timer-1',
      'CompleteWorkflowExecution "fast"',
    ]);
  });

  it('an operation started in an already cancelled scope rejects at once', async () => {
    async function late(): Promise<string> {
      const scope = new CancellationScope();
      scope.cancel();
      return scope
        .run(() => sleep('1s'))
        .then(
          () => 'slept',
          (err: unknown) => (err instanceof CancelledFailure ? 'rejected' : 'other'),
        );
    }
    expect((await replay(new HistoryBuilder().start('late').decisionTask(), late)).result).toBe('rejected');
  });

  it('cancelRequested rejects when the scope is cancelled', async () => {
    async function watcher(): Promise<string> {
      try {
        await CancellationScope.current().cancelRequested;
      } catch (err) {
        return (err as Error).message;
      }
      return 'never';
    }
    const h = new HistoryBuilder().start('watcher').decisionTask();
    h.completed();
    h.add('WorkflowExecutionCancelRequested', { cause: 'CHILD_POLICY_APPLIED' });
    h.decisionTask();
    expect((await replay(h, watcher)).result).toBe('Workflow execution cancel requested (CHILD_POLICY_APPLIED)');
  });

  // { cancelable: false } (one l) was dropped in silence: the scope meant to protect a refund was
  // cancelled with its parent
  it.each<[string, object, RegExp]>([
    [
      'a misspelt key',
      { cancelable: false },
      /^CancellationScope: unknown option 'cancelable' \(did you mean cancellable\?\); the options are cancellable, parent, timeout$/,
    ],
    [
      'cancellable not a boolean',
      { cancellable: 'no' },
      /^CancellationScope: cancellable must be true or false; got "no"$/,
    ],
    [
      'a parent that is not a scope',
      { parent: {} },
      /^CancellationScope: parent must be a CancellationScope; got \{\}$/,
    ],
  ])('refuses %s, failing the run with what to fix', async (_what, options, message) => {
    const h = new HistoryBuilder().start('scoped').decisionTask();
    const r = await replay(h, { scoped: async () => new CancellationScope(options as never).run(() => act('Charge')) });
    expect(r.decisions.map((d) => d.decisionType)).toEqual(['FailWorkflowExecution']);
    const details = r.decisions[0]?.failWorkflowExecutionDecisionAttributes?.details ?? '';
    expect((JSON.parse(details) as { message: string }).message).toMatch(message);
  });
});
