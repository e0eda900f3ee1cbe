/**
 * The activity of the retry example: a payment gateway that times out on the first attempts.
 * Each attempt of a retried activity is a new activity task; `activityContext().info.attempt`
 * says which one this is.
 */
import { Activities, Activity, activityContext, ApplicationFailure } from '@swf-flow/activity';

/** A payment the gateway accepted. */
export interface Receipt {
  paymentId: string;
  /** The attempt that succeeded (1 = the first). */
  attempt: number;
}

/** `ChargePayment` 1.0 on task list `retry`. */
@Activities({
  version: '1.0',
  taskList: 'retry',
  scheduleToStartTimeout: '1 minute',
  startToCloseTimeout: '30s',
  scheduleToCloseTimeout: '2 minutes',
  heartbeatTimeout: 'NONE',
})
export class FlakyGatewayActivities {
  /** Attempts seen per payment id, for the caller to inspect. */
  readonly attempts = new Map<string, number[]>();

  /**
   * Charges `amount` for `paymentId`; fails with a retryable `GatewayTimeout` on attempts
   * 1..`failures`, then succeeds.
   */
  @Activity({ name: 'ChargePayment' })
  async chargePayment(paymentId: string, amount: number, failures: number): Promise<Receipt> {
    const { attempt } = activityContext().info;
    this.attempts.set(paymentId, [...(this.attempts.get(paymentId) ?? []), attempt]);
    if (attempt <= failures)
      throw ApplicationFailure.retryable(`gateway timed out charging ${amount} (attempt ${attempt})`, 'GatewayTimeout');
    return { paymentId, attempt };
  }
}
