import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.js';
import { type TestEngine, decide, makeEngine, pollActivity, pollDecision, scheduleA, start } from './test-support.js';

let t: TestEngine;
afterEach(() => t.engine.close());

async function withActivity(attrs: Record<string, unknown>): Promise<{ runId: string }> {
  const runId = await start(t);
  const d = await pollDecision(t);
  await decide(t, d.taskToken, [scheduleA('a1', attrs)]);
  return { runId };
}

function last(events: Array<Record<string, any>>, type: string): Record<string, any> {
  const e = [...events].reverse().find((x) => x.eventType === type);
  if (!e) throw new Error(`no ${type}`);
  return e;
}

describe('activity timeouts', () => {
  it('SCHEDULE_TO_START: no worker picked it up', async () => {
    t = makeEngine();
    const { runId } = await withActivity({ scheduleToStartTimeout: '5' });
    t.clock.advance(4_999);
    expect(await t.types('wf1', runId)).not.toContain('ActivityTaskTimedOut');
    t.clock.advance(1);
    const events = await t.events('wf1', runId);
    expect(events.slice(-2).map((e) => e.eventType)).toEqual(['ActivityTaskTimedOut', 'DecisionTaskScheduled']);
    expect(last(events, 'ActivityTaskTimedOut').activityTaskTimedOutEventAttributes).toEqual({
      timeoutType: 'SCHEDULE_TO_START',
      scheduledEventId: 5,
      startedEventId: 0,
    });
    expect(await t.call<any>('CountPendingActivityTasks', { domain: 'd', taskList: { name: 'act' } })).toEqual({
      count: 0,
      truncated: false,
    });
  });

  it('START_TO_CLOSE: the worker took too long; its later answer is stale', async () => {
    t = makeEngine();
    const { runId } = await withActivity({ startToCloseTimeout: '20' });
    const a = await pollActivity(t);
    t.clock.advance(20_000);
    const events = await t.events('wf1', runId);
    expect(last(events, 'ActivityTaskTimedOut').activityTaskTimedOutEventAttributes).toEqual({
      timeoutType: 'START_TO_CLOSE',
      scheduledEventId: 5,
      startedEventId: 6,
    });
    expect(events.at(-1)!.eventType).toBe('DecisionTaskScheduled');
    await expect(t.call('RespondActivityTaskCompleted', { taskToken: a.taskToken })).rejects.toMatchObject({
      fault: 'UnknownResourceFault',
    });
  });

  it('SCHEDULE_TO_CLOSE counts from scheduling, across the start', async () => {
    t = makeEngine();
    const { runId } = await withActivity({ scheduleToCloseTimeout: '30', startToCloseTimeout: '60' });
    t.clock.advance(10_000);
    await pollActivity(t);
    t.clock.advance(20_000);
    const e = last(await t.events('wf1', runId), 'ActivityTaskTimedOut');
    expect(e.activityTaskTimedOutEventAttributes).toMatchObject({
      timeoutType: 'SCHEDULE_TO_CLOSE',
      startedEventId: 6,
    });
  });

  it('HEARTBEAT: each heartbeat re-arms it; the timed-out event carries the last details', async () => {
    t = makeEngine();
    const { runId } = await withActivity({ heartbeatTimeout: '10' });
    const a = await pollActivity(t);
    t.clock.advance(8_000);
    expect(await t.call('RecordActivityTaskHeartbeat', { taskToken: a.taskToken, details: '50%' })).toEqual({
      cancelRequested: false,
    });
    t.clock.advance(8_000);
    expect(await t.types('wf1', runId)).not.toContain('ActivityTaskTimedOut');
    t.clock.advance(2_000);
    const e = last(await t.events('wf1', runId), 'ActivityTaskTimedOut');
    expect(e.activityTaskTimedOutEventAttributes).toEqual({
      timeoutType: 'HEARTBEAT',
      scheduledEventId: 5,
      startedEventId: 6,
      details: '50%',
    });
    await expect(t.call('RecordActivityTaskHeartbeat', { taskToken: a.taskToken })).rejects.toMatchObject({
      fault: 'UnknownResourceFault',
    });
  });

  it("'NONE' means no timeout", async () => {
    t = makeEngine();
    const { runId } = await withActivity({
      scheduleToStartTimeout: 'NONE',
      scheduleToCloseTimeout: 'NONE',
      startToCloseTimeout: 'NONE',
    });
    t.clock.advance(3_000_000);
    expect(await t.types('wf1', runId)).not.toContain('ActivityTaskTimedOut');
    expect(await t.call<any>('CountPendingActivityTasks', { domain: 'd', taskList: { name: 'act' } })).toMatchObject({
      count: 1,
    });
  });
});

