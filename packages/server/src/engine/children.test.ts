import { afterEach, describe, expect, it } from 'vitest';
import { type TestEngine, decide, makeEngine, pollDecision, start } from './test-support.js';

let t: TestEngine;
afterEach(() => t.engine.close());

const startChild = (workflowId: string, attrs: Record<string, unknown> = {}): Record<string, unknown> => ({
  decisionType: 'StartChildWorkflowExecution',
  startChildWorkflowExecutionDecisionAttributes: {
    workflowType: { name: 'W', version: '1' },
    workflowId,
    input: 'ci',
    taskList: { name: 'child' },
    ...attrs,
  },
});

/** Starts parent `p` and child `c` (on task list `child`); returns both run ids. */
async function parentAndChild(
  childAttrs: Record<string, unknown> = {},
  parentAttrs: Record<string, unknown> = {},
): Promise<{ parent: string; child: string }> {
  const parent = await start(t, 'p', parentAttrs);
  const d = await pollDecision(t);
  await decide(t, d.taskToken, [startChild('c', childAttrs)]);
  const events = await t.events('p', parent);
  const started = events.find((e) => e.eventType === 'ChildWorkflowExecutionStarted');
  return { parent, child: started!.childWorkflowExecutionStartedEventAttributes.workflowExecution.runId };
}

