import { describe, expect, it } from 'vitest';
import { EventIdTable } from './event-id-table.js';

describe('EventIdTable', () => {
  it('keeps a value per event id across chunks, like an array indexed by id', () => {
    const table = new EventIdTable<string>();
    const ids = [1, 2, 1023, 1024, 1025, 5000, 60_005, 2 ** 31 - 1];
    for (const id of ids) table.set(id, `e${id}`);
    for (const id of ids) expect(table.get(id)).toBe(`e${id}`);
    for (const id of [0, 3, 1022, 1026, 4999, 60_004]) expect(table.get(id)).toBeUndefined();
    table.set(5000, 'again');
    expect(table.get(5000)).toBe('again');
  });

  it('holds nothing under a key that is not an event id (as an array would not find it under an integer)', () => {
    const table = new EventIdTable<string>();
    for (const key of [1.5, -1, 2 ** 31, Number.NaN, Number.POSITIVE_INFINITY, '3' as unknown as number]) {
      table.set(key, 'x');
      expect(table.get(key)).toBeUndefined();
    }
    expect(table.get(1)).toBeUndefined(); // 1.5 did not land on 1
    expect(table.get(3)).toBeUndefined(); // nor '3' on 3
  });
});
