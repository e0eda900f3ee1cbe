/** Data directories on disk: private modes, one service at a time, durability. */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DB_FILE, type Db, openDatabase, PAGE_SIZE } from '../db.js';
import { SwfService } from '../service.js';
import { DataDirectoryInUseError, LOCK_FILE, LOCK_OWNER_FILE } from './data-dir-lock.js';
import { DataDirectoryError } from './private-files.js';
import { openSqlite } from './sqlite.js';
import { errorData, errorFromData } from '../thread/protocol.js';

let root: string;
const open: Db[] = [];
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'swf-data-dir-'));
});
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  rmSync(root, { recursive: true, force: true });
});

const mode = (path: string): number => statSync(path).mode & 0o777;
const schema = ['CREATE TABLE IF NOT EXISTS t (x INTEGER)'];

function openHere(dir: string, options: Parameters<typeof openDatabase>[2] = {}): Db {
  const db = openDatabase(dir, schema, options);
  open.push(db);
  return db;
}

describe('a data directory the service creates', () => {
  it('is 0700, and the database, its WAL and SHM and the lock files are 0600', () => {
    const dir = join(root, 'nested', 'data');
    const db = openHere(dir);
    db.prepare('INSERT INTO t VALUES (1)').run();
    expect(mode(dir)).toBe(0o700);
    for (const file of [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`, LOCK_FILE, LOCK_OWNER_FILE]) {
      expect({ file, mode: mode(join(dir, file)).toString(8) }).toEqual({ file, mode: '600' });
    }
  });

  it('leaves an existing directory alone but takes group and other access away from its database files', () => {
    const dir = join(root, 'old');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    for (const file of [DB_FILE, `${DB_FILE}-wal`]) {
      writeFileSync(join(dir, file), '');
      chmodSync(join(dir, file), 0o644);
    }
    openHere(dir);
    expect(mode(dir)).toBe(0o755);
    expect(mode(join(dir, DB_FILE))).toBe(0o600);
    expect(mode(join(dir, `${DB_FILE}-wal`))).toBe(0o600);
  });
});

describe('the page size of the database file', () => {
  it(`is PAGE_SIZE (${PAGE_SIZE} bytes) in a new data directory`, () => {
    const db = openHere(join(root, 'new'));
    expect(db.pragma('page_size', { simple: true })).toBe(PAGE_SIZE);
    expect(PAGE_SIZE).not.toBe(4096); // SQLite's default: the test would pass without the pragma
  });

  it('stays what it was in a database made before, which opens and works as before', () => {
    const dir = join(root, 'made-before');
    mkdirSync(dir, { mode: 0o700 });
    const before = openSqlite(join(dir, DB_FILE));
    before.pragma('page_size = 4096');
    before.pragma('journal_mode = WAL');
    before.exec('CREATE TABLE t (x INTEGER)');
    before.prepare('INSERT INTO t VALUES (?)').run(41);
    before.close();

    const db = openHere(dir);
    expect(db.pragma('page_size', { simple: true })).toBe(4096);
    db.prepare('INSERT INTO t VALUES (?)').run(42);
    expect(db.prepare('SELECT x FROM t ORDER BY x').pluck().all()).toEqual([41, 42]);
  });
});

describe('a data directory that cannot be one', () => {
  // Each is refused at once with what is wrong and what to do, not Node's bare EEXIST/ENOTDIR, and
  // not a hang: under /proc, Node's recursive mkdirSync spun a core forever with no output.
  const rows: Array<[string, (root: string) => string, RegExp]> = [
    ['a file', (r) => (writeFileSync(join(r, 'f'), ''), join(r, 'f')), /f is a file, not a folder/],
    [
      'a folder under a file',
      (r) => (writeFileSync(join(r, 'f'), ''), join(r, 'f', 'sub', 'data')),
      /is a file, not a folder/,
    ],
    ['a folder under /proc', () => '/proc/swf-flow-nope/data', /swf-flow-nope/],
  ];
  it.each(rows)('%s', (_name, make, problem) => {
    const dir = make(root);
    let thrown: unknown;
    try {
      openHere(dir);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(DataDirectoryError);
    const message = (thrown as Error).message;
    expect(message).toContain(`cannot use ${dir} as the data directory: `);
    expect(message).toMatch(problem);
    expect(message).toContain('give the service a folder it can create or write (--data');
    // ... and it crosses from the service's thread as itself.
    const again = errorFromData(errorData(thrown));
    expect(again).toBeInstanceOf(DataDirectoryError);
    expect(again.message).toBe(message);
  });
});

describe('one service per data directory', () => {
  it('refuses a second opener with an error naming the holder, and lets it in once the first closes', () => {
    const dir = join(root, 'shared');
    const first = openHere(dir);
    let refused: unknown;
    try {
      openHere(dir);
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(DataDirectoryInUseError);
    expect((refused as DataDirectoryInUseError).holder?.pid).toBe(process.pid);
    expect((refused as Error).message).toContain(
      `the data directory ${dir} is in use by another swf-flow service (pid ${process.pid}, started `,
    );
    expect((refused as Error).message).toContain('give this one another data directory (--data)');
    first.close();
    const second = openHere(dir);
    second.prepare('INSERT INTO t VALUES (2)').run();
    expect(JSON.parse(readFileSync(join(dir, LOCK_OWNER_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
  });

  it('SwfService.open on a held directory fails without touching the holder', async () => {
    const dir = join(root, 'svc');
    const service = SwfService.open({ dataDir: dir });
    try {
      expect(() => SwfService.open({ dataDir: dir })).toThrow(DataDirectoryInUseError);
      await service.handle('RegisterDomain', { name: 'still-mine', workflowExecutionRetentionPeriodInDays: '1' });
      expect(service.registry.summary()).toMatchObject({ domains: 1 });
    } finally {
      service.close();
    }
    SwfService.open({ dataDir: dir }).close();
  });
});

describe('durability', () => {
  it.each([
    [undefined, 2],
    ['full', 2],
    ['normal', 1],
  ] as const)('durability %s runs SQLite with synchronous = %i', (durability, expected) => {
    const db = openHere(join(root, `d-${String(durability)}`), durability ? { durability } : {});
    expect(db.pragma('synchronous', { simple: true })).toBe(expected);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('refuses an unknown durability', () => {
    expect(() => openDatabase(join(root, 'bad'), schema, { durability: 'sometimes' as never })).toThrow(
      'durability must be one of full, normal; got sometimes',
    );
  });
});
