/**
 * The settled memo hands back what a promise resolved to only for that same promise, so a
 * provider that hands out a new promise is always awaited and one that hands out the same promise
 * is read without a hop.
 */
import { describe, expect, it } from 'vitest';
import { settledMemo } from './sdk-stack.js';

describe('settledMemo', () => {
  it('knows the value of the promise it recorded, and of no other', async () => {
    const memo = settledMemo();
    const first = Promise.resolve('a');
    expect(memo.get(first)).toBeUndefined();
    expect(memo.get(undefined)).toBeUndefined(); // nothing recorded yet, not even "undefined"
    memo.set(first, await first);
    expect(memo.get(first)).toEqual({ value: 'a' });
    expect(memo.get(Promise.resolve('a'))).toBeUndefined();
    const second = Promise.resolve(undefined);
    memo.set(second, await second);
    expect(memo.get(second)).toEqual({ value: undefined });
    expect(memo.get(first)).toBeUndefined(); // only the last one is kept
  });
});
