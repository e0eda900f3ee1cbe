/**
 * The deadline scheduler never stops for good: a run of due deadlines that fails (here: a write lock
 * held by another connection past the busy timeout) changes nothing and is retried with back-off.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Logger } from '@swf-flow/common';
import { ManualClock } from '../clock.js';
import { DB_FILE, openDatabase } from '../db.js';
import { DEADLINE_RETRY_INITIAL_MS, DEADLINE_RETRY_MAX_MS, type DeadlineRow, Scheduler } from './deadlines.js';
import { engineSchema } from './schema.js';
import { type TestEngine, decide, makeEngine, pollDecision, start } from './test-support.js';

/** A logger that keeps what the engine reports as errors. */
function errorLog(): { logger: Logger; errors: Array<{ message: string; meta?: Record<string, unknown> }> } {
  const errors: Array<{ message: string; meta?: Record<string, unknown> }> = [];
  const logger: Logger = {
    debug: () => {},
    info: () => {},
    warn: () => {},
    error: (message, meta) => errors.push({ message, meta }),
  };
  return { logger, errors };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'swf-deadlines-'));
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

describe('Scheduler', () => {
  it('retries a failed run with doubling waits up to the cap, and resets after a success', () => {
    const db = openDatabase(':memory:', engineSchema);
    const clock = new ManualClock();
    db.prepare('INSERT INTO deadline_queue (at, kind, run_id, ref) VALUES (?, ?, ?, ?)').run(
      clock.now() + 1_000,
      'timer',
      'r1',
      't1',
    );
    let failNext = 8;
    const fired: DeadlineRow[] = [];
    const waits: number[] = [];
    const scheduler = new Scheduler(
      db,
      clock,
      (due) => {
        if (failNext > 0) {
          failNext -= 1;
          throw new Error('disk on fire');
        }
        fired.push(...due());
      },
      (_err, failures, retryInMs) => waits.push(retryInMs),
    );
    scheduler.start();
    clock.advance(1_000);
    for (let i = 0; i < 7; i++) clock.advance(clock.nextDue()! - clock.now());
    expect(fired).toEqual([]);
    expect(waits).toEqual([50, 100, 200, 400, 800, 1_600, 3_200, 5_000]);
    clock.advance(DEADLINE_RETRY_MAX_MS);
    expect(fired.map((d) => d.ref)).toEqual(['t1']);

    // A success resets the back-off.
    failNext = 1;
    db.prepare('INSERT INTO deadline_queue (at, kind, run_id, ref) VALUES (?, ?, ?, ?)').run(
      clock.now() + 10,
      'timer',
      'r1',
      't2',
    );
    scheduler.note(clock.now() + 10);
    clock.advance(10);
    expect(waits.at(-1)).toBe(DEADLINE_RETRY_INITIAL_MS);
    clock.advance(DEADLINE_RETRY_INITIAL_MS);
    expect(fired.map((d) => d.ref)).toEqual(['t1', 't2']);
    scheduler.close();
    expect(clock.nextDue()).toBeUndefined();
    db.close();
  });
});

describe('an engine whose database is write-locked by another connection', () => {
  let t: TestEngine;
  afterEach(() => {
    t.engine.close();
    if (t.db.open) t.db.close();
  });

  it('fires a due timer once the lock is released, however many runs failed meanwhile', async () => {
    const { logger, errors } = errorLog();
    t = makeEngine({ dataDir: dir, clock: new ManualClock(), logger });
    const runId = await start(t);
    const task = await pollDecision(t);
    await decide(t, task.taskToken, [
      { decisionType: 'StartTimer', startTimerDecisionAttributes: { timerId: 't1', startToFireTimeout: '10' } },
    ]);
    t.db.pragma('busy_timeout = 0');

    const other = new Database(join(dir, DB_FILE));
    other.exec('BEGIN IMMEDIATE');
    t.clock.advance(10_000);
    for (let i = 0; i < 10; i++) t.clock.advance(t.clock.nextDue()! - t.clock.now());
    expect(await t.types('wf1', runId)).not.toContain('TimerFired');
    expect(errors.length).toBeGreaterThanOrEqual(11);
    expect(errors[0]?.message).toMatch(/processing due deadlines failed \(1 in a row\); retrying in 50 ms/);
    expect(String(errors[0]?.meta?.error)).toMatch(/database is locked/);

    other.exec('COMMIT');
    other.close();
    t.clock.advance(DEADLINE_RETRY_MAX_MS);
    expect((await t.types('wf1', runId)).slice(-2)).toEqual(['TimerFired', 'DecisionTaskScheduled']);
  });

  it('a retention sweep that fails is reported and the next sweep still runs', () => {
    const { logger, errors } = errorLog();
    t = makeEngine({ dataDir: dir, clock: new ManualClock(), config: { retentionCheckIntervalMs: 1_000 }, logger });
    const purge = vi.spyOn(t.engine, 'purgeExpired').mockImplementationOnce(() => {
      throw new Error('SQLITE_FULL: database or disk is full');
    });
    expect(() => t.clock.advance(1_000)).not.toThrow();
    expect(errors[0]?.message).toContain(
      'purging closed executions past retention failed; trying again at the next sweep',
    );
    expect(errors[0]?.meta?.error).toBe('SQLITE_FULL: database or disk is full');
    t.clock.advance(1_000);
    expect(purge).toHaveBeenCalledTimes(2);
    expect(errors).toHaveLength(1);
  });
});
