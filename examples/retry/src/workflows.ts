/**
 * The retry workflow: charge a payment through a flaky gateway, retrying with exponential
 * back-off (1 s, 2 s, 4 s, ... capped at 30 s, at most 6 attempts). Each wait is a durable SWF
 * timer, so retries survive worker restarts and replay exactly.
 */
import { defineWorkflow, proxyActivities } from '@swf-flow/workflow';
import { FlakyGatewayActivities, type Receipt } from './activities.js';

/** The retry policy of the charge. */
export const CHARGE_RETRY = {
  initialInterval: '1s',
  backoffCoefficient: 2,
  maximumInterval: '30s',
  maximumAttempts: 6,
} as const;

const gateway = proxyActivities(FlakyGatewayActivities, { retry: CHARGE_RETRY });

/** Workflow type `ChargeWithRetry` 1.0 on task list `retry`; `failures` tells the demo gateway how often to fail. */
export const chargeWithRetry = defineWorkflow(
  async function chargeWithRetry(paymentId: string, amount: number, failures: number): Promise<Receipt> {
    return await gateway.chargePayment(paymentId, amount, failures);
  },
  {
    name: 'ChargeWithRetry',
    version: '1.0',
    taskList: 'retry',
    executionStartToCloseTimeout: '1 hour',
    taskStartToCloseTimeout: '1 minute',
  },
);
