/** Waiting between checks: growing delays and an abortable sleep. */
import { ValidationError } from '@swf-flow/common';

/** Delays between checks while waiting for a result: 50 ms doubling up to `maxMs`. */
export function* pollDelays(maxMs: number): Generator<number> {
  let delay = 50;
  for (;;) {
    yield delay;
    delay = Math.min(maxMs, delay * 2);
  }
}

/** Waits `ms`; rejects with the signal's reason if it aborts. */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason ?? new ValidationError('aborted'));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason ?? new ValidationError('aborted'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
