/**
 * A request body writer compiled once per input shape. It produces the same JSON text as the AWS
 * SDK's schema serializer (`JsonShapeSerializer2` of AWS JSON 1.0) for the values that serializer
 * writes plainly: members in the model's order, absent and `null` members left out, strings as
 * `JSON.stringify` writes them (the SDK escapes exactly the same characters), finite numbers,
 * booleans, `Date`s as epoch seconds, lists without holes. For anything else — a value of another
 * type than its member's, `NaN` or `Infinity`, a `__type` key, `null` in a list — it answers
 * `undefined` and the caller lets the SDK serialize the whole request.
 */
import type { KnownShape } from './sdk-schema.js';

/** Writes a value as JSON text, or `undefined` when the SDK must write it. */
export type JsonWriter = (value: unknown) => string | undefined;

/** Compiles the writer of `shape`; `memo` shares the writers of shapes met before. */
export function compileWriter(shape: KnownShape, memo: Map<unknown, JsonWriter> = new Map()): JsonWriter {
  switch (shape.kind) {
    case 'string':
      return (v) => (typeof v === 'string' ? JSON.stringify(v) : undefined);
    case 'number':
      return (v) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined);
    case 'boolean':
      return (v) => (v === true ? 'true' : v === false ? 'false' : undefined);
    case 'timestamp':
      return (v) => (v instanceof Date && !Number.isNaN(v.getTime()) ? String(v.getTime() / 1000) : undefined);
    case 'stringList':
      return (v) => (Array.isArray(v) && v.every((s) => typeof s === 'string') ? JSON.stringify(v) : undefined);
    case 'list':
      return listWriter(shape, memo);
    case 'struct':
      return structWriter(shape, memo);
  }
}

function listWriter(shape: Extract<KnownShape, { kind: 'list' }>, memo: Map<unknown, JsonWriter>): JsonWriter {
  const known = memo.get(shape.raw);
  if (known) return known;
  let item: JsonWriter | undefined;
  const write: JsonWriter = (v) => {
    if (!Array.isArray(v)) return undefined;
    item ??= compileWriter(shape.member, memo);
    let out = '[';
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      if (x === null || x === undefined) return undefined; // the SDK drops holes: leave it to the SDK
      const text = item(x);
      if (text === undefined) return undefined;
      out += i === 0 ? text : ',' + text;
    }
    return out + ']';
  };
  memo.set(shape.raw, write);
  return write;
}

function structWriter(shape: Extract<KnownShape, { kind: 'struct' }>, memo: Map<unknown, JsonWriter>): JsonWriter {
  const known = memo.get(shape.raw);
  if (known) return known;
  const keys = shape.names.map((n) => JSON.stringify(n) + ':');
  let members: JsonWriter[] | undefined;
  const write: JsonWriter = (v) => {
    if (typeof v !== 'object' || v === null) return undefined;
    const record = v as Record<string, unknown>;
    if (typeof record.__type === 'string') return undefined; // the SDK copies such objects' other keys
    members ??= shape.members.map((m) => compileWriter(m, memo));
    let out = '{';
    let first = true;
    for (let i = 0; i < members.length; i++) {
      const x = record[shape.names[i] as string];
      if (x === null || x === undefined) continue;
      const text = (members[i] as JsonWriter)(x);
      if (text === undefined) return undefined;
      out += first ? (keys[i] as string) + text : ',' + (keys[i] as string) + text;
      first = false;
    }
    return out + '}';
  };
  memo.set(shape.raw, write);
  return write;
}
