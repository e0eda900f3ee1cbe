import { describe, expect, it } from 'vitest';
import {
  ActivityFailure,
  ApplicationFailure,
  NonDeterminismError,
  TimeoutFailure,
  ValidationError,
} from '@swf-flow/common';
import { WorkflowExecutor } from './executor.js';
import { scheduleActivity } from './runtime/activity-command.js';
import { sleep } from './runtime/timer-command.js';
import { HistoryBuilder } from './test-support/history-builder.js';
import { replay, summarize } from './test-support/run.js';

const act = (name: string, ...args: unknown[]): Promise<unknown> =>
  scheduleActivity({ activityType: { name, version: '1.0' }, args });

async function abSerial(input: string): Promise<unknown> {
  const a = await act('A', input);
  return act('B', a);
}

describe('WorkflowExecutor: activities in order', () => {
  it('first decision task schedules A with the decoded input', async () => {
    const h = new HistoryBuilder().start('abSerial', 'World').decisionTask();
    const r = await replay(h, abSerial);
    expect(r.status).toBe('OPEN');
    expect(r.decisions).toEqual([
      {
        decisionType: 'ScheduleActivityTask',
        scheduleActivityTaskDecisionAttributes: {
          activityType: { name: 'A', version: '1.0' },
          activityId: 'activity-1',
          input: '["World"]',
        },
      },
    ]);
  });

  it('with A completed, schedules B with the result; then completes', async () => {
    const h = new HistoryBuilder().start('abSerial', ['x']).decisionTask();
    const c = h.completed();
    const s = h.scheduled('A', 'activity-1', c);
    h.activityCompleted(s, 'Hello, World');
    h.decisionTask();
    const r = await replay(h, abSerial);
    expect(r.decisions[0]?.scheduleActivityTaskDecisionAttributes?.input).toBe('["Hello, World"]');
    expect(r.decisions[0]?.scheduleActivityTaskDecisionAttributes?.activityId).toBe('activity-2');
    const c2 = h.completed();
    const s2 = h.scheduled('B', 'activity-2', c2);
    h.activityCompleted(s2, '{"ok":true}');
    h.decisionTask();
    const done = await replay(h, abSerial);
    expect(done.status).toBe('COMPLETED');
    expect(done.result).toEqual({ ok: true });
    expect(summarize(done.decisions)).toEqual(['CompleteWorkflowExecution {"ok":true}']);
  });

  it('adopts ids recorded by another decider', async () => {
    const h = new HistoryBuilder().start('abSerial', ['x']).decisionTask();
    const s = h.scheduled('A', 'ServerAActivity-1492443961', h.completed());
    h.add('ActivityTaskStarted', { scheduledEventId: s });
    h.add('ActivityTaskFailed', { scheduledEventId: s, startedEventId: s + 1, reason: 'boom', details: 'it broke' });
    h.decisionTask();
    const r = await replay(h, abSerial);
    expect(r.status).toBe('FAILED');
    expect(r.failure).toBeInstanceOf(ActivityFailure);
    const failure = r.failure as ActivityFailure;
    expect(failure.activityId).toBe('ServerAActivity-1492443961');
    expect(failure.cause).toBeInstanceOf(ApplicationFailure);
    expect((failure.cause as ApplicationFailure).message).toBe('it broke');
    expect(r.decisions[0]?.decisionType).toBe('FailWorkflowExecution');
  });

  it('continues incrementally from lastEventId (the worker cache)', async () => {
    const h = new HistoryBuilder().start('abSerial', ['x']).decisionTask();
    const ex = new WorkflowExecutor({ workflows: abSerial });
    const first = await ex.processEvents(h.events);
    expect(summarize(first.decisions)).toEqual(['ScheduleActivityTask A']);
    expect(ex.lastEventId).toBe(3);
    expect(ex.lastStartedEventId).toBe(3);
    const s = h.scheduled('A', 'activity-1', h.completed());
    h.activityCompleted(s, '"a"');
    h.decisionTask();
    const second = await ex.processEvents(h.events.slice(3));
    expect(summarize(second.decisions)).toEqual(['ScheduleActivityTask B']);
    await expect(ex.processEvents(h.events.slice(3))).rejects.toThrow(/expected event 10 next, got 4/);
  });

  it('refuses every use once disposed (an evicted cached run), saying to create a new one', async () => {
    const h = new HistoryBuilder().start('abSerial', ['x']).decisionTask();
    const ex = new WorkflowExecutor({ workflows: abSerial });
    await ex.processEvents(h.events);
    ex.dispose();
    ex.dispose(); // twice is harmless
    const again = /this WorkflowExecutor was disposed: create a new one/;
    await expect(ex.processEvents(h.events.slice(3))).rejects.toThrow(again);
    await expect(ex.processPages(() => [h.events])).rejects.toThrow(again);
    await expect(ex.processEvents(h.events.slice(3))).rejects.toThrow(ValidationError);
  });

  it('ActivityTaskTimedOut rejects with a TimeoutFailure carrying heartbeat details', async () => {
    let seen: unknown;
    const wf = async function timeouts(): Promise<string> {
      try {
        await act('Slow');
      } catch (err) {
        seen = err;
      }
      return 'handled';
    };
    const h = new HistoryBuilder().start('timeouts').decisionTask();
    const s = h.scheduled('Slow', 'activity-1', h.completed());
    h.add('ActivityTaskTimedOut', {
      scheduledEventId: s,
      startedEventId: 0,
      timeoutType: 'HEARTBEAT',
      details: '{"progress":3}',
    });
    h.decisionTask();
    const r = await replay(h, wf);
    expect(r.result).toBe('handled');
    expect((seen as ActivityFailure).cause).toBeInstanceOf(TimeoutFailure);
    expect(((seen as ActivityFailure).cause as TimeoutFailure).timeoutType).toBe('HEARTBEAT');
    expect(((seen as ActivityFailure).cause as TimeoutFailure).lastHeartbeatDetails).toEqual({ progress: 3 });
  });
});

