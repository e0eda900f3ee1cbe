/**
 * The decision window end to end: a real decider and activity worker poll the real local service
 * over HTTP; a barrier holds the decider's answer so that the `cancel` signal, a cancel request or
 * a signal that cancels the retry timer is recorded while the decider provably holds the task
 * (between its DecisionTaskStarted and DecisionTaskCompleted). The unchanged workflow must go on
 * (no NonDeterminismError on its own history), with the worker cache and without it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityContext, ApplicationFailure } from '@swf-flow/activity';
import { WorkflowClient, type WorkflowHandle } from '@swf-flow/client';
import { silentLogger, WorkflowExecutionFailedError, type Decision, type HistoryEvent } from '@swf-flow/common';
import { replayHistory } from '@swf-flow/testing';
import { Worker } from '@swf-flow/worker';
import { runWorkers, startLocalService, type LocalService } from '@swf-flow/dev';
import { OrderActivities, type Charge } from '../src/activities.js';
import { DOMAIN, sampleOrder } from '../src/main.js';
import { cancelSignal, orderWorkflow } from '../src/workflows.js';
import { holdDecision } from './decision-barrier.js';

/** Charging a `hold` card waits (bounded) for the workflow to cancel it; a `flaky` card fails once, retryably. */
class WindowActivities extends OrderActivities {
  override async chargeCreditCard(card: string, amount: number): Promise<Charge> {
    const { heartbeat, cancellationSignal, info } = activityContext();
    if (card.startsWith('flaky') && info.attempt === 1)
      throw ApplicationFailure.retryable('gateway timed out', 'GatewayTimeout');
    if (!card.startsWith('hold')) return super.chargeCreditCard(card, amount);
    const deadline = Date.now() + 15_000;
    while (!cancellationSignal.aborted && Date.now() < deadline) {
      heartbeat({ waiting: true });
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    cancellationSignal.throwIfAborted();
    throw new Error('the charge was never cancelled');
  }
}

const schedules =
  (name: string) =>
  (ds: Decision[]): boolean =>
    ds.some((d) => d.scheduleActivityTaskDecisionAttributes?.activityType?.name === name);
const startsTimer = (ds: Decision[]): boolean => ds.some((d) => d.decisionType === 'StartTimer');

/** The DecisionTaskStarted and DecisionTaskCompleted ids of the task whose decisions include `decisionEventType`. */
function taskOf(history: HistoryEvent[], decisionEventType: string): { started: number; completed: number } {
  const decided = history.find(
    (e) =>
      e.eventType === decisionEventType &&
      (e.activityTaskScheduledEventAttributes?.activityType?.name ?? 'ChargeCreditCard') === 'ChargeCreditCard',
  );
  const completedId = (decided as Record<string, any> | undefined)?.[
    `${decisionEventType.charAt(0).toLowerCase()}${decisionEventType.slice(1)}EventAttributes`
  ]?.decisionTaskCompletedEventId as number;
  const completed = history.find((e) => e.eventId === completedId);
  return { started: completed?.decisionTaskCompletedEventAttributes?.startedEventId ?? -1, completed: completedId };
}

interface WindowCase {
  name: string;
  card: string;
  /** Which held answer to create the window in. */
  when: (ds: Decision[]) => boolean;
  /** The decision event recorded for the held answer. */
  decisionEvent: string;
  send(handle: WorkflowHandle<string>): Promise<void>;
  windowEvent: string;
  /** Events that show how the run was cancelled. */
  then: string[];
}

const CASES: WindowCase[] = [
  {
    name: 'the cancel signal, while the decider schedules ChargeCreditCard',
    card: 'hold-1',
    when: schedules('ChargeCreditCard'),
    decisionEvent: 'ActivityTaskScheduled',
    send: (h) => h.signal(cancelSignal),
    windowEvent: 'WorkflowExecutionSignaled',
    then: ['ActivityTaskCancelRequested', 'ActivityTaskCanceled'],
  },
  {
    name: 'a cancel request (RequestCancelWorkflowExecution), while the decider schedules ChargeCreditCard',
    card: 'hold-2',
    when: schedules('ChargeCreditCard'),
    decisionEvent: 'ActivityTaskScheduled',
    send: (h) => h.cancel(),
    windowEvent: 'WorkflowExecutionCancelRequested',
    then: ['ActivityTaskCancelRequested', 'ActivityTaskCanceled'],
  },
  {
    name: 'the cancel signal, while the decider starts the retry timer it cancels',
    card: 'flaky-3',
    when: startsTimer,
    decisionEvent: 'TimerStarted',
    send: (h) => h.signal(cancelSignal),
    windowEvent: 'WorkflowExecutionSignaled',
    then: ['TimerCanceled'],
  },
];

describe('order: events recorded while the decider holds the task (over HTTP)', () => {
  let local: LocalService;

  beforeAll(async () => {
    local = await startLocalService({ dataDir: ':memory:', pollTimeoutMs: 2000 });
  });

  afterAll(async () => {
    await local?.server.close();
  });

  const table = CASES.flatMap((c) => [100, 0].map((cacheSize) => ({ ...c, cacheSize })));

  it.each(table)('$name (workflow cache $cacheSize): the run goes on and closes canceled', async (c) => {
    // Built by the worker from the configuration: its HTTP handler ends the open polls at shutdown
    // at once (a ready-made SWFClient's would be waited out, up to the service's poll time).
    const worker = await Worker.create({
      swf: local.swf,
      domain: DOMAIN,
      taskList: 'orders',
      workflows: [orderWorkflow],
      activities: [new WindowActivities()],
      logger: silentLogger,
      heartbeatThrottle: '20ms',
      workflowCacheSize: c.cacheSize,
    });
    const swf = worker.options.swf;
    const barrier = holdDecision(swf, c.when);
    const running = runWorkers([worker]);
    try {
      const client = new WorkflowClient({ swf: local.swf, domain: DOMAIN });
      const order = { ...sampleOrder(`order-window-${c.card}-${c.cacheSize}`), card: c.card };
      const handle = await client.start(orderWorkflow, { workflowId: order.id, args: [order] });
      await barrier.held; // the decider holds the task: its answer is not sent yet
      await c.send(handle); // recorded now, inside that task's window
      barrier.release();

      const err = await handle.result({ timeout: '20s' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(WorkflowExecutionFailedError);
      expect((err as WorkflowExecutionFailedError).status).toBe('CANCELED');
      const history = await handle.history();
      const task = taskOf(history, c.decisionEvent);
      const sent = history.find((e) => e.eventType === c.windowEvent);
      expect(sent?.eventId).toBeGreaterThan(task.started);
      expect(sent?.eventId).toBeLessThan(task.completed);
      const types = history.map((e) => e.eventType);
      for (const t of c.then) expect(types).toContain(t);
      expect(types.at(-1)).toBe('WorkflowExecutionCanceled');
      expect(worker.stats().decisionTasks).toMatchObject({ nondeterministic: 0, failed: 0 });
      // and the history the run produced replays clean
      expect((await replayHistory({ events: history }, orderWorkflow)).status).toBe('CANCELED');
    } finally {
      barrier.release();
      await running.stop();
      swf.destroy();
    }
  });
});
