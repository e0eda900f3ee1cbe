/**
 * `@Activities` and `@Activity`: declare the activity types of a class. The options are checked
 * when the class is defined and stored with reflect-metadata under the keys of
 * `@swf-flow/common`, where `readActivityTypes`, `proxyActivities` and the worker read them.
 * Uses TypeScript's `experimentalDecorators`.
 */
import 'reflect-metadata';
import {
  ACTIVITIES_METADATA_KEY,
  ACTIVITY_METADATA_KEY,
  readActivityTypes,
  validateActivityTypeOptions,
  ValidationError,
  type ActivityTypeOptions,
} from '@swf-flow/common';

/** Options of `@Activities`: defaults for every activity of the class (a name is per method). */
export type ActivitiesOptions = Omit<ActivityTypeOptions, 'name'>;

/** Options of `@Activity`: this method's activity type; they override the class's. */
export type ActivityOptions = ActivityTypeOptions;

/** A standard (TC39) decorator gets a context object where experimental decorators get a key. */
function rejectStandardDecorators(second: unknown, decorator: string): void {
  if (typeof second === 'object' && second !== null && 'kind' in second) {
    throw new ValidationError(
      `${decorator} needs TypeScript's legacy decorators: set "experimentalDecorators": true in your tsconfig.json compilerOptions`,
    );
  }
}

/**
 * Declares a class whose methods are activities. Every method (own or inherited, not the
 * constructor) is an activity type, named `ClassName.methodName` unless its `@Activity` names it;
 * `version` must be set here or on each method.
 *
 * @param options - defaults for every activity of the class; method options override them.
 * @throws ValidationError at class definition when an option is malformed, a type has no version,
 *   or two methods declare the same type.
 * @example
 * ```ts
 * @Activities({ version: '1.0', taskList: 'orders', startToCloseTimeout: '5 minutes' })
 * export class OrderActivities {
 *   @Activity({ name: 'VerifyOrder' }) async verifyOrder(order: Order): Promise<void> { ... }
 * }
 * ```
 */
export function Activities(options: ActivitiesOptions = {}): ClassDecorator {
  validateActivityTypeOptions(options, '@Activities');
  if ((options as ActivityTypeOptions).name !== undefined) {
    throw new ValidationError('@Activities: name is per activity; set it on the method with @Activity({ name })');
  }
  const stored: ActivitiesOptions = { ...options };
  return (target: object, ...rest: unknown[]): void => {
    rejectStandardDecorators(rest[0], '@Activities');
    if (typeof target !== 'function') throw new ValidationError('@Activities decorates a class');
    Reflect.defineMetadata(ACTIVITIES_METADATA_KEY, stored, target);
    readActivityTypes(target as abstract new (...args: never[]) => unknown); // eager check: versions, duplicates
  };
}

/**
 * Sets the activity type options of one method of an `@Activities` class.
 *
 * @param options - the type name (default `ClassName.methodName`), version, task list, timeouts,
 *   priority and description; they override the class's.
 * @throws ValidationError at class definition when an option is malformed or the decorated member
 *   is not an instance method.
 * @example
 * ```ts
 * @Activity({ name: 'ChargeCreditCard', heartbeatTimeout: '30s' })
 * async chargeCreditCard(card: string, amount: number): Promise<Charge> { ... }
 * ```
 */
export function Activity(options: ActivityOptions = {}) {
  const stored: ActivityOptions = { ...options };
  return <T extends (...args: never[]) => unknown>(target: object, propertyKey: string | symbol, descriptor?: TypedPropertyDescriptor<T>): void => {
    rejectStandardDecorators(propertyKey, '@Activity');
    const where = `@Activity on ${String(propertyKey)}`;
    if (typeof target === 'function') throw new ValidationError(`${where}: activities are instance methods; remove 'static'`);
    if (typeof propertyKey !== 'string') throw new ValidationError(`${where}: an activity method needs a string name`);
    if (typeof descriptor?.value !== 'function') throw new ValidationError(`${where}: @Activity decorates a method, not a property or accessor`);
    validateActivityTypeOptions(options, `${target.constructor.name}.${propertyKey}`);
    Reflect.defineMetadata(ACTIVITY_METADATA_KEY, stored, target, propertyKey);
  };
}
