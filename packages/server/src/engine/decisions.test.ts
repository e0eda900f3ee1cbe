import { afterEach, describe, expect, it } from 'vitest';
import { type TestEngine, decide, makeEngine, pollActivity, pollDecision, scheduleA, start } from './test-support.js';

let t: TestEngine;
afterEach(() => t.engine.close());

/** Starts a run, answers its first task with `decisions` and returns the events after DecisionTaskCompleted. */
async function firstDecision(decisions: unknown[]): Promise<Array<Record<string, any>>> {
  const runId = await start(t);
  const d = await pollDecision(t);
  await decide(t, d.taskToken, decisions);
  return (await t.events('wf1', runId)).slice(4);
}

describe('ScheduleActivityTask failures', () => {
  it.each([
    ['ACTIVITY_TYPE_DOES_NOT_EXIST', scheduleA('x', { activityType: { name: 'Nope', version: '1' } })],
    ['DEFAULT_TASK_LIST_UNDEFINED', scheduleA('x', { activityType: { name: 'Bare', version: '1' } })],
    [
      'DEFAULT_SCHEDULE_TO_START_TIMEOUT_UNDEFINED',
      scheduleA('x', { activityType: { name: 'Bare', version: '1' }, taskList: { name: 'l' } }),
    ],
    [
      'DEFAULT_SCHEDULE_TO_CLOSE_TIMEOUT_UNDEFINED',
      scheduleA('x', {
        activityType: { name: 'Bare', version: '1' },
        taskList: { name: 'l' },
        scheduleToStartTimeout: '1',
      }),
    ],
    [
      'DEFAULT_START_TO_CLOSE_TIMEOUT_UNDEFINED',
      scheduleA('x', {
        activityType: { name: 'Bare', version: '1' },
        taskList: { name: 'l' },
        scheduleToStartTimeout: '1',
        scheduleToCloseTimeout: '2',
      }),
    ],
    ['ACTIVITY_TYPE_DEPRECATED', scheduleA('x', { activityType: { name: 'Old', version: '1' } })],
  ])('%s', async (cause, decision) => {
    t = makeEngine();
    t.registry.addActivity({ domain: 'd', name: 'Bare', version: '1', status: 'REGISTERED' });
    t.registry.addActivity({ domain: 'd', name: 'Old', version: '1', status: 'DEPRECATED', defaultTaskList: 'act' });
    const events = await firstDecision([decision]);
    expect(events.map((e) => e.eventType)).toEqual(['ScheduleActivityTaskFailed', 'DecisionTaskScheduled']);
    expect(events[0]!.scheduleActivityTaskFailedEventAttributes).toEqual({
      activityType: (decision.scheduleActivityTaskDecisionAttributes as any).activityType,
      activityId: 'x',
      cause,
      decisionTaskCompletedEventId: 4,
    });
  });

  it('ACTIVITY_ID_ALREADY_IN_USE while the first is open; reusable after it closed', async () => {
    t = makeEngine();
    const events = await firstDecision([scheduleA('a'), scheduleA('a')]);
    expect(events.map((e) => e.eventType)).toEqual([
      'ActivityTaskScheduled',
      'ScheduleActivityTaskFailed',
      'DecisionTaskScheduled',
    ]);
    expect(events[1]!.scheduleActivityTaskFailedEventAttributes.cause).toBe('ACTIVITY_ID_ALREADY_IN_USE');
  });

  it('OPEN_ACTIVITIES_LIMIT_EXCEEDED past the open-activity limit', async () => {
    t = makeEngine({ config: { maxOpenPerExecution: 2 } });
    const events = await firstDecision([scheduleA('a'), scheduleA('b'), scheduleA('c')]);
    expect(events[2]!.scheduleActivityTaskFailedEventAttributes.cause).toBe('OPEN_ACTIVITIES_LIMIT_EXCEEDED');
  });
});

