/**
 * Durations whose accepted range starts at 1 second say so, over real HTTP: a start's
 * executionStartToCloseTimeout (0 is refused; an execution needs at least a second) and a Lambda
 * task's startToCloseTimeout (1-900, as SWF documents it). Every refusal of such a value, whatever
 * the value was ('0', 'NONE', '-1'), names the same range, so a client is never told "0 or more"
 * and then refused for 0; and a start refused for the workflow type's registered default names that
 * default and how to get past it, not a member the caller never sent. A new run's decision task
 * timeout of 0 is refused the same way wherever a run starts (a start, a child's start, a
 * continue-as-new): each decision task would time out as it starts, and be scheduled again, until
 * the history's event limit; a type's default of 0 fails a child's start as an undefined default.
 */
import {
  PollForDecisionTaskCommand,
  RegisterWorkflowTypeCommand,
  RespondDecisionTaskCompletedCommand,
  StartWorkflowExecutionCommand,
  type SWFClient,
} from '@aws-sdk/client-swf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Decision, GetWorkflowExecutionHistoryCommand } from '@aws-sdk/client-swf';
import { type LocalSwfServer, createServer } from '../src/index.js';
import { call, fails, httpClient, registerFlow } from './support/sdk.js';

let server: LocalSwfServer;
let swf: SWFClient;
const domain = 'duration-ranges';
const workflowType = { name: 'Flow', version: '1' };

beforeEach(async () => {
  server = await createServer({ dataDir: ':memory:', port: 0, pollTimeoutMs: 300 });
  swf = httpClient(server.url);
  await registerFlow(swf, domain, workflowType);
});
afterEach(() => server.close());

/** Registers workflow type `name` (version 1) whose default `zero` is 0 (SWF's registration takes it); the others are usable. */
async function registerZeroDefault(
  name: string,
  zero: 'defaultExecutionStartToCloseTimeout' | 'defaultTaskStartToCloseTimeout',
): Promise<{ name: string; version: string }> {
  const type = { name, version: '1' };
  await call(
    swf,
    new RegisterWorkflowTypeCommand({
      domain,
      ...type,
      defaultTaskList: { name: 'decide' },
      defaultExecutionStartToCloseTimeout: '3600',
      defaultTaskStartToCloseTimeout: '60',
      defaultChildPolicy: 'TERMINATE',
      [zero]: '0',
    }),
  );
  return type;
}

describe("a start's executionStartToCloseTimeout", () => {
  it.each(['0', 'NONE', '-1', '31536001'])('%s: refused with the range 1 to 31536000', async (value) => {
    await fails(
      swf,
      new StartWorkflowExecutionCommand({ domain, workflowId: 'w', workflowType, executionStartToCloseTimeout: value }),
      'ValidationException',
      `Value '${value}' at 'executionStartToCloseTimeout' failed to satisfy constraint: ` +
        'Member must be a whole number of seconds from 1 to 31536000 (one year)',
    );
  });

  it("a type's registered default of 0: the refusal names the type's default and what to pass", async () => {
    const zero = await registerZeroDefault('Zero', 'defaultExecutionStartToCloseTimeout');
    const message = await fails(
      swf,
      new StartWorkflowExecutionCommand({ domain, workflowId: 'z', workflowType: zero }),
      'ValidationException',
      "WorkflowType=[name=Zero, version=1] has defaultExecutionStartToCloseTimeout '0'",
    );
    expect(message).toContain('pass executionStartToCloseTimeout from 1 to 31536000');
    // The same type starts with the timeout passed.
    await call(
      swf,
      new StartWorkflowExecutionCommand({
        domain,
        workflowId: 'z',
        workflowType: zero,
        executionStartToCloseTimeout: '60',
      }),
    );
  });
});

describe("a Lambda task's startToCloseTimeout", () => {
  it.each(['0', 'NONE', '-1', '901', '1.5'])('%s: refused with the range 1 to 900', async (value) => {
    await call(swf, new StartWorkflowExecutionCommand({ domain, workflowId: 'l', workflowType }));
    const task = await call(swf, new PollForDecisionTaskCommand({ domain, taskList: { name: 'decide' } }));
    await fails(
      swf,
      new RespondDecisionTaskCompletedCommand({
        taskToken: task.taskToken!,
        decisions: [
          {
            decisionType: 'ScheduleLambdaFunction',
            scheduleLambdaFunctionDecisionAttributes: { id: 'l1', name: 'f', startToCloseTimeout: value },
          },
        ],
      }),
      'ValidationException',
      `Value '${value}' at 'decisions.1.member.scheduleLambdaFunctionDecisionAttributes.startToCloseTimeout' ` +
        'failed to satisfy constraint: Member must be a whole number of seconds from 1 to 900',
    );
  });
});

