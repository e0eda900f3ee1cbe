/** `sideEffect(fn)` and `uuid4()`: non-deterministic values, recorded or derived deterministically. */
import { ValidationError } from '@swf-flow/common';
import { recordMarker } from '../runtime/commands.js';
import { uuidFrom } from '../runtime/determinism.js';
import { SIDE_EFFECT_MARKER } from '../runtime/markers.js';
import { currentStore, storage } from '../runtime/storage.js';

/**
 * Runs `fn` once, outside the deterministic sandbox (real time and randomness), records its value
 * in a `SwfFlowSideEffect` marker, and on replay returns the recorded value without running `fn`.
 * `fn` must be synchronous and quick; do I/O in an activity.
 *
 * @example
 * ```ts
 * const token = await sideEffect(() => crypto.randomUUID());
 * ```
 */
export function sideEffect<T>(fn: () => T): Promise<T> {
  const rt = currentStore('sideEffect()').runtime;
  if (typeof fn !== 'function') throw new ValidationError('sideEffect(fn): fn must be a function');
  const recorded = rt.recordedMarkers[rt.markerSeq];
  let value: T;
  const a = recorded?.markerRecordedEventAttributes;
  if (a && a.markerName === SIDE_EFFECT_MARKER) {
    value = rt.converter.fromPayload(a.details) as T;
  } else {
    value = storage.exit(fn);
    if (value !== null && typeof value === 'object' && typeof (value as { then?: unknown }).then === 'function') {
      throw new ValidationError('sideEffect(fn): fn returned a Promise; it must be synchronous (do asynchronous work in an activity)');
    }
  }
  const payload = rt.converter.toPayload(value);
  recordMarker(rt, SIDE_EFFECT_MARKER, payload);
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