describe('other decision failures', () => {
  it('StartTimer TIMER_ID_ALREADY_IN_USE, CancelTimer TIMER_ID_UNKNOWN, RequestCancelActivityTask ACTIVITY_ID_UNKNOWN', async () => {
    t = makeEngine();
    const events = await firstDecision([
      { decisionType: 'StartTimer', startTimerDecisionAttributes: { timerId: 't', startToFireTimeout: '5' } },
      { decisionType: 'StartTimer', startTimerDecisionAttributes: { timerId: 't', startToFireTimeout: '5' } },
      { decisionType: 'CancelTimer', cancelTimerDecisionAttributes: { timerId: 'u' } },
      { decisionType: 'RequestCancelActivityTask', requestCancelActivityTaskDecisionAttributes: { activityId: 'z' } },
    ]);
    expect(events.map((e) => e.eventType)).toEqual([
      'TimerStarted',
      'StartTimerFailed',
      'CancelTimerFailed',
      'RequestCancelActivityTaskFailed',
      'DecisionTaskScheduled',
    ]);
    expect(events[1]!.startTimerFailedEventAttributes).toEqual({
      timerId: 't',
      cause: 'TIMER_ID_ALREADY_IN_USE',
      decisionTaskCompletedEventId: 4,
    });
    expect(events[2]!.cancelTimerFailedEventAttributes).toEqual({
      timerId: 'u',
      cause: 'TIMER_ID_UNKNOWN',
      decisionTaskCompletedEventId: 4,
    });
    expect(events[3]!.requestCancelActivityTaskFailedEventAttributes).toEqual({
      activityId: 'z',
      cause: 'ACTIVITY_ID_UNKNOWN',
      decisionTaskCompletedEventId: 4,
    });
  });

  it('RecordMarker records MarkerRecorded without a new decision task', async () => {
    t = makeEngine();
    const events = await firstDecision([
      { decisionType: 'RecordMarker', recordMarkerDecisionAttributes: { markerName: 'm', details: 'x' } },
    ]);
    expect(events).toHaveLength(1);
    expect(events[0]!.markerRecordedEventAttributes).toEqual({
      markerName: 'm',
      details: 'x',
      decisionTaskCompletedEventId: 4,
    });
  });

  it.each([
    ['CompleteWorkflowExecution', { completeWorkflowExecutionDecisionAttributes: { result: 'r' } }],
    ['FailWorkflowExecution', { failWorkflowExecutionDecisionAttributes: { reason: 'r' } }],
    ['CancelWorkflowExecution', { cancelWorkflowExecutionDecisionAttributes: {} }],
    ['ContinueAsNewWorkflowExecution', { continueAsNewWorkflowExecutionDecisionAttributes: {} }],
  ])(
    'SWF: a close decision (%s) must be the last one: ValidationException "Close must be last decision in list", nothing recorded, the task stays started',
    async (decisionType, attrs) => {
      t = makeEngine();
      const runId = await start(t);
      const d = await pollDecision(t);
      const before = await t.types('wf1', runId);
      await expect(decide(t, d.taskToken, [{ decisionType, ...attrs }, scheduleA('late')])).rejects.toMatchObject({
        fault: 'ValidationException',
        message: 'Close must be last decision in list',
      });
      expect(await t.types('wf1', runId)).toEqual(before);
      const described = await t.call<any>('DescribeWorkflowExecution', {
        domain: 'd',
        execution: { workflowId: 'wf1', runId },
      });
      expect(described.openCounts.openDecisionTasks).toBe(1);
      expect(described.executionInfo.executionStatus).toBe('OPEN');
      // The task is still the decider's: unanswered, it times out (taskStartToCloseTimeout 10 s) ...
      t.clock.advance(10_000);
      expect((await t.types('wf1', runId)).slice(before.length)).toEqual([
        'DecisionTaskTimedOut',
        'DecisionTaskScheduled',
      ]);
      await expect(decide(t, d.taskToken, [])).rejects.toMatchObject({ fault: 'UnknownResourceFault' });
    },
  );

  it('a close decision may follow other decisions, and the same started task can still be answered after a refused list', async () => {
    t = makeEngine();
    const runId = await start(t);
    const d = await pollDecision(t);
    await expect(
      decide(t, d.taskToken, [
        { decisionType: 'CompleteWorkflowExecution' },
        { decisionType: 'CompleteWorkflowExecution' },
      ]),
    ).rejects.toMatchObject({
      message: 'Close must be last decision in list',
    });
    await decide(t, d.taskToken, [
      { decisionType: 'RecordMarker', recordMarkerDecisionAttributes: { markerName: 'm' } },
      { decisionType: 'FailWorkflowExecution', failWorkflowExecutionDecisionAttributes: { reason: 'r', details: 'd' } },
    ]);
    const events = (await t.events('wf1', runId)).slice(4);
    expect(events.map((e) => e.eventType)).toEqual(['MarkerRecorded', 'WorkflowExecutionFailed']);
    expect(events[1]!.workflowExecutionFailedEventAttributes).toEqual({
      reason: 'r',
      details: 'd',
      decisionTaskCompletedEventId: 4,
    });
  });

  it('RequestCancelActivityTask: a scheduled task is canceled at once, a started one sees cancelRequested', async () => {
    t = makeEngine();
    const runId = await start(t);
    const d1 = await pollDecision(t);
    await decide(t, d1.taskToken, [scheduleA('started'), scheduleA('waiting', { taskList: { name: 'other' } })]);
    const a = await pollActivity(t);
    await t.call('SignalWorkflowExecution', { domain: 'd', workflowId: 'wf1', signalName: 'go' });
    const d2 = await pollDecision(t);
    await decide(t, d2.taskToken, [
      {
        decisionType: 'RequestCancelActivityTask',
        requestCancelActivityTaskDecisionAttributes: { activityId: 'started' },
      },
      {
        decisionType: 'RequestCancelActivityTask',
        requestCancelActivityTaskDecisionAttributes: { activityId: 'waiting' },
      },
    ]);
    expect(await t.call('RecordActivityTaskHeartbeat', { taskToken: a.taskToken })).toEqual({ cancelRequested: true });
    await t.call('RespondActivityTaskCanceled', { taskToken: a.taskToken, details: 'bye' });
    const events = await t.events('wf1', runId);
    expect(events.slice(11).map((e) => [e.eventType, e.eventId])).toEqual([
      ['ActivityTaskCancelRequested', 12],
      ['ActivityTaskCancelRequested', 13],
      ['ActivityTaskCanceled', 14],
      ['DecisionTaskScheduled', 15],
      ['ActivityTaskCanceled', 16],
    ]);
    expect(events[11]!.activityTaskCancelRequestedEventAttributes).toEqual({
      decisionTaskCompletedEventId: 11,
      activityId: 'started',
    });
    expect(events[13]!.activityTaskCanceledEventAttributes).toEqual({
      scheduledEventId: 6,
      startedEventId: 0,
      latestCancelRequestedEventId: 13,
    });
    expect(events[15]!.activityTaskCanceledEventAttributes).toEqual({
      details: 'bye',
      scheduledEventId: 5,
      startedEventId: 7,
      latestCancelRequestedEventId: 12,
    });
  });
});

