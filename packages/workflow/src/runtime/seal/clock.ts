/**
 * Time in workflow code: `Date` (now, the constructor, parsing, and every local-time method, which
 * work in UTC), `performance.now()` / `performance.timeOrigin`, `process.hrtime()` and
 * `process.uptime()`. All give the replayed time of the decision task; none depends on the host's
 * clock or time zone.
 */
import { storage } from '../storage.js';
import type { WorkflowRuntime } from '../runtime.js';
import { proxyConstructor, replaceValue } from './violation.js';

const globals = globalThis as unknown as Record<string, unknown>;
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A date string with an explicit zone (`Z`, `+01:00`, `GMT`, `UTC`, `EST`, ...) or an ISO date
 * without a time (which ECMAScript reads as UTC): its meaning does not depend on the host.
 */
const ZONED = /(?:Z|[+-]\d{2}:?\d{2}|\b(?:GMT|UTC|UT|[ECMP][SD]T)(?:[+-]\d{1,4})?)\s*(?:\([^)]*\))?\s*$/i;
const ISO_DATE_ONLY = /^\s*[+-]?\d{4,6}(?:-\d{2}(?:-\d{2})?)?\s*$/;
/** An ISO date-time without a zone (`2024-03-10T02:30:00`), which takes a `Z` but not ` GMT`. */
const ISO_DATE_TIME = /^[+-]?\d{4,6}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/i;

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Clock reads that returned the same frozen value in one activation before the loop is called a busy wait. */
export const FROZEN_CLOCK_LIMIT = 1_000_000;

/**
 * `Date.now()` and `performance.now()` are frozen within a decision task: code that waits for them to
 * advance would spin forever. Each read counts; past {@link FROZEN_CLOCK_LIMIT} reads in one
 * activation the runtime reports a busy wait (see `WorkflowRuntime.clockRead`).
 */
function read(rt: WorkflowRuntime): number {
  rt.clockRead();
  return rt.clock.now;
}

/** Installs the clock patches. */
export function patchClock(): void {
  const RealDate = Date;
  const realNow = RealDate.now.bind(RealDate);
  const realParse = RealDate.parse.bind(RealDate);
  const proto = RealDate.prototype;
  const realOffset = proto.getTimezoneOffset;
  const realSetFullYear = proto.setFullYear;
  const realSetHours = proto.setHours;

  /** The time the host gives the wall-clock fields that `utc`'s UTC fields show (the host's local time). */
  const hostReading = (utc: number): number => {
    const d = new RealDate(0);
    const f = new RealDate(utc);
    realSetFullYear.call(d, f.getUTCFullYear(), f.getUTCMonth(), f.getUTCDate());
    return realSetHours.call(d, f.getUTCHours(), f.getUTCMinutes(), f.getUTCSeconds(), f.getUTCMilliseconds());
  };

  /**
   * Date.parse in UTC: a string without a zone is read as UTC, not as the host's local time. The
   * string is read again with a zone appended (`Z` after an ISO date-time, ` GMT` after the other
   * forms), which is exact also for a time the host's clocks skip (02:30 on the day daylight saving
   * time starts); it is kept if the host reads the same wall-clock fields as it read the string.
   * Else the host's offset at that time is taken out (exact except in such a gap).
   */
  const parseUtc = (s: string): number => {
    const t = realParse(s);
    if (Number.isNaN(t) || ZONED.test(s) || ISO_DATE_ONLY.test(s)) return t;
    const trimmed = s.trim();
    const u = realParse(ISO_DATE_TIME.test(trimmed) ? `${trimmed}Z` : `${trimmed} GMT`);
    if (!Number.isNaN(u) && hostReading(u) === t) return u;
    return t - realOffset.call(new RealDate(t)) * 60_000;
  };
  const utcString = (d: Date): string => {
    const t = d.getTime();
    if (Number.isNaN(t)) return 'Invalid Date';
    return `${utcDateString(d)} ${utcTimeString(d)}`;
  };
  const utcDateString = (d: Date): string =>
    Number.isNaN(d.getTime())
      ? 'Invalid Date'
      : `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCFullYear(), 4)}`;
  const utcTimeString = (d: Date): string =>
    Number.isNaN(d.getTime())
      ? 'Invalid Date'
      : `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} GMT+0000 (Coordinated Universal Time)`;

  RealDate.now = function now(): number {
    const rt = storage.getStore()?.runtime;
    return rt ? read(rt) : realNow();
  };
  RealDate.parse = function parse(s: string): number {
    return storage.getStore() ? parseUtc(String(s)) : realParse(s);
  };
  const DateProxy = proxyConstructor(
    RealDate,
    (args, newTarget, rt) => {
      let real: unknown[] = args;
      if (args.length === 0) real = [read(rt)];
      else if (args.length === 1 && typeof args[0] === 'string') real = [parseUtc(args[0])];
      else if (args.length > 1) real = [RealDate.UTC(...(args.map(Number) as [number, number]))];
      return Reflect.construct(RealDate, real, newTarget) as object;
    },
    (_args, rt) => utcString(new RealDate(read(rt))),
  );
  globals.Date = DateProxy;

  // Local-time methods work in UTC inside workflow code.
  const local = (name: string, utc: (d: Date, args: unknown[]) => unknown): void => {
    const real = (proto as unknown as Record<string, (...a: unknown[]) => unknown>)[name];
    if (typeof real !== 'function') return;
    replaceValue(
      proto,
      name,
      {
        [name](this: Date, ...args: unknown[]): unknown {
          return storage.getStore() ? utc(this, args) : real.apply(this, args);
        },
      }[name],
    );
  };
  const utcMethod = (name: string): ((d: Date, args: unknown[]) => unknown) => {
    const fn = (proto as unknown as Record<string, (...a: unknown[]) => unknown>)[name] as (...a: unknown[]) => unknown;
    return (d, args) => fn.apply(d, args);
  };
  for (const part of ['FullYear', 'Month', 'Date', 'Day', 'Hours', 'Minutes', 'Seconds', 'Milliseconds']) {
    local(`get${part}`, utcMethod(`getUTC${part}`));
    if (part !== 'Day') local(`set${part}`, utcMethod(`setUTC${part}`));
  }
  local('getYear', (d) => d.getUTCFullYear() - 1900);
  // Annex B's setYear: a two-digit year means 19xx; the rest of the date is kept, in UTC here.
  local('setYear', (d, [year]) => {
    const t = d.getTime();
    const y = Number(year);
    if (Number.isNaN(y)) return d.setTime(NaN);
    const yi = Math.trunc(y);
    if (Number.isNaN(t)) d.setTime(0);
    return d.setUTCFullYear(yi >= 0 && yi <= 99 ? 1900 + yi : y);
  });
  local('getTimezoneOffset', (d) => (Number.isNaN(d.getTime()) ? NaN : 0));
  local('toString', (d) => utcString(d));
  local('toDateString', (d) => utcDateString(d));
  local('toTimeString', (d) => utcTimeString(d));

  patchPerformance();
  patchProcessClock();
}