describe('child workflows', () => {
  it('starts a child and tells the parent how it completed', async () => {
    t = makeEngine();
    const { parent, child } = await parentAndChild();
    const pe = await t.events('p', parent);
    expect(pe.slice(4).map((e) => e.eventType)).toEqual([
      'StartChildWorkflowExecutionInitiated',
      'ChildWorkflowExecutionStarted',
      'DecisionTaskScheduled',
    ]);
    expect(pe[4]!.startChildWorkflowExecutionInitiatedEventAttributes).toEqual({
      workflowId: 'c',
      workflowType: { name: 'W', version: '1' },
      input: 'ci',
      executionStartToCloseTimeout: '3600',
      taskList: { name: 'child' },
      decisionTaskCompletedEventId: 4,
      childPolicy: 'TERMINATE',
      taskStartToCloseTimeout: '10',
    });
    expect(pe[5]!.childWorkflowExecutionStartedEventAttributes).toEqual({
      workflowExecution: { workflowId: 'c', runId: child },
      workflowType: { name: 'W', version: '1' },
      initiatedEventId: 5,
    });
    const ce = await t.events('c', child);
    expect(ce[0]!.workflowExecutionStartedEventAttributes).toMatchObject({
      parentWorkflowExecution: { workflowId: 'p', runId: parent },
      parentInitiatedEventId: 5,
      input: 'ci',
    });
    const desc = await t.call<any>('DescribeWorkflowExecution', {
      domain: 'd',
      execution: { workflowId: 'c', runId: child },
    });
    expect(desc.executionInfo.parent).toEqual({ workflowId: 'p', runId: parent });
    const pdesc = await t.call<any>('DescribeWorkflowExecution', {
      domain: 'd',
      execution: { workflowId: 'p', runId: parent },
    });
    expect(pdesc.openCounts.openChildWorkflowExecutions).toBe(1);

    const cd = await pollDecision(t, 'child');
    await decide(t, cd.taskToken, [
      { decisionType: 'CompleteWorkflowExecution', completeWorkflowExecutionDecisionAttributes: { result: 'cr' } },
    ]);
    const after = await t.events('p', parent);
    expect(after.at(-1)!.eventType).toBe('ChildWorkflowExecutionCompleted');
    expect(after.at(-1)!.childWorkflowExecutionCompletedEventAttributes).toEqual({
      workflowExecution: { workflowId: 'c', runId: child },
      workflowType: { name: 'W', version: '1' },
      result: 'cr',
      initiatedEventId: 5,
      startedEventId: 6,
    });
  });

  it.each([
    [
      'FailWorkflowExecution',
      { failWorkflowExecutionDecisionAttributes: { reason: 'r', details: 'x' } },
      'ChildWorkflowExecutionFailed',
      { reason: 'r', details: 'x' },
    ],
    [
      'CancelWorkflowExecution',
      { cancelWorkflowExecutionDecisionAttributes: { details: 'x' } },
      'ChildWorkflowExecutionCanceled',
      { details: 'x' },
    ],
  ])('reports a child closed by %s', async (decisionType, attrs, eventType, extra) => {
    t = makeEngine();
    const { parent } = await parentAndChild();
    const cd = await pollDecision(t, 'child');
    await decide(t, cd.taskToken, [{ decisionType, ...attrs }]);
    const last = (await t.events('p', parent)).at(-1)!;
    expect(last.eventType).toBe(eventType);
    expect(last[`${eventType.charAt(0).toLowerCase()}${eventType.slice(1)}EventAttributes`]).toMatchObject({
      ...extra,
      initiatedEventId: 5,
      startedEventId: 6,
    });
  });

  it('reports a child that timed out or was terminated', async () => {
    t = makeEngine();
    const { parent } = await parentAndChild({ executionStartToCloseTimeout: '50' });
    t.clock.advance(50_000);
    const timedOut = (await t.events('p', parent)).find((e) => e.eventType === 'ChildWorkflowExecutionTimedOut');
    expect(timedOut!.childWorkflowExecutionTimedOutEventAttributes).toMatchObject({
      timeoutType: 'START_TO_CLOSE',
      initiatedEventId: 5,
      startedEventId: 6,
    });

    const pd = await pollDecision(t);
    await decide(t, pd.taskToken, [startChild('c2')]);
    await t.call('TerminateWorkflowExecution', { domain: 'd', workflowId: 'c2' });
    expect(await t.types('p', parent)).toContain('ChildWorkflowExecutionTerminated');
  });

  it('fails to start a child: unknown type (initiatedEventId 0), id already running (after Initiated)', async () => {
    t = makeEngine();
    await start(t, 'busy');
    const parent = await start(t, 'p');
    const d = await pollDecision(t);
    const d2 = d.workflowExecution.workflowId === 'p' ? d : await pollDecision(t);
    await decide(t, d2.taskToken, [
      startChild('x', { workflowType: { name: 'Nope', version: '1' } }),
      startChild('busy', { control: 'k' }),
    ]);
    const events = (await t.events('p', parent)).slice(4);
    expect(events.map((e) => e.eventType)).toEqual([
      'StartChildWorkflowExecutionFailed',
      'StartChildWorkflowExecutionInitiated',
      'StartChildWorkflowExecutionFailed',
      'DecisionTaskScheduled',
    ]);
    expect(events[0]!.startChildWorkflowExecutionFailedEventAttributes).toEqual({
      workflowType: { name: 'Nope', version: '1' },
      cause: 'WORKFLOW_TYPE_DOES_NOT_EXIST',
      workflowId: 'x',
      initiatedEventId: 0,
      decisionTaskCompletedEventId: 4,
    });
    expect(events[2]!.startChildWorkflowExecutionFailedEventAttributes).toEqual({
      workflowType: { name: 'W', version: '1' },
      cause: 'WORKFLOW_ALREADY_RUNNING',
      workflowId: 'busy',
      initiatedEventId: 6,
      decisionTaskCompletedEventId: 4,
      control: 'k',
    });
  });
});

