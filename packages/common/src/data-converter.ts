import { ValidationError } from './errors.js';
import { shownValue } from './shown-value.js';

/**
 * Turns values into the strings SWF stores (`input`, `result`, `details`, `control`, markers) and
 * back. Pluggable: pass your own to workers, clients and `replayHistory`.
 */
export interface DataConverter {
  /** Serializes a value; `undefined` means "no payload". */
  toPayload(value: unknown): string | undefined;
  /** Deserializes a payload; an absent payload gives `undefined`. */
  fromPayload(payload: string | undefined | null): unknown;
}

/**
 * The default converter: JSON. A payload that is not valid JSON (for example `--input World` from
 * the AWS CLI, or an activity result `Hello, World` written by another framework) reaches the code
 * as that string, unchanged. A value JSON cannot write (a cycle, a BigInt) or has no form for (a
 * function, a symbol) is refused with a `ValidationError`, never sent as "no payload".
 */
export const jsonDataConverter: DataConverter = {
  toPayload(value: unknown): string | undefined {
    if (value === undefined) return undefined;
    let json: string | undefined;
    try {
      json = JSON.stringify(value) as string | undefined;
    } catch (err) {
      throw new ValidationError(
        `value cannot be serialized as JSON (${(err as Error).message}); pass plain data or configure a dataConverter`,
        { cause: err },
      );
    }
    // JSON has no form for a function, a symbol or a toJSON that gives undefined: sending "no
    // payload" would turn the value into undefined on the other side
    if (json === undefined)
      throw new ValidationError(
        `${shownValue(value)} cannot be serialized as JSON (JSON has no form for it); pass plain data or configure a dataConverter`,
      );
    return json;
  },
  fromPayload(payload: string | undefined | null): unknown {
    if (payload === undefined || payload === null) return undefined;
    try {
      return JSON.parse(payload) as unknown;
    } catch {
      return payload;
    }
  },
};

/** Serializes the arguments of a call (activity, workflow, child, signal): a JSON array by default. */
export function encodeArgs(converter: DataConverter, args: readonly unknown[]): string | undefined {
  return converter.toPayload(args);
}

/**
 * Deserializes the arguments of a call. An array payload gives its elements; an absent payload no
 * arguments; any other value (a plain string from the AWS CLI, an object written by another
 * framework) is the single argument.
 */
export function decodeArgs(converter: DataConverter, payload: string | undefined | null): unknown[] {
  if (payload === undefined || payload === null || payload === '') return [];
  const value = converter.fromPayload(payload);
  return Array.isArray(value) ? value : [value];
}
