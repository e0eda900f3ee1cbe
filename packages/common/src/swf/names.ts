/**
 * SWF's name rule, written once: domains, task lists, type names and versions and workflow ids
 * may not contain `:`, `/`, `|` or control characters, start or end with whitespace, or be the
 * literal `arn` (signal names are bounded in length only). Every package that checks a name before
 * SWF does calls these.
 */
import { ValidationError } from '../errors.js';
import { MAX_NAME_LENGTH } from './limits.js';
import { shownValue } from '../shown-value.js';

const FORBIDDEN_CHARACTERS = /[:/|\u0000-\u001f\u007f-\u009f]/;

/** What the name rule forbids, as the end of a sentence about the name ("'a:b' ..."). */
export const SWF_NAME_RULE =
  "may not contain ':', '/', '|' or control characters, start or end with whitespace, or be 'arn'";

/**
 * Whether `value` holds a character SWF forbids in names and ids (`:`, `/`, `|`, `\u0000-\u001f`,
 * `\u007f-\u009f`). Ids that SWF checks for characters only (activity and Lambda ids) use this alone.
 */
export function hasForbiddenSwfCharacter(value: string): boolean {
  return FORBIDDEN_CHARACTERS.test(value);
}

/** Whether `value` breaks SWF's name rule ({@link SWF_NAME_RULE}); length is checked apart. */
export function breaksSwfNameRule(value: string): boolean {
  return hasForbiddenSwfCharacter(value) || value === 'arn' || value.trim() !== value;
}

function check(value: unknown, what: string, max: number, invalid: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new ValidationError(`${what} is required and must be a non-empty string; got ${shownValue(value)}`);
  }
  if (value.length > max)
    throw new ValidationError(`${what} is ${value.length} characters long; SWF allows at most ${max}`);
  if (breaksSwfNameRule(value)) throw new ValidationError(`${what} '${value}' ${invalid}: it ${SWF_NAME_RULE}`);
  return value;
}

/**
 * Checks an SWF name (domain, task list, type name or version) and returns it: a
 * string of 1 to `max` characters that keeps {@link SWF_NAME_RULE}. Throws a
 * {@link ValidationError} that names `what` and what is wrong.
 *
 * @param value - the name as given (anything: it comes from user options).
 * @param what - names the option in the message, e.g. `'taskList'`.
 * @param max - the longest allowed. @default 256 ({@link MAX_NAME_LENGTH})
 * @example
 * ```ts
 * checkSwfName('orders', 'taskList'); // 'orders'
 * checkSwfName('a:b', 'taskList'); // throws: taskList 'a:b' is not a valid SWF name: it may not contain ':', ...
 * ```
 */
export function checkSwfName(value: unknown, what: string, max: number = MAX_NAME_LENGTH): string {
  return check(value, what, max, 'is not a valid SWF name');
}

/**
 * Checks a workflow id: the same rule as {@link checkSwfName} (SWF names ids by it too); the
 * message speaks of an id.
 *
 * @example
 * ```ts
 * checkSwfId('a/b', 'workflowId'); // throws: workflowId 'a/b' is not valid for SWF: it may not contain ':', ...
 * ```
 */
export function checkSwfId(value: unknown, what: string, max: number = MAX_NAME_LENGTH): string {
  return check(value, what, max, 'is not valid for SWF');
}
