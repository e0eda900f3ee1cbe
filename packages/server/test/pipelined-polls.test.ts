/**
 * A long poll pipelined behind another request on the same connection (HTTP/1.1 answers a
 * connection's requests in order) waits for its turn before it may be handed a task: a task it took
 * while the request before it still waited could not be written, and would be late by that wait (up
 * to a minute) or, if the client went away meanwhile, lost until its start-to-close timeout. On
 * both fronts: the lean one (`Content-Length` bodies) and `node:http` (chunked bodies).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type LocalSwfServer, createServer } from '../src/index.js';
import { RawClient, swfRequest } from './support/raw-client.js';

let server: LocalSwfServer;
beforeAll(async () => {
  // Polls wait longer than a test may run: a poll that ends within a test was ended by something else.
  server = await createServer({ dataDir: ':memory:', port: 0, pollTimeoutMs: 60_000 });
  await call('RegisterDomain', { name: 'pipe', workflowExecutionRetentionPeriodInDays: '1' });
  await call('RegisterWorkflowType', {
    domain: 'pipe',
    name: 'W',
    version: '1',
    defaultTaskStartToCloseTimeout: '600',
    defaultExecutionStartToCloseTimeout: '3600',
    defaultChildPolicy: 'TERMINATE',
  });
});
afterAll(() => server.close());

async function call(operation: string, input: object): Promise<Record<string, unknown>> {
  const res = await fetch(`${server.url}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `SimpleWorkflowService.${operation}` },
    body: JSON.stringify(input),
  });
  const output = (await res.json()) as Record<string, unknown>;
  if (res.status !== 200) throw new Error(`${operation}: ${res.status} ${JSON.stringify(output)}`);
  return output;
}

/** Starts a run whose first decision task goes to `taskList`. */
async function start(workflowId: string, taskList: string): Promise<string> {
  const { runId } = await call('StartWorkflowExecution', {
    domain: 'pipe',
    workflowId,
    workflowType: { name: 'W', version: '1' },
    taskList: { name: taskList },
  });
  return runId as string;
}

async function eventTypes(workflowId: string, runId: string): Promise<string[]> {
  const { events } = await call('GetWorkflowExecutionHistory', { domain: 'pipe', execution: { workflowId, runId } });
  return (events as { eventType: string }[]).map((e) => e.eventType);
}

/** Records the task lists of the decision polls the service answers until `restore`. */
function pollsEnded(): { ended: string[]; restore: () => void } {
  const ended: string[] = [];
  const original = server.service.handleAndRender.bind(server.service);
  server.service.handleAndRender = async (operation, input, ctx, render) => {
    try {
      return await original(operation, input, ctx, render);
    } finally {
      if (operation === 'PollForDecisionTask') ended.push((input as { taskList: { name: string } }).taskList.name);
    }
  };
  return { ended, restore: () => (server.service.handleAndRender = original) };
}

const poll = (taskList: string, framing: 'length' | 'chunked'): string =>
  swfRequest('PollForDecisionTask', JSON.stringify({ domain: 'pipe', taskList: { name: taskList } }), framing);

describe.each(['length', 'chunked'] as const)('two long polls pipelined on one connection (%s bodies)', (framing) => {
  /** Sends the pair; resolves once the first is waiting (the second was read with it, in the same packet). */
  async function pipelinedPair(first: string, second: string): Promise<RawClient> {
    const client = new RawClient(server.port);
    client.socket.write(poll(first, framing) + poll(second, framing));
    await vi.waitFor(() => expect(server.service.waitingPolls()).toBeGreaterThanOrEqual(1), {
      timeout: 10_000,
      interval: 2,
    });
    await new Promise((resolve) => setImmediate(resolve));
    return client;
  }

  it('the second takes no task while the first waits, then takes it once the first is answered', async () => {
    const [first, second] = [`first-${framing}`, `second-${framing}`];
    const client = await pipelinedPair(first, second);
    const late = await start(`late-${framing}`, second);
    expect(await eventTypes(`late-${framing}`, late)).toEqual(['WorkflowExecutionStarted', 'DecisionTaskScheduled']);
    await start(`early-${framing}`, first);
    const text = await client.answers(2);
    client.socket.destroy();
    const ids = [...text.matchAll(/"workflowId":"([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual([`early-${framing}`, `late-${framing}`]);
  });

  it('a client that resets while the second waits for its turn: both polls end, no task is lost', async () => {
    const [first, second] = [`reset-first-${framing}`, `reset-second-${framing}`];
    const polls = pollsEnded();
    let runId: string;
    try {
      const client = await pipelinedPair(first, second);
      runId = await start(`reset-${framing}`, second);
      client.socket.resetAndDestroy();
      // Each poll hears that its client is gone and ends at once (answering no one), not at its time-out.
      await vi.waitFor(() => expect([...polls.ended].sort()).toEqual([first, second].sort()), {
        timeout: 20_000, // bounds a hang; a poll that waited for its time-out would take 60 s
        interval: 2,
      });
    } finally {
      polls.restore();
    }
    expect(server.service.waitingPolls()).toBe(0);
    const task = await call('PollForDecisionTask', { domain: 'pipe', taskList: { name: second } });
    expect(task.workflowExecution).toEqual({ workflowId: `reset-${framing}`, runId });
  });
});
