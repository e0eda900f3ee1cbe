/** Checks of the worker's numeric, boolean and duration options. */
import { ValidationError, parseDuration, type Duration, shownValue } from '@swf-flow/common';

/** Checks an integer option within bounds. */
export function checkInt(value: unknown, what: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `between ${min} and ${max}`;
    throw new ValidationError(`${what} must be an integer ${range}; got ${shownValue(value)}`);
  }
  return value;
}

/** Checks a boolean option. */
export function checkBool(value: unknown, what: string): boolean {
  if (typeof value !== 'boolean') throw new ValidationError(`${what} must be true or false; got ${shownValue(value)}`);
  return value;
}

/** Reads a duration option (milliseconds or `'30s'`) as milliseconds, at least `minMs`. */
export function checkDuration(value: Duration, what: string, minMs = 0): number {
  const ms = parseDuration(value, what);
  if (ms < minMs) throw new ValidationError(`${what} must be at least ${minMs} ms; got ${ms} ms`);
  return ms;
}