describe('decision and workflow timeouts', () => {
  it('decision START_TO_CLOSE: DecisionTaskTimedOut then a new DecisionTaskScheduled; the old token is stale', async () => {
    t = makeEngine();
    const runId = await start(t);
    const d = await pollDecision(t);
    t.clock.advance(10_000);
    const events = await t.events('wf1', runId);
    expect(events.map((e) => e.eventType)).toEqual([
      'WorkflowExecutionStarted',
      'DecisionTaskScheduled',
      'DecisionTaskStarted',
      'DecisionTaskTimedOut',
      'DecisionTaskScheduled',
    ]);
    expect(events[3]!.decisionTaskTimedOutEventAttributes).toEqual({
      timeoutType: 'START_TO_CLOSE',
      scheduledEventId: 2,
      startedEventId: 3,
    });
    await expect(decide(t, d.taskToken, [])).rejects.toMatchObject({ fault: 'UnknownResourceFault' });
    const d2 = await pollDecision(t);
    expect(d2.startedEventId).toBe(6);
  });

  it('workflow START_TO_CLOSE: WorkflowExecutionTimedOut with the child policy; the run closes TIMED_OUT', async () => {
    t = makeEngine();
    const runId = await start(t, 'wf1', { executionStartToCloseTimeout: '100' });
    t.clock.advance(100_000);
    const events = await t.events('wf1', runId);
    expect(events.at(-1)).toMatchObject({
      eventType: 'WorkflowExecutionTimedOut',
      workflowExecutionTimedOutEventAttributes: { timeoutType: 'START_TO_CLOSE', childPolicy: 'TERMINATE' },
    });
    const desc = await t.call<any>('DescribeWorkflowExecution', {
      domain: 'd',
      execution: { workflowId: 'wf1', runId },
    });
    expect(desc.executionInfo).toMatchObject({ executionStatus: 'CLOSED', closeStatus: 'TIMED_OUT' });
    expect(desc.executionInfo.closeTimestamp).toBe(t.clock.now() / 1000);
  });

  it('decision taskListScheduleToStartTimeout: SCHEDULE_TO_START when no decider picks it up', async () => {
    t = makeEngine();
    const runId = await start(t);
    const d = await pollDecision(t);
    await decide(
      t,
      d.taskToken,
      [{ decisionType: 'StartTimer', startTimerDecisionAttributes: { timerId: 't', startToFireTimeout: '1' } }],
      {
        taskListScheduleToStartTimeout: '5',
      },
    );
    t.clock.advance(1_000);
    const fired = await t.events('wf1', runId);
    expect(fired.at(-1)!.decisionTaskScheduledEventAttributes).toEqual({
      taskList: { name: 'wf' },
      startToCloseTimeout: '10',
      scheduleToStartTimeout: '5',
    });
    t.clock.advance(5_000);
    const events = await t.events('wf1', runId);
    expect(events.slice(-2).map((e) => e.eventType)).toEqual(['DecisionTaskTimedOut', 'DecisionTaskScheduled']);
    expect(events.at(-2)!.decisionTaskTimedOutEventAttributes).toEqual({
      timeoutType: 'SCHEDULE_TO_START',
      scheduledEventId: 7,
      startedEventId: 0,
    });
  });
});

