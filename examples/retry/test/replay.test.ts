/**
 * retry replays: histories recorded from real runs against the local service replay to the same
 * outcome; a workflow changed to drop its retry policy no longer matches them.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ActivityFailure, NonDeterminismError } from '@swf-flow/common';
import { replayHistories, replayHistory } from '@swf-flow/testing';
import { defineWorkflow, proxyActivities } from '@swf-flow/workflow';
import { FlakyGatewayActivities, type Receipt } from '../src/activities.js';
import { chargeWithRetry } from '../src/workflows.js';

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

/** The same workflow type without the retry policy: a change that breaks running executions. */
const noRetry = proxyActivities(FlakyGatewayActivities);
const chargeOnce = defineWorkflow(
  async (paymentId: string, amount: number, failures: number): Promise<Receipt> =>
    await noRetry.chargePayment(paymentId, amount, failures),
  {
    name: 'ChargeWithRetry',
    version: '1.0',
  },
);

describe('retry replays', () => {
  it('replays every recorded history clean', async () => {
    expect(
      await replayHistories(fileURLToPath(new URL('./fixtures', import.meta.url)), {
        ChargeWithRetry: chargeWithRetry,
      }),
    ).toHaveLength(2);
  });

  it('three failures, then the fourth attempt succeeds', async () => {
    const out = await replayHistory(fixture('completed-after-3-failures.json'), chargeWithRetry);
    expect(out).toMatchObject({ status: 'COMPLETED', result: { paymentId: 'pay-1', attempt: 4 }, decisions: [] });
  });

  it('six failures: the workflow fails with the last ActivityFailure, attempt 6', async () => {
    const out = await replayHistory(fixture('failed-after-6-attempts.json'), chargeWithRetry);
    expect(out.status).toBe('FAILED');
    expect(out.failure).toBeInstanceOf(ActivityFailure);
    expect((out.failure as ActivityFailure).attempt).toBe(6);
  });

  it('dropping the retry policy breaks the recorded runs with a NonDeterminismError', async () => {
    await expect(replayHistory(fixture('completed-after-3-failures.json'), chargeOnce)).rejects.toThrow(
      NonDeterminismError,
    );
  });
});
