/**
 * Conformance, execution half: executions, decision and activity tasks, history and listings
 * through @aws-sdk/client-swf over real HTTP, each output checked against the model. Every test
 * has a server of its own, so none depends on what another left behind (the two halves together
 * send all 39 operations: conformance-coverage.test.ts).
 */
import {
  CountClosedWorkflowExecutionsCommand,
  CountOpenWorkflowExecutionsCommand,
  CountPendingActivityTasksCommand,
  CountPendingDecisionTasksCommand,
  type Decision,
  DescribeWorkflowExecutionCommand,
  GetWorkflowExecutionHistoryCommand,
  ListClosedWorkflowExecutionsCommand,
  ListOpenWorkflowExecutionsCommand,
  PollForActivityTaskCommand,
  PollForDecisionTaskCommand,
  RecordActivityTaskHeartbeatCommand,
  RegisterActivityTypeCommand,
  RequestCancelWorkflowExecutionCommand,
  RespondActivityTaskCanceledCommand,
  RespondActivityTaskCompletedCommand,
  RespondActivityTaskFailedCommand,
  RespondDecisionTaskCompletedCommand,
  SignalWorkflowExecutionCommand,
  StartWorkflowExecutionCommand,
  type SWFClient,
  TerminateWorkflowExecutionCommand,
} from '@aws-sdk/client-swf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type LocalSwfServer, createServer } from '../src/index.js';
import { call, fails, httpClient, registerFlow } from './support/sdk.js';

let server: LocalSwfServer;
let swf: SWFClient;
const domain = 'exec';
const workflowType = { name: 'Flow', version: '1' };
const activityType = { name: 'Task', version: '1' };
const oldest = new Date(Date.now() - 3_600_000);

beforeEach(async () => {
  server = await createServer({ dataDir: ':memory:', port: 0, pollTimeoutMs: 300 });
  swf = httpClient(server.url);
  await registerFlow(swf, domain, workflowType);
  await call(
    swf,
    new RegisterActivityTypeCommand({
      domain,
      ...activityType,
      defaultTaskList: { name: 'work' },
      defaultTaskScheduleToStartTimeout: '60',
      defaultTaskScheduleToCloseTimeout: '120',
      defaultTaskStartToCloseTimeout: '60',
      defaultTaskHeartbeatTimeout: 'NONE',
    }),
  );
});
afterEach(async () => {
  swf.destroy();
  await server.close();
});

async function decide(decisions: Decision[]): Promise<void> {
  const task = await call(
    swf,
    new PollForDecisionTaskCommand({ domain, taskList: { name: 'decide' }, identity: 'decider' }),
  );
  expect(task.taskToken).toBeTruthy();
  await call(swf, new RespondDecisionTaskCompletedCommand({ taskToken: task.taskToken, decisions }));
}

const schedule = (activityId: string): Decision => ({
  decisionType: 'ScheduleActivityTask',
  scheduleActivityTaskDecisionAttributes: { activityId, activityType, input: activityId },
});

