/**
 * The order example, end to end (`npm start`): starts the embedded local SWF service with its data
 * in `./.swf-flow` (or `$SWF_FLOW_DATA`), registers the domain and types, runs a decider and an
 * activity worker, starts an `OrderWorkflow` with a fresh workflow id, prints each history event
 * as it lands, then the result, and shuts everything down.
 *
 *     npx tsx examples/order/src/main.ts            # VerifyOrder -> ChargeCreditCard -> ShipOrder -> RecordOrderCompletion
 *     npx tsx examples/order/src/main.ts --cancel   # requests cancellation while the card is being charged
 */
import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@swf-flow/client';
import { WorkflowExecutionFailedError, type Duration, type Logger } from '@swf-flow/common';
import { Worker, type SwfClientLike } from '@swf-flow/worker';
import { quietLogger, runIfProgram, runLocal } from '@swf-flow/dev';
import { OrderActivities, type Order } from './activities.js';
import { orderWorkflow } from './workflows.js';

/** The domain the example works in. */
export const DOMAIN = 'orders';

/** Options of {@link createWorkers}. */
export interface OrderWorkerOptions {
  /** Where the workers log. @default quietLogger (warnings and errors only) */
  logger?: Logger;
  /** The activities to run (a test may pass a subclass). @default new OrderActivities() */
  activities?: OrderActivities;
  /** Least time between heartbeats sent to SWF; short, so that a cancellation reaches the charge quickly. @default '100ms' */
  heartbeatThrottle?: Duration;
}

/** One worker on task list `orders`: the `OrderWorkflow` decider and the four activities. */
export async function createWorkers(swf: SwfClientLike, options: OrderWorkerOptions = {}): Promise<Worker[]> {
  return [
    await Worker.create({
      swf,
      domain: DOMAIN,
      taskList: 'orders',
      workflows: [orderWorkflow],
      activities: [options.activities ?? new OrderActivities()],
      logger: options.logger ?? quietLogger,
      heartbeatThrottle: options.heartbeatThrottle ?? '100ms',
    }),
  ];
}

/** A sample order with a fresh id. */
export function sampleOrder(
  id: string = `order-${new Date().toISOString().replace(/[-:.TZ]/g, '')}-${randomUUID().slice(0, 8)}`,
): Order {
  return { id, card: '4111111111111111', total: 42.5, address: '1 Main St, Springfield' };
}

/** Options of {@link main}. */
export interface MainOptions {
  /** The local service's data directory, or `':memory:'`. @default $SWF_FLOW_DATA or ./.swf-flow */
  dataDir?: string;
  /** Request cancellation (`RequestCancelWorkflowExecution`) once ChargeCreditCard has started. @default false */
  cancel?: boolean;
  /** Where progress lines go. @default console.log */
  print?: (line: string) => void;
}

/** What {@link main} ends with. */
export type OrderOutcome =
  | { status: 'COMPLETED'; workflowId: string; chargeId: string }
  | { status: 'CANCELED' | 'FAILED' | 'TERMINATED' | 'TIMED_OUT'; workflowId: string; reason: string };

async function cancelWhenCharging(handle: WorkflowHandle<string>, print: (line: string) => void): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const history = await handle.history();
    const charge = history.find(
      (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'ChargeCreditCard',
    );
    if (charge && history.some((e) => e.activityTaskStartedEventAttributes?.scheduledEventId === charge.eventId)) {
      print('>>> requesting cancellation while the card is being charged');
      await handle.cancel();
      return;
    }
    if (history.some((e) => e.eventType?.startsWith('WorkflowExecution') && e.eventType !== 'WorkflowExecutionStarted'))
      return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Runs one order through the local service; resolves with how it ended. */
export async function main(options: MainOptions = {}): Promise<OrderOutcome> {
  // With --cancel the charge takes 600 ms, so that the cancellation arrives while it runs.
  const workers = (swf: SwfClientLike): Promise<Worker[]> =>
    createWorkers(swf, options.cancel ? { activities: new OrderActivities(200) } : {});
  return runLocal(
    { domain: DOMAIN, createWorkers: workers, dataDir: options.dataDir, print: options.print },
    async ({ client, print, follow }) => {
      const order = sampleOrder();
      const handle = await client.start(orderWorkflow, { workflowId: order.id, args: [order] });
      print(`started OrderWorkflow ${handle.workflowId} (run ${handle.runId ?? '?'})`);
      const following = follow(handle);
      if (options.cancel) await cancelWhenCharging(handle, print);
      let outcome: OrderOutcome;
      try {
        outcome = {
          status: 'COMPLETED',
          workflowId: order.id,
          chargeId: await handle.result({ maxPollInterval: '100ms' }),
        };
      } catch (err) {
        if (!(err instanceof WorkflowExecutionFailedError)) throw err;
        outcome = {
          status: err.status,
          workflowId: order.id,
          reason: err.cause instanceof Error ? err.cause.message : err.message,
        };
      }
      await following;
      print(
        outcome.status === 'COMPLETED'
          ? `result: order ${order.id} completed, charge ${outcome.chargeId}`
          : `result: order ${order.id} ${outcome.status}: ${outcome.reason}`,
      );
      return outcome;
    },
  );
}

runIfProgram(import.meta.url, () => main({ cancel: process.argv.includes('--cancel') }));
