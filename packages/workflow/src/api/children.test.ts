import { describe, expect, it } from 'vitest';
import {
  ApplicationFailure,
  CancelledFailure,
  ChildWorkflowFailure,
  TerminatedFailure,
  TimeoutFailure,
} from '@swf-flow/common';
import { executeChild, startChild } from './children.js';
import { getExternalWorkflowHandle } from './external.js';
import { makeContinueAsNewFunc } from './continue-as-new.js';
import { defineSignal } from './signals.js';
import { defineWorkflow } from '../workflow-type.js';
import { CancellationScope } from '../runtime/cancellation-scope.js';
import { HistoryBuilder } from '../test-support/history-builder.js';
import { replay, summarize } from '../test-support/run.js';

const ship = defineWorkflow(async (_order: string): Promise<string> => 'shipped', {
  name: 'Ship',
  version: '2',
  taskList: 'shipping',
  executionStartToCloseTimeout: '1 hour',
});
const poke = defineSignal<[number]>('poke');

async function parent(): Promise<unknown> {
  return executeChild(ship, { args: ['o-1'] });
}

function initiated(h: HistoryBuilder, workflowId = 'wf-1-child-1'): number {
  return h.add('StartChildWorkflowExecutionInitiated', {
    workflowId,
    workflowType: { name: 'Ship', version: '2' },
    taskList: { name: 'shipping' },
    decisionTaskCompletedEventId: h.completed(),
    childPolicy: 'TERMINATE',
  });
}

