/**
 * Activity type metadata: what `@Activities` / `@Activity` (in `@swf-flow/activity`) store with
 * reflect-metadata, and {@link readActivityTypes}, which reads it back. It lives in common so that
 * workflow code (`proxyActivities`) and the worker can read it without importing the decorators.
 */
import 'reflect-metadata';
import { type Duration, toActivityTimeout } from './duration.js';
import { ValidationError } from './errors.js';
import { MAX_DESCRIPTION_LENGTH, MAX_NAME_LENGTH } from './swf/limits.js';
import { breaksSwfNameRule, SWF_NAME_RULE } from './swf/names.js';
import { toSwfTaskPriority } from './swf/task-priority.js';
import { shownValue } from './shown-value.js';

/** reflect-metadata key of the class options stored by `@Activities` (on the class constructor). */
export const ACTIVITIES_METADATA_KEY = 'swf-flow:activities';
/** reflect-metadata key of the method options stored by `@Activity` (on the prototype, per method). */
export const ACTIVITY_METADATA_KEY = 'swf-flow:activity';

/**
 * Options of an activity type, given to `@Activities` (defaults for every method of the class) and
 * `@Activity` (one method; overrides the class). Timeouts are the defaults registered with SWF
 * and used when a workflow schedules the activity without its own.
 */
export interface ActivityTypeOptions {
  /** The activity type name. Only on `@Activity`. @default `'ClassName.methodName'` */
  name?: string;
  /** The activity type version (required on the class or on the method), e.g. `'1.0'`. */
  version?: string;
  /** The task list the activity is scheduled on by default. */
  taskList?: string;
  /** Maximum time in the task list before a worker picks it up. `'NONE'` for no limit. */
  scheduleToStartTimeout?: Duration | 'NONE';
  /** Maximum time from scheduling to completion, across the wait and the run. `'NONE'` for no limit. */
  scheduleToCloseTimeout?: Duration | 'NONE';
  /** Maximum time a worker may take to run it once started. `'NONE'` for no limit. */
  startToCloseTimeout?: Duration | 'NONE';
  /** Maximum time between heartbeats of a running task. `'NONE'` for no limit. */
  heartbeatTimeout?: Duration | 'NONE';
  /** Task priority in the task list (an integer; higher runs first). @default 0 */
  taskPriority?: number | string;
  /** A description registered with the type (at most 1,024 characters). */
  description?: string;
}

/** One activity type of an `@Activities` class, with options merged and timeouts as SWF strings. */
export interface ActivityTypeInfo {
  /** The method of the class that implements it. */
  methodName: string;
  /** The activity type name. */
  name: string;
  /** The activity type version. */
  version: string;
  /** Default task list. */
  taskList?: string;
  /** Default task priority (SWF's integer string). */
  taskPriority?: string;
  /** Default schedule-to-start timeout in SWF's form (`'300'` seconds or `'NONE'`). */
  scheduleToStartTimeout?: string;
  /** Default schedule-to-close timeout in SWF's form. */
  scheduleToCloseTimeout?: string;
  /** Default start-to-close timeout in SWF's form. */
  startToCloseTimeout?: string;
  /** Default heartbeat timeout in SWF's form. */
  heartbeatTimeout?: string;
  /** Description of the type. */
  description?: string;
}

/** The four timeouts of an activity task, as named in type options, call options and {@link ActivityTypeInfo}. */
export const ACTIVITY_TIMEOUTS = [
  'scheduleToStartTimeout',
  'scheduleToCloseTimeout',
  'startToCloseTimeout',
  'heartbeatTimeout',
] as const;
const TIMEOUTS = ACTIVITY_TIMEOUTS;
const KNOWN = new Set<string>(['name', 'version', 'taskList', 'taskPriority', 'description', ...TIMEOUTS]);

function checkName(value: unknown, field: string, where: string, max: number): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ValidationError(`${where}: ${field} must be a non-empty string; got ${shownValue(value)}`);
  }
  if (value.length > max)
    throw new ValidationError(`${where}: ${field} must be at most ${max} characters; got ${value.length}`);
  if (breaksSwfNameRule(value)) {
    throw new ValidationError(`${where}: ${field} '${value}' ${SWF_NAME_RULE} (SWF rejects them)`);
  }
}

/**
 * Checks activity type options eagerly (the decorators call it at class definition), so that a
 * mistake shows where it was made. Throws a {@link ValidationError} saying what is wrong.
 *
 * @param options - the options given to `@Activities` or `@Activity`.
 * @param where - names the decorated class or method in the message.
 */
export function validateActivityTypeOptions(options: unknown, where: string): asserts options is ActivityTypeOptions {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ValidationError(
      `${where}: options must be an object such as { version: '1.0', taskList: 'orders' }; got ${shownValue(options)}`,
    );
  }
  for (const key of Object.keys(options)) {
    if (!KNOWN.has(key)) {
      throw new ValidationError(`${where}: unknown option '${key}'; the options are ${[...KNOWN].join(', ')}`);
    }
  }
  const o = options as ActivityTypeOptions;
  checkName(o.name, 'name', where, MAX_NAME_LENGTH);
  checkName(o.version, 'version', where, 64);
  checkName(o.taskList, 'taskList', where, MAX_NAME_LENGTH);
  if (
    o.description !== undefined &&
    (typeof o.description !== 'string' || o.description.length > MAX_DESCRIPTION_LENGTH)
  ) {
    throw new ValidationError(`${where}: description must be a string of at most ${MAX_DESCRIPTION_LENGTH} characters`);
  }
  toSwfTaskPriority(o.taskPriority, where);
  for (const t of TIMEOUTS) toActivityTimeout(o[t], `${where}: ${t}`);
}

