/**
 * The activities of the order example: verify the order, charge the card (heartbeating, and
 * stopping when the workflow cancels it), ship, and record the completion.
 */
import { Activities, Activity, activityContext, ApplicationFailure } from '@swf-flow/activity';

/** An order as the workflow receives it. */
export interface Order {
  id: string;
  /** The card number to charge. */
  card: string;
  /** The amount to charge. */
  total: number;
  /** Where to ship. */
  address: string;
}

/** A successful charge. */
export interface Charge {
  id: string;
  amount: number;
}

/** The order's four steps, on task list `orders`. */
@Activities({
  version: '1.0',
  taskList: 'orders',
  startToCloseTimeout: '5 minutes',
  scheduleToStartTimeout: '10 minutes',
  scheduleToCloseTimeout: '15 minutes',
  heartbeatTimeout: 'NONE',
})
export class OrderActivities {
  /**
   * @param chargeStepMs how long each of the charge's three steps takes. `npm start --cancel`
   *   uses 200 ms so that the cancellation arrives while the card is being charged; a plain run
   *   does not wait.
   */
  constructor(private readonly chargeStepMs = 0) {}

  /** Checks the order; a malformed order fails for good (no retry helps). */
  @Activity({ name: 'VerifyOrder' })
  async verifyOrder(order: Order): Promise<void> {
    if (!order.id || !(order.total > 0) || !order.address) {
      throw ApplicationFailure.nonRetryable(`order ${order.id || '(no id)'} is incomplete`, 'InvalidOrder');
    }
  }

  /**
   * Charges the card in a few steps, heartbeating after each, and stops when the workflow cancels
   * the activity. A card starting with `0000` is declined (not retryable).
   */
  @Activity({ name: 'ChargeCreditCard', heartbeatTimeout: '30s' })
  async chargeCreditCard(card: string, amount: number): Promise<Charge> {
    const { info, heartbeat, cancellationSignal } = activityContext();
    if (card.startsWith('0000'))
      throw ApplicationFailure.nonRetryable(`card ending ${card.slice(-4)} was declined`, 'CardDeclined');
    for (let step = 1; step <= 3; step++) {
      cancellationSignal.throwIfAborted();
      if (this.chargeStepMs > 0) await new Promise((resolve) => setTimeout(resolve, this.chargeStepMs));
      heartbeat({ step });
    }
    return { id: `ch_${info.workflowExecution.workflowId}_${info.activityId}`, amount };
  }

  /** Ships the order; returns the tracking number. */
  @Activity({ name: 'ShipOrder' })
  async shipOrder(order: Order): Promise<string> {
    return `1Z${order.id.replace(/[^A-Za-z0-9]/g, '').toUpperCase()}`;
  }

  /** Records that the order is done. */
  @Activity({ name: 'RecordOrderCompletion' })
  async recordOrderCompletion(orderId: string, chargeId: string, trackingNumber: string): Promise<void> {
    activityContext().heartbeat({ orderId, chargeId, trackingNumber });
  }
}
