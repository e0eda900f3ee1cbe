import { ValidationError } from './errors.js';
import { MAX_TIMEOUT_SECONDS } from './swf/limits.js';
import { shownValue } from './shown-value.js';

const UNIT_MS = {
  ms: 1,
  millisecond: 1,
  milliseconds: 1,
  msec: 1,
  msecs: 1,
  s: 1_000,
  sec: 1_000,
  secs: 1_000,
  second: 1_000,
  seconds: 1_000,
  m: 60_000,
  min: 60_000,
  mins: 60_000,
  minute: 60_000,
  minutes: 60_000,
  h: 3_600_000,
  hr: 3_600_000,
  hrs: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000,
  d: 86_400_000,
  day: 86_400_000,
  days: 86_400_000,
  w: 604_800_000,
  week: 604_800_000,
  weeks: 604_800_000,
} as const satisfies Record<string, number>;

/** A unit a duration string may end with: `ms`, `s`, `m`, `h`, `d`, `w` and their long forms (`'minutes'`). */
export type DurationUnit = keyof typeof UNIT_MS;

/** `unit`, `UNIT` or `Unit`. */
type UnitSpelling<U extends string> = U | Uppercase<U> | Capitalize<U>;

/**
 * A duration as a string: a number, optionally followed (with or without one space) by a
 * {@link DurationUnit}: `'30s'`, `'5 minutes'`, `'1.5h'`, `'1 day'`, `'250ms'`; a bare number is
 * milliseconds. A typo such as `'5 minuts'` is a compile error.
 */
export type DurationString =
  `${number}` | `${number}${UnitSpelling<DurationUnit>}` | `${number} ${UnitSpelling<DurationUnit>}`;

/**
 * A length of time: a number of milliseconds, or a {@link DurationString} such as `'30s'`,
 * `'5 minutes'`, `'1.5h'`, `'1 day'` or `'250ms'`. The type catches typos in literals; values
 * read at run time are checked by {@link parseDuration} (see {@link isDuration}).
 */
export type Duration = number | DurationString;

function unitFactor(unit: string): number | undefined {
  return Object.hasOwn(UNIT_MS, unit) ? UNIT_MS[unit as DurationUnit] : undefined;
}

const PATTERN = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]+)?\s*$/;

/**
 * Parses a {@link Duration} into milliseconds.
 *
 * @param value - milliseconds as a number, or a string like `'30s'` or `'5 minutes'` (a bare
 *   numeric string is milliseconds).
 * @param what - names the option in the error message, e.g. `'heartbeatTimeout'`.
 * @throws ValidationError when the value is negative, not finite, or not a known unit.
 * @example parseDuration('5 minutes') // 300000
 */
export function parseDuration(value: Duration, what = 'duration'): number {
  return parseDurationValue(value, what);
}

/**
 * True when `value` is a {@link Duration} that {@link parseDuration} accepts: narrows a string read
 * at run time (a flag, an environment variable, JSON) to the type the options take.
 *
 * @example
 * ```ts
 * const timeout = process.env.TIMEOUT ?? '30s';
 * if (!isDuration(timeout)) throw new Error(`TIMEOUT: cannot read '${timeout}' as a duration`);
 * await handle.result({ timeout });
 * ```
 */
export function isDuration(value: unknown): value is Duration {
  try {
    parseDurationValue(value, 'duration');
    return true;
  } catch {
    return false;
  }
}

function parseDurationValue(value: unknown, what: string): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) {
      throw new ValidationError(
        `${what} must be a non-negative number of milliseconds or a string like '30s'; got ${String(value)}`,
      );
    }
    return value;
  }
  if (typeof value !== 'string') {
    throw new ValidationError(
      `${what} must be a number of milliseconds or a string like '30s' or '5 minutes'; got ${shownValue(value)}`,
    );
  }
  const m = PATTERN.exec(value);
  const factor = unitFactor(m?.[2]?.toLowerCase() ?? 'ms');
  if (!m || factor === undefined) {
    throw new ValidationError(
      `${what}: cannot read '${value}' as a duration; write milliseconds (5000) or a number with a unit: ms, s, m, h, d, w ('30s', '5 minutes', '1 day')`,
    );
  }
  return Math.round(Number(m[1]) * factor);
}

/**
 * Converts a {@link Duration} into the whole-seconds string SWF expects for timeouts, rounding up
 * (SWF cannot express less than a second). `'NONE'` and `null` pass through as `'NONE'`
 * (no timeout); `undefined` stays `undefined` (use the registered default).
 */
export function toSwfTimeout(value: Duration | 'NONE' | null | undefined, what = 'timeout'): string | undefined {
  if (value === undefined) return undefined;
  if (value === null || value === 'NONE') return 'NONE';
  return toSwfSeconds(parseDuration(value, what), what);
}

/**
 * {@link toSwfTimeout} for a new run's execution or decision task timeout, which cannot be 0
 * seconds: a run of 0 seconds times out as it starts, and a decision task timeout of 0 times out
 * every decision task as it starts (and it is scheduled again, until the history's event limit).
 * The local service refuses both; so does Cadence.
 * @throws ValidationError for 0 seconds (`0`, `'0s'`), naming `what`, and as {@link toSwfTimeout}.
 * @example
 * ```ts
 * toRunTimeout('10m', 'taskStartToCloseTimeout'); // '600'
 * ```
 */
export function toRunTimeout(value: Duration | 'NONE' | null | undefined, what = 'timeout'): string | undefined {
  return nonZero(
    toSwfTimeout(value, what),
    `${what} is 0 seconds; a new run's timeouts need at least 1 second (at 0 the run, or each of its decision tasks, would time out as it starts)`,
  );
}

/**
 * {@link toSwfTimeout} for an activity task's timeout, which cannot be 0 seconds: every attempt
 * would time out as it is scheduled or starts (a retry policy then retries it until it gives up,
 * or for ever). No limit is `'NONE'` (or `null`), not 0.
 * @throws ValidationError for 0 seconds, naming `what`, and as {@link toSwfTimeout}.
 * @example
 * ```ts
 * toActivityTimeout('30s', 'heartbeatTimeout'); // '30'
 * ```
 */
export function toActivityTimeout(value: Duration | 'NONE' | null | undefined, what = 'timeout'): string | undefined {
  return nonZero(
    toSwfTimeout(value, what),
    `${what} is 0 seconds; an activity task's timeouts need at least 1 second, and no limit is 'NONE' (or null), not 0 (at 0 every attempt would time out at once)`,
  );
}

function nonZero(seconds: string | undefined, refusal: string): string | undefined {
  if (seconds === '0') throw new ValidationError(refusal);
  return seconds;
}

/**
 * Milliseconds as SWF's whole-seconds string, rounded up (SWF cannot express less than a second).
 * @throws ValidationError when it is longer than SWF accepts ({@link MAX_TIMEOUT_SECONDS}: 8 digits).
 */
export function toSwfSeconds(ms: number, what = 'timeout'): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds > MAX_TIMEOUT_SECONDS) {
    throw new ValidationError(
      `${what} is ${seconds} seconds; SWF accepts at most ${MAX_TIMEOUT_SECONDS} seconds (8 digits, about 3.17 years)`,
    );
  }
  return String(seconds);
}

/** Reads an SWF timeout string (`'300'` or `'NONE'`) as milliseconds; `undefined` for `NONE`/absent. */
export function fromSwfTimeout(value: string | undefined | null): number | undefined {
  if (value === undefined || value === null || value === 'NONE' || value === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n * 1000 : undefined;
}
