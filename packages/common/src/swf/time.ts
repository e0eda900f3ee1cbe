/**
 * SWF timestamps, read once: an event's `eventTimestamp` may arrive as a `Date` (the SDK), epoch
 * seconds (the AWS CLI, the wire), epoch milliseconds (some tools) or an ISO-8601 string; numeric
 * strings are read as the number they spell. Both `normalizeHistory` and the replayer read them here.
 */
import { InvalidHistoryError } from '../errors.js';
import { shownValue } from '../shown-value.js';

/**
 * The boundary between epoch seconds and epoch milliseconds: 10^11 seconds is the year 5138, and
 * 10^11 milliseconds is March 1973, before SWF existed (2012). A number at least this large can only
 * be milliseconds; a smaller one, seconds.
 */
const EPOCH_MS_FROM = 1e11;

/**
 * The `Date` constructor as this module found it: `@swf-flow/workflow` replaces the global with a
 * proxy for workflow code, and `instanceof` through a proxy is slow (this runs for every event).
 */
const RealDate = Date;

/**
 * A timestamp as epoch milliseconds: a `Date`, epoch seconds as the AWS CLI prints them
 * (`1700000000.123`), epoch milliseconds as some tools print them (`1700000000123`; told apart by
 * magnitude, see above), either as a numeric string (`'1700000000.123'` is seconds like the number),
 * or an ISO-8601 string (one without a zone is UTC, so a history replays to the same times on every
 * machine; {@link typedDateMillis}). `NaN` when unreadable (also for `''` and whitespace).
 *
 * @example
 * ```ts
 * epochMillis(1.492443961284e9); // 1492443961284
 * epochMillis('1492443961284'); // 1492443961284 (milliseconds by magnitude)
 * epochMillis('2017-04-17T15:46:01.284Z'); // 1492443961284
 * ```
 */
export function epochMillis(value: unknown): number {
  let n: number | undefined;
  if (typeof value === 'number') n = value;
  else if (value instanceof RealDate) return value.getTime();
  else if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) n = Number(value);
  if (n !== undefined) return Number.isFinite(n) ? (Math.abs(n) >= EPOCH_MS_FROM ? n : n * 1000) : Number.NaN;
  if (typeof value !== 'string') return Number.NaN;
  const typed = typedDateMillis(value); // ISO 8601; without a zone, UTC (not this machine's time zone)
  if (!Number.isNaN(typed)) return typed;
  // Another form `Date` reads (`Mon, 17 Apr 2017 15:46:01 GMT`, Java's `Date#toString`): one that
  // names no zone is read as UTC too, as `Date` alone would read it in this machine's zone, and
  // a history would replay to other times on another machine.
  return NAMES_ZONE.test(value) ? Date.parse(value) : Date.parse(`${value} GMT`);
}

/** A zone a date string names: `GMT`, `UTC`, `Z`, a US zone abbreviation `Date` knows, or an offset after the time (`15:46:01 +0200`). */
const NAMES_ZONE = /\b(?:GMT|UTC|UT|Z|[ECMP][SD]T)\b|\d\d:\d\d(?::\d\d(?:\.\d+)?)?\s*[+-]\d\d:?\d\d\b/i;

/**
 * An event's timestamp as epoch milliseconds ({@link epochMillis}), or an {@link InvalidHistoryError}
 * naming the event (`where`) when it is unreadable.
 *
 * @param value - the event's `eventTimestamp`.
 * @param where - names the event in the message, e.g. `'event 7 (TimerFired)'`.
 */
export function eventTimestampMillis(value: unknown, where: string): number {
  const ms = epochMillis(value);
  if (!Number.isNaN(ms)) return ms;
  throw new InvalidHistoryError(
    `${where}: eventTimestamp ${shownValue(value)} is not a Date, epoch seconds, epoch milliseconds or an ISO-8601 string`,
  );
}

/** `YYYY-MM-DD`, optionally `T` or a space and `HH:MM[:SS[.fff]]`, optionally a zone. */
const TYPED_DATE = /^\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d{1,9})?)?)?(Z|[+-]\d\d:?\d\d)?$/i;

/**
 * A date and time a person typed (a CLI flag, the web UI's filter), as epoch milliseconds:
 * `2026-01-31`, `2026-01-31T12:00`, `2026-01-31 12:00:30.5` are **UTC**, as every time swf-flow
 * prints is; a trailing `Z` or `+01:00` / `-0500` keeps its zone. `NaN` for anything else (also a day the month does not have). (The
 * `Date` parser reads a date-time without a zone as the machine's local time, so the same text
 * would mean another instant on another machine.)
 *
 * @example
 * ```ts
 * typedDateMillis('2026-01-31T12:00'); // 1769860800000, whatever the machine's time zone
 * typedDateMillis('2026-01-31T13:00+01:00'); // 1769860800000
 * ```
 */
export function typedDateMillis(text: string): number {
  const match = TYPED_DATE.exec(text.trim());
  if (!match) return Number.NaN;
  const [year, month, day] = text.trim().slice(0, 10).split('-').map(Number) as [number, number, number];
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return Number.NaN; // 2026-02-30
  const iso = text.trim().replace(' ', 'T');
  return Date.parse(match[1] === undefined ? `${iso}Z` : iso);
}
