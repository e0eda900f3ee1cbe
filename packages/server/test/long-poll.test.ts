/** Long polls and their callers: a disconnected poller takes no task; shutdown ends pending polls. */
import { PollForDecisionTaskCommand, SWFClient } from '@aws-sdk/client-swf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalSwfServer, createServer, localSwfClientConfig } from '../src/index.js';

let server: LocalSwfServer;

function post(target: string, body: unknown, signal?: AbortSignal): Promise<Response> {
  return fetch(`${server.url}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `SimpleWorkflowService.${target}` },
    body: JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
}

beforeAll(async () => {
  server = await createServer({ dataDir: ':memory:', port: 0, pollTimeoutMs: 30_000 });
  await post('RegisterDomain', { name: 'lp', workflowExecutionRetentionPeriodInDays: '1' });
  await post('RegisterWorkflowType', {
    domain: 'lp',
    name: 'W',
    version: '1',
    defaultTaskList: { name: 'tl' },
    defaultTaskStartToCloseTimeout: '60',
    defaultExecutionStartToCloseTimeout: '600',
    defaultChildPolicy: 'TERMINATE',
  });
});
afterAll(() => server.close());

const poll = { domain: 'lp', taskList: { name: 'tl' } };

describe('long polls', () => {
  it('a poller that disconnects over HTTP does not take the next task', async () => {
    const gone = new AbortController();
    const abandoned = post('PollForDecisionTask', poll, gone.signal).catch((err: unknown) => err);
    await new Promise((r) => setTimeout(r, 200));
    gone.abort();
    expect(await abandoned).toBeInstanceOf(Error);
    await new Promise((r) => setTimeout(r, 100));
    await post('StartWorkflowExecution', { domain: 'lp', workflowId: 'w1', workflowType: { name: 'W', version: '1' } });
    const started = Date.now();
    const task = (await (await post('PollForDecisionTask', poll)).json()) as { taskToken?: string };
    expect(task.taskToken).toBeTruthy();
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('a poller that aborts in-process does not take the next task', async () => {
    const swf = new SWFClient(localSwfClientConfig(server));
    const gone = new AbortController();
    const abandoned = swf.send(new PollForDecisionTaskCommand(poll), { abortSignal: gone.signal }).catch((err: unknown) => err);
    await new Promise((r) => setTimeout(r, 200));
    gone.abort();
    await abandoned;
    await post('StartWorkflowExecution', { domain: 'lp', workflowId: 'w2', workflowType: { name: 'W', version: '1' } });
    const task = await swf.send(new PollForDecisionTaskCommand(poll));
    expect(task.workflowExecution?.workflowId).toBe('w2');
    swf.destroy();
  });

  it('close() ends pending polls promptly', async () => {
    const other = await createServer({ dataDir: ':memory:', port: 0, pollTimeoutMs: 60_000 });
    await fetch(`${other.url}/`, {
      method: 'POST',
      headers: { 'x-amz-target': 'SimpleWorkflowService.RegisterDomain' },
      body: JSON.stringify({ name: 'lp', workflowExecutionRetentionPeriodInDays: '1' }),
    });
    const pending = fetch(`${other.url}/`, {
      method: 'POST',
      headers: { 'x-amz-target': 'SimpleWorkflowService.PollForActivityTask' },
      body: JSON.stringify(poll),
    }).then(
      (r) => r.status,
      () => 'closed',
    );
    await new Promise((r) => setTimeout(r, 200));
    const started = Date.now();
    await other.close();
    expect(Date.now() - started).toBeLessThan(3_000);
    expect([200, 'closed']).toContain(await pending);
  });
});
