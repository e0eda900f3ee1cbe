/** `sideEffect(fn)` and `uuid4()`: non-deterministic values, recorded or derived deterministically. */
import { ApplicationFailure, ValidationError } from '@swf-flow/common';
import { failRun } from '../runtime/closing.js';
import { recordMarker } from '../runtime/marker-command.js';
import { uuidFrom } from '../runtime/determinism.js';
import { SIDE_EFFECT_MARKER } from '../runtime/markers.js';
import { currentStore, storage } from '../runtime/storage.js';

/**
 * Runs `fn` once, outside the deterministic sandbox (real time and randomness), records its value
 * in a `SwfFlowSideEffect` marker, and on replay returns the recorded value without running `fn`.
 * `fn` must be synchronous and quick; do I/O in an activity.
 *
 * If SWF refuses the marker (`RecordMarkerFailed`, e.g. `OPERATION_NOT_PERMITTED`), the value was
 * never recorded, so no later replay can know what the code used, and going on would let a cached
 * decider and a replaying one disagree. The run therefore fails, at the `RecordMarkerFailed`
 * event (the next decision task), with an `ApplicationFailure` whose `type` is SWF's cause. A
 * replay of such a history runs `fn` again only so that the code reaches that same point (the
 * decisions of that task are matched by kind, as always); the value it gets is not recorded and
 * the run fails there just as the original did.
 *
 * @example
 * ```ts
 * const token = await sideEffect(() => crypto.randomUUID());
 * ```
 */
export function sideEffect<T>(fn: () => T): Promise<T> {
  const rt = currentStore('sideEffect()').runtime;
  if (typeof fn !== 'function') throw new ValidationError('sideEffect(fn): fn must be a function');
  const recorded = rt.markers.nextRecorded();
  let value: T;
  const a = recorded?.markerRecordedEventAttributes;
  if (a && a.markerName === SIDE_EFFECT_MARKER) {
    value = rt.converter.fromPayload(a.details) as T;
  } else {
    // A new side effect, or one whose marker SWF refused: the run fails at that refusal (see above).
    // The second pass that locates a NonDeterminismError gets the first pass's value: fn runs once.
    const reused = rt.markers.nextReused();
    value = reused ? (reused.value as T) : storage.exit(fn);
    rt.markers.noteRan(value);
    // Only the newest task's values reach the decisions returned; a replayed task that runs fn
    // again (its marker was refused) fails the run at that refusal whatever fn returns.
    if (!rt.replaying) rt.markers.countFresh();
    if (value !== null && typeof value === 'object' && typeof (value as { then?: unknown }).then === 'function') {
      throw new ValidationError(
        'sideEffect(fn): fn returned a Promise; it must be synchronous (do asynchronous work in an activity)',
      );
    }
  }
  const payload = rt.converter.toPayload(value);
  recordMarker(rt, SIDE_EFFECT_MARKER, payload, {
    failed: (e) => {
      const cause = String(e.recordMarkerFailedEventAttributes?.cause ?? 'UNKNOWN');
      const message = `SWF refused the ${SIDE_EFFECT_MARKER} marker of sideEffect() (RecordMarkerFailed, event ${String(e.eventId)}, cause ${cause}): its value was never recorded, so the run cannot be replayed past it`;
      failRun(rt, new ApplicationFailure(message, { type: cause, nonRetryable: true }));
    },
  });
  // What a replay sees: the value after a round trip through the data converter.
  return Promise.resolve(rt.converter.fromPayload(payload) as T);
}

/**
 * A random (version 4) UUID from the run's seeded PRNG: the same on every replay of the run.
 *
 * @example
 * ```ts
 * const requestId = uuid4();
 * ```
 */
export function uuid4(): string {
  return uuidFrom(currentStore('uuid4()').runtime.random);
}
