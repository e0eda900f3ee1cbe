import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ActivityFailure, ApplicationFailure, NonDeterminismError } from '@swf-flow/common';
import { historyBuilder, replayHistories, replayHistory } from '@swf-flow/testing';
import { orderWorkflow } from '../src/workflows.js';
import { chargeFirstWorkflow } from './changed-workflows.js';

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const changedFile = fileURLToPath(new URL('./changed-workflows.ts', import.meta.url));
const lineOf = (marker: string): number =>
  readFileSync(changedFile, 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(marker)) + 1;

const ORDER = { id: 'order-1', card: '4111111111111111', total: 42.5, address: '1 Main St' };
const schedule = (name: string, attrs: Record<string, unknown> = {}) => ({
  decisionType: 'ScheduleActivityTask',
  scheduleActivityTaskDecisionAttributes: {
    activityType: { name, version: '1.0' },
    taskList: { name: 'orders' },
    ...attrs,
  },
});

describe('order replays', () => {
  it('replays every recorded history clean', async () => {
    const reports = await replayHistories(fileURLToPath(new URL('./fixtures', import.meta.url)), {
      OrderWorkflow: orderWorkflow,
    });
    expect(reports.length).toBeGreaterThanOrEqual(9);
  });

  it.each([
    ['completed.json', 'COMPLETED', []],
    ['completed-after-charge-retry.json', 'COMPLETED', []],
    ['canceled-by-request.json', 'CANCELED', []],
    ['failed-card-declined.json', 'FAILED', []],
    [
      'open-after-verify.json',
      'OPEN',
      [
        schedule('ChargeCreditCard', {
          input: '["4111111111111111",42.5]',
          heartbeatTimeout: '30',
          startToCloseTimeout: '300',
          scheduleToStartTimeout: '600',
          scheduleToCloseTimeout: '600',
        }),
      ],
    ],
    [
      'open-charge-failed.json',
      'OPEN',
      [{ decisionType: 'StartTimer', startTimerDecisionAttributes: { startToFireTimeout: '10' } }],
    ],
    [
      'open-cancel-requested.json',
      'OPEN',
      [
        {
          decisionType: 'RequestCancelActivityTask',
          requestCancelActivityTaskDecisionAttributes: { activityId: 'activity-2' },
        },
      ],
    ],
    [
      'open-cancel-signaled.json',
      'OPEN',
      [
        {
          decisionType: 'RequestCancelActivityTask',
          requestCancelActivityTaskDecisionAttributes: { activityId: 'activity-2' },
        },
      ],
    ],
    ['open-charge-canceled.json', 'CANCELED', [{ decisionType: 'CancelWorkflowExecution' }]],
  ])('%s -> %s with the expected decisions', async (file, status, decisions) => {
    const out = await replayHistory(fixture(file), orderWorkflow);
    expect(out.status).toBe(status);
    expect(out.decisions).toMatchObject(decisions);
    expect(out.decisions).toHaveLength(decisions.length);
  });

  it('returns the charge id', async () => {
    expect((await replayHistory(fixture('completed.json'), orderWorkflow)).result).toBe('ch_1');
    expect((await replayHistory(fixture('completed-after-charge-retry.json'), orderWorkflow)).result).toBe('ch_1');
  });

  it('a declined card is not retried: the failure carries the cause and attempt 1', async () => {
    const out = await replayHistory(fixture('failed-card-declined.json'), orderWorkflow);
    expect(out.failure).toBeInstanceOf(ActivityFailure);
    const failure = out.failure as ActivityFailure;
    expect(failure.attempt).toBe(1);
    expect(failure.cause).toBeInstanceOf(ApplicationFailure);
    expect((failure.cause as ApplicationFailure).type).toBe('CardDeclined');
  });

  it('the second charge attempt is scheduled after the backoff timer fires', async () => {
    const history = historyBuilder({ workflowType: 'OrderWorkflow' })
      .workflowStarted({ args: [ORDER], taskList: 'orders' })
      .decisionTask()
      .activityScheduled('VerifyOrder')
      .activityStarted()
      .activityCompleted()
      .decisionTask()
      .activityScheduled('ChargeCreditCard')
      .activityStarted()
      .activityFailed(ApplicationFailure.retryable('gateway timed out', 'GatewayTimeout'))
      .decisionTask()
      .timerStarted('t1', '10s')
      .wait('10s')
      .timerFired()
      .openDecisionTask()
      .build();
    const { decisions } = await replayHistory(history, orderWorkflow);
    expect(decisions).toMatchObject([schedule('ChargeCreditCard', { control: '{"attempt":2}', activityId: '2#2' })]);
  });

  it('after three failed charges the order fails with attempt 3', async () => {
    const b = historyBuilder({ workflowType: 'OrderWorkflow' })
      .workflowStarted({ args: [ORDER] })
      .decisionTask();
    b.activityScheduled('VerifyOrder').activityStarted().activityCompleted().decisionTask();
    for (let attempt = 1; attempt <= 3; attempt++) {
      b.activityScheduled('ChargeCreditCard')
        .activityStarted()
        .activityFailed(ApplicationFailure.retryable('gateway timed out', 'GatewayTimeout'));
      if (attempt < 3)
        b.decisionTask()
          .timerStarted(`t${attempt}`, attempt === 1 ? '10s' : '20s')
          .timerFired()
          .decisionTask();
    }
    const out = await replayHistory(b.openDecisionTask().build(), orderWorkflow);
    expect(out.status).toBe('FAILED');
    expect(out.decisions).toMatchObject([
      { decisionType: 'FailWorkflowExecution', failWorkflowExecutionDecisionAttributes: { reason: 'ActivityFailure' } },
    ]);
    expect((out.failure as ActivityFailure).attempt).toBe(3);
  });
});

describe('order, deliberately changed', () => {
  it('charging before verifying fails with NonDeterminismError at the changed line', async () => {
    const err = await replayHistory(fixture('completed.json'), chargeFirstWorkflow).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NonDeterminismError);
    const nd = err as NonDeterminismError;
    expect(nd.eventId).toBe(5);
    expect(nd.recorded).toMatch(/VerifyOrder/);
    expect(nd.attempted).toMatch(/ChargeCreditCard/);
    expect(nd.location).toMatch(new RegExp(`changed-workflows\\.ts:${lineOf('CHANGED: charge before verify')}:\\d+$`));
  });
});
