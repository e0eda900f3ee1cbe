/**
 * A bad value is refused where it enters and never stored (issue 12, points 1, 3 and 8), through
 * @aws-sdk/client-swf over real HTTP: SWF's documented rules for durations ("an integer greater
 * than or equal to 0", NONE where allowed), task priorities (Java int range) and names apply to a
 * start and to every decision alike. A decision list with a bad value is refused whole, as SWF
 * refuses a malformed request: SWF's `...Failed` causes (the model's enums) name no malformed
 * value, so a bad attribute cannot become a decision's failure event. Nothing is recorded, the
 * decision task stays started and can still be answered, and no task list is held up. (Probes of
 * the live service published with another emulator, floci, report the same: "Invalid decision
 * anywhere in a batch: nothing applied, token still claimable".)
 */
import {
  DescribeWorkflowExecutionCommand,
  GetWorkflowExecutionHistoryCommand,
  PollForActivityTaskCommand,
  PollForDecisionTaskCommand,
  RegisterActivityTypeCommand,
  RespondActivityTaskCompletedCommand,
  RespondDecisionTaskCompletedCommand,
  StartWorkflowExecutionCommand,
  type SWFClient,
} from '@aws-sdk/client-swf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type LocalSwfServer, createServer } from '../src/index.js';
import { call, fails, httpClient, registerFlow } from './support/sdk.js';

let server: LocalSwfServer;
let swf: SWFClient;
const domain = 'bad-values';
const workflowType = { name: 'Flow', version: '1' };
const activityType = { name: 'Task', version: '1' };

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
afterEach(() => server.close());

async function startRun(workflowId: string): Promise<string> {
  return (await call(swf, new StartWorkflowExecutionCommand({ domain, workflowId, workflowType }))).runId!;
}

async function pollDecision(): Promise<string> {
  const task = await call(swf, new PollForDecisionTaskCommand({ domain, taskList: { name: 'decide' } }));
  if (!task.taskToken) throw new Error('no decision task');
  return task.taskToken;
}

async function eventTypes(workflowId: string, runId: string): Promise<string[]> {
  const history = await call(swf, new GetWorkflowExecutionHistoryCommand({ domain, execution: { workflowId, runId } }));
  return (history.events ?? []).map((e) => e.eventType!);
}

describe('StartWorkflowExecution refuses what SWF refuses', () => {
  it.each([
    [
      'executionStartToCloseTimeout',
      { executionStartToCloseTimeout: '300s' },
      "Value '300s' at 'executionStartToCloseTimeout'",
    ],
    [
      'executionStartToCloseTimeout',
      { executionStartToCloseTimeout: 'NONE' },
      "Value 'NONE' at 'executionStartToCloseTimeout'",
    ],
    ['taskStartToCloseTimeout', { taskStartToCloseTimeout: '1.5' }, "Value '1.5' at 'taskStartToCloseTimeout'"],
    ['taskPriority', { taskPriority: '1.5' }, 'Member must be an integer from -2147483648 to 2147483647'],
    ['taskPriority', { taskPriority: '2147483648' }, 'Member must be an integer from -2147483648 to 2147483647'],
    ['workflowId', { workflowId: 'orders:42' }, "Value 'orders:42' at 'workflowId'"],
    ['workflowId', { workflowId: 'a\u0007b' }, "at 'workflowId' failed to satisfy constraint: Member must not contain"],
    ['taskList', { taskList: { name: 'queue|1' } }, "Value 'queue|1' at 'taskList.name'"],
  ])('%s %j', async (_member, extra, message) => {
    await fails(
      swf,
      new StartWorkflowExecutionCommand({ domain, workflowId: 'w', workflowType, ...extra }),
      'ValidationException',
      message,
    );
  });
});

