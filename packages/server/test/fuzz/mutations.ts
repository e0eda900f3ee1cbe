/**
 * Mutations of a generated request: structural ones on the parsed value (a member dropped, a wrong
 * type, a value past its limit, hostile strings, huge lists, deep nesting, unknown members) and
 * wire-level ones on the text and the target (truncated or broken JSON, an empty or non-object body,
 * unknown or mangled operation names).
 */
import type { Random } from './random.js';

/** A request as it goes on the wire. */
export interface WireCall {
  /** `X-Amz-Target`, or undefined to send none. */
  target: string | undefined;
  body: string;
  /** The operation the request was generated for (what faults it may raise). */
  operation: string;
}

type Json = unknown;

/** Bodies stay under this many characters (past the service's limit, 1 MiB by default, the answer is a 413). */
const MAX_BODY_CHARS = 9_000_000;

const HOSTILE_STRINGS = [
  '',
  ' ',
  '\ud800',
  'a\u0000b',
  '\u202eevil',
  '../../etc/passwd',
  "'; DROP TABLE events; --",
  '%s%n',
  '${x}',
  '\uffff',
  'NONE',
  '-1',
  '1e309',
];
/** Values of the wrong type, as JSON text: each use parses a fresh copy (later mutations may change it). */
const WRONG_VALUES = [
  'null',
  'true',
  '0',
  '-1',
  '1.5',
  '1e308',
  '""',
  '"x"',
  '[]',
  '{}',
  '[null]',
  '{"__proto__":{"polluted":1}}',
  '"99999999999999999999"',
];

function wrongValue(r: Random): Json {
  return JSON.parse(r.pick(WRONG_VALUES)) as Json;
}

/** Whether `value` serializes within {@link MAX_BODY_CHARS}. */
function fits(value: Json): boolean {
  try {
    return (JSON.stringify(value) ?? '').length <= MAX_BODY_CHARS;
  } catch {
    return false;
  }
}

/** Paths to every value inside `value` (the root is []). */
function paths(
  value: Json,
  at: Array<string | number> = [],
  out: Array<Array<string | number>> = [],
): Array<Array<string | number>> {
  out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...at, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths(v, [...at, k], out);
  return out;
}

function parentOf(
  root: Json,
  path: Array<string | number>,
): { holder: Record<string | number, Json>; key: string | number } | undefined {
  if (path.length === 0) return undefined;
  let holder = root as Record<string | number, Json>;
  for (const step of path.slice(0, -1)) holder = holder[step] as Record<string | number, Json>;
  return { holder, key: path[path.length - 1] as string | number };
}

function nested(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

/** Changes one value inside `root` (in place); returns the new root. */
function mutateValue(r: Random, root: Json): Json {
  const path = r.pick(paths(root));
  const spot = parentOf(root, path);
  const current = spot ? spot.holder[spot.key] : root;
  const replace = (v: Json): Json => {
    if (!spot) return v;
    spot.holder[spot.key] = v;
    return root;
  };
  const kind = r.weighted<string>([
    ['drop', 3],
    ['wrong-type', 3],
    ['hostile-string', 2],
    ['long-string', 2],
    ['number', 2],
    ['long-list', 1],
    ['unknown-member', 1],
    ['duplicate-item', 1],
  ]);
  switch (kind) {
    case 'drop':
      if (spot && !Array.isArray(spot.holder)) {
        delete spot.holder[spot.key];
        return root;
      }
      return replace(null);
    case 'wrong-type':
      return replace(wrongValue(r));
    case 'hostile-string':
      return replace(r.pick(HOSTILE_STRINGS));
    case 'long-string':
      return replace('x'.repeat(r.pick([257, 1_025, 2_049, 32_769, 300_000])));
    case 'number':
      return replace(r.pick([-1, 0, 1001, 2 ** 31, 2 ** 53 + 1, -1e-9, 1e308, Number.MAX_SAFE_INTEGER]));
    case 'long-list': {
      // Long, but within the service's body limit (an item may already be a long string).
      const item: Json = Array.isArray(current) && current.length > 0 ? current[0] : {};
      const itemBytes = (JSON.stringify(item) ?? 'null').length + 1;
      return replace(
        Array.from(
          { length: Math.min(r.pick([101, 1_001, 20_000]), Math.floor(MAX_BODY_CHARS / itemBytes)) },
          () => item,
        ),
      );
    }
    case 'unknown-member':
      if (current && typeof current === 'object' && !Array.isArray(current)) {
        (current as Record<string, Json>)[r.pick(['extra', 'constructor', '__proto__x', 'decisionType'])] =
          wrongValue(r);
        return root;
      }
      return replace({ unexpected: current });
    default:
      if (Array.isArray(current) && current.length > 0 && JSON.stringify(root).length < MAX_BODY_CHARS / 2)
        current.push(...current.slice(0, 1));
      return root;
  }
}

/** Breaks the text of a body. */
function mutateText(r: Random, body: string): string {
  return r.weighted<string>([
    [body.slice(0, r.int(0, Math.max(0, body.length - 1))), 3],
    ['', 1],
    ['null', 1],
    ['[]', 1],
    ['"just a string"', 1],
    ['42', 1],
    ['{', 1],
    [`{"a":${nested(r.pick([100, 5_000, 100_000]))}}`, 1],
    [body.replace(/"/, "'"), 1],
    [body.length < MAX_BODY_CHARS / 2 ? `${body}${body}` : body, 1],
    [body.replace(/:/, ':{"$ref":'), 1],
    [`\ufeff${body}`, 1],
    [body.length > 2 ? `${body.slice(0, -1)},"domain":"dup"}` : body, 1],
  ]);
}

/** Mangles the target header. */
function mutateTarget(r: Random, target: string): string | undefined {
  return r.weighted<string | undefined>([
    [undefined, 1],
    ['', 1],
    ['SimpleWorkflowService.', 1],
    ['SimpleWorkflowService.NoSuchOperation', 1],
    [target.toLowerCase(), 1],
    [`${target}X`, 1],
    [`com.amazonaws.swf.service.model.${target}`, 1],
    ['SimpleWorkflowService.constructor', 1],
    ['SimpleWorkflowService.__proto__', 1],
    ['SimpleWorkflowService.hasOwnProperty', 1],
    [`DynamoDB_20120810.${target.split('.')[1] ?? ''}`, 1],
  ]);
}

/** `count` mutations of a generated request, chosen and applied with `r`. */
export function mutate(r: Random, operation: string, input: Record<string, unknown>, count: number): WireCall {
  let value: Json = structuredClone(input);
  let target: string | undefined = `SimpleWorkflowService.${operation}`;
  let body: string | undefined;
  for (let i = 0; i < count; i++) {
    const where = r.weighted<string>([
      ['value', 8],
      ['text', 1.5],
      ['target', 0.7],
    ]);
    if (where === 'value' && body === undefined) {
      // Parts of a value may be shared (a long list repeats one item): a mutation that makes the
      // body too large to send is undone.
      const before = structuredClone(value);
      value = mutateValue(r, value);
      if (!fits(value)) value = before;
    } else if (where === 'text') body = mutateText(r, body ?? JSON.stringify(value));
    else if (where === 'target' && target !== undefined) target = mutateTarget(r, target);
  }
  return { target, body: body ?? JSON.stringify(value), operation };
}
