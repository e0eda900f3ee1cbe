/**
 * SWF task priorities: an integer from {@link MIN_TASK_PRIORITY} to {@link MAX_TASK_PRIORITY},
 * sent as a string. Activity type options and activity call options are read here.
 */
import { ValidationError } from '../errors.js';
import { MAX_TASK_PRIORITY, MIN_TASK_PRIORITY } from './limits.js';
import { shownValue } from '../shown-value.js';

/**
 * SWF's form of a task priority (`'10'`), or `undefined` when none was given. Accepts an integer
 * or a string of one (`' -5 '`); throws a {@link ValidationError} prefixed with `where` otherwise.
 *
 * @example
 * ```ts
 * toSwfTaskPriority(10, 'Orders.charge'); // '10'
 * toSwfTaskPriority(1.5, 'Orders.charge'); // throws: Orders.charge: taskPriority must be an integer ...
 * ```
 */
export function toSwfTaskPriority(value: number | string | undefined, where: string): string | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < MIN_TASK_PRIORITY || n > MAX_TASK_PRIORITY) {
    throw new ValidationError(
      `${where}: taskPriority must be an integer between ${MIN_TASK_PRIORITY} and ${MAX_TASK_PRIORITY}; got ${shownValue(value)}`,
    );
  }
  return String(n);
}