describe('child workflows', () => {
  it('startChild sends StartChildWorkflowExecution with the defined type options', async () => {
    const r = await replay(new HistoryBuilder().start('parent').decisionTask(), parent);
    expect(r.decisions).toEqual([
      {
        decisionType: 'StartChildWorkflowExecution',
        startChildWorkflowExecutionDecisionAttributes: {
          workflowType: { name: 'Ship', version: '2' },
          workflowId: 'wf-1-child-1',
          input: '["o-1"]',
          taskList: { name: 'shipping' },
          executionStartToCloseTimeout: '3600',
        },
      },
    ]);
  });

  it('resolves with the child result (recorded workflowId adopted)', async () => {
    const h = new HistoryBuilder().start('parent').decisionTask();
    const i = initiated(h, 'their-id');
    h.add('ChildWorkflowExecutionStarted', {
      initiatedEventId: i,
      workflowExecution: { workflowId: 'their-id', runId: 'r2' },
      workflowType: { name: 'Ship', version: '2' },
    });
    h.add('ChildWorkflowExecutionCompleted', { initiatedEventId: i, startedEventId: i + 1, result: '"shipped"' });
    h.decisionTask();
    expect((await replay(h, parent)).result).toBe('shipped');
  });

  it.each([
    ['ChildWorkflowExecutionFailed', { reason: 'Oops', details: 'bad' }, ApplicationFailure],
    ['ChildWorkflowExecutionTimedOut', { timeoutType: 'START_TO_CLOSE' }, TimeoutFailure],
    ['ChildWorkflowExecutionCanceled', { details: '"x"' }, CancelledFailure],
    ['ChildWorkflowExecutionTerminated', {}, TerminatedFailure],
  ] as const)('%s rejects with a ChildWorkflowFailure', async (type, attrs, causeClass) => {
    let seen: unknown;
    async function watcher(): Promise<string> {
      try {
        await executeChild(ship, { args: ['o'] });
      } catch (err) {
        seen = err;
      }
      return 'done';
    }
    const h = new HistoryBuilder().start('watcher').decisionTask();
    const i = initiated(h);
    h.add('ChildWorkflowExecutionStarted', {
      initiatedEventId: i,
      workflowExecution: { workflowId: 'wf-1-child-1', runId: 'r2' },
    });
    h.add(type, { initiatedEventId: i, startedEventId: i + 1, ...attrs });
    h.decisionTask();
    await replay(h, watcher);
    expect(seen).toBeInstanceOf(ChildWorkflowFailure);
    expect((seen as ChildWorkflowFailure).cause).toBeInstanceOf(causeClass);
    expect((seen as ChildWorkflowFailure).execution).toEqual({ workflowId: 'wf-1-child-1', runId: 'r2' });
  });

  it('StartChildWorkflowExecutionFailed rejects startChild with the SWF cause', async () => {
    let seen: unknown;
    async function starter(): Promise<void> {
      await startChild('Missing').catch((err: unknown) => {
        seen = err;
      });
    }
    const h = new HistoryBuilder().start('starter').decisionTask();
    h.add('StartChildWorkflowExecutionFailed', {
      workflowId: 'wf-1-child-1',
      workflowType: { name: 'Missing', version: '1.0' },
      cause: 'WORKFLOW_TYPE_DOES_NOT_EXIST',
      initiatedEventId: 0,
      decisionTaskCompletedEventId: h.completed(),
    });
    h.decisionTask();
    await replay(h, starter);
    expect(seen).toBeInstanceOf(ChildWorkflowFailure);
    expect(((seen as ChildWorkflowFailure).cause as ApplicationFailure).type).toBe('WORKFLOW_TYPE_DOES_NOT_EXIST');
  });

  it('signals a child and cancels it with its scope', async () => {
    async function boss(): Promise<string> {
      const scope = new CancellationScope();
      const child = await scope.run(() => startChild(ship, { workflowId: 'kid' }));
      await child.signal(poke, 7);
      scope.cancel();
      return child.result().then(
        () => 'finished',
        (err: ChildWorkflowFailure) => (err.cause instanceof CancelledFailure ? 'cancelled' : 'failed'),
      );
    }
    const h = new HistoryBuilder().start('boss').decisionTask();
    const i = initiated(h, 'kid');
    h.add('ChildWorkflowExecutionStarted', {
      initiatedEventId: i,
      workflowExecution: { workflowId: 'kid', runId: 'r9' },
    });
    h.decisionTask();
    expect((await replay(h, boss)).decisions).toEqual([
      {
        decisionType: 'SignalExternalWorkflowExecution',
        signalExternalWorkflowExecutionDecisionAttributes: {
          workflowId: 'kid',
          runId: 'r9',
          signalName: 'poke',
          input: '[7]',
        },
      },
    ]);
    const c = h.completed();
    const si = h.add('SignalExternalWorkflowExecutionInitiated', {
      workflowId: 'kid',
      runId: 'r9',
      signalName: 'poke',
      input: '[7]',
      decisionTaskCompletedEventId: c,
    });
    h.add('ExternalWorkflowExecutionSignaled', {
      initiatedEventId: si,
      workflowExecution: { workflowId: 'kid', runId: 'r9' },
    });
    h.decisionTask();
    expect((await replay(h, boss)).decisions).toEqual([
      {
        decisionType: 'RequestCancelExternalWorkflowExecution',
        requestCancelExternalWorkflowExecutionDecisionAttributes: { workflowId: 'kid', runId: 'r9' },
      },
    ]);
    const c2 = h.completed();
    const ci = h.add('RequestCancelExternalWorkflowExecutionInitiated', {
      workflowId: 'kid',
      runId: 'r9',
      decisionTaskCompletedEventId: c2,
    });
    h.add('ExternalWorkflowExecutionCancelRequested', {
      initiatedEventId: ci,
      workflowExecution: { workflowId: 'kid', runId: 'r9' },
    });
    h.add('ChildWorkflowExecutionCanceled', { initiatedEventId: i, startedEventId: i + 1 });
    h.decisionTask();
    expect((await replay(h, boss)).result).toBe('cancelled');
  });
});