describe('an execution driven end to end', () => {
  // One test in steps: each step continues the same execution.
  let runId = '';
  const execution = (): { workflowId: string; runId: string } => ({ workflowId: 'order-1', runId });

  async function startAndRefuseADuplicate(): Promise<void> {
    // starts, and refuses a duplicate open workflow id
    const run = await call(
      swf,
      new StartWorkflowExecutionCommand({ domain, workflowId: 'order-1', workflowType, input: 'in', tagList: ['vip'] }),
    );
    runId = run.runId ?? '';
    expect(runId).not.toBe('');
    await fails(
      swf,
      new StartWorkflowExecutionCommand({ domain, workflowId: 'order-1', workflowType }),
      'WorkflowExecutionAlreadyStartedFault',
    );
    await fails(
      swf,
      new StartWorkflowExecutionCommand({ domain, workflowId: 'x', workflowType: { name: 'Nope', version: '1' } }),
      'UnknownResourceFault',
    );
    expect(
      (await call(swf, new CountPendingDecisionTasksCommand({ domain, taskList: { name: 'decide' } }))).count,
    ).toBe(1);
  }

  async function handOutTheFirstDecisionTask(): Promise<void> {
    // hands out a decision task with the history and schedules activities
    const task = await call(
      swf,
      new PollForDecisionTaskCommand({ domain, taskList: { name: 'decide' }, identity: 'decider' }),
    );
    expect(task.workflowExecution).toEqual(execution());
    expect(task.events?.map((e) => e.eventType)).toEqual([
      'WorkflowExecutionStarted',
      'DecisionTaskScheduled',
      'DecisionTaskStarted',
    ]);
    await call(
      swf,
      new RespondDecisionTaskCompletedCommand({
        taskToken: task.taskToken,
        decisions: [schedule('a1'), schedule('a2'), schedule('a3')],
      }),
    );
    await fails(
      swf,
      new RespondDecisionTaskCompletedCommand({ taskToken: task.taskToken, decisions: [] }),
      'UnknownResourceFault',
    );
    expect((await call(swf, new CountPendingActivityTasksCommand({ domain, taskList: { name: 'work' } }))).count).toBe(
      3,
    );
  }

  async function runActivities(): Promise<void> {
    // runs activities: heartbeat, complete, fail
    const a1 = await call(
      swf,
      new PollForActivityTaskCommand({ domain, taskList: { name: 'work' }, identity: 'worker' }),
    );
    expect(a1).toMatchObject({ activityId: 'a1', activityType, input: 'a1', workflowExecution: execution() });
    expect(
      (await call(swf, new RecordActivityTaskHeartbeatCommand({ taskToken: a1.taskToken, details: '50%' })))
        .cancelRequested,
    ).toBe(false);
    await call(swf, new RespondActivityTaskCompletedCommand({ taskToken: a1.taskToken, result: 'done' }));
    await fails(
      swf,
      new RespondActivityTaskCompletedCommand({ taskToken: a1.taskToken, result: 'again' }),
      'UnknownResourceFault',
    );
    const a2 = await call(swf, new PollForActivityTaskCommand({ domain, taskList: { name: 'work' } }));
    await call(
      swf,
      new RespondActivityTaskFailedCommand({ taskToken: a2.taskToken, reason: 'boom', details: 'stack' }),
    );
  }

  async function cancelAnActivity(): Promise<void> {
    // cancels an activity the decider asked to cancel
    const a3 = await call(swf, new PollForActivityTaskCommand({ domain, taskList: { name: 'work' } }));
    expect(a3.activityId).toBe('a3');
    await decide([
      { decisionType: 'RequestCancelActivityTask', requestCancelActivityTaskDecisionAttributes: { activityId: 'a3' } },
    ]);
    expect((await call(swf, new RecordActivityTaskHeartbeatCommand({ taskToken: a3.taskToken }))).cancelRequested).toBe(
      true,
    );
    await call(swf, new RespondActivityTaskCanceledCommand({ taskToken: a3.taskToken, details: 'stopped' }));
  }

  async function signalAndDescribe(): Promise<void> {
    // takes signals and describes the open execution
    await call(
      swf,
      new SignalWorkflowExecutionCommand({ domain, workflowId: 'order-1', signalName: 'poke', input: 'hi' }),
    );
    await fails(
      swf,
      new SignalWorkflowExecutionCommand({ domain, workflowId: 'nobody', signalName: 'poke' }),
      'UnknownResourceFault',
    );
    const described = await call(swf, new DescribeWorkflowExecutionCommand({ domain, execution: execution() }));
    expect(described.executionInfo).toMatchObject({
      execution: execution(),
      executionStatus: 'OPEN',
      tagList: ['vip'],
    });
    expect(described.executionConfiguration).toMatchObject({ taskList: { name: 'decide' }, childPolicy: 'TERMINATE' });
    expect(described.openCounts).toMatchObject({ openActivityTasks: 0, openTimers: 0, openChildWorkflowExecutions: 0 });
  }

  async function completeAndReadTheHistory(): Promise<void> {
    // completes, after which the history tells the whole story
    await decide([
      { decisionType: 'CompleteWorkflowExecution', completeWorkflowExecutionDecisionAttributes: { result: 'ok' } },
    ]);
    const history = await call(swf, new GetWorkflowExecutionHistoryCommand({ domain, execution: execution() }));
    const types = history.events?.map((e) => e.eventType) ?? [];
    for (const t of [
      'ActivityTaskScheduled',
      'ActivityTaskStarted',
      'ActivityTaskCompleted',
      'ActivityTaskFailed',
      'ActivityTaskCancelRequested',
      'ActivityTaskCanceled',
      'WorkflowExecutionSignaled',
      'WorkflowExecutionCompleted',
    ]) {
      expect(types).toContain(t);
    }
    expect(history.events?.map((e) => e.eventId)).toEqual(types.map((_, i) => i + 1));
    const page = await call(
      swf,
      new GetWorkflowExecutionHistoryCommand({
        domain,
        execution: execution(),
        maximumPageSize: 2,
        reverseOrder: true,
      }),
    );
    expect(page.events?.map((e) => e.eventId)).toEqual([types.length, types.length - 1]);
    const next = await call(
      swf,
      new GetWorkflowExecutionHistoryCommand({
        domain,
        execution: execution(),
        maximumPageSize: 2,
        reverseOrder: true,
        nextPageToken: page.nextPageToken,
      }),
    );
    expect(next.events?.map((e) => e.eventId)).toEqual([types.length - 2, types.length - 3]);
    const described = await call(swf, new DescribeWorkflowExecutionCommand({ domain, execution: execution() }));
    expect(described.executionInfo).toMatchObject({ executionStatus: 'CLOSED', closeStatus: 'COMPLETED' });
  }

  it('drives one execution end to end: start, decisions, activities (heartbeat, complete, fail, cancel), a signal, completion, history pages', async () => {
    await startAndRefuseADuplicate();
    await handOutTheFirstDecisionTask();
    await runActivities();
    await cancelAnActivity();
    await signalAndDescribe();
    await completeAndReadTheHistory();
  });
});

