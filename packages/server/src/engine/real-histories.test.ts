/**
 * The engine replays the scenarios of the real Amazon SWF histories in test/fixtures/swf-real and
 * must record the same events: same order, same attribute members, same event-id links.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { type TestEngine, decide, makeEngine, pollActivity, pollDecision, scheduleA, start } from './test-support.js';

type Event = Record<string, any>;
let t: TestEngine;
afterEach(() => t.engine.close());

const LINKS = [
  'scheduledEventId',
  'startedEventId',
  'decisionTaskCompletedEventId',
  'initiatedEventId',
  'parentInitiatedEventId',
  'externalInitiatedEventId',
];

function real(name: string): Event[] {
  const url = new URL(`../../../../test/fixtures/swf-real/${name}.json`, import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { events: Event[] }).events;
}

/** A recorded SWF response other than a history (test/fixtures/swf-real-responses). */
function realResponse(name: string): Event {
  return JSON.parse(
    readFileSync(new URL(`../../../../test/fixtures/swf-real-responses/${name}.json`, import.meta.url), 'utf8'),
  ) as Event;
}

function attrsOf(e: Event): Record<string, unknown> {
  const key = Object.keys(e).find((k) => k.endsWith('EventAttributes'))!;
  return e[key] as Record<string, unknown>;
}

/** Event type, attribute members and id links of each event (2017 recordings lack scheduleToStartTimeout). */
function shape(events: Event[], dropScheduleToStart: boolean): unknown[] {
  return events.map((e) => {
    const a = attrsOf(e);
    const keys = Object.keys(a)
      .filter(
        (k) => !(dropScheduleToStart && e.eventType === 'DecisionTaskScheduled' && k === 'scheduleToStartTimeout'),
      )
      .sort();
    return {
      id: e.eventId,
      type: e.eventType,
      keys,
      links: Object.fromEntries(LINKS.filter((k) => k in a).map((k) => [k, a[k]])),
    };
  });
}

function setup(): void {
  t = makeEngine();
  t.registry.addWorkflow({
    domain: 'd',
    name: 'W',
    version: '1',
    status: 'REGISTERED',
    defaultTaskList: 'wf',
    defaultExecutionStartToCloseTimeout: '300',
    defaultTaskStartToCloseTimeout: '300',
    defaultChildPolicy: 'TERMINATE',
  });
  t.registry.addActivity({
    domain: 'd',
    name: 'A',
    version: '1',
    status: 'REGISTERED',
    defaultTaskList: 'act',
    defaultTaskScheduleToStartTimeout: '300',
    defaultTaskScheduleToCloseTimeout: '300',
    defaultTaskStartToCloseTimeout: '300',
    defaultTaskHeartbeatTimeout: '300',
  });
}

const completeWf = {
  decisionType: 'CompleteWorkflowExecution',
  completeWorkflowExecutionDecisionAttributes: { result: 'null' },
};

