/** Signals: `defineSignal(name)` and `setHandler(signal, handler)`. */
import { MAX_NAME_LENGTH, ValidationError } from '@swf-flow/common';
import { currentStore } from '../runtime/storage.js';

/** A signal's name and, for the type checker, its argument types. */
export interface SignalDefinition<Args extends unknown[] = []> {
  readonly type: 'signal';
  readonly name: string;
  /** Phantom field carrying the argument types. */
  readonly __args?: Args;
}

/**
 * Defines a signal.
 *
 * @example
 * ```ts
 * export const approve = defineSignal<[by: string]>('approve');
 * ```
 */
export function defineSignal<Args extends unknown[] = []>(name: string): SignalDefinition<Args> {
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_NAME_LENGTH) {
    throw new ValidationError(
      `defineSignal(name): name must be a string of 1 to ${MAX_NAME_LENGTH} characters; got ${JSON.stringify(name)}`,
    );
  }
  return { type: 'signal', name };
}

/**
 * Sets (or, with `undefined`, removes) the handler of a signal. Signals that arrived before a
 * handler was set are buffered and delivered, in order, when it is set. Inputs are decoded like
 * workflow input (a JSON array gives the arguments). A handler that throws fails the workflow.
 *
 * @example
 * ```ts
 * let approvedBy: string | undefined;
 * setHandler(approve, (by) => { approvedBy = by; });
 * await condition(() => approvedBy !== undefined);
 * ```
 */
export function setHandler<Args extends unknown[]>(
  signal: SignalDefinition<Args>,
  handler: ((...args: NoInfer<Args>) => void | Promise<void>) | undefined,
): void {
  const rt = currentStore('setHandler()').runtime;
  if (signal?.type !== 'signal' || typeof signal.name !== 'string')
    throw new ValidationError('setHandler(signal, handler): signal must come from defineSignal(name)');
  if (handler === undefined) {
    rt.signals.remove(signal.name);
    return;
  }
  if (typeof handler !== 'function')
    throw new ValidationError(`setHandler: the handler of signal ${signal.name} must be a function`);
  rt.setSignalHandler(signal.name, handler as (...args: unknown[]) => void | Promise<void>);
}
