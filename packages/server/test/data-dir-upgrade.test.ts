/**
 * A data directory written by the previous version opens in this one with nothing lost and every
 * run in flight carrying on. `fixtures/data-dir-b64ef00.sql` is the `sqlite3 .dump` of a data
 * directory that `SwfService` of commit b64ef00 (`deadlines` with AUTOINCREMENT and two indexes,
 * task tokens of 128 random characters with an index each) wrote with a `ManualClock` from
 * 2026-01-01T00:00:00Z: a closed run; a run with one activity task started (a heartbeat recorded)
 * and one queued; a run with a timer pending; a run whose decision task is started and not answered.
 * The workers holding those two tokens answer after the upgrade.
 */
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.js';
import { DB_FILE } from '../src/db.js';
import { SwfService } from '../src/service.js';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'data-dir-b64ef00.sql');
/** The fixture's clock when it was written (three runs started a second apart). */
const WRITTEN_AT = Date.UTC(2026, 0, 1) + 3_000;
const DOMAIN = 'legacy';

let dir: string;
let service: SwfService | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'swf-flow-upgrade-'));
  mkdirSync(join(dir, 'data'), { mode: 0o700 });
  const old = new Database(join(dir, 'data', DB_FILE));
  old.exec(readFileSync(FIXTURE, 'utf8'));
  old.close();
});
afterEach(() => {
  service?.close();
  service = undefined;
  rmSync(dir, { recursive: true, force: true });
});

interface OldState {
  deadlines: Array<{ id: number; run_id: string; kind: string; ref: string; at: number }>;
  activities: unknown[];
  events: Map<string, number>;
  runs: Map<string, string>;
  decisionToken: string;
  activityToken: string;
}

function readOld(): OldState {
  const db = new Database(join(dir, 'data', DB_FILE), { readonly: true });
  try {
    const runs = new Map(
      (
        db.prepare('SELECT workflow_id, run_id FROM executions').all() as Array<{ workflow_id: string; run_id: string }>
      ).map((r) => [r.workflow_id, r.run_id]),
    );
    const events = new Map(
      (
        db.prepare('SELECT run_id, COUNT(*) AS n FROM events GROUP BY run_id').all() as Array<{
          run_id: string;
          n: number;
        }>
      ).map((r) => [r.run_id, r.n]),
    );
    const { dt_token } = db.prepare(`SELECT dt_token FROM executions WHERE workflow_id = 'deciding'`).get() as {
      dt_token: string;
    };
    const { token } = db.prepare(`SELECT token FROM activities WHERE activity_id = 'started'`).get() as {
      token: string;
    };
    return {
      deadlines: db
        .prepare('SELECT id, run_id, kind, ref, at FROM deadlines ORDER BY id')
        .all() as OldState['deadlines'],
      activities: db.prepare('SELECT * FROM activities ORDER BY seq').all(),
      events,
      runs,
      decisionToken: dt_token,
      activityToken: token,
    };
  } finally {
    db.close();
  }
}

function open(clock: ManualClock): SwfService {
  service = SwfService.open({ dataDir: join(dir, 'data'), clock, pollTimeoutMs: 0 });
  return service;
}

const call = <T = any>(op: string, input: Record<string, unknown>): Promise<T> =>
  service!.handle(op, input) as Promise<T>;

async function history(workflowId: string, runId: string): Promise<Array<Record<string, any>>> {
  const out = await call('GetWorkflowExecutionHistory', { domain: DOMAIN, execution: { workflowId, runId } });
  return out.events;
}

function names(db: Database.Database, type: 'table' | 'index'): string[] {
  return (db.prepare('SELECT name FROM sqlite_schema WHERE type = ?').all(type) as Array<{ name: string }>).map(
    (r) => r.name,
  );
}

