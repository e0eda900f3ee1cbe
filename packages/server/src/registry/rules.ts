/**
 * SWF's rules for names and values that the model's length limits do not express: names without
 * `:` `/` `|` or control characters, timeouts as whole seconds or `NONE`, integer priorities.
 */
import { SwfFault } from '../faults.js';

const FORBIDDEN = /[:/|\u0000-\u001f\u007f-\u009f]/;

/**
 * Checks a domain, type, version or task list name the way SWF documents it: no leading or
 * trailing whitespace, no `:` `/` `|` or control characters, not the literal `arn`.
 */
export function checkName(what: string, value: string): void {
  if (value !== value.trim() || FORBIDDEN.test(value) || value === 'arn') {
    throw new SwfFault(
      'ValidationException',
      `Invalid ${what}: '${value}'. It must not start or end with whitespace, contain ':', '/', '|' or control characters, or be the literal 'arn'.`,
    );
  }
}

/** Checks a timeout: a whole number of seconds or `NONE` (SWF's `DurationInSeconds`). */
export function checkDuration(what: string, value: string | undefined): void {
  if (value === undefined || value === 'NONE' || /^\d+$/.test(value)) return;
  throw new SwfFault('ValidationException', `Invalid ${what}: '${value}'. Expected a whole number of seconds or NONE.`);
}

/** Checks a task priority: an integer between -2147483648 and 2147483647. */
export function checkPriority(what: string, value: string | undefined): void {
  if (value === undefined) return;
  const n = /^[+-]?\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < -2147483648 || n > 2147483647) {
    throw new SwfFault('ValidationException', `Invalid ${what}: '${value}'. Expected an integer between -2147483648 and 2147483647.`);
  }
}

/** The longest retention Amazon SWF allows, in days. */
export const MAX_RETENTION_DAYS = 90;

/** Parses `workflowExecutionRetentionPeriodInDays`: `NONE` or 0..90 whole days. */
export function parseRetention(value: string): number {
  if (value === 'NONE') return 0;
  const days = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(days) || days > MAX_RETENTION_DAYS) {
    throw new SwfFault(
      'ValidationException',
      `Invalid workflowExecutionRetentionPeriodInDays: '${value}'. Expected NONE or a whole number of days from 0 to ${MAX_RETENTION_DAYS}.`,
    );
  }
  return days;
}

const TAG_CHARS = /^[\p{L}\p{N}\s_.:/=+\-@]*$/u;

/** Checks a resource tag key or value: letters, digits, whitespace and `_ . : / = + - @`. */
export function checkTagText(what: string, value: string): void {
  if (!TAG_CHARS.test(value)) {
    throw new SwfFault(
      'ValidationException',
      `Invalid tag ${what}: '${value}'. Tags may only contain unicode letters, digits, whitespace, or these symbols: _ . : / = + - @`,
    );
  }
}
