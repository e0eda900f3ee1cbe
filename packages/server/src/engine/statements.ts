/** Prepared statements, cached per database: each SQL text is prepared once. */
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
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}
