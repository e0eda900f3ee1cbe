/**
 * Task tokens name their task (run id, and for an activity its scheduled event id) and carry 48
 * random bytes; the engine finds the task by its key and compares the whole token, so no index of
 * tokens is written at a claim. A token that names a real task but is not its current token, a used
 * one, and one shaped like a token that names nothing are all stale: `UnknownResourceFault`; a string
 * of no token's shape is malformed: `ValidationException`; never a 5xx.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activityTokenTask, decisionTokenRun } from './ids.js';
import { type TestEngine, decide, makeEngine, pollActivity, pollDecision, scheduleA, start } from './test-support.js';

let t: TestEngine;
beforeEach(() => {
  t = makeEngine();
});
afterEach(() => {
  t.engine.close();
  t.db.close();
});

const stale = { fault: 'UnknownResourceFault' };
/** The DecisionTaskScheduled event id of a polled decision task. */
const scheduledOf = (task: Record<string, any>): number =>
  task.events.at(-1).decisionTaskStartedEventAttributes.scheduledEventId;

describe('task tokens', () => {
  it('a decision token names its run; another token for the same run, or the used one, is stale', async () => {
    const runId = await start(t);
    const task = await pollDecision(t);
    expect(decisionTokenRun(task.taskToken)).toBe(runId);
    const forged = `${runId}.${'A'.repeat(64)}`;
    await expect(t.call('RespondDecisionTaskCompleted', { taskToken: forged })).rejects.toMatchObject(stale);
    await decide(t, task.taskToken, [scheduleA('a1')]);
    await expect(t.call('RespondDecisionTaskCompleted', { taskToken: task.taskToken })).rejects.toMatchObject(stale);
  });

  it('an activity token names its run and scheduled event; a token for another of its tasks is stale', async () => {
    const runId = await start(t);
    await decide(t, (await pollDecision(t)).taskToken, [scheduleA('a1'), scheduleA('a2')]);
    const first = await pollActivity(t);
    const second = await pollActivity(t);
    const named = activityTokenTask(first.taskToken);
    expect(named?.runId).toBe(runId);
    // The second task's token with the first task's scheduled id: right run, right random part, wrong task.
    const other = activityTokenTask(second.taskToken)!;
    const swapped = String(second.taskToken).replace(`.${other.scheduledId}.`, `.${named!.scheduledId}.`);
    await expect(t.call('RespondActivityTaskCompleted', { taskToken: swapped })).rejects.toMatchObject(stale);
    await t.call('RespondActivityTaskCompleted', { taskToken: first.taskToken, result: 'one' });
    await expect(t.call('RecordActivityTaskHeartbeat', { taskToken: first.taskToken })).rejects.toMatchObject(stale);
    await t.call('RespondActivityTaskFailed', { taskToken: second.taskToken, reason: 'two' });
    expect((await t.types('wf1', runId)).filter((e) => e.startsWith('ActivityTask'))).toEqual([
      'ActivityTaskScheduled',
      'ActivityTaskScheduled',
      'ActivityTaskStarted',
      'ActivityTaskStarted',
      'ActivityTaskCompleted',
      'ActivityTaskFailed',
    ]);
  });

  it("a token whose task is over says which: the execution when it has closed, the activity's scheduled event when only the task has ended (SWF's messages)", async () => {
    const runId = await start(t);
    await decide(t, (await pollDecision(t)).taskToken, [scheduleA('a1'), scheduleA('a2')]);
    const first = await pollActivity(t);
    const second = await pollActivity(t);
    const firstId = activityTokenTask(first.taskToken)!.scheduledId;
    await t.call('RespondActivityTaskCompleted', { taskToken: first.taskToken });
    for (const op of ['RespondActivityTaskCompleted', 'RecordActivityTaskHeartbeat'] as const)
      await expect(t.call(op, { taskToken: first.taskToken })).rejects.toMatchObject({
        ...stale,
        message: `Unknown activity, scheduledEventId = ${firstId}`,
      });
    const decision = await pollDecision(t);
    // A decision task answered, or timed out: its token names the task by its scheduled event.
    await decide(t, decision.taskToken, []);
    await expect(t.call('RespondDecisionTaskCompleted', { taskToken: decision.taskToken })).rejects.toMatchObject({
      ...stale,
      message: `Unknown decision task, scheduledEventId = ${scheduledOf(decision)}`,
    });
    await t.call('SignalWorkflowExecution', { domain: 'd', workflowId: 'wf1', signalName: 'go' });
    const timedOut = await pollDecision(t);
    t.clock.advance(10_000); // the workflow type's taskStartToCloseTimeout
    await expect(t.call('RespondDecisionTaskCompleted', { taskToken: timedOut.taskToken })).rejects.toMatchObject({
      ...stale,
      message: `Unknown decision task, scheduledEventId = ${scheduledOf(timedOut)}`,
    });
    const last = await pollDecision(t);
    await t.call('TerminateWorkflowExecution', { domain: 'd', workflowId: 'wf1' });
    const closed = { ...stale, message: `Unknown execution: WorkflowExecution=[workflowId=wf1, runId=${runId}]` };
    for (const taskToken of [last.taskToken, decision.taskToken])
      await expect(t.call('RespondDecisionTaskCompleted', { taskToken })).rejects.toMatchObject(closed);
    for (const op of ['RespondActivityTaskFailed', 'RecordActivityTaskHeartbeat'] as const)
      await expect(t.call(op, { taskToken: second.taskToken })).rejects.toMatchObject(closed);
    await expect(t.call('RespondActivityTaskCompleted', { taskToken: first.taskToken })).rejects.toMatchObject(closed);
  });

  it('a decision token of the shape before it named its task (run id, random part) still answers its task', async () => {
    const runId = await start(t);
    await pollDecision(t);
    // What a decider held across the upgrade: the token the older version handed out and stored.
    const held = `${runId}.${'B'.repeat(64)}`;
    t.db.prepare('UPDATE executions SET dt_token = ? WHERE run_id = ?').run(held, runId);
    await decide(t, held, [scheduleA('a1')]);
    expect((await t.types('wf1', runId)).slice(3)).toEqual(['DecisionTaskCompleted', 'ActivityTaskScheduled']);
    await expect(t.call('RespondDecisionTaskCompleted', { taskToken: held })).rejects.toMatchObject({
      ...stale,
      message: 'Unknown decision task: the task token is stale or invalid',
    });
  });

  // A token of no shape the service hands out is refused as malformed, as Amazon SWF tells "an
  // obviously invalid token" from one that names no task (moto's SWF model, written against the real
  // service, answers the former ValidationException "Invalid token").
  it.each(['x', '.', '..', 'a.b', '.1.x', 'r.0.x', 'r.1.5.x', 'not-a-correct-token', 'A'.repeat(127)])(
    'token %j is malformed for every task operation: ValidationException',
    async (taskToken) => {
      await start(t);
      await pollDecision(t);
      for (const op of [
        'RespondDecisionTaskCompleted',
        'RespondActivityTaskCompleted',
        'RespondActivityTaskFailed',
        'RespondActivityTaskCanceled',
        'RecordActivityTaskHeartbeat',
      ] as const)
        await expect(t.call(op, { taskToken })).rejects.toMatchObject({
          fault: 'ValidationException',
          message: 'Invalid token',
        });
    },
  );

  const runLike = `22${'Q'.repeat(43)}=`;
  it.each([
    `${runLike}.5.${'x'.repeat(64)}`,
    `${runLike}.${'x'.repeat(64)}`,
    `${runLike}.0.x`,
    `${runLike}.-1.x`,
    `${runLike}.1e3.x`,
    `${runLike}.99999999999999999999.x`,
    'Z'.repeat(128),
  ])('token %j, shaped like one but naming no task, is stale for every task operation', async (taskToken) => {
    await start(t);
    await pollDecision(t);
    await expect(t.call('RespondDecisionTaskCompleted', { taskToken })).rejects.toMatchObject(stale);
    for (const op of [
      'RespondActivityTaskCompleted',
      'RespondActivityTaskFailed',
      'RespondActivityTaskCanceled',
    ] as const)
      await expect(t.call(op, { taskToken })).rejects.toMatchObject(stale);
    await expect(t.call('RecordActivityTaskHeartbeat', { taskToken })).rejects.toMatchObject(stale);
  });
});
