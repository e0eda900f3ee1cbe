/**
 * Request validation from the model: every input is checked against its operation's input shape
 * before dispatch, and rejected the way Amazon SWF (Coral) does:
 * `1 validation error detected: Value null at 'domain' failed to satisfy constraint: Member must not be null`.
 * Values of the wrong JSON type are `SerializationException`s. On top of the model's `min`, `max`,
 * `enum` and `required`, every member gets SWF's worded rules (durations, priorities, names; see
 * `rules.ts`), so a decision nested in RespondDecisionTaskCompleted is held to exactly what
 * StartWorkflowExecution or RegisterActivityType is.
 *
 * The cost of a bad request is bounded: a list longer than its maximum is reported without walking
 * its items, validation stops at the {@link MAX_REPORTED_VIOLATIONS}th violation, and a value is
 * never echoed whole (long strings are cut, lists and objects are summarised). Members the model
 * does not know are dropped: handlers receive only what the model describes.
 */
import { SwfFault } from '../faults.js';
import { type ModelShape, serviceModel, shapeOf } from './model.js';
import { type StringRule, memberRules, unicodeRule } from './rules.js';
import type { SwfOperationName, SwfOperations } from './wire-types.js';

/** Validation stops after this many violations; the message lists them. */
export const MAX_REPORTED_VIOLATIONS = 10;

/** The longest part of a client's string quoted in a message. */
const QUOTE_CHARS = 256;

/** Collected violations; stops the walk once full. */
class Violations {
  readonly items: string[] = [];

  add(value: unknown, path: string, constraint: string): void {
    this.items.push(`Value ${render(value)} at '${path}' failed to satisfy constraint: ${constraint}`);
    if (this.items.length >= MAX_REPORTED_VIOLATIONS) throw new ValidationStopped();
  }
}

/** Thrown to stop walking once enough violations were found. */
class ValidationStopped extends Error {}

/**
 * Checks `value` at `path`, recording violations, and returns the value with only the members the
 * model knows; throws a `SerializationException` on a JSON type mismatch.
 */
type Check = (value: unknown, path: string, v: Violations) => unknown;

const compiled = new Map<string, Check>();

/** At most {@link QUOTE_CHARS} characters of a client's text, for a message (never the whole of a long one). */
export function preview(text: string): string {
  return text.length > QUOTE_CHARS ? `${text.slice(0, QUOTE_CHARS)}... (${text.length} characters)` : text;
}

/**
 * Characters a terminal shows as nothing, or as a plain space: controls, format characters (a
 * zero-width space, a byte order mark, bidirectional marks), line and paragraph separators, spaces
 * other than ' ', and lone surrogates.
 */
const UNSEEN = /^[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\p{Zs}]$/u;

/** One character (a code point, or a lone surrogate) as a message shows it: a `\u` escape if a reader could not see it. */
function shown(c: string): string {
  if (c === ' ' || !UNSEEN.test(c)) return c;
  const code = c.codePointAt(0) as number;
  return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `text` with each character a reader could not see in a message written as a `\u` escape. */
function visible(text: string): string {
  let out = '';
  for (const c of text) out += shown(c);
  return out;
}

/**
 * A client's string in quotes, as Coral prints it, with what a reader could not see escaped (a
 * name refused for a control character or an edge space shows which), and cut like
 * {@link preview}: at most {@link QUOTE_CHARS} characters shown, escapes included.
 */
export function quote(text: string): string {
  let out = '';
  let read = 0;
  for (const c of text) {
    const piece = shown(c);
    if (out.length + piece.length > QUOTE_CHARS) break;
    out += piece;
    read += c.length;
  }
  return read < text.length ? `'${out}...' (${text.length} characters)` : `'${out}'`;
}

/** How Coral prints a value in a validation message, bounded: never the whole of a large value. */
function render(value: unknown): string {
  if (typeof value === 'string') return quote(value);
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) {
    const shownItems = value.length <= 10 && value.every((item) => typeof item === 'string' && item.length <= 20);
    const list = shownItems ? visible(JSON.stringify(value)) : '';
    // Escapes may lengthen it: shown only if no longer than ten plain 20-character items.
    return shownItems && list.length <= 10 * 23 + 1 ? list : `(a list of ${value.length} items)`;
  }
  if (typeof value === 'object') return '(an object)';
  return String(value);
}

/** What a value of the wrong kind is, in a mismatch: a number says what is wrong with it. */
function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  if (typeof value !== 'number') return typeof value;
  if (!Number.isFinite(value)) return `a number too large to represent (it reads as ${value})`;
  return Number.isInteger(value) ? `the number ${value}` : `${value}, a number with a fraction`;
}

function mismatch(path: string, expected: string, value: unknown): SwfFault {
  const got = kindOf(value);
  return new SwfFault('SerializationException', `Expected ${expected} at '${path || '$'}' but got ${got}`);
}

/** Length checks; true when the length is within bounds. */
function lengthOk(shape: ModelShape, value: unknown, length: number, path: string, v: Violations): boolean {
  if (shape.min !== undefined && length < shape.min) {
    v.add(value, path, `Member must have length greater than or equal to ${shape.min}`);
    return false;
  }
  if (shape.max !== undefined && length > shape.max) {
    v.add(value, path, `Member must have length less than or equal to ${shape.max}`);
    return false;
  }
  return true;
}

