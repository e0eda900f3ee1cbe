/** Deliberately changed order workflows, for the determinism tests. */
import { defineWorkflow, proxyActivities } from '@swf-flow/workflow';
import { OrderActivities, type Order } from '../src/activities.js';

const acts = proxyActivities(OrderActivities);

/** Charges before verifying. */
export const chargeFirstWorkflow = defineWorkflow(
  async function orderWorkflow(order: Order): Promise<string> {
    const charge = await acts.chargeCreditCard(order.card, order.total); // CHANGED: charge before verify
    await acts.verifyOrder(order);
    const trackingNumber = await acts.shipOrder(order);
    await acts.recordOrderCompletion(order.id, charge.id, trackingNumber);
    return charge.id;
  },
  { name: 'OrderWorkflow', version: '1.0' },
);
