/**
 * WAL checkpoints on a thread of their own (storage/checkpointer.ts), on real files: the serving
 * connection never checkpoints inside a commit, commits never wait for a checkpoint, the WAL stays
 * bounded, and everything committed is in the database after a reopen.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as turn } from 'node:timers/promises';
import type { Logger } from '@swf-flow/common';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkpointerOf, DB_FILE, type Db, openDatabase } from '../db.js';
import { Checkpointer } from './checkpointer.js';

let root: string;
const open: Db[] = [];
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'swf-checkpoints-'));
});
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  rmSync(root, { recursive: true, force: true });
});

const schema = ['CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)'];
const ROW = 'x'.repeat(1500);

function openHere(dir: string, options: Parameters<typeof openDatabase>[2] = {}): Db {
  const db = openDatabase(dir, schema, options);
  open.push(db);
  return db;
}

function checkpointer(db: Db): Checkpointer {
  const found = checkpointerOf(db);
  if (!found) throw new Error('a data directory database has a checkpointer');
  return found;
}

/** The most frames the WAL ever held: its file only grows, to its largest (below the 64 MB size limit). */
function largestWalFrames(db: Db, dir: string): number {
  const wal = join(dir, `${DB_FILE}-wal`);
  // A frame is a 24-byte header and a page; the WAL file begins with a 32-byte header.
  const frameBytes = 24 + Number(db.pragma('page_size', { simple: true }));
  return existsSync(wal) ? Math.floor((statSync(wal).size - 32) / frameBytes) : 0;
}

