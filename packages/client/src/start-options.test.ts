import { ValidationError, attachWorkflowTypeOptions, jsonDataConverter } from '@swf-flow/common';
import { describe, expect, it } from 'vitest';
import { buildStartRequest, type StartOptions } from './start-options.js';
import { resolveWorkflowType } from './workflow-ref.js';

describe('resolveWorkflowType', () => {
  it('reads a function name with version 1.0, or metadata defineWorkflow attached', () => {
    async function orderWorkflow(): Promise<void> {}
    expect(resolveWorkflowType(orderWorkflow)).toEqual({ name: 'orderWorkflow', version: '1.0' });
    const defined = async (): Promise<void> => {};
    attachWorkflowTypeOptions(defined, { name: 'Order', version: '2.0', taskList: 'orders' });
    expect(resolveWorkflowType(defined)).toMatchObject({ name: 'Order', version: '2.0', taskList: 'orders' });
    expect(resolveWorkflowType({ name: 'HelloWorld', version: '1.0' })).toEqual({ name: 'HelloWorld', version: '1.0' });
    expect(resolveWorkflowType('HelloWorld')).toEqual({ name: 'HelloWorld', version: '1.0' });
  });

  it('rejects what names no workflow type', () => {
    expect(() => resolveWorkflowType((() => async () => {})())).toThrow(/anonymous function/);
    expect(() => resolveWorkflowType(42 as never)).toThrow(ValidationError);
  });
});

describe('buildStartRequest', () => {
  const type = { name: 'Order', version: '1.0', taskList: 'orders', executionStartToCloseTimeout: '1 hour' } as const;

  it('encodes args as a JSON array and applies the workflow type defaults', () => {
    const req = buildStartRequest(
      'd',
      type,
      { workflowId: 'o-1', args: [{ id: 1 }, 'x'], tags: ['web'], timeouts: { taskStartToClose: '10s' } },
      jsonDataConverter,
    );
    expect(req).toMatchObject({
      domain: 'd',
      workflowId: 'o-1',
      workflowType: { name: 'Order', version: '1.0' },
      taskList: { name: 'orders' },
      input: '[{"id":1},"x"]',
      tagList: ['web'],
      executionStartToCloseTimeout: '3600',
      taskStartToCloseTimeout: '10',
    });
  });

  it('lets options override the type and leaves unset defaults to the registration', () => {
    const req = buildStartRequest(
      'd',
      { name: 'A', version: '1' },
      { workflowId: 'w', taskList: 'other', childPolicy: 'ABANDON' },
      jsonDataConverter,
    );
    expect(req.taskList).toEqual({ name: 'other' });
    expect(req.childPolicy).toBe('ABANDON');
    expect(req.executionStartToCloseTimeout).toBeUndefined();
    expect(req.input).toBe('[]');
    expect(req.lambdaRole).toBeUndefined();
    const role = 'arn:aws:iam::123456789012:role/swf-lambda';
    expect(
      buildStartRequest('d', { name: 'A', version: '1' }, { workflowId: 'w', lambdaRole: role }, jsonDataConverter)
        .lambdaRole,
    ).toBe(role);
  });

  it.each([
    [{ workflowId: '' }, /workflowId is required/],
    [{ workflowId: 'a/b' }, /workflowId 'a\/b' is not valid/],
    [{ workflowId: 'w', args: 'x' }, /args must be an array/],
    [{ workflowId: 'w', tags: ['1', '2', '3', '4', '5', '6'] }, /at most 5 strings/],
    [{ workflowId: 'w', childPolicy: 'KILL' }, /childPolicy must be/],
    [{ workflowId: 'w', args: ['x'.repeat(40_000)] }, /workflow input \(args\) is 40004 characters/],
    [{ workflowId: 'w', timeouts: { executionStartToClose: 'soon' } }, /cannot read 'soon'/],
    [
      { workflowId: 'w', timeouts: { taskStartToClose: '0s' } },
      /timeouts.taskStartToClose is 0 seconds; .* at least 1/,
    ],
    [{ workflowId: 'w', timeouts: { taskStartToClose: '0' } }, /timeouts.taskStartToClose is 0 seconds/],
    [{ workflowId: 'w', timeouts: { executionStartToClose: 0 } }, /timeouts.executionStartToClose is 0 seconds/],
    [{ workflowId: 'w', taskLst: 'x' }, /unknown start option\(s\): taskLst/],
    [{ workflowId: 'w', lambdaRole: '' }, /lambdaRole must be an IAM role ARN/],
    [{ workflowId: 'w', lambdaRole: 'r'.repeat(1601) }, /lambdaRole must be an IAM role ARN \(1-1600 characters\)/],
    // these went to SWF as if not given: a typo in timeouts lost the timeout in silence, a priority
    // out of Java's int range came back as the service's ValidationException
    [
      { workflowId: 'w', timeouts: { executionStartToclose: '1m' } },
      /^unknown start timeouts option\(s\): executionStartToclose \(did you mean executionStartToClose\?\); known options are executionStartToClose, taskStartToClose$/,
    ],
    [
      { workflowId: 'w', timeouts: '5m' },
      /^start timeouts must be an object like \{ executionStartToClose: '1 day', taskStartToClose: '30s' \}; got "5m"$/,
    ],
    [{ workflowId: 'w', timeouts: null }, /^start timeouts must be an object like .*; got null$/],
    [{ workflowId: 'w', taskPriority: 2 ** 40 }, /taskPriority must be an integer between -2147483648 and 2147483647/],
    [{ workflowId: 'w', taskPriority: '5' }, /taskPriority must be an integer between .*; got "5"/],
  ])('rejects %j', (options, message) => {
    expect(() => buildStartRequest('d', type, options as unknown as StartOptions, jsonDataConverter)).toThrow(message);
  });
});

describe('WorkflowClient.getHandle', () => {
  it('accepts SWF run ids (base64, may contain "/") and rejects what cannot be one', async () => {
    const { WorkflowClient } = await import('./workflow-client.js');
    const client = new WorkflowClient({ domain: 'd', swf: { region: 'us-east-1' } });
    expect(client.getHandle('w', '22a/b+c=').runId).toBe('22a/b+c=');
    expect(() => client.getHandle('w', '')).toThrow(/runId must be a run id/);
    expect(() => client.getHandle('w', 'x'.repeat(65))).toThrow(/1 to 64 characters/);
  });

  it('checks its own options', async () => {
    const { WorkflowClient } = await import('./workflow-client.js');
    expect(() => new WorkflowClient({ domain: '' })).toThrow(/domain is required/);
    expect(() => new WorkflowClient({ domain: 'd', region: 'x' } as never)).toThrow(
      /unknown WorkflowClient option\(s\): region/,
    );
    expect(() => new WorkflowClient({ domain: 'd', dataConverter: {} as never, swf: { region: 'us-east-1' } })).toThrow(
      /toPayload/,
    );
  });

  it('refuses a key of its SDK configuration that SWFClientConfig does not take, naming the nearest', async () => {
    const { WorkflowClient } = await import('./workflow-client.js');
    const { ActivityCompletionClient } = await import('./activity-completion-client.js');
    const swf = { region: 'us-east-1', endpont: 'http://127.0.0.1:8787' } as never;
    const said = /swf\.endpont \(did you mean swf\.endpoint\?\) is not an option of the AWS SDK's SWFClient/;
    expect(() => new WorkflowClient({ domain: 'd', swf })).toThrow(said);
    expect(() => new ActivityCompletionClient({ swf })).toThrow(said);
  });
});
