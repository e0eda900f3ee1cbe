/**
 * A long poll whose client half-closes its connection (FIN), as a worker shutting down does: the
 * wait ends at once with an empty answer, and a task handed to the poll before the FIN arrived is
 * still answered on the half-closed connection instead of being lost until its timeout. Over a raw
 * TCP socket, so that the test decides when the FIN is sent; the window between a hand-off and its
 * answer (the flush with durability `full`) is held open by a hook on the service, not by a sleep.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type LocalSwfServer, createServer } from '../src/index.js';
import { holdNextHandedPoll } from './support/hold-handed-poll.js';

let server: LocalSwfServer;

async function post(target: string, body: unknown): Promise<unknown> {
  const res = await fetch(`${server.url}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `SimpleWorkflowService.${target}` },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${target}: HTTP ${res.status} ${text}`);
  return text === '' ? {} : (JSON.parse(text) as unknown);
}

/** What a raw connection received: the status and body of the one answer, and whether the server closed. */
interface RawAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** Sends one request on a raw socket; `answer` resolves once the server has closed the connection. */
function rawPoll(target: string, body: unknown): { socket: Socket; answer: Promise<RawAnswer> } {
  const payload = JSON.stringify(body);
  const socket = connect(server.port, '127.0.0.1');
  socket.write(
    `POST / HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Type: application/x-amz-json-1.0\r\n` +
      `X-Amz-Target: SimpleWorkflowService.${target}\r\nContent-Length: ${Buffer.byteLength(payload)}\r\n\r\n${payload}`,
  );
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  const answer = new Promise<RawAnswer>((resolve, reject) => {
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      if (split < 0) {
        reject(new Error(`the server closed the connection without an answer (received ${JSON.stringify(text)})`));
        return;
      }
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]);
      resolve({ status, body: JSON.parse(text.slice(split + 4)) as Record<string, unknown> });
    });
  });
  return { socket, answer };
}

async function waitingPolls(n: number): Promise<void> {
  await vi.waitFor(() => expect(server.service.waitingPolls()).toBe(n), { timeout: 10_000, interval: 5 });
}

beforeAll(async () => {
  server = await createServer({ dataDir: ':memory:', port: 0, pollTimeoutMs: 30_000 });
  await post('RegisterDomain', { name: 'hc', workflowExecutionRetentionPeriodInDays: '1' });
  await post('RegisterWorkflowType', {
    domain: 'hc',
    name: 'W',
    version: '1',
    defaultTaskList: { name: 'tl' },
    defaultTaskStartToCloseTimeout: 'NONE',
    defaultExecutionStartToCloseTimeout: '600',
    defaultChildPolicy: 'TERMINATE',
  });
  await post('RegisterActivityType', {
    domain: 'hc',
    name: 'A',
    version: '1',
    defaultTaskList: { name: 'acts' },
    defaultTaskStartToCloseTimeout: 'NONE',
    defaultTaskScheduleToStartTimeout: 'NONE',
    defaultTaskScheduleToCloseTimeout: 'NONE',
    defaultTaskHeartbeatTimeout: 'NONE',
  });
});
afterAll(() => server.close());

const decisionPoll = { domain: 'hc', taskList: { name: 'tl' }, identity: 'half-closing' };
const activityPoll = { domain: 'hc', taskList: { name: 'acts' }, identity: 'half-closing' };

async function eventTypes(workflowId: string, runId: string): Promise<string[]> {
  const page = (await post('GetWorkflowExecutionHistory', { domain: 'hc', execution: { workflowId, runId } })) as {
    events: { eventType: string }[];
  };
  return page.events.map((e) => e.eventType);
}

describe('a long poll whose client half-closes', () => {
  it('is answered empty at once, on the half-closed connection, and takes no task after it', async () => {
    const { socket, answer } = rawPoll('PollForDecisionTask', decisionPoll);
    await waitingPolls(1);
    socket.end();
    const got = await answer;
    expect(got.status).toBe(200);
    expect(got.body.taskToken).toBeUndefined();
    expect(got.body.startedEventId).toBe(0);
    await waitingPolls(0);
    const { runId } = (await post('StartWorkflowExecution', {
      domain: 'hc',
      workflowId: 'empty',
      workflowType: { name: 'W', version: '1' },
    })) as { runId: string };
    // Had the half-closed poll taken the task, this poll would find none.
    const task = (await post('PollForDecisionTask', decisionPoll)) as { workflowExecution?: { runId: string } };
    expect(task.workflowExecution?.runId).toBe(runId);
  });

  it('still gets the decision task handed to it before its FIN arrived, which can then be answered', async () => {
    const hold = holdNextHandedPoll(server.service, 'PollForDecisionTask');
    const { socket, answer } = rawPoll('PollForDecisionTask', decisionPoll);
    await waitingPolls(1);
    try {
      const { runId } = (await post('StartWorkflowExecution', {
        domain: 'hc',
        workflowId: 'handed-decision',
        workflowType: { name: 'W', version: '1' },
      })) as { runId: string };
      await hold.handed; // DecisionTaskStarted is committed; the answer is not written yet
      socket.end();
      const got = await answer;
      expect(got.status).toBe(200);
      expect(got.body.workflowExecution).toEqual({ workflowId: 'handed-decision', runId });
      await post('RespondDecisionTaskCompleted', {
        taskToken: got.body.taskToken,
        decisions: [{ decisionType: 'CompleteWorkflowExecution', completeWorkflowExecutionDecisionAttributes: {} }],
      });
      expect(await eventTypes('handed-decision', runId)).toContain('WorkflowExecutionCompleted');
    } finally {
      hold.restore();
    }
  });

  it('still gets the activity task handed to it before its FIN arrived, which can then be answered', async () => {
    // Its run's decision tasks go to a task list of its own: the one left open after the activity's
    // completion would otherwise be handed at once to another test's waiting poll on `tl`.
    const ownTaskList = { name: 'tl-handed-activity' };
    const { runId } = (await post('StartWorkflowExecution', {
      domain: 'hc',
      workflowId: 'handed-activity',
      workflowType: { name: 'W', version: '1' },
      taskList: ownTaskList,
    })) as { runId: string };
    const decision = (await post('PollForDecisionTask', { ...decisionPoll, taskList: ownTaskList })) as {
      taskToken: string;
    };
    const hold = holdNextHandedPoll(server.service, 'PollForActivityTask');
    const { socket, answer } = rawPoll('PollForActivityTask', activityPoll);
    await waitingPolls(1);
    try {
      await post('RespondDecisionTaskCompleted', {
        taskToken: decision.taskToken,
        decisions: [
          {
            decisionType: 'ScheduleActivityTask',
            scheduleActivityTaskDecisionAttributes: { activityId: 'a1', activityType: { name: 'A', version: '1' } },
          },
        ],
      });
      await hold.handed; // ActivityTaskStarted is committed; the answer is not written yet
      socket.end();
      const got = await answer;
      expect(got.status).toBe(200);
      expect(got.body.activityId).toBe('a1');
      await post('RespondActivityTaskCompleted', { taskToken: got.body.taskToken, result: 'done' });
      expect(await eventTypes('handed-activity', runId)).toContain('ActivityTaskCompleted');
    } finally {
      hold.restore();
    }
  });
});