describe('StartWorkflowExecution', () => {
  it('rejects a duplicate open workflow id, unknown and deprecated types, and missing defaults', async () => {
    t = makeEngine();
    await start(t);
    await expect(start(t)).rejects.toMatchObject({ fault: 'WorkflowExecutionAlreadyStartedFault' });
    await expect(
      t.call('StartWorkflowExecution', { domain: 'd', workflowId: 'x', workflowType: { name: 'N', version: '1' } }),
    ).rejects.toMatchObject({
      fault: 'UnknownResourceFault',
    });
    await expect(
      t.call('StartWorkflowExecution', { domain: 'nope', workflowId: 'x', workflowType: { name: 'W', version: '1' } }),
    ).rejects.toMatchObject({
      fault: 'UnknownResourceFault',
    });
    t.registry.addWorkflow({ domain: 'd', name: 'Old', version: '1', status: 'DEPRECATED' });
    await expect(
      t.call('StartWorkflowExecution', { domain: 'd', workflowId: 'x', workflowType: { name: 'Old', version: '1' } }),
    ).rejects.toMatchObject({
      fault: 'TypeDeprecatedFault',
      // SWF's shape, the one DeprecateWorkflowType's TypeDeprecatedFault has too.
      message: 'WorkflowType=[name=Old, version=1]',
    });
    t.registry.addWorkflow({ domain: 'd', name: 'Bare', version: '1', status: 'REGISTERED' });
    const bare = { domain: 'd', workflowId: 'x', workflowType: { name: 'Bare', version: '1' } };
    await expect(t.call('StartWorkflowExecution', bare)).rejects.toMatchObject({
      fault: 'DefaultUndefinedFault',
      message: 'No default task list defined',
    });
    await expect(t.call('StartWorkflowExecution', { ...bare, taskList: { name: 'l' } })).rejects.toMatchObject({
      fault: 'DefaultUndefinedFault',
    });
    const full = {
      ...bare,
      taskList: { name: 'l' },
      executionStartToCloseTimeout: '60',
      taskStartToCloseTimeout: 'NONE',
      childPolicy: 'ABANDON',
    };
    expect((await t.call<any>('StartWorkflowExecution', full)).runId).toBeTruthy();
    await expect(
      t.call('StartWorkflowExecution', { ...full, workflowId: 'y', executionStartToCloseTimeout: 'NONE' }),
    ).rejects.toMatchObject({
      fault: 'ValidationException',
    });
  });

  it('a closed workflow id can be started again with a new run id', async () => {
    t = makeEngine();
    const r1 = await start(t);
    await t.call('TerminateWorkflowExecution', { domain: 'd', workflowId: 'wf1', reason: 'why', details: 'det' });
    const events = await t.events('wf1', r1);
    // As Amazon SWF records a TerminateWorkflowExecution call (glenbraun/FsDecider's real histories).
    expect(events.at(-1)!.workflowExecutionTerminatedEventAttributes).toEqual({
      reason: 'why',
      details: 'det',
      childPolicy: 'TERMINATE',
      cause: 'OPERATOR_INITIATED',
    });
    const r2 = await start(t);
    expect(r2).not.toBe(r1);
    await expect(
      t.call('TerminateWorkflowExecution', { domain: 'd', workflowId: 'wf1', runId: r1 }),
    ).rejects.toMatchObject({
      fault: 'UnknownResourceFault',
    });
  });
});

