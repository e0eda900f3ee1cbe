/**
 * Long polls and their callers, over a real HTTP listener: a disconnected poller takes no task;
 * shutdown ends pending polls. Tests wait for `service.waitingPolls()` (bounded by vi.waitFor)
 * rather than sleeping, so they know the poll is really waiting, or really gone.
 */
import { PollForDecisionTaskCommand, SWFClient } from '@aws-sdk/client-swf';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
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

/** Waits (at most 10 s) until the service holds `n` waiting long polls. */
async function waitingPolls(target: LocalSwfServer, n: number): Promise<void> {
  await vi.waitFor(() => expect(target.service.waitingPolls()).toBe(n), { timeout: 10_000, interval: 10 });
}

const poll = { domain: 'lp', taskList: { name: 'tl' } };

describe('long polls', () => {
  it('a poller that disconnects over HTTP does not take the next task', async () => {
    const gone = new AbortController();
    const abandoned = post('PollForDecisionTask', poll, gone.signal).catch((err: unknown) => err);
    await waitingPolls(server, 1);
    gone.abort();
    expect(await abandoned).toBeInstanceOf(Error);
    await waitingPolls(server, 0); // the server has seen the disconnect
    await post('StartWorkflowExecution', { domain: 'lp', workflowId: 'w1', workflowType: { name: 'W', version: '1' } });
    // The task is ready now, so this poll answers at once; had the abandoned poll taken it, this one would find nothing.
    const task = (await (await post('PollForDecisionTask', poll)).json()) as {
      taskToken?: string;
      workflowExecution?: { workflowId: string };
    };
    expect(task.workflowExecution?.workflowId).toBe('w1');
  });

  it('a poller that aborts in-process does not take the next task', async () => {
    const swf = new SWFClient(localSwfClientConfig(server));
    const gone = new AbortController();
    const abandoned = swf
      .send(new PollForDecisionTaskCommand(poll), { abortSignal: gone.signal })
      .catch((err: unknown) => err);
    await waitingPolls(server, 1);
    gone.abort();
    await abandoned;
    await waitingPolls(server, 0);
    await post('StartWorkflowExecution', { domain: 'lp', workflowId: 'w2', workflowType: { name: 'W', version: '1' } });
    const task = await swf.send(new PollForDecisionTaskCommand(poll));
    expect(task.workflowExecution?.workflowId).toBe('w2');
    swf.destroy();
  });

  it('close() ends a pending poll that would otherwise wait 60 s (longer than this test may run)', async () => {
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
    await waitingPolls(other, 1);
    await other.close();
    expect([200, 'closed']).toContain(await pending);
  });
});