/** The names of the methods of a class (own and inherited, not the constructor), in declaration order. */
function methodNames(cls: abstract new (...args: never[]) => unknown): string[] {
  const names: string[] = [];
  for (let proto: unknown = cls.prototype; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const key of Object.getOwnPropertyNames(proto)) {
      if (key === 'constructor' || names.includes(key)) continue;
      const descriptor = Object.getOwnPropertyDescriptor(proto, key);
      if (descriptor && typeof descriptor.value === 'function') names.push(key);
    }
  }
  return names;
}

/** The keys of `T` whose values are methods: the activities of an activities class. */
export type ActivityMethodNames<T> = {
  [K in keyof T]-?: T[K] extends (...args: any[]) => unknown ? K : never;
}[keyof T] &
  string;

/**
 * The Promise-returning interface of an activities class (or its instance type): each method
 * `(...args) => R` becomes `(...args) => Promise<Awaited<R>>`; properties that are not methods
 * are left out, so calling one is a compile error.
 *
 * @example
 * ```ts
 * type Stubs = ActivityInterfaceFor<OrderActivities>;
 * // { verifyOrder(order: Order): Promise<void>; chargeCreditCard(card: string, amount: number): Promise<Charge> }
 * ```
 */
export type ActivityInterfaceFor<T> = {
  [K in ActivityMethodNames<T>]: T[K] extends (...args: infer A) => infer R
    ? (...args: A) => Promise<Awaited<R>>
    : never;
};

/** Whether `cls` was decorated with `@Activities`. */
export function isActivitiesClass(cls: unknown): boolean {
  return typeof cls === 'function' && Reflect.getMetadata(ACTIVITIES_METADATA_KEY, cls) !== undefined;
}

/**
 * Reads the activity types of an `@Activities` class: one per method (a method's `@Activity`
 * options override the class's), name defaulting to `ClassName.methodName`, timeouts as SWF
 * strings.
 *
 * @throws ValidationError when `cls` is not decorated with `@Activities`, or when a type has no
 *   version (set it on `@Activities` or on the method's `@Activity`).
 * @example
 * ```ts
 * readActivityTypes(OrderActivities)[0];
 * // { methodName: 'verifyOrder', name: 'VerifyOrder', version: '1.0', taskList: 'orders', startToCloseTimeout: '300' }
 * ```
 */
export function readActivityTypes(cls: abstract new (...args: never[]) => unknown): ActivityTypeInfo[] {
  if (typeof cls !== 'function') {
    throw new ValidationError(
      `expected an activities class decorated with @Activities; got ${cls === null ? 'null' : typeof cls}`,
    );
  }
  const classOptions = Reflect.getMetadata(ACTIVITIES_METADATA_KEY, cls) as ActivityTypeOptions | undefined;
  if (classOptions === undefined) {
    throw new ValidationError(
      `class ${cls.name || '(anonymous)'} is not decorated with @Activities; add @Activities({ version: '1.0' }) from '@swf-flow/activity' to it (or call defineActivities(${cls.name || 'TheClass'}, { version: '1.0' }))`,
    );
  }
  const seen = new Map<string, string>();
  return methodNames(cls).map((methodName) => {
    const methodOptions = (Reflect.getMetadata(ACTIVITY_METADATA_KEY, cls.prototype as object, methodName) ??
      {}) as ActivityTypeOptions;
    const merged: ActivityTypeOptions = { ...classOptions, name: undefined, ...methodOptions };
    const where = `${cls.name}.${methodName}`;
    if (merged.version === undefined) {
      throw new ValidationError(
        `${where}: the activity type has no version; set one with @Activities({ version: '1.0' }) or @Activity({ version: '1.0' })`,
      );
    }
    const info: ActivityTypeInfo = { methodName, name: merged.name ?? where, version: merged.version };
    const typeKey = `${info.name}@${info.version}`;
    const clash = seen.get(typeKey);
    if (clash !== undefined) {
      throw new ValidationError(
        `${where}: activity type ${info.name} ${info.version} is already used by ${cls.name}.${clash}; give one of them another name`,
      );
    }
    seen.set(typeKey, methodName);
    if (merged.taskList !== undefined) info.taskList = merged.taskList;
    const priority = toSwfTaskPriority(merged.taskPriority, where);
    if (priority !== undefined) info.taskPriority = priority;
    for (const t of TIMEOUTS) {
      const value = toActivityTimeout(merged[t], `${where}: ${t}`);
      if (value !== undefined) info[t] = value;
    }
    if (merged.description !== undefined) info.description = merged.description;
    return info;
  });
}