describe('malformed decision lists', () => {
  it('fail the whole answer with ValidationException and change nothing', async () => {
    t = makeEngine();
    const runId = await start(t);
    const d = await pollDecision(t);
    await expect(decide(t, d.taskToken, [scheduleA('ok'), { decisionType: 'StartTimer' }])).rejects.toMatchObject({
      fault: 'ValidationException',
    });
    await expect(
      decide(t, d.taskToken, [
        { decisionType: 'StartTimer', startTimerDecisionAttributes: { timerId: 't', startToFireTimeout: 'NONE' } },
      ]),
    ).rejects.toMatchObject({ fault: 'ValidationException' });
    expect(await t.types('wf1', runId)).toEqual([
      'WorkflowExecutionStarted',
      'DecisionTaskScheduled',
      'DecisionTaskStarted',
    ]);
    await decide(t, d.taskToken, []);
    expect((await t.types('wf1', runId)).at(-1)).toBe('DecisionTaskCompleted');
  });

  it("a decision without its attributes object: each of that object's required members is reported null, at its own path, for every such decision", async () => {
    t = makeEngine();
    const runId = await start(t);
    const d = await pollDecision(t);
    const nullAt = (path: string) =>
      `Value null at 'decisions.${path}' failed to satisfy constraint: Member must not be null`;
    await expect(decide(t, d.taskToken, [{ decisionType: 'StartTimer' }])).rejects.toMatchObject({
      fault: 'ValidationException',
      message: `2 validation errors detected: ${nullAt('1.member.startTimerDecisionAttributes.timerId')}; ${nullAt(
        '1.member.startTimerDecisionAttributes.startToFireTimeout',
      )}`,
    });
    await expect(
      decide(t, d.taskToken, [
        { decisionType: 'ScheduleActivityTask' },
        scheduleA('ok'),
        // Another type's attributes do not stand in for the type's own.
        { decisionType: 'RecordMarker', startTimerDecisionAttributes: { timerId: 't', startToFireTimeout: '1' } },
      ]),
    ).rejects.toMatchObject({
      fault: 'ValidationException',
      message: `3 validation errors detected: ${[
        '1.member.scheduleActivityTaskDecisionAttributes.activityType',
        '1.member.scheduleActivityTaskDecisionAttributes.activityId',
        '3.member.recordMarkerDecisionAttributes.markerName',
      ]
        .map(nullAt)
        .join('; ')}`,
    });
    expect(await t.types('wf1', runId)).toEqual([
      'WorkflowExecutionStarted',
      'DecisionTaskScheduled',
      'DecisionTaskStarted',
    ]);
  });

  it('a deprecated domain takes no new executions', async () => {
    t = makeEngine();
    t.registry.domains.set('d', { name: 'd', status: 'DEPRECATED', retentionDays: 1 });
    // The message DeprecateDomain's DomainDeprecatedFault has (SWF's): the domain's name.
    await expect(start(t)).rejects.toMatchObject({ fault: 'DomainDeprecatedFault', message: 'd' });
  });
});