function patchPerformance(): void {
  const perf = globals.performance as { now?: () => number; timeOrigin?: number } | undefined;
  if (!perf || typeof perf.now !== 'function') return;
  const realNow = perf.now.bind(perf);
  replaceValue(perf, 'now', function now(): number {
    const rt = storage.getStore()?.runtime;
    if (!rt) return realNow();
    read(rt);
    return rt.clock.performanceNow();
  });
  const timeOrigin = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(perf) as object, 'timeOrigin')?.get;
  if (timeOrigin) {
    Object.defineProperty(perf, 'timeOrigin', {
      configurable: true,
      enumerable: true,
      get(): number {
        const rt = storage.getStore()?.runtime;
        return rt ? (rt.clock.origin ?? rt.clock.now) : (timeOrigin.call(perf) as number);
      },
    });
  }
}

/** `process.hrtime()`, `process.hrtime.bigint()` and `process.uptime()` count like `performance.now()`. */
function patchProcessClock(): void {
  const proc = globals.process as
    | { hrtime?: ((prev?: [number, number]) => [number, number]) & { bigint?: () => bigint }; uptime?: () => number }
    | undefined;
  if (!proc) return;
  const realHrtime = proc.hrtime;
  if (typeof realHrtime === 'function') {
    const realBigint = realHrtime.bigint;
    const hrtime = function hrtime(prev?: [number, number]): [number, number] {
      const rt = storage.getStore()?.runtime;
      if (!rt) return realHrtime(prev);
      read(rt);
      let ns = Math.round(rt.clock.performanceNow() * 1e6);
      if (prev) ns -= prev[0] * 1e9 + prev[1];
      return [Math.floor(ns / 1e9), ns % 1e9];
    };
    hrtime.bigint = function bigint(): bigint {
      const rt = storage.getStore()?.runtime;
      if (!rt) return (realBigint as () => bigint)();
      read(rt);
      return BigInt(Math.round(rt.clock.performanceNow() * 1e6));
    };
    replaceValue(proc, 'hrtime', hrtime);
  }
  const realUptime = proc.uptime;
  if (typeof realUptime === 'function') {
    replaceValue(proc, 'uptime', function uptime(): number {
      const rt = storage.getStore()?.runtime;
      if (!rt) return realUptime.call(proc);
      read(rt);
      return rt.clock.performanceNow() / 1000;
    });
  }
}
