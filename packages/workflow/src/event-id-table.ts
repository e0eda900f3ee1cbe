/**
 * Values kept by event id for a whole history (the type of every event, the decision tasks that
 * closed), in chunks of 1,024 ids. A plain array or a Set grown one id at a time to the tens of
 * thousands costs 15–25 times more per element once its backing store passes V8's large-object
 * size (measured on Node 20: an array 4 → 90 ns per element from 600 to 60,000 ids, a Set 16 →
 * 210 ns from 100 to 10,000), which made a long replay cost more per event than a short one; a
 * chunk never gets there.
 */
const CHUNK_BITS = 10;
const CHUNK_MASK = (1 << CHUNK_BITS) - 1;

/** A map from event ids (non-negative integers below 2³¹) to values; other keys hold nothing. */
export class EventIdTable<T> {
  private readonly chunks: (T | undefined)[][] = [];

  /** The value of event `id`, if any. */
  get(id: number): T | undefined {
    if ((id | 0) !== id || id < 0) return undefined;
    return this.chunks[id >> CHUNK_BITS]?.[id & CHUNK_MASK];
  }

  /** Sets the value of event `id` (a key that is not an event id is ignored: `get` never asks for it). */
  set(id: number, value: T): void {
    if ((id | 0) !== id || id < 0) return;
    (this.chunks[id >> CHUNK_BITS] ??= [])[id & CHUNK_MASK] = value;
  }
}
