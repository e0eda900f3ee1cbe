import { ValidationError, parseDuration, type Duration } from '@swf-flow/common';

const FORBIDDEN_NAME = /[:/|\u0000-\u001f\u007f-\u009f]/;

/**
 * Checks an SWF name (domain, task list, type name): 1–256 characters, no `:`, `/`, `|` or control
 * characters, no surrounding whitespace, not the literal `arn`.
 */
export function checkSwfName(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new ValidationError(`${what} is required and must be a non-empty string; got ${JSON.stringify(value)}`);
  }
  if (value.length > 256)
    throw new ValidationError(`${what} is ${value.length} characters long; SWF allows at most 256`);
  if (FORBIDDEN_NAME.test(value) || value.trim() !== value || value === 'arn') {
    throw new ValidationError(
      `${what} '${value}' is not a valid SWF name: it must not contain ':', '/', '|' or control characters, start or end with whitespace, or be 'arn'`,
    );
  }
  return value;
}

/** Checks an integer option within bounds. */
export function checkInt(value: unknown, what: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `between ${min} and ${max}`;
    throw new ValidationError(`${what} must be an integer ${range}; got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Checks a boolean option. */
export function checkBool(value: unknown, what: string): boolean {
  if (typeof value !== 'boolean')
    throw new ValidationError(`${what} must be true or false; got ${JSON.stringify(value)}`);
  return value;
}

/** Reads a duration option (milliseconds or `'30s'`) as milliseconds, at least `minMs`. */
export function checkDuration(value: Duration, what: string, minMs = 0): number {
  const ms = parseDuration(value, what);
  if (ms < minMs) throw new ValidationError(`${what} must be at least ${minMs} ms; got ${ms} ms`);
  return ms;
}