describe('WAL checkpoints on their own thread', () => {
  it('turns the automatic checkpoint off on the serving connection and copies the WAL from the thread', async () => {
    const dir = join(root, 'data');
    const db = openHere(dir, { checkpoints: { intervalMs: 5 } });
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    for (let i = 0; i < 300; i++) insert.run(ROW);
    // Only a checkpoint writes the database file, and the serving connection runs none. The file
    // grows while the thread's checkpoint runs, before the thread counts it: wait for both.
    await vi.waitFor(
      () => {
        expect(statSync(join(dir, DB_FILE)).size).toBeGreaterThan(300 * ROW.length);
        expect(checkpointer(db).stats().checkpoints).toBeGreaterThan(0);
      },
      { timeout: 20_000, interval: 20 }, // the thread looks every 5 ms; this machine may be busy
    );
    expect(checkpointer(db).stats()).toMatchObject({ threaded: true, catchUps: 0 });
  });

  it('keeps the WAL bounded over many commits, and every commit is in the database after a reopen', async () => {
    const dir = join(root, 'many');
    // Durability 'normal': the 3,000 commits are not flushed one by one (what is checked here, the
    // WAL's size and the rows after a clean close, does not depend on it), and the thread looks
    // every 20 ms, so a batch costs its own work and a checkpoint or two: about 110 fsyncs in all
    // instead of 3,900 (and hundreds of checkpoints) on a disk other processes share.
    const db = openHere(dir, { durability: 'normal', checkpoints: { intervalMs: 20, catchUpFrames: 200 } });
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    for (let batch = 0; batch < 30; batch++) {
      const { checkpoints } = checkpointer(db).stats();
      for (let i = 0; i < 100; i++) {
        insert.run(ROW);
        if (i % 10 === 9) await turn(); // as a server does between requests
      }
      // The next batch waits (event loop free) until the thread has checkpointed since this one began.
      await vi.waitFor(() => expect(checkpointer(db).stats().checkpoints).toBeGreaterThan(checkpoints), {
        timeout: 20_000,
        interval: 5,
      });
    }
    // A batch of 100 one-row commits of 1.5 KB is about 200 frames; without checkpoints the WAL
    // would reach ~6,000. Once it holds 200 frames, the next turn of the event loop catches up.
    expect(largestWalFrames(db, dir)).toBeGreaterThan(100);
    expect(largestWalFrames(db, dir)).toBeLessThan(1300);
    db.close();
    expect(existsSync(join(dir, `${DB_FILE}-wal`))).toBe(false); // the serving connection was the last one
    const reopened = openHere(dir);
    expect(reopened.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 3000 });
    expect(reopened.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('checkpoints never take the write lock: commits go on while the thread checkpoints', async () => {
    const dir = join(root, 'busy');
    const db = openHere(dir, { checkpoints: { intervalMs: 1 } });
    // A commit that finds the write lock taken fails at once with SQLITE_BUSY instead of waiting.
    db.pragma('busy_timeout = 0');
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    let commits = 0;
    let busyCommits = 0;
    const commit = (): void => {
      for (let tries = 0; ; tries++) {
        try {
          insert.run(ROW);
          commits += 1;
          return;
        } catch (err) {
          if (!(err instanceof Database.SqliteError) || err.code !== 'SQLITE_BUSY' || tries >= 100_000) throw err;
          if (tries === 0) busyCommits += 1;
        }
      }
    };
    // Commit, back to back, until the thread has checkpointed 20 times in between (bounded). A
    // checkpoint that took the write lock (RESTART or TRUNCATE) would either fail here many times or
    // never get it, and the loop would end at its bound with too few checkpoints.
    const { checkpoints: before } = checkpointer(db).stats();
    const bound = Date.now() + 20_000;
    while ((commits < 1000 || checkpointer(db).stats().checkpoints - before < 20) && Date.now() < bound) {
      commit();
      if (commits % 50 === 0) await turn();
    }
    expect(checkpointer(db).stats().checkpoints - before).toBeGreaterThanOrEqual(20);
    // Not quite zero: a reader that reads the WAL index's header while a commit rewrites it (a torn
    // read; the thread's connection is a reader) takes the write lock for an instant to read it again
    // (walIndexReadHdr in SQLite). The service runs with busy_timeout 5000, so such a commit waits
    // that instant. Seen once in about a hundred runs of the suite, never twice.
    expect(busyCommits).toBeLessThanOrEqual(2);
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: commits });
  });

  it('asks the serving connection to catch up when the thread cannot copy the whole WAL', async () => {
    const dir = join(root, 'catch-up');
    const db = openHere(dir, { checkpoints: { intervalMs: 1, catchUpFrames: 100 } });
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    insert.run(ROW);
    // A reader holding an old snapshot: no checkpoint can copy past it, wherever it runs.
    const reader = new Database(join(dir, DB_FILE));
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM t').get();
    for (let i = 0; i < 200; i++) insert.run(ROW);
    await vi.waitFor(() => expect(checkpointer(db).stats().catchUps).toBeGreaterThan(0), {
      timeout: 20_000,
      interval: 5,
    });
    expect(checkpointer(db).stats().log).toBeGreaterThanOrEqual(100);
    reader.exec('COMMIT');
    reader.close();
    // With the reader gone the WAL is copied and starts over at a commit after that.
    await vi.waitFor(
      () => {
        insert.run(ROW);
        expect(checkpointer(db).stats().log).toBeLessThan(20);
      },
      { timeout: 20_000, interval: 20 },
    );
  });

  it('falls back to SQLite checkpoints inside commits if the thread fails, and says so', async () => {
    const db = openHere(join(root, 'fallback'));
    checkpointer(db).close();
    const errors: string[] = [];
    const logger: Logger = { debug() {}, info() {}, warn() {}, error: (message) => errors.push(message) };
    const broken = new Checkpointer(db, join(root, 'no-such-dir', DB_FILE), logger);
    try {
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      await vi.waitFor(() => expect(broken.stats().threaded).toBe(false), { timeout: 20_000 });
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
      expect(errors).toEqual([expect.stringContaining('the WAL checkpoint thread failed')]);
    } finally {
      broken.close();
    }
  });

  it('is not started for an in-memory database', () => {
    expect(checkpointerOf(openHere(':memory:'))).toBeUndefined();
  });
});