describe('cancel requests, termination, listings and counts', () => {
  it('requests cancellation and terminates', async () => {
    const run = await call(
      swf,
      new StartWorkflowExecutionCommand({ domain, workflowId: 'order-2', workflowType, tagList: ['bulk'] }),
    );
    await call(swf, new RequestCancelWorkflowExecutionCommand({ domain, workflowId: 'order-2' }));
    await call(
      swf,
      new TerminateWorkflowExecutionCommand({
        domain,
        workflowId: 'order-2',
        runId: run.runId,
        reason: 'test',
        childPolicy: 'ABANDON',
      }),
    );
    await fails(swf, new TerminateWorkflowExecutionCommand({ domain, workflowId: 'order-2' }), 'UnknownResourceFault');
    const history = await call(
      swf,
      new GetWorkflowExecutionHistoryCommand({ domain, execution: { workflowId: 'order-2', runId: run.runId } }),
    );
    expect(history.events?.map((e) => e.eventType)).toContain('WorkflowExecutionCancelRequested');
    expect(history.events?.at(-1)?.eventType).toBe('WorkflowExecutionTerminated');
  });

  it('lists and counts open and closed executions with filters', async () => {
    await call(
      swf,
      new StartWorkflowExecutionCommand({ domain, workflowId: 'order-1', workflowType, tagList: ['vip'] }),
    );
    await decide([
      { decisionType: 'CompleteWorkflowExecution', completeWorkflowExecutionDecisionAttributes: { result: 'ok' } },
    ]);
    await call(
      swf,
      new StartWorkflowExecutionCommand({ domain, workflowId: 'order-2', workflowType, tagList: ['bulk'] }),
    );
    await call(swf, new TerminateWorkflowExecutionCommand({ domain, workflowId: 'order-2', reason: 'test' }));
    await call(swf, new StartWorkflowExecutionCommand({ domain, workflowId: 'order-3', workflowType }));
    const open = await call(
      swf,
      new ListOpenWorkflowExecutionsCommand({ domain, startTimeFilter: { oldestDate: oldest } }),
    );
    expect(open.executionInfos?.map((e) => e.execution?.workflowId)).toEqual(['order-3']);
    const closed = await call(
      swf,
      new ListClosedWorkflowExecutionsCommand({ domain, startTimeFilter: { oldestDate: oldest } }),
    );
    expect(closed.executionInfos?.map((e) => e.execution?.workflowId).sort()).toEqual(['order-1', 'order-2']);
    const terminated = await call(
      swf,
      new ListClosedWorkflowExecutionsCommand({
        domain,
        closeTimeFilter: { oldestDate: oldest },
        closeStatusFilter: { status: 'TERMINATED' },
      }),
    );
    expect(terminated.executionInfos?.map((e) => e.execution?.workflowId)).toEqual(['order-2']);
    const page = await call(
      swf,
      new ListClosedWorkflowExecutionsCommand({ domain, startTimeFilter: { oldestDate: oldest }, maximumPageSize: 1 }),
    );
    expect(page.executionInfos).toHaveLength(1);
    expect(page.nextPageToken).toBeTypeOf('string');
    expect(
      (await call(swf, new CountOpenWorkflowExecutionsCommand({ domain, startTimeFilter: { oldestDate: oldest } })))
        .count,
    ).toBe(1);
    expect(
      (
        await call(
          swf,
          new CountClosedWorkflowExecutionsCommand({
            domain,
            startTimeFilter: { oldestDate: oldest },
            tagFilter: { tag: 'vip' },
          }),
        )
      ).count,
    ).toBe(1);
    await fails(
      swf,
      new CountOpenWorkflowExecutionsCommand({ domain: 'missing', startTimeFilter: { oldestDate: oldest } }),
      'UnknownResourceFault',
    );
  });

  it('answers a poll that finds no task, when its time is up, with an empty task', async () => {
    const empty = await call(swf, new PollForActivityTaskCommand({ domain, taskList: { name: 'idle' } }));
    expect(empty.taskToken ?? '').toBe('');
    expect(empty).toMatchObject({ startedEventId: 0 });
    await fails(
      swf,
      new PollForDecisionTaskCommand({ domain: 'missing', taskList: { name: 'decide' } }),
      'UnknownResourceFault',
    );
  });
});