describe('timers', () => {
  it('TimerStarted, TimerFired (then a decision task), TimerCanceled', async () => {
    t = makeEngine();
    const runId = await start(t);
    const d = await pollDecision(t);
    await decide(t, d.taskToken, [
      {
        decisionType: 'StartTimer',
        startTimerDecisionAttributes: { timerId: 'long', startToFireTimeout: '120', control: 'c' },
      },
      { decisionType: 'StartTimer', startTimerDecisionAttributes: { timerId: 'short', startToFireTimeout: '2' } },
    ]);
    t.clock.advance(2_000);
    const d2 = await pollDecision(t);
    await decide(t, d2.taskToken, [
      { decisionType: 'CancelTimer', cancelTimerDecisionAttributes: { timerId: 'long' } },
    ]);
    t.clock.advance(200_000);
    const events = await t.events('wf1', runId);
    expect(events.map((e) => e.eventType)).toEqual([
      'WorkflowExecutionStarted',
      'DecisionTaskScheduled',
      'DecisionTaskStarted',
      'DecisionTaskCompleted',
      'TimerStarted',
      'TimerStarted',
      'TimerFired',
      'DecisionTaskScheduled',
      'DecisionTaskStarted',
      'DecisionTaskCompleted',
      'TimerCanceled',
    ]);
    expect(events[4]!.timerStartedEventAttributes).toEqual({
      timerId: 'long',
      control: 'c',
      startToFireTimeout: '120',
      decisionTaskCompletedEventId: 4,
    });
    expect(events[6]!.timerFiredEventAttributes).toEqual({ timerId: 'short', startedEventId: 6 });
    expect(events[10]!.timerCanceledEventAttributes).toEqual({
      timerId: 'long',
      startedEventId: 5,
      decisionTaskCompletedEventId: 10,
    });
  });
});

describe('restart', () => {
  it('a restarted engine on the same data directory fires deadlines at their original times', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'swf-engine-'));
    try {
      const clock = new ManualClock();
      t = makeEngine({ dataDir: dir, clock });
      const runId = await start(t);
      const d = await pollDecision(t);
      await decide(t, d.taskToken, [
        { decisionType: 'StartTimer', startTimerDecisionAttributes: { timerId: 't1', startToFireTimeout: '60' } },
      ]);
      const startedAt = clock.now();
      t.engine.close();
      t.db.close();

      clock.advance(30_000);
      const clock2 = new ManualClock(clock.now());
      t = makeEngine({ dataDir: dir, clock: clock2 });
      clock2.advance(29_999);
      expect(await t.types('wf1', runId)).not.toContain('TimerFired');
      clock2.advance(1);
      const events = await t.events('wf1', runId);
      expect(events.at(-2)).toMatchObject({ eventType: 'TimerFired', eventTimestamp: (startedAt + 60_000) / 1000 });
      const d2 = await pollDecision(t);
      expect(d2.previousStartedEventId).toBe(3);
      t.engine.close();
      t.db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a clock moved past several deadlines at once', () => {
  it('records each timeout at its own time, as SWF does, not at the time the clock was moved to', async () => {
    t = makeEngine();
    const t0 = t.clock.now();
    const runId = await start(t);
    const d = await pollDecision(t);
    await decide(t, d.taskToken, [
      scheduleA('a1', { scheduleToStartTimeout: '5' }),
      { decisionType: 'StartTimer', startTimerDecisionAttributes: { timerId: 't1', startToFireTimeout: '20' } },
    ]);
    t.clock.advance(60_000);
    const events = await t.events('wf1', runId);
    expect(events.slice(4).map((e) => [e.eventType, e.eventTimestamp])).toEqual([
      ['ActivityTaskScheduled', t0 / 1000],
      ['TimerStarted', t0 / 1000],
      ['ActivityTaskTimedOut', (t0 + 5_000) / 1000],
      ['DecisionTaskScheduled', (t0 + 5_000) / 1000],
      ['TimerFired', (t0 + 20_000) / 1000],
    ]);
    expect(t.clock.now()).toBe(t0 + 60_000);
  });
});