describe('child policies', () => {
  it('TERMINATE: terminating the parent terminates the child (cause CHILD_POLICY_APPLIED)', async () => {
    t = makeEngine();
    const { child } = await parentAndChild();
    await t.call('TerminateWorkflowExecution', { domain: 'd', workflowId: 'p' });
    const last = (await t.events('c', child)).at(-1)!;
    expect(last.workflowExecutionTerminatedEventAttributes).toEqual({
      childPolicy: 'TERMINATE',
      cause: 'CHILD_POLICY_APPLIED',
    });
  });

  it('REQUEST_CANCEL: a parent timing out asks its children to cancel', async () => {
    t = makeEngine();
    const { parent, child } = await parentAndChild(
      {},
      { childPolicy: 'REQUEST_CANCEL', executionStartToCloseTimeout: '100' },
    );
    t.clock.advance(100_000);
    const events = await t.events('c', child);
    expect(events.map((e) => e.eventType)).toEqual([
      'WorkflowExecutionStarted',
      'DecisionTaskScheduled',
      'WorkflowExecutionCancelRequested',
    ]);
    const req = events.find((e) => e.eventType === 'WorkflowExecutionCancelRequested')!;
    expect(req.workflowExecutionCancelRequestedEventAttributes).toEqual({
      cause: 'CHILD_POLICY_APPLIED',
      externalWorkflowExecution: { workflowId: 'p', runId: parent },
      externalInitiatedEventId: 0,
    });
    const desc = await t.call<any>('DescribeWorkflowExecution', {
      domain: 'd',
      execution: { workflowId: 'c', runId: child },
    });
    expect(desc.executionInfo).toMatchObject({ executionStatus: 'OPEN', cancelRequested: true });
  });

  // Amazon SWF applies the policy whenever the parent closes, not only when it is terminated or
  // times out: recorded in glenbraun/FsDecider's histories of real runs (UnitTests/
  // TestStartChildWorkflowExecution.fs "... with result of Started": the parent completes and its
  // child's history ends WorkflowExecutionTerminated, cause CHILD_POLICY_APPLIED;
  // TestWorkflowExecutionCancelRequested.fs: a REQUEST_CANCEL parent completes and its child records
  // WorkflowExecutionCancelRequested, cause CHILD_POLICY_APPLIED, externalWorkflowExecution the parent).
  const closes: Array<[string, Record<string, unknown>]> = [
    ['CompleteWorkflowExecution', { completeWorkflowExecutionDecisionAttributes: { result: 'r' } }],
    ['FailWorkflowExecution', { failWorkflowExecutionDecisionAttributes: { reason: 'r' } }],
    ['CancelWorkflowExecution', { cancelWorkflowExecutionDecisionAttributes: {} }],
    ['ContinueAsNewWorkflowExecution', { continueAsNewWorkflowExecutionDecisionAttributes: {} }],
  ];

  it.each(closes)('TERMINATE: a parent closed by %s terminates its open child', async (decisionType, attrs) => {
    t = makeEngine();
    const { child } = await parentAndChild();
    const pd = await pollDecision(t);
    await decide(t, pd.taskToken, [{ decisionType, ...attrs }]);
    const last = (await t.events('c', child)).at(-1)!;
    expect(last.eventType).toBe('WorkflowExecutionTerminated');
    expect(last.workflowExecutionTerminatedEventAttributes).toEqual({
      childPolicy: 'TERMINATE',
      cause: 'CHILD_POLICY_APPLIED',
    });
  });

  it.each(closes)(
    'REQUEST_CANCEL: a parent closed by %s asks its open child to cancel',
    async (decisionType, attrs) => {
      t = makeEngine();
      const { parent, child } = await parentAndChild({}, { childPolicy: 'REQUEST_CANCEL' });
      const pd = await pollDecision(t);
      await decide(t, pd.taskToken, [{ decisionType, ...attrs }]);
      const events = await t.events('c', child);
      expect(events.map((e) => e.eventType)).toEqual([
        'WorkflowExecutionStarted',
        'DecisionTaskScheduled',
        'WorkflowExecutionCancelRequested',
      ]);
      expect(events[2]!.workflowExecutionCancelRequestedEventAttributes).toEqual({
        cause: 'CHILD_POLICY_APPLIED',
        externalWorkflowExecution: { workflowId: 'p', runId: parent },
        externalInitiatedEventId: 0,
      });
    },
  );

  it('ABANDON: a completed parent leaves its child running', async () => {
    t = makeEngine();
    const { child } = await parentAndChild({}, { childPolicy: 'ABANDON' });
    const pd = await pollDecision(t);
    await decide(t, pd.taskToken, [{ decisionType: 'CompleteWorkflowExecution' }]);
    expect(await t.types('c', child)).toEqual(['WorkflowExecutionStarted', 'DecisionTaskScheduled']);
  });

  it('ABANDON: the child keeps running; TerminateWorkflowExecution can override the policy', async () => {
    t = makeEngine();
    const { child } = await parentAndChild();
    await t.call('TerminateWorkflowExecution', { domain: 'd', workflowId: 'p', childPolicy: 'ABANDON' });
    const desc = await t.call<any>('DescribeWorkflowExecution', {
      domain: 'd',
      execution: { workflowId: 'c', runId: child },
    });
    expect(desc.executionInfo.executionStatus).toBe('OPEN');
  });
});

