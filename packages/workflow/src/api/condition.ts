/** `condition(fn, timeout?)`: wait until workflow state satisfies a predicate. */
import { parseDuration, ValidationError, type Duration } from '@swf-flow/common';
import { CancellationScope } from '../runtime/cancellation-scope.js';
import { currentStore } from '../runtime/storage.js';
import { startTimer } from '../runtime/timer-command.js';

/**
 * Waits until `fn()` returns true. The predicate is checked whenever the workflow code has settled
 * (after signals, activity results, timers, ...). With a timeout, resolves `true` if the
 * predicate held in time and `false` if the timeout (a durable timer) fired first.
 * Rejects with a CancelledFailure when the current scope is cancelled.
 *
 * @example
 * ```ts
 * const approved = await condition(() => approvedBy !== undefined, '1 day');
 * ```
 */
export function condition(fn: () => boolean, timeout: Duration): Promise<boolean>;
export function condition(fn: () => boolean): Promise<void>;
export function condition(fn: () => boolean, timeout?: Duration): Promise<boolean | void> {
  const { runtime: rt, scope } = currentStore('condition()');
  if (typeof fn !== 'function') throw new ValidationError('condition(fn): fn must be a function returning a boolean');
  const ms = timeout === undefined ? undefined : parseDuration(timeout, 'condition timeout');
  if (scope.failure) return Promise.reject(scope.failure);
  if (fn()) return Promise.resolve(ms === undefined ? undefined : true);
  if (ms === undefined) {
    return new Promise<void>((resolve, reject) => {
      const waiter = { fn, resolve: (): void => (unsubscribe(), resolve()) };
      rt.conditions.add(waiter);
      const unsubscribe = scope.onCancel((failure) => {
        rt.conditions.delete(waiter);
        reject(failure);
      });
    });
  }
  return CancellationScope.cancellable(() => {
    const inner = CancellationScope.current();
    return new Promise<boolean>((resolve, reject) => {
      const waiter = {
        fn,
        resolve: (): void => {
          inner.cancel();
          resolve(true);
        },
      };
      rt.conditions.add(waiter);
      startTimer(rt, ms, inner).then(
        () => {
          rt.conditions.delete(waiter);
          resolve(false);
        },
        (err: unknown) => {
          rt.conditions.delete(waiter);
          if (scope.consideredCancelled) reject(err);
        },
      );
    });
  });
}
