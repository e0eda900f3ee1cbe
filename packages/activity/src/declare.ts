/**
 * What every way of declaring activities does in the end — `@Activities`/`@Activity` in either
 * decorator form and `defineActivities` — so that all of them store the same metadata: the class
 * options on the class and each method's options on the prototype that defines the method, with
 * reflect-metadata under the keys of `@swf-flow/common`, where `readActivityTypes`,
 * `proxyActivities` and the worker read them.
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

/** Options of `@Activities` / `defineActivities`: defaults for every activity of the class (a name is per method). */
export type ActivitiesOptions = Omit<ActivityTypeOptions, 'name'>;

/** Options of `@Activity` / one method in `defineActivities`: this method's activity type; they override the class's. */
export type ActivityOptions = ActivityTypeOptions;

/**
 * Checks the class options and, given the class, stores them and checks the whole class (versions,
 * duplicate types).
 *
 * @internal
 */
export function declareActivitiesClass(
  cls: (abstract new (...args: never[]) => unknown) | undefined,
  options: ActivitiesOptions,
  where = '@Activities',
): void {
  validateActivityTypeOptions(options, where);
  if ((options as ActivityTypeOptions).name !== undefined) {
    throw new ValidationError(`${where}: name is per activity; set it on the method with @Activity({ name })`);
  }
  if (cls === undefined) return;
  Reflect.defineMetadata(ACTIVITIES_METADATA_KEY, { ...options }, cls);
  readActivityTypes(cls); // eager check: versions, duplicates
}

/**
 * Checks one method's options and, given the prototype that defines the method, stores them.
 *
 * @internal
 */
export function declareActivityMethod(proto: object | undefined, name: string, options: ActivityOptions): void {
  validateActivityTypeOptions(
    options,
    proto === undefined ? `@Activity on ${name}` : `${proto.constructor.name}.${name}`,
  );
  if (proto === undefined) return;
  Reflect.defineMetadata(ACTIVITY_METADATA_KEY, { ...options }, proto, name);
}
