/**
 * Data written by older versions of the service: a database from before a column existed opens and
 * is brought up to date, and values older versions stored without validating them (a `'300s'`
 * timeout) wedge nothing. Such a value reads as NONE (no deadline) instead of failing every poll of
 * its task list with HTTP 500, which it did when a task carrying it reached the head of the list.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DB_FILE } from '../db.js';
import { engineSchema } from './schema.js';
import { type TestEngine, decide, makeEngine, pollActivity, pollDecision, scheduleA, start } from './test-support.js';

let dir: string;
let t: TestEngine | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'swf-engine-legacy-'));
});
afterEach(() => {
  t?.engine.close();
  if (t?.db.open) t.db.close();
  t = undefined;
  rmSync(dir, { recursive: true, force: true });
});

function columns(db: Database.Database): string[] {
  return (db.prepare(`SELECT name FROM pragma_table_info('executions')`).all() as Array<{ name: string }>).map(
    (c) => c.name,
  );
}

describe('a database written by an older version', () => {
  it('gains the columns added since (open_counts_at_close), once, and its closed runs report nothing open', async () => {
    const old = new Database(join(dir, DB_FILE));
    for (const statement of engineSchema) old.exec(statement.replace(/,\s*open_counts_at_close TEXT/, ''));
    expect(columns(old)).not.toContain('open_counts_at_close');
    old.close();
    t = makeEngine({ dataDir: dir });
    expect(columns(t.db)).toContain('open_counts_at_close');
    const runId = await start(t);
    await t.call('TerminateWorkflowExecution', { domain: 'd', workflowId: 'wf1' });
    t.db.prepare('UPDATE executions SET open_counts_at_close = NULL').run();
    const described = await t.call<any>('DescribeWorkflowExecution', {
      domain: 'd',
      execution: { workflowId: 'wf1', runId },
    });
    expect(described.openCounts).toEqual({
      openActivityTasks: 0,
      openDecisionTasks: 0,
      openTimers: 0,
      openChildWorkflowExecutions: 0,
      openLambdaFunctions: 0,
    });
    t.engine.close();
    t.db.close();
    t = makeEngine({ dataDir: dir }); // a second open changes nothing
    expect(columns(t.db).filter((c) => c === 'open_counts_at_close')).toHaveLength(1);
  });

  it('a stored activity timeout like "300s" at the head of a task list wedges nothing: its task and the next are handed out', async () => {
    t = makeEngine({ dataDir: dir });
    for (const id of ['wf1', 'wf2']) await start(t, id);
    await decide(t, (await pollDecision(t)).taskToken, [scheduleA('first')]);
    await decide(t, (await pollDecision(t)).taskToken, [scheduleA('second')]);
    t.db.prepare(`UPDATE activities SET start_to_close = '300s', heartbeat = '5m' WHERE activity_id = 'first'`).run();
    const first = await pollActivity(t);
    expect(first.activityId).toBe('first');
    const second = await pollActivity(t);
    expect(second.activityId).toBe('second');
    t.clock.advance(60_000); // A's registered start-to-close: the good task times out, the bad one has no deadline
    const timedOut = await t.call<any>('PollForDecisionTask', { domain: 'd', taskList: { name: 'wf' } });
    expect(timedOut.workflowExecution.workflowId).toBe('wf2');
    await t.call('RespondActivityTaskCompleted', { taskToken: first.taskToken, result: 'done' });
  });

  it('stored decision timeouts like "5m" wedge nothing: decision tasks are still scheduled, handed out and answered', async () => {
    t = makeEngine({ dataDir: dir });
    const runId = await start(t);
    t.db.prepare(`UPDATE executions SET task_timeout = '5m', dt_schedule_to_start = '1.5', exec_timeout = '1h'`).run();
    const d1 = await pollDecision(t);
    await decide(t, d1.taskToken, [
      { decisionType: 'StartTimer', startTimerDecisionAttributes: { timerId: 't', startToFireTimeout: '1' } },
    ]);
    t.clock.advance(1_000);
    const d2 = await pollDecision(t);
    await decide(t, d2.taskToken, [{ decisionType: 'CompleteWorkflowExecution' }]);
    expect((await t.types('wf1', runId)).at(-1)).toBe('WorkflowExecutionCompleted');
  });
});