describe('continue-as-new', () => {
  it('closes the run CONTINUED_AS_NEW and starts a new run of the same workflow id', async () => {
    t = makeEngine();
    const r1 = await start(t, 'wf1', { tagList: ['a'] });
    const d = await pollDecision(t);
    await decide(t, d.taskToken, [
      {
        decisionType: 'ContinueAsNewWorkflowExecution',
        continueAsNewWorkflowExecutionDecisionAttributes: { input: 'next', tagList: ['b'] },
      },
    ]);
    const e1 = await t.events('wf1', r1);
    const cont = e1.at(-1)!.workflowExecutionContinuedAsNewEventAttributes;
    expect(cont).toMatchObject({
      input: 'next',
      decisionTaskCompletedEventId: 4,
      executionStartToCloseTimeout: '3600',
      taskList: { name: 'wf' },
      taskStartToCloseTimeout: '10',
      childPolicy: 'TERMINATE',
      tagList: ['b'],
      workflowType: { name: 'W', version: '1' },
    });
    const r2 = cont.newExecutionRunId as string;
    expect(r2).not.toBe(r1);
    const e2 = await t.events('wf1', r2);
    expect(e2[0]!.workflowExecutionStartedEventAttributes).toMatchObject({
      input: 'next',
      continuedExecutionRunId: r1,
      tagList: ['b'],
    });
    const d2 = await pollDecision(t);
    expect(d2.workflowExecution).toEqual({ workflowId: 'wf1', runId: r2 });
    const closed = await t.call<any>('DescribeWorkflowExecution', {
      domain: 'd',
      execution: { workflowId: 'wf1', runId: r1 },
    });
    expect(closed.executionInfo.closeStatus).toBe('CONTINUED_AS_NEW');
  });

  it('fails with WORKFLOW_TYPE_DOES_NOT_EXIST for an unknown version', async () => {
    t = makeEngine();
    const r1 = await start(t);
    const d = await pollDecision(t);
    await decide(t, d.taskToken, [
      {
        decisionType: 'ContinueAsNewWorkflowExecution',
        continueAsNewWorkflowExecutionDecisionAttributes: { workflowTypeVersion: '9' },
      },
    ]);
    const e = (await t.events('wf1', r1)).slice(-2);
    expect(e[0]!.continueAsNewWorkflowExecutionFailedEventAttributes).toEqual({
      cause: 'WORKFLOW_TYPE_DOES_NOT_EXIST',
      decisionTaskCompletedEventId: 4,
    });
    expect(e[1]!.eventType).toBe('DecisionTaskScheduled');
  });

  it('a continued child keeps its parent, which learns of the last run closing', async () => {
    t = makeEngine();
    const { parent } = await parentAndChild();
    const cd = await pollDecision(t, 'child');
    await decide(t, cd.taskToken, [
      {
        decisionType: 'ContinueAsNewWorkflowExecution',
        continueAsNewWorkflowExecutionDecisionAttributes: { taskList: { name: 'child' } },
      },
    ]);
    const cd2 = await pollDecision(t, 'child');
    await decide(t, cd2.taskToken, [
      { decisionType: 'CompleteWorkflowExecution', completeWorkflowExecutionDecisionAttributes: { result: 'r' } },
    ]);
    const done = (await t.events('p', parent)).find((e) => e.eventType === 'ChildWorkflowExecutionCompleted')!;
    expect(done.childWorkflowExecutionCompletedEventAttributes).toMatchObject({
      result: 'r',
      initiatedEventId: 5,
      startedEventId: 6,
    });
    expect(done.childWorkflowExecutionCompletedEventAttributes.workflowExecution.runId).toBe(
      cd2.workflowExecution.runId,
    );
  });
});