describe('histories like Amazon SWF records them', () => {
  it('activity failed (2023)', async () => {
    setup();
    const runId = await start(t, 'wf1', { input: '{}' });
    await decide(t, (await pollDecision(t)).taskToken, [scheduleA('a1')]);
    await t.call('RespondActivityTaskFailed', { taskToken: (await pollActivity(t)).taskToken, reason: 'boom' });
    await decide(t, (await pollDecision(t)).taskToken, [completeWf]);
    expect(shape(await t.events('wf1', runId), false)).toEqual(shape(real('simpleflow_activity_failed'), false));
  });

  it('child workflow failed while the parent decides (2023)', async () => {
    setup();
    const runId = await start(t, 'wf1', { input: '{}' });
    await decide(t, (await pollDecision(t)).taskToken, [
      {
        decisionType: 'StartChildWorkflowExecution',
        startChildWorkflowExecutionDecisionAttributes: {
          workflowType: { name: 'W', version: '1' },
          workflowId: 'child',
          input: '{}',
          taskList: { name: 'kids' },
        },
      },
    ]);
    const parentTask = await pollDecision(t);
    const childTask = await pollDecision(t, 'kids');
    await decide(t, childTask.taskToken, [
      {
        decisionType: 'FailWorkflowExecution',
        failWorkflowExecutionDecisionAttributes: { reason: 'r', details: 'trace' },
      },
    ]);
    await decide(t, parentTask.taskToken, []);
    await decide(t, (await pollDecision(t)).taskToken, [completeWf]);
    expect(shape(await t.events('wf1', runId), false)).toEqual(shape(real('simpleflow_child_workflow_failed'), false));
  });

  it('timers and a canceled timer (2017)', async () => {
    setup();
    const runId = await start(t, 'wf1', { input: '{}' });
    const timer = (timerId: string, s: string): unknown => ({
      decisionType: 'StartTimer',
      startTimerDecisionAttributes: { timerId, startToFireTimeout: s },
    });
    await decide(t, (await pollDecision(t)).taskToken, [timer('timer 2', '120'), timer('timer 1', '2')]);
    t.clock.advance(2_000);
    await decide(t, (await pollDecision(t)).taskToken, [
      { decisionType: 'CancelTimer', cancelTimerDecisionAttributes: { timerId: 'timer 2' } },
      timer('wake', '0'),
    ]);
    t.clock.advance(0);
    await Promise.resolve();
    await decide(t, (await pollDecision(t)).taskToken, [completeWf]);
    expect(shape(await t.events('wf1', runId), true)).toEqual(shape(real('simpleflow_timers_and_cancel_timer'), true));
  });

  it('cancel requested during an activity (2017)', async () => {
    setup();
    const runId = await start(t, 'wf1', { input: '{}' });
    await decide(t, (await pollDecision(t)).taskToken, [scheduleA('a1')]);
    await pollActivity(t);
    await t.call('RequestCancelWorkflowExecution', { domain: 'd', workflowId: 'wf1' });
    await decide(t, (await pollDecision(t)).taskToken, [{ decisionType: 'CancelWorkflowExecution' }]);
    expect(shape(await t.events('wf1', runId), true)).toEqual(shape(real('simpleflow_cancel_requested'), true));
  });

  it('DescribeWorkflowExecution of that closed run: cancelRequested false, open counts as at close (2017 recording)', async () => {
    setup();
    const runId = await start(t, 'wf1', { input: '{}' });
    await decide(t, (await pollDecision(t)).taskToken, [scheduleA('a1')]);
    await pollActivity(t);
    await t.call('RequestCancelWorkflowExecution', { domain: 'd', workflowId: 'wf1' });
    const open = await t.call<Event>('DescribeWorkflowExecution', {
      domain: 'd',
      execution: { workflowId: 'wf1', runId },
    });
    expect(open.executionInfo.cancelRequested).toBe(true);
    expect(open.openCounts).toMatchObject({ openActivityTasks: 1, openDecisionTasks: 1 });
    await decide(t, (await pollDecision(t)).taskToken, [{ decisionType: 'CancelWorkflowExecution' }]);
    t.clock.advance(3_600_000); // nothing still open changes a closed run's answer
    const ours = await t.call<Event>('DescribeWorkflowExecution', {
      domain: 'd',
      execution: { workflowId: 'wf1', runId },
    });
    const recorded = realResponse('simpleflow_cancel_requested.describe');
    expect(ours.openCounts).toEqual(recorded.openCounts);
    expect(ours.executionInfo.cancelRequested).toBe(recorded.executionInfo.cancelRequested);
    expect(Object.keys(ours.executionInfo).sort()).toEqual(Object.keys(recorded.executionInfo).sort());
    expect(ours.executionInfo).toMatchObject({ executionStatus: 'CLOSED', closeStatus: 'CANCELED' });
    expect(Object.keys(ours).sort()).toEqual(Object.keys(recorded).sort());
    const closed = await t.call<Event>('ListClosedWorkflowExecutions', {
      domain: 'd',
      startTimeFilter: { oldestDate: 0 },
    });
    expect(closed.executionInfos[0].cancelRequested).toBe(false);
  });

  it('signals and parallel activities with batched decision tasks (2017)', async () => {
    setup();
    const runId = await start(t, 'wf1', { input: '{}' });
    await decide(
      t,
      (await pollDecision(t)).taskToken,
      [scheduleA('a1', { taskList: { name: 'one' } }), scheduleA('a2', { taskList: { name: 'two' } })],
      {
        executionContext: 'c1',
      },
    );
    const a2 = await pollActivity(t, 'two');
    const a1 = await pollActivity(t, 'one');
    await t.call('SignalWorkflowExecution', { domain: 'd', workflowId: 'wf1', signalName: 'signal' });
    const d2 = await pollDecision(t);
    await t.call('RespondActivityTaskCompleted', { taskToken: a1.taskToken, result: 'null' });
    await decide(t, d2.taskToken, [], { executionContext: 'c2' });
    await decide(t, (await pollDecision(t)).taskToken, [], { executionContext: 'c3' });
    await t.call('SignalWorkflowExecution', { domain: 'd', workflowId: 'wf1', signalName: 'signal 2' });
    const d4 = await pollDecision(t);
    await t.call('RespondActivityTaskCompleted', { taskToken: a2.taskToken, result: 'null' });
    await decide(t, d4.taskToken, [], { executionContext: '' });
    await decide(t, (await pollDecision(t)).taskToken, [scheduleA('inc')]);
    await t.call('RespondActivityTaskCompleted', { taskToken: (await pollActivity(t)).taskToken, result: '2' });
    await decide(t, (await pollDecision(t)).taskToken, [completeWf]);
    expect(shape(await t.events('wf1', runId), true)).toEqual(
      shape(real('simpleflow_signals_parallel_activities'), true),
    );
  });
});
