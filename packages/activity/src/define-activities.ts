/**
 * `defineActivities`: declares an activities class without decorators, for JavaScript (or for
 * TypeScript without decorators). It stores exactly what `@Activities` and `@Activity` store.
 */
import type { ActivityMethodNames } from '@swf-flow/common';
import { ValidationError } from '@swf-flow/common';
import {
  declareActivitiesClass,
  declareActivityMethod,
  type ActivitiesOptions,
  type ActivityOptions,
} from './declare.js';

/** Per-method options for {@link defineActivities}: method name -> that method's `@Activity` options. */
export type ActivityMethodOptions<T> = { [K in ActivityMethodNames<T>]?: ActivityOptions };

/** The prototype along `cls`'s chain that defines the method `name`, if any. */
function definingPrototype(cls: abstract new (...args: never[]) => unknown, name: string): object | undefined {
  for (let proto: unknown = cls.prototype; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, name);
    if (descriptor) return typeof descriptor.value === 'function' ? (proto as object) : undefined;
  }
  return undefined;
}

/**
 * Declares `cls` an activities class, as `@Activities(options)` on the class and
 * `@Activity(methods[name])` on each named method would. Returns `cls`.
 *
 * @param cls - the class; every method (own or inherited, not the constructor) is an activity type.
 * @param options - defaults for every activity of the class (`version` here or per method).
 * @param methods - per-method options (`name`, `version`, timeouts, ...), keyed by method name.
 * @throws ValidationError when an option is malformed, a key of `methods` is not a method of the
 *   class, a type has no version, or two methods declare the same type.
 * @example
 * ```js
 * import { defineActivities, activityContext } from '@swf-flow/activity';
 *
 * export class OrderActivities {
 *   async verifyOrder(order) { ... }
 *   async chargeCreditCard(card, amount) { activityContext().heartbeat(); ... }
 * }
 * defineActivities(OrderActivities, { version: '1.0', taskList: 'orders', startToCloseTimeout: '5 minutes' }, {
 *   verifyOrder: { name: 'VerifyOrder' },
 *   chargeCreditCard: { name: 'ChargeCreditCard', heartbeatTimeout: '30s' },
 * });
 * ```
 */
export function defineActivities<C extends abstract new (...args: never[]) => unknown>(
  cls: C,
  options: ActivitiesOptions = {},
  methods: ActivityMethodOptions<InstanceType<C>> = {},
): C {
  if (typeof cls !== 'function' || cls.prototype === undefined) {
    throw new ValidationError(
      `defineActivities: the first argument must be a class; got ${cls === null ? 'null' : typeof cls}`,
    );
  }
  const where = `defineActivities(${cls.name || '(anonymous)'})`;
  declareActivitiesClass(undefined, options, where);
  if (typeof methods !== 'object' || methods === null || Array.isArray(methods)) {
    throw new ValidationError(
      `${where}: the third argument maps method names to their options, e.g. { verifyOrder: { name: 'VerifyOrder' } }`,
    );
  }
  for (const [name, methodOptions] of Object.entries(methods as Record<string, ActivityOptions | undefined>)) {
    const proto = definingPrototype(cls, name);
    if (proto === undefined || name === 'constructor')
      throw new ValidationError(`${where}: '${name}' is not a method of ${cls.name || 'the class'}`);
    declareActivityMethod(proto, name, methodOptions ?? {});
  }
  declareActivitiesClass(cls, options, where);
  return cls;
}
