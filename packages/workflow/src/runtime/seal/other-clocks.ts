/**
 * Clocks that reach workflow code by ways other than `Date.now()` and `performance.now()`: a
 * performance mark's time and a measure's end (the User Timing API reads Node's clock itself, not
 * `performance.now()`), an `Event`'s `timeStamp` (also an `AbortSignal`'s abort event), and
 * `Atomics.waitAsync`, whose timeout settles its promise after the decision task was answered.
 * In workflow code the first two give the replayed `performance.now()`, the last is refused.
 */
import { storage } from '../storage.js';
import type { WorkflowRuntime } from '../runtime.js';
import { forbidMethod, replaceValue } from './violation.js';

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

/** Installs the patches. */
export function patchOtherClocks(): void {
  patchUserTiming();
  patchEventTimeStamp();
  forbidMethod(
    Atomics,
    'waitAsync',
    'Atomics.waitAsync()',
    'its timeout settles after the decision task was answered; wait with condition() or sleep()',
  );
}
