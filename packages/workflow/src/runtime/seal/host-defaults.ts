/**
 * `Intl` objects made outside workflow code with the host's defaults, then used in workflow code:
 * a module-level `const money = new Intl.NumberFormat()` or `const fmt = new Intl.DateTimeFormat()`
 * made when the workflow module loads. Such an object holds the locale and time zone of the process
 * that loaded the module (`1.234,5` on a German host, `31.12.2023` in Los Angeles), and replay on
 * another worker would compute something else. In workflow code each of its methods and accessors
 * is applied instead to its *workflow twin*: the same constructor called with the same arguments,
 * read with the workflow's defaults (`locale.ts`), as if the object had been made in workflow code.
 * Outside workflow code the object is the host's, as it was.
 *
 * The twin is made on first use in workflow code, from the arguments the object was made with (an
 * options object changed after that is read as it is then).
 */

/** An object made outside workflow code with a host default → its twin, or what makes it. */
const twins = new WeakMap<object, object | (() => object)>();

/**
 * Records that `made` was made outside workflow code with a host default, and how to make its
 * workflow twin.
 */
export function rememberHostDefaults(made: object, makeTwin: () => object): void {
  twins.set(made, makeTwin);
}

/**
 * The object workflow code uses in place of `self`: its workflow twin if `self` was made outside
 * workflow code with a host default, else `self`.
 */
export function workflowTwin<T>(self: T): T {
  if (self === null || typeof self !== 'object') return self;
  const twin = twins.get(self);
  if (twin === undefined) return self;
  if (typeof twin !== 'function') return twin as T;
  const made = twin();
  twins.set(self, made);
  return made as T;
}
