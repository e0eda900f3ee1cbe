/**
 * Durability `full` with group commit: SQLite commits without flushing and the service answers only
 * after one shared flush of the WAL file covers everything committed before the answer.
 */
import { existsSync, fstatSync, mkdtempSync, readdirSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DB_FILE, groupCommitOf } from '../db.js';
import { SwfService } from '../service.js';

let root: string;
const services: SwfService[] = [];
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'swf-group-commit-'));
});
afterEach(() => {
  for (const s of services.splice(0)) s.close();
  rmSync(root, { recursive: true, force: true });
});

function openService(durability?: 'full' | 'normal', dataDir = join(root, 'data')): SwfService {
  const service = SwfService.open({ dataDir, ...(durability ? { durability } : {}) });
  services.push(service);
  return service;
}

const register = (service: SwfService, name: string): Promise<unknown> =>
  service.handle('RegisterDomain', { name, workflowExecutionRetentionPeriodInDays: '1' });

describe('group commit (durability full)', () => {
  it('runs SQLite with synchronous = NORMAL and flushes before each answer', async () => {
    const service = openService();
    const commits = groupCommitOf(service.db);
    expect(commits).toBeDefined();
    expect(service.db.pragma('synchronous', { simple: true })).toBe(1);
    for (let i = 0; i < 3; i++) {
      const before = commits?.stats().flushes ?? 0;
      await register(service, `one-by-one-${i}`);
      expect(commits?.stats().flushes).toBe(before + 1);
      expect(commits?.unflushed()).toBe(0);
    }
  });

  it('requests that commit together share one flush, and all of them are on the disk after', async () => {
    const dataDir = join(root, 'shared');
    const service = openService('full', dataDir);
    const commits = groupCommitOf(service.db);
    const before = commits?.stats().flushes ?? 0;
    // Every call commits before its first await, so all 30 commits precede the first flush.
    await Promise.all(Array.from({ length: 30 }, (_, i) => register(service, `together-${i}`)));
    expect(commits?.stats().flushes).toBe(before + 1);
    expect(commits?.unflushed()).toBe(0);
    service.close();
    services.splice(services.indexOf(service), 1);
    const reopened = openService('full', dataDir);
    expect(reopened.registry.summary().domains).toBe(30);
  });

  it('a read answers after the commits it may have seen are flushed', async () => {
    const service = openService();
    const commits = groupCommitOf(service.db);
    const write = register(service, 'written');
    const read = service.handle('DescribeDomain', { name: 'written' });
    await expect(read).resolves.toMatchObject({ domainInfo: { name: 'written' } });
    expect(commits?.unflushed()).toBe(0);
    await write;
  });

  it('flushes the WAL file SQLite writes, also after the WAL starts over and is cut back', async () => {
    if (!existsSync('/proc/self/fd')) return; // where open descriptors can be listed (Linux)
    const dataDir = join(root, 'wal');
    const service = openService('full', dataDir);
    const commits = groupCommitOf(service.db)!;
    const wal = join(dataDir, `${DB_FILE}-wal`);
    /** Inodes of this process's descriptors open on the WAL's path (a replaced file reads "(deleted)"). */
    const walDescriptors = (): Array<{ link: string; ino: number }> =>
      readdirSync('/proc/self/fd').flatMap((n) => {
        try {
          const link = readlinkSync(`/proc/self/fd/${n}`);
          return link.startsWith(wal) ? [{ link, ino: fstatSync(Number(n)).ino }] : [];
        } catch {
          return []; // closed meanwhile (the listing's own descriptor)
        }
      });
    await register(service, 'before');
    const opened = walDescriptors();
    expect(opened.length).toBeGreaterThanOrEqual(2); // SQLite's and the group commit's
    // Every frame copied and the file cut to nothing: the next commit writes from its beginning.
    // (Busy while the checkpoint thread's own checkpoint runs: retries, bounding only a hang of that thread.)
    await vi.waitFor(
      () => {
        const [result] = service.db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
        expect(result?.busy).toBe(0);
        expect(statSync(wal).size).toBe(0);
      },
      { timeout: 20_000 },
    );
    const flushes = commits.stats().flushes;
    await register(service, 'after');
    expect(commits.stats().flushes).toBe(flushes + 1);
    expect(statSync(wal).size).toBeGreaterThan(0);
    // Still the same file: no descriptor on a deleted WAL, every one (the checkpoint thread's
    // connection may have opened one meanwhile) on the file at the WAL's path.
    const now = walDescriptors();
    expect(now.length).toBeGreaterThanOrEqual(opened.length);
    for (const d of [...opened, ...now]) expect(d.ino).toBe(statSync(wal).ino);
    for (const d of now) expect(d.link).toBe(wal);
  });

  it('is not used for durability normal or an in-memory database', () => {
    const normal = openService('normal');
    expect(groupCommitOf(normal.db)).toBeUndefined();
    expect(normal.db.pragma('synchronous', { simple: true })).toBe(1);
    expect(groupCommitOf(openService(undefined, ':memory:').db)).toBeUndefined();
  });
});
