/**
 * A poll waiting on a task list is handed the task a request makes ready there inside that
 * request's own transaction (a savepoint at its end), so the two share one commit instead of the
 * poller committing its claim in a transaction of its own (with durability full, both answers wait
 * for the same flush, as the group commit already arranged when the claim came right after). A claim that
 * fails there leaves the request's work intact and the poller claims for itself; an aborted poller is
 * skipped; several waiting pollers each get one task, longest-waiting first.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { groupCommitOf } from '../db.js';
import { SwfService } from '../service.js';
import { validateInput } from '../model/validate.js';
import { Waiters } from './polls.js';
import { type TestEngine, decide, makeEngine, pollActivity, pollDecision, scheduleA, start } from './test-support.js';

let t: TestEngine | undefined;
afterEach(() => {
  t?.engine.close();
  t?.db.close();
  t = undefined;
});

const lastEvent = (e: TestEngine, runId: string): string =>
  (
    e.db.prepare('SELECT event_type FROM events WHERE run_id = ? ORDER BY event_id DESC LIMIT 1').get(runId) as {
      event_type: string;
    }
  ).event_type;

describe('tasks handed to waiting polls in the transaction that made them ready', () => {
  it('the decision task an activity result schedules is started before that request returns', async () => {
    const e = (t = makeEngine({ config: { pollTimeoutMs: 10_000 } }));
    const runId = await start(e);
    await decide(e, (await pollDecision(e)).taskToken, [scheduleA('a1')]);
    const activity = await pollActivity(e);
    const poll = e.call<any>('PollForDecisionTask', { domain: 'd', taskList: { name: 'wf' } });
    await Promise.resolve(); // the poll found nothing and waits
    expect(e.engine.waitingPolls()).toBe(1);
    // Called without awaiting anything: when the handler returns, its transaction has committed.
    void e.engine.handlers.RespondActivityTaskCompleted(
      validateInput('RespondActivityTaskCompleted', { taskToken: activity.taskToken, result: 'r' }),
      {},
    );
    expect(lastEvent(e, runId)).toBe('DecisionTaskStarted');
    expect(e.engine.waitingPolls()).toBe(0);
    const task = await poll;
    expect(task.workflowExecution.runId).toBe(runId);
    expect(task.events.map((ev: any) => ev.eventType).slice(-3)).toEqual([
      'ActivityTaskCompleted',
      'DecisionTaskScheduled',
      'DecisionTaskStarted',
    ]);
    await decide(e, task.taskToken, [
      { decisionType: 'CompleteWorkflowExecution', completeWorkflowExecutionDecisionAttributes: {} },
    ]);
    expect(lastEvent(e, runId)).toBe('WorkflowExecutionCompleted');
  });

  it('two activities scheduled at once go to the two longest-waiting pollers; an aborted one gets none', async () => {
    const e = (t = makeEngine({ config: { pollTimeoutMs: 10_000 } }));
    const runId = await start(e);
    const gone = new AbortController();
    const poll = (signal?: AbortSignal) =>
      e.call<any>('PollForActivityTask', { domain: 'd', taskList: { name: 'act' } }, signal);
    const aborted = poll(gone.signal);
    const first = poll();
    const second = poll();
    const third = poll();
    await Promise.resolve();
    gone.abort();
    await decide(e, (await pollDecision(e)).taskToken, [scheduleA('a1'), scheduleA('a2')]);
    expect(lastEvent(e, runId)).toBe('ActivityTaskStarted');
    expect(await aborted).toEqual({ startedEventId: 0 });
    expect((await first).activityId).toBe('a1');
    expect((await second).activityId).toBe('a2');
    expect(e.engine.waitingPolls()).toBe(1); // the third still waits
    e.engine.close();
    expect(await third).toEqual({ startedEventId: 0 });
  });
});

describe('Waiters.handOff', () => {
  it('claims for the longest-waiting first while claims find tasks; delivers only when told', async () => {
    const w = new Waiters();
    let tasks = ['t1', 't2'];
    const claim = () => tasks.shift();
    const a = w.wait('k', 10_000, undefined, false, claim);
    const b = w.wait('k', 10_000, undefined, false, claim);
    const c = w.wait('k', 10_000, undefined, false, claim);
    const handed = w.handOff('k');
    expect(handed).toHaveLength(2);
    expect(w.count('k')).toBe(1); // the third still waits; the two claimed left the queue at once
    for (const h of handed) h.deliver();
    expect(await a).toEqual({ end: 'claimed', task: 't1' });
    expect(await b).toEqual({ end: 'claimed', task: 't2' });
    tasks = [];
    expect(w.handOff('k')).toEqual([]);
    w.close();
    expect(await c).toEqual({ end: 'closed' });
  });

  it('a rolled-back transaction wakes the poller instead (retry), and a claim that throws wakes it to claim itself', async () => {
    const w = new Waiters();
    const rolledBack = w.wait('k', 10_000, undefined, false, () => 'task');
    const [h] = w.handOff('k');
    h!.retry();
    expect(await rolledBack).toEqual({ end: 'woken' });
    const failing = w.wait('k', 10_000, undefined, false, () => {
      throw new Error('disk on fire');
    });
    const after = w.wait('k', 10_000, undefined, false, () => 'never asked');
    const handed = w.handOff('k');
    expect(handed).toHaveLength(1);
    handed[0]!.deliver();
    expect(await failing).toEqual({ end: 'woken' });
    expect(w.count('k')).toBe(1); // the next poller was not asked in the failed transaction
    w.close();
    expect(await after).toEqual({ end: 'closed' });
  });
});

describe('with durability full, the request and the poll handed its task are answered after one flush', () => {
  it('a decision that schedules an activity for a waiting poller: both answers wait for the same flush', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'swf-hand-off-'));
    const service = SwfService.open({ dataDir: join(dir, 'data'), pollTimeoutMs: 10_000 });
    try {
      const call = (op: string, input: Record<string, unknown>) => service.handle(op, input) as Promise<any>;
      await call('RegisterDomain', { name: 'd', workflowExecutionRetentionPeriodInDays: '1' });
      await call('RegisterWorkflowType', {
        domain: 'd',
        name: 'W',
        version: '1',
        defaultTaskList: { name: 'wf' },
        defaultTaskStartToCloseTimeout: '60',
        defaultExecutionStartToCloseTimeout: '600',
        defaultChildPolicy: 'TERMINATE',
      });
      await call('RegisterActivityType', {
        domain: 'd',
        name: 'A',
        version: '1',
        defaultTaskList: { name: 'act' },
        defaultTaskScheduleToStartTimeout: 'NONE',
        defaultTaskScheduleToCloseTimeout: 'NONE',
        defaultTaskStartToCloseTimeout: '60',
        defaultTaskHeartbeatTimeout: 'NONE',
      });
      await call('StartWorkflowExecution', { domain: 'd', workflowId: 'w', workflowType: { name: 'W', version: '1' } });
      const decision = await call('PollForDecisionTask', { domain: 'd', taskList: { name: 'wf' } });
      const activityPoll = call('PollForActivityTask', { domain: 'd', taskList: { name: 'act' } });
      await new Promise((resolve) => setImmediate(resolve)); // the poll waits
      expect(service.waitingPolls()).toBe(1);
      const commits = groupCommitOf(service.db)!;
      const before = commits.stats().flushes;
      const [, activity] = await Promise.all([
        call('RespondDecisionTaskCompleted', { taskToken: decision.taskToken, decisions: [scheduleA('a1')] }),
        activityPoll,
      ]);
      expect(activity.activityId).toBe('a1');
      expect(commits.stats().flushes - before).toBe(1);
      expect(commits.unflushed()).toBe(0);
    } finally {
      service.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
