/**
 * `prep`'s statements that return rows build them in JavaScript from raw mode: every row must be
 * what better-sqlite3's own row objects are — the same properties with the same values, in the
 * same order — for `get`, `all` and `iterate`, with positional and named parameters, duplicate
 * column names, expressions as columns, no rows at all, and the service's own tables.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { prep } from './statements.js';
import { makeEngine, start, type TestEngine } from './test-support.js';

let db: Database.Database | undefined;
let t: TestEngine | undefined;
afterEach(() => {
  db?.close();
  db = undefined;
  t?.engine.close();
  t?.db.close();
  t = undefined;
});

/** The rows `sql` gives through `prep` and through a plain prepared statement, side by side. */
function bothWays(d: Database.Database, sql: string, ...params: unknown[]) {
  const plain = d.prepare(sql);
  const ours = prep(d, sql);
  return {
    get: [ours.get(...params), plain.get(...params)],
    all: [ours.all(...params), plain.all(...params)],
    iterate: [[...ours.iterate(...params)], [...plain.iterate(...params)]],
  };
}

/** Equal, and with the keys in the same order. */
function expectSameRows([ours, plain]: unknown[]): void {
  expect(ours).toStrictEqual(plain);
  const keys = (x: unknown): unknown =>
    Array.isArray(x) ? x.map(keys) : x && typeof x === 'object' ? Object.keys(x) : x;
  expect(keys(ours)).toEqual(keys(plain));
}

function table(): Database.Database {
  const d = (db = new Database(':memory:'));
  d.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, n REAL, data BLOB, "odd name" TEXT, "quote""d" TEXT)`);
  const insert = d.prepare('INSERT INTO t (name, n, data, "odd name", "quote""d") VALUES (?, ?, ?, ?, ?)');
  insert.run('a', 1.5, Buffer.from([1, 2]), 'x', 'y');
  insert.run(null, null, null, null, null);
  insert.run('c', 3, Buffer.alloc(0), '', '"');
  return d;
}

describe("prep's row objects", () => {
  it.each([
    ['every column', 'SELECT * FROM t ORDER BY id', []],
    ['a positional parameter', 'SELECT * FROM t WHERE id = ?', [2]],
    ['a named parameter', 'SELECT name, n FROM t WHERE id >= @from ORDER BY id', [{ from: 2 }]],
    ['no row', 'SELECT * FROM t WHERE id = ?', [99]],
    ['expressions and aliases', "SELECT COUNT(*), MAX(n) AS most, 'lit' || name FROM t", []],
    ['duplicate names (the later one wins)', 'SELECT id, name, n AS id, name FROM t ORDER BY id', []],
    ['a join', 'SELECT a.*, b.name FROM t a JOIN t b ON b.id = a.id + 1', []],
  ])('%s', (_what, sql, params) => {
    const rows = bothWays(table(), sql, ...params);
    expectSameRows(rows.get);
    expectSameRows(rows.all);
    expectSameRows(rows.iterate);
  });

  it('reads the service’s own rows as before (an execution)', async () => {
    const e = (t = makeEngine());
    const runId = await start(e);
    const rows = bothWays(e.db, 'SELECT * FROM executions WHERE run_id = ?', runId);
    expect(rows.get[0]).toMatchObject({ run_id: runId, status: 'OPEN' });
    expectSameRows(rows.get);
    expectSameRows(rows.all);
    expectSameRows(rows.iterate);
  });

  it('leaves statements that return no rows as they are', () => {
    const d = table();
    const update = prep(d, 'UPDATE t SET n = n + 1 WHERE id = ?');
    expect(update.run(1)).toMatchObject({ changes: 1 });
    expect(prep(d, 'SELECT n FROM t WHERE id = 1').get()).toEqual({ n: 2.5 });
  });

  it('leaves a column named __proto__ to better-sqlite3', () => {
    const d = table();
    const rows = bothWays(d, 'SELECT name AS __proto__, id FROM t ORDER BY id');
    expectSameRows(rows.all);
  });
});