describe('WorkflowExecutor: non-determinism', () => {
  it('names the event, the recorded decision, the new command and the source line', async () => {
    let marker: Error | undefined;
    const changed = async function abSerial(): Promise<unknown> {
      marker = new Error(); // the line above the deliberately changed call
      return scheduleActivity({ activityType: { name: 'Z', version: '1.0' }, args: [] });
    };
    const h = new HistoryBuilder().start('abSerial', ['x']).decisionTask();
    h.scheduled('A', 'activity-1', h.completed());
    h.decisionTask();
    const err = await replay(h, changed).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NonDeterminismError);
    const nd = err as NonDeterminismError;
    expect(nd.eventId).toBe(5);
    expect(nd.recorded).toBe('ActivityTaskScheduled A 1.0 (activityId activity-1) (event 5)');
    expect(nd.attempted).toBe('ScheduleActivityTask Z 1.0 (activityId activity-1)');
    const markerLine = Number(/executor\.test\.ts:(\d+):\d+/.exec(marker?.stack ?? '')?.[1]);
    expect(markerLine).toBeGreaterThan(0);
    expect(nd.location).toMatch(new RegExp(`executor\\.test\\.ts:${markerLine + 1}:\\d+$`));
    expect(nd.message).toContain('at event 5');
  });

  it('fails when the history recorded a command the code no longer issues', async () => {
    const h = new HistoryBuilder().start('abSerial', ['x']).decisionTask();
    h.scheduled('A', 'activity-1', h.completed());
    h.decisionTask();
    const err = await replay(h, async function abSerial() {
      return 'nothing';
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NonDeterminismError);
    expect((err as NonDeterminismError).attempted).toBe('CompleteWorkflowExecution');
  });

  it('reports the command of another kind the code issued instead, with its location', async () => {
    const h = new HistoryBuilder().start('abSerial', ['x']).decisionTask();
    h.scheduled('A', 'activity-1', h.completed());
    h.decisionTask();
    const err = await replay(h, async function abSerial() {
      await sleep('1m');
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NonDeterminismError);
    expect((err as NonDeterminismError).attempted).toBe('StartTimer (timerId timer-1, 60s)');
    expect((err as NonDeterminismError).location).toMatch(/executor\.test\.ts:\d+:\d+$/);
  });

  it('says "nothing" when the code issued nothing at all where the history recorded a decision', async () => {
    const h = new HistoryBuilder().start('abSerial', ['x']).decisionTask();
    h.scheduled('A', 'activity-1', h.completed());
    h.decisionTask();
    const err = await replay(h, async function abSerial() {
      await new Promise(() => undefined);
    }).catch((e: unknown) => e);
    expect((err as NonDeterminismError).attempted).toBe('nothing (no matching command)');
    expect((err as NonDeterminismError).message).toBe(
      'Workflow code does not match its history at event 5: the history recorded ActivityTaskScheduled A 1.0 (activityId activity-1) (event 5), ' +
        'but the code now did nothing (no matching command). If the workflow was changed on purpose, guard the change with patched(id) or register a new workflow version.',
    );
  });

  it('fails when the code issues more than the decision task recorded', async () => {
    const h = new HistoryBuilder().start('abSerial', ['x']).decisionTask();
    h.completed();
    h.decisionTask();
    const err = await replay(h, abSerial).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NonDeterminismError);
    expect((err as NonDeterminismError).eventId).toBe(4);
    expect((err as NonDeterminismError).attempted).toBe('ScheduleActivityTask A 1.0 (activityId activity-1)');
  });

  it('the executor is unusable after a NonDeterminismError', async () => {
    const h = new HistoryBuilder().start('abSerial', ['x']).decisionTask();
    h.completed();
    h.decisionTask();
    const ex = new WorkflowExecutor({ workflows: abSerial });
    await expect(ex.processEvents(h.events)).rejects.toBeInstanceOf(NonDeterminismError);
    await expect(ex.processEvents([])).rejects.toBeInstanceOf(NonDeterminismError);
  });
});

describe('timers', () => {
  it('sleep starts a timer and resumes when it fires', async () => {
    async function nap(): Promise<string> {
      await sleep('90s');
      return 'rested';
    }
    const h = new HistoryBuilder().start('nap').decisionTask();
    expect((await replay(h, nap)).decisions).toEqual([
      { decisionType: 'StartTimer', startTimerDecisionAttributes: { timerId: 'timer-1', startToFireTimeout: '90' } },
    ]);
    const t = h.timerStarted('timer-1', h.completed(), '90');
    h.timerFired('timer-1', t);
    h.decisionTask();
    expect((await replay(h, nap)).result).toBe('rested');
  });

  it('a sleep longer than SWF can time rejects where it is called, and starts no timer', async () => {
    async function hibernate(): Promise<string> {
      try {
        await sleep('200w'); // 120,960,000 s: 9 digits, SWF takes 8
        return 'woke';
      } catch (err) {
        return (err as Error).message;
      }
    }
    const out = await replay(new HistoryBuilder().start('hibernate').decisionTask(), hibernate);
    expect(out.result).toBe(
      'sleep is 120960000 seconds; SWF accepts at most 99999999 seconds (8 digits, about 3.17 years)',
    );
    expect(out.decisions.map((d) => d.decisionType)).toEqual(['CompleteWorkflowExecution']);
  });
});
