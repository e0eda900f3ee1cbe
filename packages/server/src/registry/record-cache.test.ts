/**
 * The records the engine reads, cached (`record-cache.ts`): read from the database once, dropped by
 * every registry write, and never kept from a write that has not committed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.js';
import { type Db, openDatabase, turnBatchOf } from '../db.js';
import { validateInput } from '../model/validate.js';
import type { RegistryOperationName } from '../operation.js';
import { Registry } from './registry.js';
import { registrySchema } from './schema.js';

function setup(dataDir = ':memory:'): {
  registry: Registry;
  db: Db;
  call: (op: RegistryOperationName, input: unknown) => unknown;
} {
  const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
  const db = openDatabase(dataDir, registrySchema, { logger: quiet });
  const registry = new Registry({ db, clock: new ManualClock(Date.UTC(2026, 0, 1)) });
  const call = <K extends RegistryOperationName>(op: K, input: unknown): unknown =>
    registry.handlers[op](validateInput(op, input), {});
  call('RegisterDomain', { name: 'd', workflowExecutionRetentionPeriodInDays: '1' });
  call('RegisterActivityType', { domain: 'd', name: 'A', version: '1', defaultTaskList: { name: 'a' } });
  return { registry, db, call };
}

/**
 * A turn with one write of its own, then a member that deprecates domain `d` in the turn's batch
 * (as a request of the engine's joins it); the batch, not yet committed.
 */
function deprecateInATurn(
  batches: NonNullable<ReturnType<typeof turnBatchOf>>,
  db: ReturnType<typeof setup>['db'],
  call: ReturnType<typeof setup>['call'],
) {
  batches.join('write');
  db.exec(`UPDATE registry_domains SET description = 'x'`);
  batches.ownDone();
  const batch = batches.join('write');
  expect(batch).toBeDefined();
  call('DeprecateDomain', { name: 'd' });
  batches.memberDone(batch!);
  return batch!;
}

describe("the registry's records, cached", () => {
  it('are read from the database once (a row changed behind the registry is not read again)', () => {
    const { registry, db } = setup();
    expect(registry.requireDomain('d').status).toBe('REGISTERED');
    expect(registry.getActivityType('d', 'A', '1')?.defaultTaskList).toBe('a');
    db.exec(`UPDATE registry_domains SET status = 'DEPRECATED'; UPDATE registry_types SET status = 'DEPRECATED'`);
    expect(registry.requireDomain('d').status).toBe('REGISTERED');
    expect(registry.getActivityType('d', 'A', '1')?.status).toBe('REGISTERED');
    expect(Object.isFrozen(registry.requireDomain('d'))).toBe(true);
  });

  it("show each of the registry's writes at once", () => {
    const { registry, call } = setup();
    expect(registry.getDomain('d')?.status).toBe('REGISTERED');
    expect(registry.getActivityType('d', 'A', '1')?.status).toBe('REGISTERED');
    expect(registry.getActivityType('d', 'A', '2')).toBeUndefined();
    call('DeprecateActivityType', { domain: 'd', activityType: { name: 'A', version: '1' } });
    call('RegisterActivityType', { domain: 'd', name: 'A', version: '2' });
    call('DeprecateDomain', { name: 'd' });
    expect(registry.getDomain('d')?.status).toBe('DEPRECATED');
    expect(registry.getActivityType('d', 'A', '1')?.status).toBe('DEPRECATED');
    expect(registry.getActivityType('d', 'A', '2')?.status).toBe('REGISTERED');
    call('UndeprecateDomain', { name: 'd' });
    expect(registry.requireDomain('d').status).toBe('REGISTERED');
  });

  it('keep nothing of a write inside a transaction that then rolls back (a turn batch that fails)', () => {
    const { registry, db, call } = setup();
    expect(registry.requireDomain('d').status).toBe('REGISTERED');
    db.exec('BEGIN IMMEDIATE');
    call('DeprecateDomain', { name: 'd' });
    // Read inside the transaction: its own write, not yet committed.
    expect(registry.requireDomain('d').status).toBe('DEPRECATED');
    expect(registry.requireDomain('d').status).toBe('DEPRECATED');
    db.exec('ROLLBACK');
    expect(registry.requireDomain('d').status).toBe('REGISTERED');
    // Once the transaction has ended, the records are cached again.
    db.exec(`UPDATE registry_domains SET status = 'DEPRECATED'`);
    expect(registry.requireDomain('d').status).toBe('REGISTERED');
  });

  it("are cached again once the turn's batch that held a write has committed, inside transactions too", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'swf-flow-record-cache-'));
    const { registry, db, call } = setup(dir);
    try {
      const batches = turnBatchOf(db)!;
      // A turn with one write, then a transaction that joins the turn's batch (as the engine's do).
      const batch = deprecateInATurn(batches, db, call);
      expect(registry.requireDomain('d').status).toBe('DEPRECATED');
      await batch.outcome;
      await Promise.resolve();
      // Cached again, though every look-up is inside a transaction (as the engine's are): the
      // second does not read the row changed behind the registry.
      db.exec('BEGIN');
      expect(registry.requireDomain('d').status).toBe('DEPRECATED');
      db.exec(`UPDATE registry_domains SET status = 'REGISTERED'`);
      expect(registry.requireDomain('d').status).toBe('DEPRECATED');
      db.exec('ROLLBACK');
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("keep nothing of a write whose turn's batch fails to commit", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'swf-flow-record-cache-'));
    const { registry, db, call } = setup(dir);
    try {
      const batches = turnBatchOf(db)!;
      batches.useHooks({
        beforeCommit: () => {
          throw new Error('the commit fails');
        },
      });
      const batch = deprecateInATurn(batches, db, call);
      db.exec('SAVEPOINT s');
      expect(registry.requireDomain('d').status).toBe('DEPRECATED');
      db.exec('RELEASE s');
      await expect(batch.outcome).rejects.toThrow('the commit fails');
      batches.useHooks({});
      db.exec('BEGIN');
      expect(registry.requireDomain('d').status).toBe('REGISTERED');
      db.exec('ROLLBACK');
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
