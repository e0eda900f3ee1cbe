import { afterEach, describe, expect, it } from 'vitest';
import { type TestEngine, decide, makeEngine, pollDecision, start } from './test-support.js';

let t: TestEngine;
afterEach(() => t.engine.close());

describe('retention', () => {
  it("purges closed runs after the domain's retention period, keeping open ones", async () => {
    t = makeEngine({ config: { retentionCheckIntervalMs: 3_600_000 } });
    t.registry.domains.set('d', { name: 'd', status: 'REGISTERED', retentionDays: 2 });
    const closed = await start(t, 'closed');
    const open = await start(t, 'open', { executionStartToCloseTimeout: '31536000' });
    await t.call('TerminateWorkflowExecution', { domain: 'd', workflowId: 'closed' });
    t.clock.advance(47 * 3_600_000);
    expect(await t.types('closed', closed)).toContain('WorkflowExecutionTerminated');
    t.clock.advance(1 * 3_600_000);
    await expect(t.types('closed', closed)).rejects.toMatchObject({ fault: 'UnknownResourceFault' });
    expect((await t.types('open', open))[0]).toBe('WorkflowExecutionStarted');
    expect(t.db.prepare('SELECT COUNT(*) AS n FROM events WHERE run_id = ?').get(closed)).toEqual({ n: 0 });
  });
});

describe('limits', () => {
  it('terminates a run whose history reaches the event limit (cause EVENT_LIMIT_EXCEEDED)', async () => {
    t = makeEngine({ config: { maxHistoryEvents: 10 } });
    const runId = await start(t);
    for (let i = 0; i < 10; i++) {
      try {
        await t.call('SignalWorkflowExecution', { domain: 'd', workflowId: 'wf1', signalName: `s${i}` });
      } catch {
        break;
      }
    }
    const events = await t.events('wf1', runId);
    expect(events.length).toBeLessThanOrEqual(10);
    expect(events.at(-1)).toMatchObject({
      eventType: 'WorkflowExecutionTerminated',
      workflowExecutionTerminatedEventAttributes: { childPolicy: 'TERMINATE', cause: 'EVENT_LIMIT_EXCEEDED' },
    });
  });

  it('StartTimer fails with OPEN_TIMERS_LIMIT_EXCEEDED past the open-timer limit', async () => {
    t = makeEngine({ config: { maxOpenPerExecution: 1 } });
    const runId = await start(t);
    const d = await pollDecision(t);
    await decide(t, d.taskToken, [
      { decisionType: 'StartTimer', startTimerDecisionAttributes: { timerId: 'a', startToFireTimeout: '9' } },
      { decisionType: 'StartTimer', startTimerDecisionAttributes: { timerId: 'b', startToFireTimeout: '9' } },
    ]);
    const e = (await t.events('wf1', runId)).find((x) => x.eventType === 'StartTimerFailed')!;
    expect(e.startTimerFailedEventAttributes.cause).toBe('OPEN_TIMERS_LIMIT_EXCEEDED');
  });
});
