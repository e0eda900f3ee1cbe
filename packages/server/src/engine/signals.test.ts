import { afterEach, describe, expect, it } from 'vitest';
import { type TestEngine, decide, makeEngine, pollDecision, start } from './test-support.js';

let t: TestEngine;
afterEach(() => t.engine.close());

describe('signals, cancel requests, terminate', () => {
  it('RequestCancelWorkflowExecution: WorkflowExecutionCancelRequested, then CancelWorkflowExecution closes CANCELED', async () => {
    t = makeEngine();
    const runId = await start(t);
    const d1 = await pollDecision(t);
    await decide(t, d1.taskToken, []);
    await t.call('RequestCancelWorkflowExecution', { domain: 'd', workflowId: 'wf1' });
    const d2 = await pollDecision(t);
    await decide(t, d2.taskToken, [
      { decisionType: 'CancelWorkflowExecution', cancelWorkflowExecutionDecisionAttributes: {} },
    ]);
    const events = await t.events('wf1', runId);
    expect(events.slice(4).map((e) => e.eventType)).toEqual([
      'WorkflowExecutionCancelRequested',
      'DecisionTaskScheduled',
      'DecisionTaskStarted',
      'DecisionTaskCompleted',
      'WorkflowExecutionCanceled',
    ]);
    expect(events[4]!.workflowExecutionCancelRequestedEventAttributes).toEqual({ externalInitiatedEventId: 0 });
    expect(events[8]!.workflowExecutionCanceledEventAttributes).toEqual({ decisionTaskCompletedEventId: 8 });
  });

  it('signal, cancel and terminate of an unknown or closed execution are UnknownResourceFault, naming it as SWF does (with or without a run id)', async () => {
    t = makeEngine();
    const runId = await start(t);
    await t.call('TerminateWorkflowExecution', { domain: 'd', workflowId: 'wf1', runId });
    for (const op of [
      'SignalWorkflowExecution',
      'RequestCancelWorkflowExecution',
      'TerminateWorkflowExecution',
    ] as const) {
      for (const unnamed of [{}, { runId: '' }])
        await expect(t.call(op, { domain: 'd', workflowId: 'wf1', signalName: 's', ...unnamed })).rejects.toMatchObject(
          {
            fault: 'UnknownResourceFault',
            message: 'Unknown execution, workflowId = wf1',
          },
        );
      await expect(t.call(op, { domain: 'd', workflowId: 'wf1', runId, signalName: 's' })).rejects.toMatchObject({
        fault: 'UnknownResourceFault',
        message: `Unknown execution: WorkflowExecution=[workflowId=wf1, runId=${runId}]`,
      });
    }
    expect((await t.types('wf1', runId)).at(-1)).toBe('WorkflowExecutionTerminated');
  });
});

describe('external executions', () => {
  it('SignalExternalWorkflowExecution signals the target and records ExternalWorkflowExecutionSignaled', async () => {
    t = makeEngine();
    const target = await start(t, 'target', { taskList: { name: 'tl' } });
    const me = await start(t, 'me');
    const d = await pollDecision(t);
    await decide(t, d.taskToken, [
      {
        decisionType: 'SignalExternalWorkflowExecution',
        signalExternalWorkflowExecutionDecisionAttributes: {
          workflowId: 'target',
          signalName: 'hi',
          input: 'x',
          control: 'c',
        },
      },
      {
        decisionType: 'SignalExternalWorkflowExecution',
        signalExternalWorkflowExecutionDecisionAttributes: { workflowId: 'ghost', signalName: 'hi' },
      },
    ]);
    const mine = (await t.events('me', me)).slice(4);
    expect(mine.map((e) => e.eventType)).toEqual([
      'SignalExternalWorkflowExecutionInitiated',
      'SignalExternalWorkflowExecutionInitiated',
      'ExternalWorkflowExecutionSignaled',
      'SignalExternalWorkflowExecutionFailed',
      'DecisionTaskScheduled',
    ]);
    expect(mine[0]!.signalExternalWorkflowExecutionInitiatedEventAttributes).toEqual({
      workflowId: 'target',
      signalName: 'hi',
      input: 'x',
      decisionTaskCompletedEventId: 4,
      control: 'c',
    });
    expect(mine[2]!.externalWorkflowExecutionSignaledEventAttributes).toEqual({
      workflowExecution: { workflowId: 'target', runId: target },
      initiatedEventId: 5,
    });
    expect(mine[3]!.signalExternalWorkflowExecutionFailedEventAttributes).toEqual({
      workflowId: 'ghost',
      cause: 'UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION',
      initiatedEventId: 6,
      decisionTaskCompletedEventId: 4,
    });
    const theirs = await t.events('target', target);
    expect(theirs.at(-1)!.workflowExecutionSignaledEventAttributes).toEqual({
      signalName: 'hi',
      input: 'x',
      externalWorkflowExecution: { workflowId: 'me', runId: me },
      externalInitiatedEventId: 5,
    });
  });

  it('RequestCancelExternalWorkflowExecution asks the target to cancel and records ExternalWorkflowExecutionCancelRequested', async () => {
    t = makeEngine();
    const target = await start(t, 'target', { taskList: { name: 'tl' } });
    const me = await start(t, 'me');
    const d = await pollDecision(t);
    await decide(t, d.taskToken, [
      {
        decisionType: 'RequestCancelExternalWorkflowExecution',
        requestCancelExternalWorkflowExecutionDecisionAttributes: { workflowId: 'target', runId: target },
      },
      {
        decisionType: 'RequestCancelExternalWorkflowExecution',
        requestCancelExternalWorkflowExecutionDecisionAttributes: { workflowId: 'ghost', control: 'k' },
      },
    ]);
    const mine = (await t.events('me', me)).slice(4);
    expect(mine.map((e) => e.eventType)).toEqual([
      'RequestCancelExternalWorkflowExecutionInitiated',
      'RequestCancelExternalWorkflowExecutionInitiated',
      'ExternalWorkflowExecutionCancelRequested',
      'RequestCancelExternalWorkflowExecutionFailed',
      'DecisionTaskScheduled',
    ]);
    expect(mine[0]!.requestCancelExternalWorkflowExecutionInitiatedEventAttributes).toEqual({
      workflowId: 'target',
      runId: target,
      decisionTaskCompletedEventId: 4,
    });
    expect(mine[2]!.externalWorkflowExecutionCancelRequestedEventAttributes).toEqual({
      workflowExecution: { workflowId: 'target', runId: target },
      initiatedEventId: 5,
    });
    expect(mine[3]!.requestCancelExternalWorkflowExecutionFailedEventAttributes).toEqual({
      workflowId: 'ghost',
      cause: 'UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION',
      initiatedEventId: 6,
      decisionTaskCompletedEventId: 4,
      control: 'k',
    });
    const theirs = await t.events('target', target);
    expect(theirs.at(-1)!.workflowExecutionCancelRequestedEventAttributes).toEqual({
      externalWorkflowExecution: { workflowId: 'me', runId: me },
      externalInitiatedEventId: 5,
    });
  });
});