describe('a data directory written by the previous version (b64ef00), runs in flight', () => {
  it('moves every deadline to deadline_queue in order and drops the old table and token indexes', () => {
    const old = readOld();
    expect(old.deadlines.length).toBe(10);
    const s = open(new ManualClock(WRITTEN_AT));
    const moved = s.db.prepare('SELECT seq AS id, run_id, kind, ref, at FROM deadline_queue ORDER BY seq').all();
    expect(moved).toEqual(old.deadlines);
    expect(names(s.db, 'table')).not.toContain('deadlines');
    expect(s.db.prepare(`SELECT name FROM sqlite_sequence WHERE name = 'deadlines'`).all()).toEqual([]);
    const indexes = names(s.db, 'index');
    for (const gone of ['executions_token', 'activities_token', 'executions_decisions', 'activities_ready'])
      expect(indexes).not.toContain(gone);
    for (const made of [
      'executions_scheduled_while_started',
      'executions_legacy_token',
      'activities_queued',
      'activities_legacy_token',
    ])
      expect(indexes).toContain(made);
    // activities rebuilt without AUTOINCREMENT: the same rows, seq (claim order) kept.
    expect(old.activities).toHaveLength(2);
    expect(s.db.prepare('SELECT * FROM activities ORDER BY seq').all()).toEqual(old.activities);
    const { sql } = s.db.prepare(`SELECT sql FROM sqlite_schema WHERE name = 'activities'`).get() as { sql: string };
    expect(sql).not.toMatch(/AUTOINCREMENT/i);
    expect(s.db.prepare(`SELECT name FROM sqlite_sequence WHERE name = 'activities'`).all()).toEqual([]);
    expect(indexes).toEqual(expect.arrayContaining(['sqlite_autoindex_activities_1', 'sqlite_autoindex_activities_2']));
    expect(s.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('keeps every history, and the held tokens, the queued task and the pending timer all work', async () => {
    const old = readOld();
    const clock = new ManualClock(WRITTEN_AT);
    open(clock);
    for (const [workflowId, runId] of old.runs)
      expect((await history(workflowId, runId)).length, workflowId).toBe(old.events.get(runId));
    expect(await call('CountPendingActivityTasks', { domain: DOMAIN, taskList: { name: 'act' } })).toEqual({
      count: 1,
      truncated: false,
    });

    // The decider that held its task through the upgrade answers with its old token.
    await call('RespondDecisionTaskCompleted', {
      taskToken: old.decisionToken,
      decisions: [
        {
          decisionType: 'ScheduleActivityTask',
          scheduleActivityTaskDecisionAttributes: {
            activityId: 'after-upgrade',
            activityType: { name: 'A', version: '1' },
          },
        },
      ],
    });
    // So does the activity worker: a heartbeat, then the result.
    expect(await call('RecordActivityTaskHeartbeat', { taskToken: old.activityToken, details: 'nearly' })).toEqual({
      cancelRequested: false,
    });
    await call('RespondActivityTaskCompleted', { taskToken: old.activityToken, result: 'finished' });
    const activities = await history('activities', old.runs.get('activities')!);
    expect(activities.at(-2)).toMatchObject({
      eventType: 'ActivityTaskCompleted',
      activityTaskCompletedEventAttributes: { result: 'finished' },
    });
    // A used token is stale, old shape or new.
    await expect(call('RespondActivityTaskCompleted', { taskToken: old.activityToken })).rejects.toMatchObject({
      fault: 'UnknownResourceFault',
    });

    // The task queued before the upgrade comes first, then the one scheduled after; new tokens complete them.
    for (const expected of ['queued', 'after-upgrade']) {
      const task = await call('PollForActivityTask', { domain: DOMAIN, taskList: { name: 'act' } });
      expect(task.activityId).toBe(expected);
      expect(task.taskToken).not.toBe(old.activityToken);
      await call('RespondActivityTaskCompleted', { taskToken: task.taskToken, result: expected });
    }
    expect(await call('CountPendingActivityTasks', { domain: DOMAIN, taskList: { name: 'act' } })).toEqual({
      count: 0,
      truncated: false,
    });

    // The timer fires at the time it was set for (60 s after it started, 2 s into the fixture).
    const timerRun = old.runs.get('timer')!;
    clock.advance(Date.UTC(2026, 0, 1) + 62_000 - 1 - clock.now());
    expect((await history('timer', timerRun)).map((e) => e.eventType)).not.toContain('TimerFired');
    clock.advance(1);
    expect((await history('timer', timerRun)).map((e) => e.eventType)).toContain('TimerFired');

    // The decision the 'deciding' run's old token made: its activity completed above.
    const deciding = await history('deciding', old.runs.get('deciding')!);
    expect(deciding.map((e) => e.eventType)).toContain('ActivityTaskCompleted');
  });

  it('opens again unchanged: the migration runs once', () => {
    const first = open(new ManualClock(WRITTEN_AT));
    const before = first.db.prepare('SELECT * FROM deadline_queue ORDER BY seq').all();
    first.close();
    const again = open(new ManualClock(WRITTEN_AT));
    expect(again.db.prepare('SELECT * FROM deadline_queue ORDER BY seq').all()).toEqual(before);
  });
});
