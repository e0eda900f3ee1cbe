/**
 * The few forms of the AWS SDK's static schemas (`@aws-sdk/client-swf/dist-*\/schemas`) that the SWF
 * model uses, recognized without loading any SDK code. A schema is a number for a simple shape or an
 * array for a structure or list, and members may be lazy (`() => Shape$`). Anything else — traits on
 * a shape, maps, blobs, documents, big numbers, a timestamp format, an encoding a later SDK
 * introduces — is not recognized, and the caller leaves that operation to the SDK's own serde.
 */

/** A shape as the fast (de)serializers know it. */
export type KnownShape =
  | { kind: 'string' }
  | { kind: 'number' }
  | { kind: 'boolean' }
  | { kind: 'timestamp' }
  | { kind: 'stringList' }
  | { kind: 'struct'; raw: unknown; names: readonly string[]; members: readonly KnownShape[] }
  | { kind: 'list'; raw: unknown; member: KnownShape };

/** The SDK's codes for the simple shapes SWF uses (smithy's `SCHEMA` table). */
const STRING = 0;
const NUMERIC = 1;
const BOOLEAN = 2;
const TIMESTAMP_DEFAULT = 4;
const LIST_OF_STRING = 64; // LIST_MODIFIER | STRING
/** Array schemas: `[3, namespace, name, traits, memberNames, memberSchemas, ...]`, `[1, ns, name, traits, member]`. */
const STRUCT = 3;
const LIST = 1;

/** A lazy reference resolved: the SDK writes `() => Shape$` where shapes refer to each other. */
export function deref(ref: unknown): unknown {
  return typeof ref === 'function' ? (ref as () => unknown)() : ref;
}

/**
 * The shape of `ref`, or `undefined` when it or any shape inside it is not one of the known forms
 * (a shape that contains itself counts as unknown: SWF has none). `memo` makes each shape examined
 * once.
 */
export function knownShape(ref: unknown, memo: Map<unknown, KnownShape | null> = new Map()): KnownShape | undefined {
  const raw = deref(ref);
  switch (raw) {
    case STRING:
      return { kind: 'string' };
    case NUMERIC:
      return { kind: 'number' };
    case BOOLEAN:
      return { kind: 'boolean' };
    case TIMESTAMP_DEFAULT:
      return { kind: 'timestamp' };
    case LIST_OF_STRING:
      return { kind: 'stringList' };
  }
  if (!Array.isArray(raw)) return undefined;
  const seen = memo.get(raw);
  if (seen) return seen;
  if (memo.has(raw)) return undefined; // a cycle, or known to be unknown
  memo.set(raw, null);
  const shape = arrayShape(raw, memo);
  memo.set(raw, shape ?? null);
  return shape;
}

function arrayShape(raw: unknown[], memo: Map<unknown, KnownShape | null>): KnownShape | undefined {
  const [code, , , traits] = raw;
  if (traits !== 0) return undefined;
  if (code === STRUCT) {
    const names = raw[4];
    const refs = raw[5];
    if (!Array.isArray(names) || !Array.isArray(refs) || names.length !== refs.length) return undefined;
    if (!names.every((n) => typeof n === 'string')) return undefined;
    const members: KnownShape[] = [];
    for (const ref of refs) {
      const shape = knownShape(ref, memo);
      if (shape === undefined) return undefined;
      members.push(shape);
    }
    return { kind: 'struct', raw, names: names as string[], members };
  }
  if (code === LIST && raw.length === 5) {
    const member = knownShape(raw[4], memo);
    if (member === undefined) return undefined;
    return { kind: 'list', raw, member };
  }
  return undefined;
}
