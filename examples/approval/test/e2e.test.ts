/**
 * approval end to end: a real worker over HTTP against the real local service on a ManualClock.
 * The test moves time to fire the reminder timers and sends the signals a person would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkflowClient, type WorkflowHandle } from '@swf-flow/client';
import { silentLogger } from '@swf-flow/common';
import { ManualClock } from '@swf-flow/server';
import {
  fireTimers,
  type LocalService,
  type RunningWorkers,
  runWorkers,
  startLocalService,
  waitFor,
} from '@swf-flow/dev';
import { ApprovalActivities } from '../src/activities.js';
import { createWorkers, DOMAIN, remindersSent } from '../src/main.js';
import { approveSignal, expenseApproval, rejectSignal, type ApprovalResult } from '../src/workflows.js';

const HOUR = 3600;

describe('approval over HTTP (time skipped with a ManualClock)', () => {
  const clock = new ManualClock();
  const activities = new ApprovalActivities();
  let local: LocalService;
  let workers: RunningWorkers;
  let client: WorkflowClient;

  beforeAll(async () => {
    local = await startLocalService({ dataDir: ':memory:', pollTimeoutMs: 2000, clock });
    workers = runWorkers(await createWorkers(local.swf, silentLogger, activities));
    client = new WorkflowClient({ swf: local.swf, domain: DOMAIN });
  });

  afterAll(async () => {
    await workers?.stop();
    await local?.server.close();
  });

  /** Waits for the n-th reminder timer to be started, then fires it. */
  async function fireTimer(handle: WorkflowHandle, n: number): Promise<void> {
    const timer = await waitFor(
      async () => (await handle.history()).filter((e) => e.eventType === 'TimerStarted')[n - 1],
      { what: `timer #${n}` },
    );
    expect(timer.timerStartedEventAttributes?.startToFireTimeout).toBe(String(HOUR));
    clock.advance(HOUR * 1000);
  }

  const start = (id: string): Promise<WorkflowHandle<ApprovalResult>> =>
    client.start(expenseApproval, {
      workflowId: id,
      args: [
        { id, amount: 1200, approver: 'alice' },
        { remindEvery: '1 hour', timeout: '3 hours' },
      ],
    });

  it('approved after one reminder', async () => {
    const handle = await start('exp-approved');
    await fireTimer(handle, 1);
    await remindersSent(handle, 1);
    await handle.signal(approveSignal, 'alice');

    expect(await handle.result({ timeout: '20s' })).toEqual({ status: 'APPROVED', by: 'alice', reminders: 1 });
    expect(activities.sent.filter((s) => s.includes('exp-approved'))).toEqual([
      'request exp-approved',
      'reminder exp-approved #1',
    ]);
    const history = await handle.history();
    expect(
      history
        .filter((e) => e.eventType === 'WorkflowExecutionSignaled')
        .map((e) => e.workflowExecutionSignaledEventAttributes?.signalName),
    ).toEqual(['approve']);
    // The second wait's timer was canceled when the signal arrived.
    expect(history.filter((e) => e.eventType === 'TimerStarted')).toHaveLength(2);
    expect(history.filter((e) => e.eventType === 'TimerCanceled')).toHaveLength(1);
  });

  it('rejected before any reminder', async () => {
    const handle = await start('exp-rejected');
    await waitFor(async () => (await handle.history()).some((e) => e.eventType === 'TimerStarted'), {
      what: 'the first wait',
    });
    await handle.signal(rejectSignal, 'bob', 'over budget');
    expect(await handle.result({ timeout: '20s' })).toEqual({
      status: 'REJECTED',
      by: 'bob',
      reason: 'over budget',
      reminders: 0,
    });
  });

  it('times out after 3 hours and 2 reminders when nobody answers', async () => {
    const handle = await start('exp-timeout');
    let closed = false;
    const result = handle.result({ timeout: '30s', maxPollInterval: '50ms' }).finally(() => (closed = true));
    const skipped = await fireTimers(
      { history: () => handle.history(), advance: (ms) => clock.advance(ms) },
      () => closed,
    );

    expect(await result).toEqual({ status: 'TIMED_OUT', reminders: 2 });
    expect(skipped).toEqual([HOUR, HOUR, HOUR]);
    expect(activities.sent.filter((s) => s.includes('exp-timeout'))).toEqual([
      'request exp-timeout',
      'reminder exp-timeout #1',
      'reminder exp-timeout #2',
    ]);
    expect((await handle.history()).filter((e) => e.eventType === 'TimerFired')).toHaveLength(3);
  });
});