describe('a decision list with a bad value', () => {
  const schedule = (attrs: Record<string, unknown>): Record<string, unknown> => ({
    decisionType: 'ScheduleActivityTask',
    scheduleActivityTaskDecisionAttributes: { activityType, activityId: 'a1', ...attrs },
  });

  it.each([
    [
      schedule({ startToCloseTimeout: '300s' }),
      'decisions.1.member.scheduleActivityTaskDecisionAttributes.startToCloseTimeout',
    ],
    [
      schedule({ heartbeatTimeout: '5m' }),
      'decisions.1.member.scheduleActivityTaskDecisionAttributes.heartbeatTimeout',
    ],
    [schedule({ taskPriority: 'high' }), 'decisions.1.member.scheduleActivityTaskDecisionAttributes.taskPriority'],
    [
      schedule({ taskList: { name: 'a/b' } }),
      'decisions.1.member.scheduleActivityTaskDecisionAttributes.taskList.name',
    ],
    [
      { decisionType: 'StartTimer', startTimerDecisionAttributes: { timerId: 't', startToFireTimeout: 'NONE' } },
      'decisions.1.member.startTimerDecisionAttributes.startToFireTimeout',
    ],
    [
      {
        decisionType: 'StartChildWorkflowExecution',
        startChildWorkflowExecutionDecisionAttributes: { workflowType, workflowId: 'arn' },
      },
      'decisions.1.member.startChildWorkflowExecutionDecisionAttributes.workflowId',
    ],
    [
      {
        decisionType: 'ContinueAsNewWorkflowExecution',
        continueAsNewWorkflowExecutionDecisionAttributes: { executionStartToCloseTimeout: '1.5' },
      },
      'decisions.1.member.continueAsNewWorkflowExecutionDecisionAttributes.executionStartToCloseTimeout',
    ],
    [
      {
        decisionType: 'SignalExternalWorkflowExecution',
        signalExternalWorkflowExecutionDecisionAttributes: { workflowId: 'x|y', signalName: 's' },
      },
      'decisions.1.member.signalExternalWorkflowExecutionDecisionAttributes.workflowId',
    ],
  ])('%j is refused whole, nothing is stored, and the task can still be answered', async (decision, path) => {
    const runId = await startRun('w1');
    const token = await pollDecision();
    const before = await eventTypes('w1', runId);
    const message = await fails(
      swf,
      new RespondDecisionTaskCompletedCommand({
        taskToken: token,
        decisions: [
          { decisionType: 'RecordMarker', recordMarkerDecisionAttributes: { markerName: 'm' } },
          decision as never,
        ],
      }),
      'ValidationException',
    );
    expect(message).toContain(`at '${path.replace('decisions.1.', 'decisions.2.')}' failed to satisfy constraint`);
    expect(await eventTypes('w1', runId)).toEqual(before);
    const described = await call(
      swf,
      new DescribeWorkflowExecutionCommand({ domain, execution: { workflowId: 'w1', runId } }),
    );
    expect(described.openCounts?.openDecisionTasks).toBe(1);
    await call(
      swf,
      new RespondDecisionTaskCompletedCommand({
        taskToken: token,
        decisions: [schedule({ startToCloseTimeout: '300' }) as never],
      }),
    );
    expect((await eventTypes('w1', runId)).slice(before.length)).toEqual([
      'DecisionTaskCompleted',
      'ActivityTaskScheduled',
    ]);
  });

  it('taskListScheduleToStartTimeout is a duration too (RespondDecisionTaskCompleted itself)', async () => {
    await startRun('w1');
    const token = await pollDecision();
    await fails(
      swf,
      new RespondDecisionTaskCompletedCommand({ taskToken: token, taskListScheduleToStartTimeout: '300s' }),
      'ValidationException',
      "Value '300s' at 'taskListScheduleToStartTimeout'",
    );
    await call(
      swf,
      new RespondDecisionTaskCompletedCommand({ taskToken: token, taskListScheduleToStartTimeout: 'NONE' }),
    );
  });

  it('the activity task list keeps serving: a refused schedule leaves nothing at its head', async () => {
    const runId = await startRun('w1');
    const token = await pollDecision();
    await fails(
      swf,
      new RespondDecisionTaskCompletedCommand({
        taskToken: token,
        decisions: [schedule({ startToCloseTimeout: '300s' }) as never],
      }),
      'ValidationException',
    );
    await call(swf, new RespondDecisionTaskCompletedCommand({ taskToken: token, decisions: [schedule({}) as never] }));
    const task = await call(swf, new PollForActivityTaskCommand({ domain, taskList: { name: 'work' } }));
    expect(task.activityId).toBe('a1');
    await call(swf, new RespondActivityTaskCompletedCommand({ taskToken: task.taskToken!, result: 'ok' }));
    expect((await eventTypes('w1', runId)).at(-2)).toBe('ActivityTaskCompleted');
  });
});
