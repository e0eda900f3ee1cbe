/**
 * The transaction's copy of a run's row (`TxState.execs`): read from the database once per
 * transaction, kept in step with every write of the engine, and dropped with a savepoint that rolls
 * back, so that what a transaction reads through `getExec` is always what the database holds in it.
 */
import type { Logger } from '@swf-flow/common';
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from './engine.js';
import type { DeadlineRow } from './deadlines.js';
import { appendEvent } from './history.js';
import { prep } from './statements.js';
import { type ExecRow, getExec, updateExec } from './store-executions.js';
import { type TestEngine, decide, makeEngine, pollDecision, start } from './test-support.js';
import type { Ctx } from './types.js';

/** The engine's private transaction runner and deadline processing, for these tests only. */
interface EngineInternals {
  tx<T>(fn: (c: Ctx) => T): T;
  fireOne(c: Ctx, d: DeadlineRow): void;
}
const internals = (engine: Engine): EngineInternals => engine as unknown as EngineInternals;

/** The row as the database holds it in the running transaction (bypassing the copy). */
const stored = (c: Ctx, runId: string): ExecRow =>
  prep(c.db, 'SELECT * FROM executions WHERE run_id = ?').get(runId) as ExecRow;

let t: TestEngine | undefined;
afterEach(() => {
  t?.engine.close();
  t?.db.close();
  t = undefined;
});

describe("a transaction's copy of a run's row", () => {
  it('shows every write of the transaction, as a fresh read would', async () => {
    const e = (t = makeEngine());
    const runId = await start(e);
    internals(e.engine).tx((c) => {
      const before = getExec(c, runId)!;
      updateExec(c, runId, { latest_context: 'ctx-1', cancel_requested: 1 });
      const id = appendEvent(c, runId, 'WorkflowExecutionCancelRequested', { externalInitiatedEventId: 0 });
      const after = getExec(c, runId)!;
      expect(after).toEqual(stored(c, runId));
      expect(after.next_event_id).toBe(id + 1);
      expect(after.latest_context).toBe('ctx-1');
      // A row read earlier is not changed under its holder: it stays the run as it was then.
      expect(before.latest_context).toBeNull();
      expect(before.next_event_id).toBe(id);
    });
  });

  it('forgets what a savepoint wrote when it rolls back', async () => {
    const e = (t = makeEngine());
    const runId = await start(e);
    const { tx } = internals(e.engine);
    tx.call(e.engine, (c) => {
      getExec(c, runId);
      expect(() =>
        tx.call(e.engine, (inner) => {
          appendEvent(inner, runId, 'MarkerRecorded', { markerName: 'm', decisionTaskCompletedEventId: 0 });
          updateExec(inner, runId, { latest_context: 'rolled back' });
          throw new Error('the savepoint fails');
        }),
      ).toThrow('the savepoint fails');
      expect(getExec(c, runId)).toEqual(stored(c, runId));
      expect(getExec(c, runId)!.latest_context).toBeNull();
    });
  });

  it('forgets what a failed deadline wrote before its savepoint rolled back', async () => {
    const errors: string[] = [];
    const logger: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: (m) => errors.push(m) };
    const e = (t = makeEngine({ logger }));
    const runId = await start(e);
    await pollDecision(e);
    // Processing the decision task's timeout writes the run's row, then fails at its next event.
    e.db.exec(`CREATE TEMP TRIGGER fail_schedule BEFORE INSERT ON events WHEN NEW.event_type = 'DecisionTaskScheduled'
      BEGIN SELECT RAISE(ABORT, 'no new decision task'); END`);
    const { tx, fireOne } = internals(e.engine);
    tx.call(e.engine, (c) => {
      const row = getExec(c, runId)!;
      const deadline: DeadlineRow = {
        seq: 0,
        at: 0,
        kind: 'dt-start-to-close',
        run_id: runId,
        ref: String(row.dt_started_id),
      };
      fireOne.call(e.engine, c, deadline);
      expect(getExec(c, runId)).toEqual(stored(c, runId));
      expect(getExec(c, runId)!.dt_started_id).toBe(row.dt_started_id);
    });
    expect(errors).toEqual([`swf-flow engine: deadline dt-start-to-close of run ${runId} failed and was dropped`]);
  });

  it('is the database row again in the next transaction', async () => {
    const e = (t = makeEngine());
    const runId = await start(e);
    const task = await pollDecision(e);
    await decide(e, String(task.taskToken), [], { executionContext: 'answered' });
    internals(e.engine).tx((c) => {
      expect(c.tx.execs.size).toBe(0);
      expect(getExec(c, runId)!.latest_context).toBe('answered');
    });
  });
});
