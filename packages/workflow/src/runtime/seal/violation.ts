/**
 * Shared pieces of the determinism patches: how a patch asks whether workflow code is running, and
 * the error a forbidden call throws.
 */
import { DeterminismViolationError } from '@swf-flow/common';
import { captureSite, sourceLocation } from '../source-location.js';
import { storage } from '../storage.js';
import type { WorkflowRuntime } from '../runtime.js';

/** The runtime of the workflow code running now, or `undefined` outside workflow code. */
export function activeRuntime(): WorkflowRuntime | undefined {
  return storage.getStore()?.runtime;
}

/** The error for `call` used in workflow code, with what to do instead and the line that called it. */
export function violation(call: string, instead: string): DeterminismViolationError {
  return new DeterminismViolationError(
    `${call} cannot be used in workflow code: it would make replay non-deterministic; ${instead}`,
    { location: sourceLocation(captureSite()) },
  );
}

/**
 * Replaces `target[key]` (a function) by one that throws {@link violation} in workflow code and
 * calls the original elsewhere. The replacement keeps the original's name, length and properties.
 */
export function forbidMethod(target: object, key: string, call: string, instead: string): void {
  const holder = target as Record<string, unknown>;
  const original = holder[key];
  if (typeof original !== 'function') return;
  const fn = original as (...args: unknown[]) => unknown;
  const patched = function (this: unknown, ...args: unknown[]): unknown {
    if (storage.getStore()) throw violation(call, instead);
    return fn.apply(this, args);
  };
  Object.defineProperties(patched, Object.getOwnPropertyDescriptors(fn));
  replaceValue(target, key, patched);
}

/**
 * Sets `target[key]` keeping the property's enumerability (and making it writable and configurable).
 * A property that cannot be redefined is left as it is.
 */
export function replaceValue(target: object, key: string | symbol, value: unknown): void {
  const old = Object.getOwnPropertyDescriptor(target, key);
  if (old && !old.configurable && !old.writable) return;
  if (old && !old.configurable) {
    (target as Record<string | symbol, unknown>)[key] = value;
    return;
  }
  Object.defineProperty(target, key, {
    configurable: true,
    writable: true,
    enumerable: old?.enumerable ?? false,
    value,
  });
}

/**
 * A constructor that behaves like `Real` except in workflow code, where `construct` decides.
 * `Real.prototype.constructor` is pointed at the proxy, so `new (x.constructor)()` cannot reach the
 * unpatched constructor. `madeOutside`, if given, sees every object made outside workflow code
 * (with `new`, or by calling the proxy) and the arguments it was made with.
 */
export function proxyConstructor<T extends abstract new (...args: any[]) => object>(
  Real: T,
  construct: (args: unknown[], newTarget: Function, runtime: WorkflowRuntime) => object,
  apply?: (args: unknown[], runtime: WorkflowRuntime) => unknown,
  madeOutside?: (made: object, args: unknown[]) => void,
): T {
  const proxy = new Proxy(Real, {
    construct(target, args, newTarget): object {
      const rt = activeRuntime();
      // newTarget is the proxy for `new Proxy()`; a subclass keeps its own newTarget
      const nt = newTarget === proxy ? target : newTarget;
      if (rt) return construct(args, nt, rt);
      const made = Reflect.construct(target, args, nt) as object;
      madeOutside?.(made, args);
      return made;
    },
    apply(target, thisArg, args): unknown {
      const rt = apply ? activeRuntime() : undefined;
      if (rt && apply) return apply(args, rt);
      const made = Reflect.apply(target as unknown as Function, thisArg, args) as unknown;
      if (madeOutside && typeof made === 'object' && made !== null) madeOutside(made, args);
      return made;
    },
  });
  replaceValue(Real.prototype, 'constructor', proxy);
  return proxy;
}