// A key it does not know was dropped in silence (workflowID: the child ran under a generated id), a
// task list SWF's name rule refuses stuck the run (SWF refused every answer), and so would a timeout
// of 0 the service refuses: the run fails at the call, naming the option.
describe('child and continue-as-new options', () => {
  it.each<[string, () => Promise<unknown>, RegExp]>([
    [
      'startChild with a key it does not know',
      () => executeChild(ship, { workflowID: 'x' } as never),
      /startChild: unknown option 'workflowID' \(did you mean workflowId\?\); the options are args, workflowId/,
    ],
    [
      'startChild with a task list SWF refuses',
      () => executeChild(ship, { taskList: 'a:b' }),
      /child taskList 'a:b' is not a valid SWF name: it may not contain ':'/,
    ],
    [
      'startChild with a decision task timeout of 0',
      () => executeChild(ship, { taskStartToCloseTimeout: '0s' }),
      /taskStartToCloseTimeout is 0 seconds; a new run's timeouts need at least 1 second/,
    ],
    [
      'continueAsNew with an execution timeout of 0',
      () => makeContinueAsNewFunc({ executionStartToCloseTimeout: 0 })(),
      /executionStartToCloseTimeout is 0 seconds/,
    ],
    [
      'continueAsNew with a key it does not know',
      () => makeContinueAsNewFunc({ tasklist: 'x' } as never)(),
      /makeContinueAsNewFunc: unknown option 'tasklist' \(did you mean taskList\?\)/,
    ],
    [
      'continueAsNew with a task list SWF refuses',
      () => makeContinueAsNewFunc({ taskList: 'a|b' })(),
      /continueAsNew taskList 'a\|b' is not a valid SWF name/,
    ],
  ])('%s fails the run, naming the option', async (_what, call, message) => {
    const r = await replay(new HistoryBuilder().start('parent').decisionTask(), { parent: async () => call() });
    expect(r.decisions.map((d) => d.decisionType)).toEqual(['FailWorkflowExecution']);
    const details = r.decisions[0]?.failWorkflowExecutionDecisionAttributes?.details ?? '';
    expect((JSON.parse(details) as { message: string }).message).toMatch(message);
  });
});

describe('external workflows', () => {
  it('signal and cancel; failures carry the SWF cause', async () => {
    async function messenger(): Promise<string[]> {
      const outcomes: string[] = [];
      const other = getExternalWorkflowHandle('other', 'r1');
      await other.signal('hello', 1).then(
        () => outcomes.push('signalled'),
        (e: ApplicationFailure) => outcomes.push(e.type),
      );
      await other.cancel().then(
        () => outcomes.push('cancel requested'),
        (e: ApplicationFailure) => outcomes.push(e.type),
      );
      return outcomes;
    }
    const h = new HistoryBuilder().start('messenger').decisionTask();
    expect(summarize((await replay(h, messenger)).decisions)).toEqual(['SignalExternalWorkflowExecution hello']);
    const si = h.add('SignalExternalWorkflowExecutionInitiated', {
      workflowId: 'other',
      runId: 'r1',
      signalName: 'hello',
      decisionTaskCompletedEventId: h.completed(),
    });
    h.add('SignalExternalWorkflowExecutionFailed', {
      workflowId: 'other',
      runId: 'r1',
      cause: 'UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION',
      initiatedEventId: si,
      decisionTaskCompletedEventId: 0,
    });
    h.decisionTask();
    expect(summarize((await replay(h, messenger)).decisions)).toEqual(['RequestCancelExternalWorkflowExecution other']);
    h.add('RequestCancelExternalWorkflowExecutionFailed', {
      workflowId: 'other',
      runId: 'r1',
      cause: 'OPERATION_NOT_PERMITTED',
      initiatedEventId: 0,
      decisionTaskCompletedEventId: h.completed(),
    });
    h.decisionTask();
    const r = await replay(h, messenger);
    expect(r.result).toEqual(['UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION', 'OPERATION_NOT_PERMITTED']);
  });

  it('validates its input', () => {
    expect(() => getExternalWorkflowHandle('x')).toThrow(/only be called from workflow code/);
  });
});
