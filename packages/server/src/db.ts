import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** The SQLite database behind the service. */
export type Db = Database.Database;

/** The file name of the database inside a data directory. */
export const DB_FILE = 'swf.sqlite';

/**
 * Opens (creating if needed) the service's database: `':memory:'` for a throw-away service, or a
 * data directory that holds `swf.sqlite`. WAL mode: a committed transaction survives `kill -9` of
 * the process (it is in the WAL before the request is answered).
 */
export function openDatabase(dataDir: string, schema: readonly string[]): Db {
  let db: Db;
  if (dataDir === ':memory:') {
    db = new Database(':memory:');
  } else {
    mkdirSync(dataDir, { recursive: true });
    db = new Database(join(dataDir, DB_FILE));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  for (const statement of schema) db.exec(statement);
  return db;
}
