/**
 * Durability: a server process killed with SIGKILL in the middle of a run loses nothing it
 * acknowledged; a new process on the same data directory carries the run to completion.
 */
import {
  GetWorkflowExecutionHistoryCommand,
  type HistoryEvent,
  DescribeWorkflowExecutionCommand,
  PollForActivityTaskCommand,
  PollForDecisionTaskCommand,
  RegisterActivityTypeCommand,
  RegisterDomainCommand,
  RegisterWorkflowTypeCommand,
  RespondActivityTaskCompletedCommand,
  RespondDecisionTaskCompletedCommand,
  SignalWorkflowExecutionCommand,
  StartWorkflowExecutionCommand,
  type SWFClient,
} from '@aws-sdk/client-swf';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type ChildServer, startChildServer } from './support/child-server.js';
import { httpClient } from './support/sdk.js';

const dataDir = mkdtempSync(join(tmpdir(), 'swf-flow-crash-'));
const children: ChildServer[] = [];
afterAll(() => {
  for (const c of children) if (c.process.exitCode === null && c.process.signalCode === null) c.process.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

const domain = 'durable';
const activityType = { name: 'Step', version: '1' };
const execution = { workflowId: 'crash-1', runId: '' };

async function history(swf: SWFClient): Promise<HistoryEvent[]> {
  const out = await swf.send(new GetWorkflowExecutionHistoryCommand({ domain, execution }));
  return out.events ?? [];
}

describe('a server killed with SIGKILL mid-run', () => {
  it('keeps every acknowledged event and finishes the run after a restart', { timeout: 240_000 }, async () => {
    const first = await startChildServer(dataDir);
    children.push(first);
    let swf = httpClient(first.url);
    await swf.send(new RegisterDomainCommand({ name: domain, workflowExecutionRetentionPeriodInDays: '1' }));
    await swf.send(
      new RegisterWorkflowTypeCommand({
        domain,
        name: 'Durable',
        version: '1',
        defaultTaskList: { name: 'd' },
        defaultTaskStartToCloseTimeout: '300',
        defaultExecutionStartToCloseTimeout: '3600',
        defaultChildPolicy: 'TERMINATE',
      }),
    );
    await swf.send(
      new RegisterActivityTypeCommand({
        domain,
        ...activityType,
        defaultTaskList: { name: 'a' },
        defaultTaskScheduleToStartTimeout: '600',
        defaultTaskScheduleToCloseTimeout: '900',
        defaultTaskStartToCloseTimeout: '300',
        defaultTaskHeartbeatTimeout: 'NONE',
      }),
    );
    execution.runId =
      (
        await swf.send(
          new StartWorkflowExecutionCommand({
            domain,
            workflowId: 'crash-1',
            workflowType: { name: 'Durable', version: '1' },
          }),
        )
      ).runId ?? '';
    const decision = await swf.send(new PollForDecisionTaskCommand({ domain, taskList: { name: 'd' } }));
    await swf.send(
      new RespondDecisionTaskCompletedCommand({
        taskToken: decision.taskToken,
        decisions: ['s1', 's2'].map((activityId) => ({
          decisionType: 'ScheduleActivityTask' as const,
          scheduleActivityTaskDecisionAttributes: { activityId, activityType },
        })),
      }),
    );
    const s1 = await swf.send(new PollForActivityTaskCommand({ domain, taskList: { name: 'a' } }));
    await swf.send(new RespondActivityTaskCompletedCommand({ taskToken: s1.taskToken, result: 'one' }));

    // Signals keep arriving; the process dies between two of them.
    const acknowledged: string[] = [];
    const signals = (async () => {
      for (let i = 0; ; i++) {
        await swf.send(new SignalWorkflowExecutionCommand({ domain, workflowId: 'crash-1', signalName: `sig-${i}` }));
        acknowledged.push(`sig-${i}`);
      }
    })().catch(() => undefined);
    await expect.poll(() => acknowledged.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(5);
    const before = await history(swf);
    first.process.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    await signals;
    swf.destroy();

    const second = await startChildServer(dataDir);
    children.push(second);
    swf = httpClient(second.url);
    const after = await history(swf);
    expect(after.slice(0, before.length)).toEqual(before);
    const signaled = after
      .filter((e) => e.eventType === 'WorkflowExecutionSignaled')
      .map((e) => e.workflowExecutionSignaledEventAttributes?.signalName);
    for (const name of acknowledged) expect(signaled).toContain(name);
    expect(
      after.find((e) => e.eventType === 'ActivityTaskCompleted')?.activityTaskCompletedEventAttributes?.result,
    ).toBe('one');

    const s2 = await swf.send(new PollForActivityTaskCommand({ domain, taskList: { name: 'a' } }));
    expect(s2.activityId).toBe('s2');
    await swf.send(new RespondActivityTaskCompletedCommand({ taskToken: s2.taskToken, result: 'two' }));
    const next = await swf.send(new PollForDecisionTaskCommand({ domain, taskList: { name: 'd' } }));
    expect(next.taskToken).toBeTruthy();
    await swf.send(
      new RespondDecisionTaskCompletedCommand({
        taskToken: next.taskToken,
        decisions: [
          {
            decisionType: 'CompleteWorkflowExecution',
            completeWorkflowExecutionDecisionAttributes: { result: 'done' },
          },
        ],
      }),
    );
    const described = await swf.send(new DescribeWorkflowExecutionCommand({ domain, execution }));
    expect(described.executionInfo).toMatchObject({ executionStatus: 'CLOSED', closeStatus: 'COMPLETED' });
    swf.destroy();
    second.process.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});
