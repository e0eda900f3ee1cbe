/**
 * Prepared statements, cached per database: each SQL text is prepared once, and a statement that
 * returns rows builds them in JavaScript (see {@link rowObjects}).
 */
import type Database from 'better-sqlite3';
import { type Db } from '../db.js';

const caches = new WeakMap<Db, Map<string, Database.Statement>>();

/** The prepared statement for `sql` on `db` (prepared on first use). */
export function prep(db: Db, sql: string): Database.Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = rowObjects(db.prepare(sql));
    cache.set(sql, statement);
  }
  return statement;
}

/** A row as better-sqlite3 returns it in raw mode: the values in the columns' order. */
type RawRow = unknown[];

/**
 * Makes a statement that returns rows (`reader`) build each row object in JavaScript, from the
 * values of its raw mode, with one object literal per statement made from the columns' names.
 * `get`, `all` and `iterate` return what they returned before — an object per row with the
 * columns as its properties, in their order, a later column of the same name overwriting an
 * earlier one — and cost less: better-sqlite3 builds each row in C++ with a property set per
 * column, looking its name up in V8's string table every time (an `executions` row: 34 columns,
 * ~8 % of the service thread's time in the 100 × 10 phase), where the literal makes the row with
 * one known shape. Other statements, and a row with a column named `__proto__` (which a literal
 * would take for the prototype), are left as they are.
 *
 * The statement stays in raw mode: `raw(false)`, `pluck()` or `expand()` on it would change what
 * the three methods get, and nothing in the service calls them on a statement from {@link prep}.
 */
function rowObjects(statement: Database.Statement): Database.Statement {
  if (!statement.reader) return statement;
  const names = statement.columns().map((c) => c.name);
  if (names.includes('__proto__')) return statement;
  // Names become string keys (JSON.stringify quotes them as JavaScript reads them), values are
  // read by index: no name reaches the code but as a quoted key.
  const toObject = new Function(
    'r',
    `return { ${names.map((name, i) => `${JSON.stringify(name)}: r[${i}]`).join(', ')} };`,
  ) as (row: RawRow) => unknown;
  const proto = Object.getPrototypeOf(statement) as Database.Statement;
  const rawGet = proto.get;
  const rawAll = proto.all;
  const rawIterate = proto.iterate;
  statement.raw(true);
  return Object.defineProperties(statement, {
    get: {
      value: (...params: unknown[]): unknown => {
        const row = rawGet.apply(statement, params) as RawRow | undefined;
        return row === undefined ? undefined : toObject(row);
      },
    },
    all: {
      value: (...params: unknown[]): unknown[] => {
        const rows = rawAll.apply(statement, params) as RawRow[];
        const objects = new Array<unknown>(rows.length);
        for (let i = 0; i < rows.length; i++) objects[i] = toObject(rows[i]!);
        return objects;
      },
    },
    iterate: {
      value: function* (...params: unknown[]): IterableIterator<unknown> {
        for (const row of rawIterate.apply(statement, params) as IterableIterator<RawRow>) yield toObject(row);
      },
    },
  });
}
