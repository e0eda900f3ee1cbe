/**
 * The registry's records as the engine reads them (a domain by name, a type by kind, domain, name
 * and version), kept in memory so that a step's requests do not each read the same rows again
 * (a poll's domain check, a scheduled activity's type: three look-ups per activity step).
 *
 * Only committed rows are kept. Every write of the registry empties the cache; one made inside an
 * open transaction of the connection (a turn's batch, `storage/turn-batch.ts`, which may yet roll
 * back) also stops the cache until that transaction has ended: until then every look-up reads the
 * database, as it did without a cache, and the cache starts again empty once the batch has
 * committed or rolled back (or, in a transaction that is not a batch, at the first look-up made
 * outside any transaction). Nothing else writes the registry's tables (the service holds its
 * data directory alone).
 */
import { type Db, turnBatchOf } from '../db.js';

/** A look-up's answer, or `undefined` when there is no such record. */
type Found<T> = T | undefined;

/** The most records kept (past it, the cache starts again empty). */
export const MAX_RECORDS = 10_000;

/** Records by key, filled from committed rows only (see the module comment). */
export class RecordCache<T extends object> {
  private readonly records = new Map<string, T>();
  /** A write of the registry may not be committed yet: read the database until it is. */
  private uncommitted = false;
  /** Counts the writes made inside a transaction: only the last one's batch ends the wait. */
  private writesInTransactions = 0;

  constructor(private readonly db: Db) {}

  /**
   * The record under `key`: the cached one, or `read()`'s, cached (frozen: every caller gets the
   * same object) when no registry write is pending.
   */
  get(key: string, read: () => Found<T>): Found<T> {
    if (this.uncommitted) {
      if (this.db.inTransaction) return read();
      // The transaction of the write has ended, committed or rolled back: what is cached may be either.
      this.uncommitted = false;
      this.records.clear();
    }
    const cached = this.records.get(key);
    if (cached !== undefined) return cached;
    const record = read();
    // Only records that exist are kept (look-ups of names that do not are not the hot path), and
    // no more than MAX_RECORDS of them: a cache of any names asked for would grow without bound.
    if (record !== undefined) {
      if (this.records.size >= MAX_RECORDS) this.records.clear();
      this.records.set(key, Object.freeze(record));
    }
    return record;
  }

  /** A registry write ran (or failed): empties the cache, stopped while its transaction is open. */
  wrote(): void {
    this.records.clear();
    if (!this.db.inTransaction) return;
    this.uncommitted = true;
    const write = ++this.writesInTransactions;
    const ended = (): void => {
      if (write !== this.writesInTransactions) return; // a later write waits for its own batch
      this.uncommitted = false;
      this.records.clear();
    };
    turnBatchOf(this.db)?.pending()?.then(ended, ended);
  }
}
