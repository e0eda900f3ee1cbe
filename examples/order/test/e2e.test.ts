/**
 * order end to end: a real decider and activity worker poll the real local service over HTTP.
 * The happy path runs the four steps in order; cancelling while the card is charged cancels the
 * running activity (it sees its AbortSignal) and closes the execution as canceled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityContext } from '@swf-flow/activity';
import { WorkflowClient, type WorkflowHandle } from '@swf-flow/client';
import { CancelledFailure, silentLogger, WorkflowExecutionFailedError, type HistoryEvent } from '@swf-flow/common';
import { type LocalService, type RunningWorkers, runWorkers, startLocalService, waitFor } from '@swf-flow/dev';
import { OrderActivities, type Charge } from '../src/activities.js';
import { createWorkers, DOMAIN, sampleOrder } from '../src/main.js';
import { cancelSignal, orderWorkflow } from '../src/workflows.js';

/**
 * The example's activities, except that charging a card marked `hold` heartbeats until the
 * workflow cancels it (bounded), so the cancel path does not race the charge's own steps.
 */
class HoldingOrderActivities extends OrderActivities {
  /** Card -> whether its charge saw the AbortSignal abort. */
  readonly sawAbort = new Map<string, boolean>();

  override async chargeCreditCard(card: string, amount: number): Promise<Charge> {
    if (!card.startsWith('hold')) return super.chargeCreditCard(card, amount);
    const { heartbeat, cancellationSignal } = activityContext();
    const deadline = Date.now() + 15_000;
    while (!cancellationSignal.aborted && Date.now() < deadline) {
      heartbeat({ waiting: true });
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    this.sawAbort.set(card, cancellationSignal.aborted);
    cancellationSignal.throwIfAborted();
    throw new Error('the charge was never cancelled');
  }
}

const types = (history: HistoryEvent[]): string[] => history.map((e) => e.eventType ?? '?');
const activityNames = (history: HistoryEvent[]): string[] =>
  history.flatMap((e) =>
    e.eventType === 'ActivityTaskScheduled' ? [e.activityTaskScheduledEventAttributes?.activityType?.name ?? '?'] : [],
  );

async function chargeStarted(handle: WorkflowHandle<string>): Promise<void> {
  await waitFor(
    async () => {
      const history = await handle.history();
      const charge = history.find(
        (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'ChargeCreditCard',
      );
      return (
        charge !== undefined &&
        history.some((e) => e.activityTaskStartedEventAttributes?.scheduledEventId === charge.eventId)
      );
    },
    { what: 'ChargeCreditCard to start', timeoutMs: 15_000 },
  );
}

describe('order over HTTP', () => {
  let local: LocalService;
  let workers: RunningWorkers;
  let client: WorkflowClient;
  const activities = new HoldingOrderActivities();

  beforeAll(async () => {
    local = await startLocalService({ dataDir: ':memory:', pollTimeoutMs: 2000 });
    workers = runWorkers(
      await createWorkers(local.swf, { logger: silentLogger, activities, heartbeatThrottle: '20ms' }),
    );
    client = new WorkflowClient({ swf: local.swf, domain: DOMAIN });
  });

  afterAll(async () => {
    await workers?.stop();
    await local?.server.close();
  });

  it('runs VerifyOrder -> ChargeCreditCard -> ShipOrder -> RecordOrderCompletion and returns the charge id', async () => {
    const order = sampleOrder('order-e2e-ok');
    const handle = await client.start(orderWorkflow, { workflowId: order.id, args: [order] });
    expect(await handle.result({ timeout: '20s' })).toBe('ch_order-e2e-ok_activity-2');
    const history = await handle.history();
    expect(activityNames(history)).toEqual(['VerifyOrder', 'ChargeCreditCard', 'ShipOrder', 'RecordOrderCompletion']);
    expect(types(history).filter((t) => t === 'ActivityTaskCompleted')).toHaveLength(4);
    expect(history.at(-1)?.eventType).toBe('WorkflowExecutionCompleted');
  });

  it('a declined card fails the order without retrying the charge', async () => {
    const order = { ...sampleOrder('order-e2e-declined'), card: '0000111122223333' };
    const handle = await client.start(orderWorkflow, { workflowId: order.id, args: [order] });
    const err = await handle.result({ timeout: '20s' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowExecutionFailedError);
    expect((err as WorkflowExecutionFailedError).status).toBe('FAILED');
    expect((err as Error).message).toMatch(/declined/);
    expect(activityNames(await handle.history())).toEqual(['VerifyOrder', 'ChargeCreditCard']);
  });

  it('a cancel request while charging cancels the running activity and closes the execution as canceled', async () => {
    const order = { ...sampleOrder('order-e2e-cancel-request'), card: 'hold-4111' };
    const handle = await client.start(orderWorkflow, { workflowId: order.id, args: [order] });
    await chargeStarted(handle);
    await handle.cancel();

    const err = await handle.result({ timeout: '20s' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowExecutionFailedError);
    expect((err as WorkflowExecutionFailedError).status).toBe('CANCELED');
    expect((err as Error).cause).toBeInstanceOf(CancelledFailure);
    expect(activities.sawAbort.get(order.card)).toBe(true);
    const history = await handle.history();
    expect(types(history)).toEqual(
      expect.arrayContaining([
        'WorkflowExecutionCancelRequested',
        'ActivityTaskCancelRequested',
        'ActivityTaskCanceled',
      ]),
    );
    expect(activityNames(history)).toEqual(['VerifyOrder', 'ChargeCreditCard']);
    expect(history.at(-1)?.eventType).toBe('WorkflowExecutionCanceled');
  });

  it('the `cancel` signal while charging cancels the running activity and closes the execution as canceled', async () => {
    const order = { ...sampleOrder('order-e2e-cancel-signal'), card: 'hold-5500' };
    const handle = await client.start(orderWorkflow, { workflowId: order.id, args: [order] });
    await chargeStarted(handle);
    await handle.signal(cancelSignal);

    const err = await handle.result({ timeout: '20s' }).catch((e: unknown) => e);
    expect(activities.sawAbort.get(order.card)).toBe(true);
    const history = await handle.history();
    expect(types(history)).toEqual(
      expect.arrayContaining(['WorkflowExecutionSignaled', 'ActivityTaskCancelRequested', 'ActivityTaskCanceled']),
    );
    expect(activityNames(history)).toEqual(['VerifyOrder', 'ChargeCreditCard']);
    // No cancel request here: the workflow's own cancellation still closes the run as canceled.
    expect(types(history)).not.toContain('WorkflowExecutionCancelRequested');
    expect(history.at(-1)?.eventType).toBe('WorkflowExecutionCanceled');
    expect((err as WorkflowExecutionFailedError).status).toBe('CANCELED');
  });
});
