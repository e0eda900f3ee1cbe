/**
 * Durations whose accepted range starts at 1 second say so, over real HTTP: a start's
 * executionStartToCloseTimeout (0 is refused; an execution needs at least a second) and a Lambda
 * task's startToCloseTimeout (1-900, as SWF documents it). Every refusal of such a value, whatever
 * the value was ('0', 'NONE', '-1'), names the same range, so a client is never told "0 or more"
 * and then refused for 0; and a start refused for the workflow type's registered default names that
 * default and how to get past it, not a member the caller never sent.
 */
import {
  PollForDecisionTaskCommand,
  RegisterWorkflowTypeCommand,
  RespondDecisionTaskCompletedCommand,
  StartWorkflowExecutionCommand,
  type SWFClient,
} from '@aws-sdk/client-swf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
    const zero = { name: 'Zero', version: '1' };
    await call(
      swf,
      new RegisterWorkflowTypeCommand({
        domain,
        ...zero,
        defaultTaskList: { name: 'decide' },
        defaultExecutionStartToCloseTimeout: '0',
        defaultTaskStartToCloseTimeout: '60',
        defaultChildPolicy: 'TERMINATE',
      }),
    );
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
