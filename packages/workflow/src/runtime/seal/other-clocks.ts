/**
 * Clocks that reach workflow code by ways other than `Date.now()` and `performance.now()`: a
 * performance mark's time and a measure's end (the User Timing API reads Node's clock itself, not
 * `performance.now()`), an `Event`'s `timeStamp` (also an `AbortSignal`'s abort event), and
 * `Atomics.waitAsync`, whose timeout settles its promise after the decision task was answered,
 * the other members of `performance` (`eventLoopUtilization()`, `nodeTiming`, ...), and a
 * `perf_hooks` histogram's `recordDelta()`. In workflow code the first two give the replayed
 * `performance.now()`, the others are refused.
 */
import { storage } from '../storage.js';
import type { WorkflowRuntime } from '../runtime.js';
import { builtinLoader } from './forbidden.js';
import { forbidMethod, replaceValue, violation } from './violation.js';

const globals = globalThis as unknown as Record<string, unknown>;

/** The replayed `performance.now()` of the running workflow code (a clock read, as the patched one counts it). */
function replayedNow(rt: WorkflowRuntime): number {
  rt.clockRead();
  return rt.clock.performanceNow();
}

type MeasureOptions = { start?: unknown; end?: unknown; duration?: unknown; detail?: unknown };

/** `performance.mark()` and `performance.measure()` take the replayed time where they would read the clock. */
function patchUserTiming(): void {
  const perf = globals.performance as
    | {
        mark?: (name: string, options?: { startTime?: number; detail?: unknown }) => unknown;
        measure?: (name: string, start?: string | MeasureOptions, end?: string) => unknown;
      }
    | undefined;
  const mark = perf?.mark;
  if (perf && typeof mark === 'function') {
    replaceValue(perf, 'mark', function (name: string, options?: { startTime?: number; detail?: unknown }): unknown {
      const rt = storage.getStore()?.runtime;
      if (!rt || options?.startTime !== undefined) return mark.call(perf, name, options);
      return mark.call(perf, name, { ...options, startTime: replayedNow(rt) });
    });
  }
  const measure = perf?.measure;
  if (perf && typeof measure === 'function') {
    replaceValue(perf, 'measure', function (name: string, start?: string | MeasureOptions, end?: string): unknown {
      const rt = storage.getStore()?.runtime;
      if (!rt) return measure.call(perf, name, start, end);
      if (start !== null && typeof start === 'object') {
        // The end defaults to now unless a start and a duration fix it.
        const fixed = start.end !== undefined || (start.start !== undefined && start.duration !== undefined);
        return measure.call(perf, name, fixed ? start : { ...start, end: replayedNow(rt) });
      }
      if (end !== undefined) return measure.call(perf, name, start, end);
      return measure.call(perf, name, { ...(start === undefined ? {} : { start }), end: replayedNow(rt) });
    });
  }
}

/** `Event#timeStamp` read in workflow code is the replayed `performance.now()` (Node stamps events with its own clock). */
function patchEventTimeStamp(): void {
  const EventClass = globals.Event as { prototype: object } | undefined;
  if (!EventClass) return;
  const descriptor = Object.getOwnPropertyDescriptor(EventClass.prototype, 'timeStamp');
  const get = descriptor?.get;
  if (!descriptor?.configurable || !get) return;
  Object.defineProperty(EventClass.prototype, 'timeStamp', {
    ...descriptor,
    get(this: object): number {
      const rt = storage.getStore()?.runtime;
      return rt ? replayedNow(rt) : (get.call(this) as number);
    },
  });
}

/**
 * The members of `performance` that workflow code may use: the replayed clock (`now`,
 * `timeOrigin`), the User Timing API (patched above), and what only reads or clears its buffers.
 */
const PERFORMANCE_ALLOWED = new Set<string | symbol>([
  'constructor',
  'now',
  'timeOrigin',
  'mark',
  'measure',
  'clearMarks',
  'clearMeasures',
  'clearResourceTimings',
  'getEntries',
  'getEntriesByName',
  'getEntriesByType',
  'setResourceTimingBufferSize',
  'markResourceTiming',
  'onresourcetimingbufferfull',
  Symbol.toStringTag,
]);

const PERFORMANCE_INSTEAD =
  "it reads the process's real clock; use performance.now() or Date.now() (the replayed time), or measure in an activity";

/**
 * Every other member of `performance` (`eventLoopUtilization()`, `nodeTiming`, `toJSON()`,
 * `timerify()`, and whatever a later Node adds) is refused in workflow code: each reads Node's own
 * clock, and no replayed value stands for it.
 */
function refuseOtherPerformance(): void {
  const perf = globals.performance as object | undefined;
  const proto = perf ? (Object.getPrototypeOf(perf) as object | null) : null;
  if (!proto) return;
  for (const key of Reflect.ownKeys(proto)) {
    if (PERFORMANCE_ALLOWED.has(key) || typeof key === 'symbol') continue;
    const d = Object.getOwnPropertyDescriptor(proto, key);
    if (!d?.configurable) continue;
    if (typeof d.value === 'function') {
      forbidMethod(proto, key, `performance.${key}()`, PERFORMANCE_INSTEAD);
      continue;
    }
    // An accessor, or an object of clock readings (`nodeTiming`): refused when read.
    const value: unknown = d.value;
    const get = d.get ?? (() => value);
    Object.defineProperty(proto, key, {
      configurable: true,
      enumerable: d.enumerable ?? false,
      get(this: unknown): unknown {
        if (storage.getStore()) throw violation(`performance.${key}`, PERFORMANCE_INSTEAD);
        return get.call(this);
      },
      ...(d.set ? { set: d.set } : {}),
    });
  }
}

/**
 * A `perf_hooks` histogram's `recordDelta()` records the real time since its last call (its
 * `record()`, of a value the code computed, is fine). The prototype is reached through a
 * histogram made here: `node:perf_hooks` exports no class.
 */
function refuseHistogramDelta(): void {
  const perfHooks = builtinLoader()?.('node:perf_hooks') as { createHistogram?: () => object } | undefined;
  if (typeof perfHooks?.createHistogram !== 'function') return;
  forbidMethod(
    Object.getPrototypeOf(perfHooks.createHistogram()) as object,
    'recordDelta',
    'recordDelta() of a perf_hooks histogram',
    'it records the real time since its last call; record() a duration of the replayed clock (Date.now()), or measure in an activity',
  );
}

/** Installs the patches. */
export function patchOtherClocks(): void {
  patchUserTiming();
  patchEventTimeStamp();
  refuseOtherPerformance();
  refuseHistogramDelta();
  forbidMethod(
    Atomics,
    'waitAsync',
    'Atomics.waitAsync()',
    'its timeout settles after the decision task was answered; wait with condition() or sleep()',
  );
}
