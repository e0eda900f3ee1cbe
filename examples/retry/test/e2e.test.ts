/**
 * retry end to end: a real worker over HTTP against the real local service, whose time is a
 * ManualClock. The gateway fails 3 times; the workflow retries after back-off timers of 1, 2 and
 * 4 seconds (skipped by advancing the clock) and the 4th attempt succeeds. The attempt count is
 * read from the history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkflowClient } from '@swf-flow/client';
import { silentLogger, WorkflowExecutionFailedError } from '@swf-flow/common';
import { ManualClock } from '@swf-flow/server';
import { fireTimers, type LocalService, type RunningWorkers, runWorkers, startLocalService } from '@swf-flow/dev';
import { FlakyGatewayActivities } from '../src/activities.js';
import { attemptsIn, createWorkers, DOMAIN } from '../src/main.js';
import { chargeWithRetry } from '../src/workflows.js';

describe('retry over HTTP (time skipped with a ManualClock)', () => {
  const clock = new ManualClock();
  const gateway = new FlakyGatewayActivities();
  let local: LocalService;
  let workers: RunningWorkers;
  let client: WorkflowClient;

  beforeAll(async () => {
    local = await startLocalService({ dataDir: ':memory:', pollTimeoutMs: 2000, clock });
    workers = runWorkers(await createWorkers(local.swf, silentLogger, gateway));
    client = new WorkflowClient({ swf: local.swf, domain: DOMAIN });
  });

  afterAll(async () => {
    await workers?.stop();
    await local?.server.close();
  });

  it('retries a flaky activity with exponential back-off until it succeeds', async () => {
    const handle = await client.start(chargeWithRetry, { workflowId: 'pay-e2e-1', args: ['pay-e2e-1', 42.5, 3] });
    let closed = false;
    const result = handle.result({ timeout: '30s', maxPollInterval: '50ms' }).finally(() => (closed = true));
    const skipped = await fireTimers(
      { history: () => handle.history(), advance: (ms) => clock.advance(ms) },
      () => closed,
      { timeoutMs: 30_000 },
    );

    expect(await result).toEqual({ paymentId: 'pay-e2e-1', attempt: 4 });
    expect(skipped).toEqual([1, 2, 4]);
    expect(gateway.attempts.get('pay-e2e-1')).toEqual([1, 2, 3, 4]);

    const history = await handle.history();
    expect(attemptsIn(history)).toEqual({ attempts: 4, failed: 3, backoffSeconds: [1, 2, 4] });
    const ids = history.flatMap((e) =>
      e.activityTaskScheduledEventAttributes ? [e.activityTaskScheduledEventAttributes.activityId] : [],
    );
    expect(ids).toEqual(['activity-1', 'activity-1#2', 'activity-1#3', 'activity-1#4']);
    const reasons = history.flatMap((e) =>
      e.activityTaskFailedEventAttributes ? [e.activityTaskFailedEventAttributes.reason] : [],
    );
    expect(reasons).toEqual(['GatewayTimeout', 'GatewayTimeout', 'GatewayTimeout']);
    expect(history.at(-1)?.eventType).toBe('WorkflowExecutionCompleted');
  });

  it('gives up after maximumAttempts with the last failure', async () => {
    const handle = await client.start(chargeWithRetry, { workflowId: 'pay-e2e-2', args: ['pay-e2e-2', 10, 99] });
    let closed = false;
    const result = handle
      .result({ timeout: '30s', maxPollInterval: '50ms' })
      .catch((e: unknown) => e)
      .finally(() => (closed = true));
    const skipped = await fireTimers(
      { history: () => handle.history(), advance: (ms) => clock.advance(ms) },
      () => closed,
      { timeoutMs: 30_000 },
    );

    const err = await result;
    expect(err).toBeInstanceOf(WorkflowExecutionFailedError);
    expect((err as Error).message).toMatch(/after 6 attempts/);
    expect(skipped).toEqual([1, 2, 4, 8, 16]);
    expect(attemptsIn(await handle.history())).toEqual({ attempts: 6, failed: 6, backoffSeconds: [1, 2, 4, 8, 16] });
  });
});
