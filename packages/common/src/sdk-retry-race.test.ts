/**
 * The retry loop's race of a retry token (or a retry's delay) against the request's abort signal
 * ends each race as the SDK's `race` does — the value or the error when the promise settles first,
 * an `AbortError` when the signal aborts first or had aborted — with one listener per signal
 * instead of one per race.
 */
import { describe, expect, it, vi } from 'vitest';
import { race, raceOnce } from './sdk-retry.js';

type Outcome = { value: unknown } | { error: string };

/** Settles a race of a promise the test settles against a signal the test aborts, in the order given. */
async function run(
  racer: (promise: Promise<unknown>, signal: AbortSignal) => Promise<unknown>,
  steps: Array<'resolve' | 'reject' | 'abort'>,
  abortedBefore = false,
): Promise<Outcome> {
  const controller = new AbortController();
  if (abortedBefore) controller.abort();
  let settle!: { resolve: (v: unknown) => void; reject: (e: unknown) => void };
  const promise = new Promise((resolve, reject) => (settle = { resolve, reject }));
  const raced = racer(promise, controller.signal).then(
    (value) => ({ value }),
    (error: Error) => ({ error: `${error.name}: ${error.message}` }),
  );
  for (const step of steps) {
    await Promise.resolve();
    if (step === 'resolve') settle.resolve('token');
    else if (step === 'reject') settle.reject(new Error('refused'));
    else controller.abort();
  }
  return raced;
}

describe("the retry loop's race against the abort signal", () => {
  it.each([
    { name: 'the token first', steps: ['resolve', 'abort'] as const },
    { name: 'an error first', steps: ['reject', 'abort'] as const },
    { name: 'the abort first', steps: ['abort', 'resolve'] as const },
    { name: 'the abort before an error', steps: ['abort', 'reject'] as const },
    { name: 'a signal aborted before, the token after', steps: ['resolve'] as const, abortedBefore: true },
  ])('$name: as the SDK races', async ({ steps, abortedBefore }) => {
    const expected = await run(raceOnce, [...steps], abortedBefore);
    expect(await run(race, [...steps], abortedBefore)).toEqual(expected);
  });

  it('puts one listener on a signal for every race, and aborts them all', async () => {
    const controller = new AbortController();
    const add = vi.spyOn(controller.signal, 'addEventListener');
    const settled = await Promise.all([1, 2, 3].map((n) => race(Promise.resolve(n), controller.signal)));
    expect(settled).toEqual([1, 2, 3]);
    const pending = [1, 2].map(() => race(new Promise(() => {}), controller.signal).catch((e: Error) => e.name));
    controller.abort();
    expect(await Promise.all(pending)).toEqual(['AbortError', 'AbortError']);
    expect(add).toHaveBeenCalledTimes(1);
    expect(await race(Promise.resolve('late'), controller.signal).catch((e: Error) => e.name)).toBe(
      await raceOnce(Promise.resolve('late'), controller.signal).catch((e: Error) => e.name),
    );
  });
});
