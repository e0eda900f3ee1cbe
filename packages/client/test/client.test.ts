// WorkflowClient and ActivityCompletionClient against the real local SWF service over HTTP. The
// "decider" here is raw SDK calls, so that these tests need neither the replayer nor the worker.
// Each test works in a domain of its own, so none sees another's executions or tasks.
import {
  PollForActivityTaskCommand,
  PollForDecisionTaskCommand,
  RegisterActivityTypeCommand,
  RegisterDomainCommand,
  RegisterWorkflowTypeCommand,
  RespondDecisionTaskCompletedCommand,
  SWFClient,
  type Decision,
  type PollForDecisionTaskCommandOutput,
} from '@aws-sdk/client-swf';
import {
  ApplicationFailure,
  CancelledFailure,
  TerminatedFailure,
  WorkflowExecutionFailedError,
  encodeFailure,
} from '@swf-flow/common';
import { createServer, type LocalSwfServer } from '@swf-flow/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ActivityCompletionClient, WorkflowClient } from '../src/index.js';

let domain = '';
let domains = 0;
const taskList = 'client-tl';
let server: LocalSwfServer;
let swf: SWFClient;
let client: WorkflowClient;

beforeAll(async () => {
  server = await createServer({ dataDir: ':memory:', port: 0, pollTimeoutMs: 2000 });
  swf = new SWFClient({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
});

beforeEach(async () => {
  domain = `client-test-${++domains}`;
  await swf.send(new RegisterDomainCommand({ name: domain, workflowExecutionRetentionPeriodInDays: '1' }));
  await swf.send(
    new RegisterWorkflowTypeCommand({
      domain,
      name: 'Raw',
      version: '1.0',
      defaultTaskList: { name: taskList },
      defaultExecutionStartToCloseTimeout: '600',
      defaultTaskStartToCloseTimeout: '30',
      defaultChildPolicy: 'TERMINATE',
    }),
  );
  await swf.send(
    new RegisterActivityTypeCommand({
      domain,
      name: 'Later',
      version: '1.0',
      defaultTaskList: { name: 'client-acts' },
      defaultTaskScheduleToStartTimeout: 'NONE',
      defaultTaskScheduleToCloseTimeout: 'NONE',
      defaultTaskStartToCloseTimeout: '60',
      defaultTaskHeartbeatTimeout: 'NONE',
    }),
  );
  client = new WorkflowClient({ swf, domain });
});

afterAll(async () => {
  swf?.destroy();
  await server?.close();
});

/** Polls until a decision task for `workflowId` arrives (bounded). */
async function nextDecisionTask(workflowId: string): Promise<PollForDecisionTaskCommandOutput> {
  for (let i = 0; i < 10; i += 1) {
    const task = await swf.send(new PollForDecisionTaskCommand({ domain, taskList: { name: taskList } }));
    if (task.taskToken) {
      expect(task.workflowExecution?.workflowId).toBe(workflowId);
      return task;
    }
  }
  throw new Error(`no decision task for ${workflowId}`);
}

async function decide(
  workflowId: string,
  decisions: Decision[],
  executionContext?: string,
): Promise<PollForDecisionTaskCommandOutput> {
  const task = await nextDecisionTask(workflowId);
  await swf.send(new RespondDecisionTaskCompletedCommand({ taskToken: task.taskToken, decisions, executionContext }));
  return task;
}

async function Raw(_name: string): Promise<string> {
  return '';
}

describe('WorkflowClient against the local service', () => {
  it('starts with args as a JSON array, publishes state, takes a signal and returns the result', async () => {
    const handle = await client.start(Raw, { workflowId: 'wf-complete', args: ['World'], tags: ['t1'] });
    expect(handle.runId).toMatch(/.+/);
    const first = await decide('wf-complete', [], JSON.stringify({ step: 1 }));
    const started = first.events?.find((e) => e.eventType === 'WorkflowExecutionStarted');
    expect(started?.workflowExecutionStartedEventAttributes?.input).toBe('["World"]');
    expect(await handle.state()).toEqual({ step: 1 });

    await handle.signal('greet', 'hi', 2);
    const second = await decide('wf-complete', [
      {
        decisionType: 'CompleteWorkflowExecution',
        completeWorkflowExecutionDecisionAttributes: { result: '"Hello, World"' },
      },
    ]);
    const signaled = second.events?.find((e) => e.eventType === 'WorkflowExecutionSignaled');
    expect(signaled?.workflowExecutionSignaledEventAttributes).toMatchObject({
      signalName: 'greet',
      input: '["hi",2]',
    });
    expect(await handle.result()).toBe('Hello, World');
    const history = await handle.history();
    expect(history.at(-1)?.eventType).toBe('WorkflowExecutionCompleted');
    expect((await handle.describe()).executionInfo?.executionStatus).toBe('CLOSED');
  });

  it('rejects with WorkflowExecutionFailedError whose cause is the rebuilt failure', async () => {
    const handle = await client.start({ name: 'Raw', version: '1.0' }, { workflowId: 'wf-fail' });
    const failure = encodeFailure(ApplicationFailure.nonRetryable('card declined', 'PaymentDeclined'));
    await decide('wf-fail', [
      { decisionType: 'FailWorkflowExecution', failWorkflowExecutionDecisionAttributes: failure },
    ]);
    const err = await handle.result().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowExecutionFailedError);
    expect((err as WorkflowExecutionFailedError).status).toBe('FAILED');
    expect((err as Error).cause).toMatchObject({
      message: 'card declined',
      type: 'PaymentDeclined',
      nonRetryable: true,
    });
  });

  it('follows continue-as-new to the new run', async () => {
    const handle = await client.start('Raw', { workflowId: 'wf-can' });
    await decide('wf-can', [
      {
        decisionType: 'ContinueAsNewWorkflowExecution',
        continueAsNewWorkflowExecutionDecisionAttributes: { input: '[2]' },
      },
    ]);
    const waiting = handle.result({ timeout: '20s' });
    await decide('wf-can', [
      { decisionType: 'CompleteWorkflowExecution', completeWorkflowExecutionDecisionAttributes: { result: '2' } },
    ]);
    expect(await waiting).toBe(2);
  });

  it('cancel reaches the decider and result() rejects with a CancelledFailure cause', async () => {
    const handle = await client.start('Raw', { workflowId: 'wf-cancel' });
    await decide('wf-cancel', []);
    await handle.cancel();
    const task = await decide('wf-cancel', [
      { decisionType: 'CancelWorkflowExecution', cancelWorkflowExecutionDecisionAttributes: {} },
    ]);
    expect(task.events?.some((e) => e.eventType === 'WorkflowExecutionCancelRequested')).toBe(true);
    const err = (await handle.result().catch((e: unknown) => e)) as WorkflowExecutionFailedError;
    expect(err.status).toBe('CANCELED');
    expect(err.cause).toBeInstanceOf(CancelledFailure);
  });

  it('terminate closes the run; result() rejects with a TerminatedFailure cause', async () => {
    const handle = await client.start('Raw', { workflowId: 'wf-terminate' });
    await handle.terminate('operator said so');
    const err = (await handle.result().catch((e: unknown) => e)) as WorkflowExecutionFailedError;
    expect(err.status).toBe('TERMINATED');
    expect(err.cause).toBeInstanceOf(TerminatedFailure);
    expect((err.cause as Error).message).toContain('operator said so');
  });

  it('followHistory yields the events so far, then each new one as it lands, and ends at the close event; outcome() reads it', async () => {
    const handle = await client.start('Raw', { workflowId: 'wf-follow' });
    expect(await handle.outcome()).toBeUndefined();
    const seen: string[] = [];
    const following = (async () => {
      const onCaughtUp = (): number => seen.push('caught up');
      for await (const event of handle.followHistory({ maxPollInterval: '100ms', onCaughtUp }))
        seen.push(`${event.eventId} ${event.eventType}`);
    })();
    await expect
      .poll(() => seen, { timeout: 10_000, message: 'the events so far' })
      .toEqual(['1 WorkflowExecutionStarted', '2 DecisionTaskScheduled', 'caught up']);
    await handle.signal('poke');
    await expect
      .poll(() => seen.at(-1), { timeout: 10_000, message: 'the signal, once it lands' })
      .toBe('3 WorkflowExecutionSignaled');
    seen.splice(2, 1); // 'caught up'
    await decide('wf-follow', [
      { decisionType: 'CompleteWorkflowExecution', completeWorkflowExecutionDecisionAttributes: { result: '"done"' } },
    ]);
    await following; // ends by itself at the close event
    expect(seen.slice(3)).toEqual(['4 DecisionTaskStarted', '5 DecisionTaskCompleted', '6 WorkflowExecutionCompleted']);
    expect(await handle.outcome()).toEqual({ kind: 'completed', result: 'done' });
    const events = [];
    for await (const event of handle.followHistory()) events.push(event.eventId);
    expect(events).toEqual([1, 2, 3, 4, 5, 6]); // a closed run: its history, then the end
  });

  it('followHistory stops when its signal aborts', async () => {
    const handle = await client.start('Raw', { workflowId: 'wf-follow-stop' });
    const stop = new AbortController();
    const seen: number[] = [];
    const following = (async () => {
      for await (const event of handle.followHistory({ signal: stop.signal })) seen.push(event.eventId ?? 0);
    })();
    await expect.poll(() => seen.length, { timeout: 10_000 }).toBe(2);
    stop.abort();
    await following;
    expect(seen).toEqual([1, 2]);
    await handle.terminate();
    const outcome = await handle.outcome();
    expect(outcome?.kind).toBe('failed');
  });

  it('getHandle without a run id finds the run; list pages through open and closed executions', async () => {
    await client.start('Raw', { workflowId: 'wf-fail' });
    await decide('wf-fail', [
      {
        decisionType: 'FailWorkflowExecution',
        failWorkflowExecutionDecisionAttributes: encodeFailure(new Error('listed as failed')),
      },
    ]);
    const started = await client.start('Raw', { workflowId: 'wf-list', tags: ['listed'] });
    const found = client.getHandle('wf-list');
    expect((await found.describe()).executionInfo?.execution?.runId).toBe(started.runId);

    const newer = await client.start('Raw', { workflowId: 'wf-list-newer' });
    const open: string[] = [];
    for await (const info of client.list({ status: 'OPEN', pageSize: 1 })) open.push(info.execution?.workflowId ?? '');
    expect(open.slice(0, 2)).toEqual(['wf-list-newer', 'wf-list']); // newest first, one page at a time
    const oldestFirst: string[] = [];
    for await (const info of client.list({ status: 'OPEN', newestFirst: false }))
      oldestFirst.push(info.execution?.workflowId ?? '');
    expect(oldestFirst).toEqual([...open].reverse());
    await newer.terminate();
    const tagged: string[] = [];
    for await (const info of client.list({ tag: 'listed' })) tagged.push(info.execution?.workflowId ?? '');
    expect(tagged).toEqual(['wf-list']);
    const failed: string[] = [];
    for await (const info of client.list({ status: 'CLOSED', closeStatus: 'FAILED', pageSize: 1 }))
      failed.push(info.execution?.workflowId ?? '');
    expect(failed).toEqual(['wf-fail']);
    await started.terminate();
  });

  it('ActivityCompletionClient completes an activity by task token', async () => {
    const handle = await client.start('Raw', { workflowId: 'wf-async-activity' });
    await decide('wf-async-activity', [
      {
        decisionType: 'ScheduleActivityTask',
        scheduleActivityTaskDecisionAttributes: {
          activityId: 'a1',
          activityType: { name: 'Later', version: '1.0' },
          input: '[]',
        },
      },
    ]);
    const activityTask = await swf.send(new PollForActivityTaskCommand({ domain, taskList: { name: 'client-acts' } }));
    expect(activityTask.taskToken).toBeTruthy();
    const completion = new ActivityCompletionClient({ swf });
    expect(await completion.heartbeat(activityTask.taskToken!, { progress: 50 })).toEqual({ cancelRequested: false });
    await completion.complete(activityTask.taskToken!, { approved: true });
    const task = await nextDecisionTask('wf-async-activity');
    const completed = task.events?.find((e) => e.eventType === 'ActivityTaskCompleted');
    expect(completed?.activityTaskCompletedEventAttributes?.result).toBe('{"approved":true}');
    await swf.send(new RespondDecisionTaskCompletedCommand({ taskToken: task.taskToken, decisions: [] }));
    await handle.terminate();
  });
});
