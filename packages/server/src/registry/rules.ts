/**
 * Registry values with rules of their own: the retention period of a domain and resource tags.
 * (Names, durations and priorities are checked for every operation from the model: `model/rules.ts`.)
 */
import { SwfFault } from '../faults.js';

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
