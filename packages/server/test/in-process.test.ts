/** The in-process request handler: a real SWFClient reaching the service with no socket. */
import {
  DescribeDomainCommand,
  DescribeWorkflowExecutionCommand,
  ListDomainsCommand,
  PollForDecisionTaskCommand,
  RegisterDomainCommand,
  RegisterWorkflowTypeCommand,
  RespondDecisionTaskCompletedCommand,
  SWFClient,
  StartWorkflowExecutionCommand,
} from '@aws-sdk/client-swf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SwfService, createInProcessHandler } from '../src/embedding.js';
import { localSwfClientConfig } from '../src/index.js';
import { holdNextHandedPoll } from './support/hold-handed-poll.js';
import { outputProblems } from './support/model-check.js';

let service: SwfService;
let swf: SWFClient;

beforeAll(() => {
  service = SwfService.open({ dataDir: ':memory:' });
  swf = new SWFClient(localSwfClientConfig({ requestHandler: createInProcessHandler(service) }));
});
afterAll(() => {
  swf.destroy();
  service.close();
});

describe('the in-process handler', () => {
  it('serves a real SWFClient: outputs parsed by the SDK', async () => {
    await swf.send(new RegisterDomainCommand({ name: 'inproc', workflowExecutionRetentionPeriodInDays: '2' }));
    const described = await swf.send(new DescribeDomainCommand({ name: 'inproc' }));
    expect(described.domainInfo?.name).toBe('inproc');
    expect(described.$metadata.httpStatusCode).toBe(200);
    expect(described.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(outputProblems('DescribeDomain', described)).toEqual([]);
    const listed = await swf.send(new ListDomainsCommand({ registrationStatus: 'REGISTERED' }));
    // The service is shared by the file's tests: another may have registered its domain first.
    expect(listed.domainInfos?.find((d) => d.name === 'inproc')).toEqual({
      name: 'inproc',
      status: 'REGISTERED',
      arn: expect.any(String),
    });
  });

  it('delivers faults as the SDK expects them', async () => {
    const err = await swf
      .send(new DescribeDomainCommand({ name: 'none' }))
      .catch((e: unknown) => e as Error & { $fault: string; $metadata: { httpStatusCode: number } });
    expect(err).toMatchObject({ name: 'UnknownResourceFault', message: 'Unknown domain: none', $fault: 'client' });
    expect(err.$metadata.httpStatusCode).toBe(400);
    const invalid = (await swf.send(new DescribeDomainCommand({ name: '' })).catch((e: unknown) => e)) as Error;
    expect(invalid.name).toBe('ValidationException');
  });

  it('builds configs for both transports', () => {
    const handler = createInProcessHandler(service);
    expect(localSwfClientConfig({ url: 'http://127.0.0.1:1', requestHandler: handler })).toMatchObject({
      endpoint: 'http://127.0.0.1:1',
      requestHandler: handler,
    });
    expect(localSwfClientConfig({ url: 'http://127.0.0.1:1', requestHandler: handler }, { transport: 'http' })).toEqual(
      {
        endpoint: 'http://127.0.0.1:1',
        region: 'us-east-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      },
    );
    expect(() => localSwfClientConfig({})).toThrow('needs a server url');
  });
});

/**
 * A poll's caller that aborts (a worker shutting down) after the service has handed its poll a
 * task (claimed and committed, the answer on its way) still gets the task: nothing else could
 * reach it before its start-to-close timeout. The hook holds the handed poll's answer until the
 * abort has reached the service, so the abort lands inside that window on every run.
 */
describe('the in-process handler and a poll aborted after its task was handed', () => {
  it('answers the task, which its token then completes', async () => {
    await swf.send(new RegisterDomainCommand({ name: 'handed', workflowExecutionRetentionPeriodInDays: '1' }));
    await swf.send(
      new RegisterWorkflowTypeCommand({
        domain: 'handed',
        name: 'W',
        version: '1',
        defaultTaskList: { name: 'tl' },
        defaultTaskStartToCloseTimeout: '60',
        defaultExecutionStartToCloseTimeout: '600',
        defaultChildPolicy: 'TERMINATE',
      }),
    );
    const hold = holdNextHandedPoll(service, 'PollForDecisionTask');
    const caller = new AbortController();
    const poll = swf.send(new PollForDecisionTaskCommand({ domain: 'handed', taskList: { name: 'tl' } }), {
      abortSignal: caller.signal,
    });
    const { runId } = await swf.send(
      new StartWorkflowExecutionCommand({
        domain: 'handed',
        workflowId: 'w1',
        workflowType: { name: 'W', version: '1' },
      }),
    );
    await hold.handed;
    caller.abort();
    const task = await poll;
    expect(task.workflowExecution).toEqual({ workflowId: 'w1', runId });
    expect(task.taskToken).toEqual(expect.any(String));
    await swf.send(
      new RespondDecisionTaskCompletedCommand({
        taskToken: task.taskToken,
        decisions: [{ decisionType: 'CompleteWorkflowExecution', completeWorkflowExecutionDecisionAttributes: {} }],
      }),
    );
    const described = await swf.send(
      new DescribeWorkflowExecutionCommand({ domain: 'handed', execution: { workflowId: 'w1', runId } }),
    );
    expect(described.executionInfo?.closeStatus).toBe('COMPLETED');
  });
});