/** Starts run `workflowId` of the flow type and polls its first decision task: its token and the run. */
async function firstDecisionTask(workflowId: string): Promise<{ token: string; runId: string }> {
  const { runId } = await call(swf, new StartWorkflowExecutionCommand({ domain, workflowId, workflowType }));
  const task = await call(swf, new PollForDecisionTaskCommand({ domain, taskList: { name: 'decide' } }));
  expect(task.workflowExecution).toEqual({ workflowId, runId });
  return { token: task.taskToken!, runId: runId! };
}

describe("a new run's decision task timeout of 0", () => {
  it.each(['0', '00', '-1'])("%s on a start: refused with the range '1 or more or NONE'", async (value) => {
    await fails(
      swf,
      new StartWorkflowExecutionCommand({ domain, workflowId: 'w', workflowType, taskStartToCloseTimeout: value }),
      'ValidationException',
      `Value '${value}' at 'taskStartToCloseTimeout' failed to satisfy constraint: ` +
        'Member must be a whole number of seconds of 1 or more or NONE',
    );
  });

  it.each([
    ['startChildWorkflowExecution', 'taskStartToCloseTimeout'],
    ['startChildWorkflowExecution', 'executionStartToCloseTimeout'],
    ['continueAsNewWorkflowExecution', 'taskStartToCloseTimeout'],
    ['continueAsNewWorkflowExecution', 'executionStartToCloseTimeout'],
  ])("in a %s decision's %s: the decisions are refused, and the run goes on", async (decision, member) => {
    const { token } = await firstDecisionTask('parent');
    const attributes =
      decision === 'startChildWorkflowExecution'
        ? { workflowId: 'child', workflowType, [member]: '0' }
        : { [member]: '0' };
    const type =
      decision === 'startChildWorkflowExecution' ? 'StartChildWorkflowExecution' : 'ContinueAsNewWorkflowExecution';
    await fails(
      swf,
      new RespondDecisionTaskCompletedCommand({
        taskToken: token,
        decisions: [{ decisionType: type, [`${decision}DecisionAttributes`]: attributes } as Decision],
      }),
      'ValidationException',
      `Value '0' at 'decisions.1.member.${decision}DecisionAttributes.${member}' failed to satisfy constraint: ` +
        'Member must be a whole number of seconds of 1 or more or NONE',
    );
    // Nothing was recorded; the same task answers with a valid value.
    await call(
      swf,
      new RespondDecisionTaskCompletedCommand({
        taskToken: token,
        decisions: [
          { decisionType: type, [`${decision}DecisionAttributes`]: { ...attributes, [member]: '60' } } as Decision,
        ],
      }),
    );
  });

  it("a type's registered default of 0: a start names it; a child's start fails as DEFAULT_TASK_START_TO_CLOSE_TIMEOUT_UNDEFINED", async () => {
    const zero = await registerZeroDefault('ZeroDecisions', 'defaultTaskStartToCloseTimeout');
    const message = await fails(
      swf,
      new StartWorkflowExecutionCommand({ domain, workflowId: 'z', workflowType: zero }),
      'ValidationException',
      "WorkflowType=[name=ZeroDecisions, version=1] has defaultTaskStartToCloseTimeout '0'",
    );
    expect(message).toContain('pass taskStartToCloseTimeout of 1 or more seconds (or NONE)');
    await call(
      swf,
      new StartWorkflowExecutionCommand({
        domain,
        workflowId: 'z',
        workflowType: zero,
        taskStartToCloseTimeout: '60',
        taskList: { name: 'elsewhere' }, // not the parent's, which the next poll takes
      }),
    );

    const { token, runId } = await firstDecisionTask('parent');
    await call(
      swf,
      new RespondDecisionTaskCompletedCommand({
        taskToken: token,
        decisions: [
          {
            decisionType: 'StartChildWorkflowExecution',
            startChildWorkflowExecutionDecisionAttributes: { workflowId: 'zero-child', workflowType: zero },
          },
        ],
      }),
    );
    const history = await call(
      swf,
      new GetWorkflowExecutionHistoryCommand({ domain, execution: { workflowId: 'parent', runId } }),
    );
    const failed = history.events?.find((e) => e.eventType === 'StartChildWorkflowExecutionFailed');
    expect(failed?.startChildWorkflowExecutionFailedEventAttributes?.cause).toBe(
      'DEFAULT_TASK_START_TO_CLOSE_TIMEOUT_UNDEFINED',
    );
  });
});
