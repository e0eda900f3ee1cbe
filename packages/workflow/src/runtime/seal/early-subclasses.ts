/**
 * Subclasses of a patched constructor (`Date`, the `Intl` formatters) that were defined before the
 * patches were installed: `class BusinessDate extends Date {}` in a module loaded before
 * `@swf-flow/workflow`. Such a class extends the host's constructor, and `super()` reaches it
 * directly: `new BusinessDate()` reads the real clock, `new BusinessDate(2024, 0, 6)` and
 * `new BusinessDate('2024-01-06 09:00')` read the host's time zone, and no patch can see the
 * construction. What can be seen is the instance being used: every method and accessor of the
 * constructor's prototype checks, in workflow code, whether `this` belongs to such a class, and
 * refuses it with a {@link DeterminismViolationError} that fails the decision task (the instance
 * already holds a host-dependent value, so catching the error cannot make the run deterministic).
 * A subclass defined after the import extends the patched constructor and is left alone.
 *
 * The same wrappers apply, in workflow code, the methods of an `Intl` object made outside workflow
 * code with a host default to its workflow twin (`host-defaults.ts`).
 */
import { DeterminismViolationError } from '@swf-flow/common';
import { workflowTwin } from './host-defaults.js';
import { activeRuntime } from './violation.js';
import { captureSite, sourceLocation } from '../source-location.js';

/**
 * Wraps the methods and accessors of `Real.prototype` so that, in workflow code, an instance of a
 * class that extends `Real` itself (not the workflow's `patched` constructor) is refused, and an
 * object made outside workflow code with a host default is replaced by its workflow twin.
 * Install it after every other patch of `Real.prototype`, so that it wraps the final methods.
 */
export function refuseEarlySubclasses(Real: Function, patched: Function, name: string): void {
  const proto = Real.prototype as object;
  /** A subclass's prototype → the subclass's name if it extends `Real` itself, else `null`. */
  const verdicts = new WeakMap<object, string | null>();

  const early = (start: object): string | null => {
    for (let p: object | null = start; p !== null && p !== proto; p = Object.getPrototypeOf(p) as object | null) {
      if (Object.getPrototypeOf(p) !== proto) continue;
      const ctor = Object.getOwnPropertyDescriptor(p, 'constructor')?.value as unknown;
      if (typeof ctor !== 'function' || ctor === patched) return null;
      return Object.getPrototypeOf(ctor) === Real ? ctor.name || 'an anonymous class' : null;
    }
    return null;
  };

  const check = (self: unknown): void => {
    if (self === null || typeof self !== 'object') return;
    const p = Object.getPrototypeOf(self) as object | null;
    if (p === proto || p === null) return;
    let verdict = verdicts.get(p);
    if (verdict === undefined) {
      verdict = early(p);
      verdicts.set(p, verdict);
    }
    if (verdict === null) return;
    const rt = activeRuntime();
    if (!rt) return;
    const err = new DeterminismViolationError(
      `${verdict} extends the host's ${name}, not the workflow's: it was defined before @swf-flow/workflow was imported ` +
        `(which installs the deterministic ${name}), so constructing it in workflow code reads the real clock, time zone or locale, ` +
        `and replay would differ. Import '@swf-flow/workflow' before the module that defines ${verdict} ` +
        "(in your worker's entry, your workflow module and your replay tests)",
      { location: sourceLocation(captureSite()) },
    );
    rt.failTask(err);
    throw err;
  };

  for (const key of Reflect.ownKeys(proto)) {
    if (key === 'constructor') continue;
    const d = Object.getOwnPropertyDescriptor(proto, key);
    if (!d || !d.configurable) continue;
    if (typeof d.value === 'function') {
      const real = d.value as (...args: unknown[]) => unknown;
      const wrapped = {
        [real.name](this: unknown, ...args: unknown[]): unknown {
          if (!activeRuntime()) return real.apply(this, args);
          check(this);
          return real.apply(workflowTwin(this), args);
        },
      }[real.name] as (...args: unknown[]) => unknown;
      Object.defineProperty(wrapped, 'length', { value: real.length });
      Object.defineProperty(proto, key, { ...d, value: wrapped });
    } else if (typeof d.get === 'function') {
      const get = d.get;
      Object.defineProperty(proto, key, {
        ...d,
        get(this: unknown): unknown {
          if (!activeRuntime()) return get.call(this);
          check(this);
          return get.call(workflowTwin(this));
        },
      });
    }
  }
}