function compileStructure(structureName: string, shape: ModelShape): Check {
  const members = Object.entries(shape.members ?? {}).map(([name, m]) => {
    const inner = checkFor(m.shape);
    const rules = memberRules(structureName, name, m);
    const check: Check =
      rules.length === 0
        ? inner
        : (value, path, v) => {
            const before = v.items.length;
            const out = inner(value, path, v);
            if (typeof value === 'string' && v.items.length === before) applyRules(rules, value, path, v);
            return out;
          };
    return { name, check };
  });
  const required = new Set(shape.required ?? []);
  return (value, path, v) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw mismatch(path, 'an object', value);
    const obj = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const { name, check } of members) {
      const memberPath = path ? `${path}.${name}` : name;
      const item = Object.hasOwn(obj, name) ? obj[name] : undefined;
      if (item === undefined || item === null) {
        if (required.has(name)) v.add(null, memberPath, 'Member must not be null');
      } else {
        out[name] = check(item, memberPath, v);
      }
    }
    return out;
  };
}

function applyRules(rules: readonly StringRule[], value: string, path: string, v: Violations): void {
  for (const rule of rules) {
    const broken = rule(value);
    if (broken) {
      v.add(value, path, broken);
      return;
    }
  }
}

function compileList(shape: ModelShape): Check {
  const element = shape.member ? checkFor(shape.member.shape) : undefined;
  return (value, path, v) => {
    if (!Array.isArray(value)) throw mismatch(path, 'a list', value);
    if (!lengthOk(shape, value, value.length, path, v)) return [];
    return value.map((item, i) => {
      const itemPath = `${path}.${i + 1}.member`;
      if (item === null || item === undefined) v.add(null, itemPath, 'Member must not be null');
      else if (element) return element(item, itemPath, v);
      return item;
    });
  };
}

function compileString(shape: ModelShape): Check {
  const allowed = shape.enum ? new Set(shape.enum) : undefined;
  const enumText = shape.enum ? `Member must satisfy enum value set: [${shape.enum.join(', ')}]` : '';
  return (value, path, v) => {
    if (typeof value !== 'string') throw mismatch(path, 'a string', value);
    const unicode = unicodeRule(value);
    if (unicode) v.add(value, path, unicode);
    else if (lengthOk(shape, value, value.length, path, v) && allowed && !allowed.has(value))
      v.add(value, path, enumText);
    return value;
  };
}

function compileNumber(shape: ModelShape): Check {
  return (value, path, v) => {
    if (typeof value !== 'number' || !Number.isInteger(value)) throw mismatch(path, 'an integer', value);
    if (shape.min !== undefined && value < shape.min)
      v.add(value, path, `Member must have value greater than or equal to ${shape.min}`);
    else if (shape.max !== undefined && value > shape.max)
      v.add(value, path, `Member must have value less than or equal to ${shape.max}`);
    return value;
  };
}

function compile(name: string, shape: ModelShape): Check {
  switch (shape.type) {
    case 'structure':
      return compileStructure(name, shape);
    case 'list':
      return compileList(shape);
    case 'string':
      return compileString(shape);
    case 'integer':
    case 'long':
      return compileNumber(shape);
    case 'boolean':
      return (value, path) => {
        if (typeof value !== 'boolean') throw mismatch(path, 'a boolean', value);
        return value;
      };
    case 'timestamp':
      return (value, path) => {
        if (typeof value !== 'number' || !Number.isFinite(value))
          throw mismatch(path, 'a timestamp (epoch seconds)', value);
        return value;
      };
    default:
      return (value) => value;
  }
}

/** The compiled check of a shape, by name (compiled once; lazy, so shapes may refer to each other). */
function checkFor(name: string): Check {
  let check = compiled.get(name);
  if (!check) {
    let inner: Check | undefined;
    check = (value, path, v) => (inner ??= compile(name, shapeOf(name)))(value, path, v);
    compiled.set(name, check);
  }
  return check;
}

/** True if the model has this operation. */
export function isKnownOperation(operation: string): operation is SwfOperationName {
  return Object.hasOwn(serviceModel().operations, operation);
}

/** The ValidationException for a list of violations (`stopped`: validation gave up after them). */
export function validationFault(items: readonly string[], stopped = false): SwfFault {
  const count = stopped
    ? `${items.length} validation errors detected (validation stops at ${MAX_REPORTED_VIOLATIONS}, so there may be more)`
    : items.length === 1
      ? '1 validation error detected'
      : `${items.length} validation errors detected`;
  return new SwfFault('ValidationException', `${count}: ${items.join('; ')}`);
}

/**
 * Validates an operation's input against the model: `UnknownOperationException` for an operation
 * the model lacks, `SerializationException` for wrong JSON types, `ValidationException` listing the
 * constraint violations (at most {@link MAX_REPORTED_VIOLATIONS}). Returns the input with only the
 * members the model knows (an empty object if it was `undefined`).
 */
export function validateInput<K extends SwfOperationName>(operation: K, input: unknown): SwfOperations[K]['input'];
export function validateInput(operation: string, input: unknown): Record<string, unknown>;
export function validateInput(operation: string, input: unknown): unknown {
  const op = isKnownOperation(operation) ? serviceModel().operations[operation] : undefined;
  if (!op) throw new SwfFault('UnknownOperationException', `Unknown operation: ${preview(operation)}`);
  const value = input ?? {};
  if (!op.input) return {};
  const v = new Violations();
  let out: unknown;
  try {
    out = checkFor(op.input.shape)(value, '', v);
  } catch (err) {
    if (err instanceof ValidationStopped) throw validationFault(v.items, true);
    throw err;
  }
  if (v.items.length > 0) throw validationFault(v.items);
  return out;
}
