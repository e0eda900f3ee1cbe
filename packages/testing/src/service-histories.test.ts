// Histories the local service records, replayed: a workflow run by a real worker on the in-process
// service (the SWF wire protocol, a real SQLite engine) must finish, and its history must replay
// clean with `replayHistory`, whatever shape the service gave it.
import { GetWorkflowExecutionHistoryCommand, type HistoryEvent } from '@aws-sdk/client-swf';
import { Activities, Activity } from '@swf-flow/activity';
import { CancellationScope, defineWorkflow, proxyActivities, sleep } from '@swf-flow/workflow';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { replayHistory, TestWorkflowEnvironment } from './index.js';

@Activities({ version: '1.0', startToCloseTimeout: '30s', scheduleToStartTimeout: '5 minutes' })
class Greetings {
  @Activity({ name: 'Greet' })
  async greet(name: string): Promise<string> {
    return `Hello, ${name}!`;
  }
}

@Activities({ version: '1.0', taskList: 'nobody-polls', startToCloseTimeout: '30s', scheduleToStartTimeout: '1 hour' })
class Unpolled {
  @Activity({ name: 'Unpolled' })
  async unpolled(): Promise<void> {}
}

const greetings = proxyActivities(Greetings);
const unpolled = proxyActivities(Unpolled);

/**
 * Cancels an activity no worker has started and, in the same decision task, schedules another:
 * the service records ActivityTaskCancelRequested, ActivityTaskCanceled at once, then
 * ActivityTaskScheduled, all after that task's DecisionTaskCompleted.
 */
const cancelUnstarted = defineWorkflow(
  async function cancelUnstarted(): Promise<string> {
    const scope = new CancellationScope();
    const pending = scope
      .run(() => unpolled.unpolled())
      .then(
        () => 'ran',
        (err: Error) => (err.cause instanceof Error ? err.cause.name : err.name),
      );
    await sleep('1 minute');
    scope.cancel();
    const greeting = await greetings.greet('after');
    return `${await pending} / ${greeting}`;
  },
  { name: 'CancelUnstarted', taskList: 'service-histories' },
);

describe('histories the local service records replay clean', () => {
  let env: TestWorkflowEnvironment;
  beforeEach(async () => {
    env = await TestWorkflowEnvironment.create({ startTime: Date.UTC(2026, 0, 1) });
  });
  afterEach(() => env.teardown());

  it('an unstarted activity cancelled and another scheduled in one decision task', async () => {
    await env.createWorker({ taskList: 'nobody-polls', activities: [new Unpolled()] }); // registers the type; never runs
    const worker = await env.createWorker({
      taskList: 'service-histories',
      workflows: [cancelUnstarted],
      activities: [new Greetings()],
    });
    const handle = await env.client.start(cancelUnstarted, { workflowId: 'cancel-unstarted' });
    expect(await worker.runUntil(handle.result())).toBe('CancelledFailure / Hello, after!');
    const { events = [] } = await env.swf.send(
      new GetWorkflowExecutionHistoryCommand({
        domain: env.domain,
        execution: { workflowId: handle.workflowId, runId: handle.runId ?? '' },
      }),
    );
    const types = events.map((e: HistoryEvent) => e.eventType);
    const at = types.indexOf('ActivityTaskCancelRequested');
    expect(types.slice(at - 1, at + 3)).toEqual([
      'DecisionTaskCompleted',
      'ActivityTaskCancelRequested',
      'ActivityTaskCanceled',
      'ActivityTaskScheduled',
    ]);
    const replayed = await replayHistory(events, cancelUnstarted);
    expect(replayed.status).toBe('COMPLETED');
  });
});
