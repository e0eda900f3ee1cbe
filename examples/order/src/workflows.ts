/**
 * The order workflow: VerifyOrder -> ChargeCreditCard -> ShipOrder -> RecordOrderCompletion.
 * A `cancel` signal or a cancel request (`aws swf request-cancel-workflow-execution`) cancels the
 * step that is running (the activity sees its `cancellationSignal` abort) and the execution closes
 * as canceled. A declined card fails the order at once; other charge failures are retried.
 */
import { CancellationScope, defineSignal, defineWorkflow, proxyActivities, setHandler } from '@swf-flow/workflow';
import { OrderActivities, type Order } from './activities.js';

const acts = proxyActivities(OrderActivities, { scheduleToCloseTimeout: '10 minutes' });
const charging = proxyActivities(OrderActivities, {
  scheduleToCloseTimeout: '10 minutes',
  retry: {
    initialInterval: '10s',
    backoffCoefficient: 2,
    maximumAttempts: 3,
    nonRetryableErrorTypes: ['CardDeclined'],
  },
});

/** Signal `cancel`: stop the order (no arguments). */
export const cancelSignal = defineSignal('cancel');

/** Workflow type `OrderWorkflow` 1.0 on task list `orders`; returns the charge id. */
export const orderWorkflow = defineWorkflow(
  async function orderWorkflow(order: Order): Promise<string> {
    const steps = new CancellationScope();
    setHandler(cancelSignal, () => steps.cancel());
    return await steps.run(async () => {
      await acts.verifyOrder(order);
      const charge = await charging.chargeCreditCard(order.card, order.total);
      const trackingNumber = await acts.shipOrder(order);
      await acts.recordOrderCompletion(order.id, charge.id, trackingNumber);
      return charge.id;
    });
  },
  {
    name: 'OrderWorkflow',
    version: '1.0',
    taskList: 'orders',
    executionStartToCloseTimeout: '1 day',
    taskStartToCloseTimeout: '1 minute',
  },
);
