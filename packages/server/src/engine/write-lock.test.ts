/**
 * A poll that finds no task takes no write lock: it looks with a read first, so another
 * connection's write lock neither delays it nor fails it; only a claim takes the lock.
 *
 * A request whose transaction reads before it writes (a poll: find the next task, then record
 * ActivityTaskStarted) waits for a write lock another connection holds for a moment, as SQLite's
 * busy timeout promises, instead of failing at once with SQLITE_BUSY (a 500). SQLite runs no busy
 * handler when a deferred transaction upgrades from reading to writing, so engine and registry
 * transactions begin IMMEDIATE. (The checkpoint thread's connection takes the write lock for a
 * moment when it finds the WAL index header torn; a benchmark at 200 concurrent requests met it.)
 */
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DB_FILE } from '../db.js';
import { type TestEngine, decide, makeEngine, pollDecision, scheduleA, start } from './test-support.js';

const HOLDER = String.raw`
const { workerData } = require('node:worker_threads');
const Database = require(workerData.lib);
const state = new Int32Array(workerData.state);
const db = new Database(workerData.file);
db.exec('BEGIN IMMEDIATE');
Atomics.store(state, 0, 1);
Atomics.notify(state, 0);
Atomics.wait(state, 1, 0, workerData.holdMs);
// Set before the COMMIT that lets the lock go: whoever takes the lock after it sees 2.
Atomics.store(state, 0, 2);
Atomics.notify(state, 0);
db.exec('COMMIT');
db.close();
`;

let dir: string;
let t: TestEngine | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'swf-write-lock-'));
});
afterEach(() => {
  t?.engine.close();
  if (t?.db.open) t.db.close();
  t = undefined;
  rmSync(dir, { recursive: true, force: true });
});

describe('a write lock held for a moment by another connection', () => {
  it('a poll that reads, then writes, waits for it and hands out its task', async () => {
    const e = (t = makeEngine({ dataDir: dir }));
    await start(e);
    await decide(e, (await pollDecision(e)).taskToken, [scheduleA('a1')]);
    const state = new Int32Array(new SharedArrayBuffer(8));
    const holder = new Worker(HOLDER, {
      eval: true,
      workerData: {
        lib: createRequire(import.meta.url).resolve('better-sqlite3'),
        file: join(dir, DB_FILE),
        state: state.buffer,
        holdMs: 200,
      },
    });
    try {
      Atomics.wait(state, 0, 0, 10_000); // the other connection holds the write lock now
      expect(Atomics.load(state, 0)).toBe(1);
      const task = await e.call<Record<string, any>>('PollForActivityTask', { domain: 'd', taskList: { name: 'act' } });
      expect(Atomics.load(state, 0)).toBe(2); // it waited for the other connection to let go
      expect(task.activityId).toBe('a1');
    } finally {
      await holder.terminate();
    }
  });

  it('a poll that finds no task parks at once, without waiting for the lock', async () => {
    const e = (t = makeEngine({ dataDir: dir, config: { pollTimeoutMs: 60_000 } }));
    const state = new Int32Array(new SharedArrayBuffer(8));
    const holder = new Worker(HOLDER, {
      eval: true,
      // Longer than the busy timeout (5 s): a poll that took the write lock would fail with SQLITE_BUSY.
      workerData: {
        lib: createRequire(import.meta.url).resolve('better-sqlite3'),
        file: join(dir, DB_FILE),
        state: state.buffer,
        holdMs: 20_000,
      },
    });
    try {
      Atomics.wait(state, 0, 0, 10_000);
      expect(Atomics.load(state, 0)).toBe(1);
      let answered = false;
      const poll = e
        .call<Record<string, any>>('PollForDecisionTask', { domain: 'd', taskList: { name: 'wf' } })
        .finally(() => (answered = true));
      await new Promise((resolve) => setImmediate(resolve));
      expect(answered).toBe(false);
      expect(e.engine.waitingPolls()).toBe(1);
      expect(Atomics.load(state, 0)).toBe(1); // the other connection still holds the lock
      Atomics.store(state, 1, 1); // let it go
      Atomics.notify(state, 1);
      Atomics.wait(state, 0, 1, 10_000);
      expect(Atomics.load(state, 0)).toBe(2);
      const runId = await start(e);
      expect((await poll).workflowExecution.runId).toBe(runId); // handed over in the start's transaction
    } finally {
      await holder.terminate();
    }
  });
});
