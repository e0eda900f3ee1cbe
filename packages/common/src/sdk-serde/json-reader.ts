/**
 * A response reader compiled once per output shape. Over a parsed JSON body it gives what the AWS
 * SDK's schema deserializer (`JsonShapeDeserializer2` of AWS JSON 1.0) gives: structures rebuilt
 * with the model's members in the model's order (absent and `null` members left out, unknown keys
 * dropped), epoch-second timestamps as `Date`s (`Math.round(seconds * 1000)`), lists converted in
 * place, strings, booleans and numbers as they are. Any value not of its member's usual JSON type
 * (a number sent as a string, a structure that carries `__type`, an array where an object belongs)
 * is handed to the SDK's own reader for that value (`fallback`), so the output is the SDK's for
 * every body it accepts.
 */
import type { KnownShape } from './sdk-schema.js';

/** Reads one parsed JSON value of a shape. */
export type JsonReader = (value: unknown) => unknown;

/** The SDK's reader of one value of a raw schema (`protocol.deserializer.readObject`). */
export type FallbackReader = (rawSchema: unknown, value: unknown) => unknown;

const identity: JsonReader = (v) => v;

/** Compiles the reader of `shape`; `memo` shares the readers of shapes met before. */
export function compileReader(
  shape: KnownShape,
  fallback: FallbackReader,
  memo: Map<unknown, JsonReader> = new Map(),
): JsonReader {
  switch (shape.kind) {
    case 'string':
    case 'boolean':
    case 'stringList':
      return identity; // the SDK returns these as parsed, whatever their type
    case 'number':
      return (v) => (typeof v === 'string' ? fallback(1, v) : v); // "NaN", "Infinity"
    case 'timestamp':
      return (v) => (typeof v === 'number' && Number.isFinite(v) ? new Date(Math.round(v * 1000)) : fallback(4, v));
    case 'list':
      return listReader(shape, fallback, memo);
    case 'struct':
      return structReader(shape, fallback, memo);
  }
}

function listReader(
  shape: Extract<KnownShape, { kind: 'list' }>,
  fallback: FallbackReader,
  memo: Map<unknown, JsonReader>,
): JsonReader {
  const known = memo.get(shape.raw);
  if (known) return known;
  let item: JsonReader | undefined;
  const read: JsonReader = (v) => {
    if (!Array.isArray(v)) return fallback(shape.raw, v);
    item ??= compileReader(shape.member, fallback, memo);
    if (item === identity) return v;
    for (let i = 0; i < v.length; i++) v[i] = item(v[i]);
    return v;
  };
  memo.set(shape.raw, read);
  return read;
}

/**
 * Members past which a structure is read by the keys its value has rather than member by member:
 * a history event's structure has 56 members (one attributes member per event type) and an event
 * 4–5 keys, so looking every member up cost ~50 misses per event.
 */
const WIDE = 12;

function structReader(
  shape: Extract<KnownShape, { kind: 'struct' }>,
  fallback: FallbackReader,
  memo: Map<unknown, JsonReader>,
): JsonReader {
  const known = memo.get(shape.raw);
  if (known) return known;
  const { names } = shape;
  let members: JsonReader[] | undefined;
  const slots = names.length > WIDE ? new Map(names.map((name, i) => [name, i])) : undefined;
  const read: JsonReader = (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return fallback(shape.raw, v);
    const record = v as Record<string, unknown>;
    if (typeof record.__type === 'string') return fallback(shape.raw, v);
    members ??= shape.members.map((m) => compileReader(m, fallback, memo));
    if (slots) return readWide(record, names, slots, members);
    const out: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) {
      const name = names[i] as string;
      const x = record[name];
      if (x !== null && x !== undefined) out[name] = (members[i] as JsonReader)(x);
    }
    return out;
  };
  memo.set(shape.raw, read);
  return read;
}

/**
 * A wide structure read by the parsed object's own keys: the same members, read and set in the
 * model's order, as the loop over every member gives (a parsed JSON object has no keys but its own,
 * and no member is named like one of `Object.prototype`'s).
 */
function readWide(
  record: Record<string, unknown>,
  names: readonly string[],
  slots: ReadonlyMap<string, number>,
  members: readonly JsonReader[],
): Record<string, unknown> {
  const present: number[] = [];
  for (const key of Object.keys(record)) {
    const i = slots.get(key);
    if (i === undefined) continue;
    const x = record[key];
    if (x === null || x === undefined) continue;
    // Kept in the model's order as they come (insertion: an event has 4-5 keys, often out of the
    // model's order; `Array#sort` would allocate for each).
    let at = present.length;
    while (at > 0 && (present[at - 1] as number) > i) {
      present[at] = present[at - 1] as number;
      at--;
    }
    present[at] = i;
  }
  const out: Record<string, unknown> = {};
  for (const i of present) {
    const name = names[i] as string;
    out[name] = (members[i] as JsonReader)(record[name]);
  }
  return out;
}
