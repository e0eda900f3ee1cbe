/**
 * `instanceof` that survives two copies of a package (a workflow bundle and a worker each with their
 * own node_modules, or two versions side by side): the class answers by a global symbol its
 * instances carry, not by the prototype chain. Used by every swf-flow error class and by the
 * replayer's `ContinueAsNew`.
 */

/**
 * Makes `value instanceof clazz` true for any object whose prototype chain carries the global
 * symbol `Symbol.for(key)` (every instance of `clazz`, from whichever copy of the package made it).
 * Subclasses keep the ordinary prototype check for themselves unless they are marked too.
 *
 * @param clazz - the class to mark.
 * @param key - the global symbol's key: the same in every copy, different for every class.
 * @example
 * ```ts
 * class ContinueAsNew extends Error {}
 * symbolBasedInstanceOf(ContinueAsNew, 'swf-flow.workflow.ContinueAsNew');
 * ```
 */
export function symbolBasedInstanceOf(clazz: abstract new (...args: never[]) => object, key: string): void {
  const marker = Symbol.for(key);
  Object.defineProperty(clazz.prototype, marker, { value: true, enumerable: false });
  Object.defineProperty(clazz, Symbol.hasInstance, {
    value(this: unknown, candidate: unknown): boolean {
      if (this === clazz) {
        return (
          typeof candidate === 'object' && candidate !== null && (candidate as Record<symbol, unknown>)[marker] === true
        );
      }
      return Function.prototype[Symbol.hasInstance].call(this, candidate);
    },
  });
}
