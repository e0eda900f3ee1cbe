/**
 * Request validation from the model: every input is checked against its operation's input shape
 * before dispatch, and rejected the way Amazon SWF (Coral) does:
 * `1 validation error detected: Value null at 'domain' failed to satisfy constraint: Member must not be null`.
 * Values of the wrong JSON type are `SerializationException`s. Members the model does not know are
 * ignored, as SWF ignores them.
 */
import { SwfFault } from '../faults.js';
import { type ModelShape, serviceModel, shapeOf } from './model.js';

/** Checks `value` at `path`, pushing constraint violations; throws on a JSON type mismatch. */
type Check = (value: unknown, path: string, errors: string[]) => void;

const compiled = new Map<string, Check>();

/** How Coral prints a value in a validation message. */
function render(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (value === null || value === undefined) return 'null';
  return JSON.stringify(value);
}

function violation(value: unknown, path: string, constraint: string): string {
  return `Value ${render(value)} at '${path}' failed to satisfy constraint: ${constraint}`;
}

function mismatch(path: string, expected: string, value: unknown): SwfFault {
  const got = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
  return new SwfFault('SerializationException', `Expected ${expected} at '${path || '$'}' but got ${got}`);
}

function lengthChecks(shape: ModelShape, value: unknown, length: number, path: string, errors: string[]): void {
  if (shape.min !== undefined && length < shape.min) {
    errors.push(violation(value, path, `Member must have length greater than or equal to ${shape.min}`));
  }
  if (shape.max !== undefined && length > shape.max) {
    errors.push(violation(value, path, `Member must have length less than or equal to ${shape.max}`));
  }
}

function compileStructure(shape: ModelShape): Check {
  const members = Object.entries(shape.members ?? {}).map(([name, m]) => ({ name, check: checkFor(m.shape) }));
  const required = new Set(shape.required ?? []);
  return (value, path, errors) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw mismatch(path, 'an object', value);
    const obj = value as Record<string, unknown>;
    for (const { name, check } of members) {
      const memberPath = path ? `${path}.${name}` : name;
      const v = obj[name];
      if (v === undefined || v === null) {
        if (required.has(name)) errors.push(violation(null, memberPath, 'Member must not be null'));
      } else {
        check(v, memberPath, errors);
      }
    }
  };
}

function compileList(shape: ModelShape): Check {
  const element = shape.member ? checkFor(shape.member.shape) : undefined;
  return (value, path, errors) => {
    if (!Array.isArray(value)) throw mismatch(path, 'a list', value);
    lengthChecks(shape, value, value.length, path, errors);
    value.forEach((item, i) => {
      const itemPath = `${path}.${i + 1}.member`;
      if (item === null || item === undefined) errors.push(violation(null, itemPath, 'Member must not be null'));
      else element?.(item, itemPath, errors);
    });
  };
}

function compileString(shape: ModelShape): Check {
  const allowed = shape.enum ? new Set(shape.enum) : undefined;
  const enumText = shape.enum ? `Member must satisfy enum value set: [${shape.enum.join(', ')}]` : '';
  return (value, path, errors) => {
    if (typeof value !== 'string') throw mismatch(path, 'a string', value);
    lengthChecks(shape, value, value.length, path, errors);
    if (allowed && !allowed.has(value)) errors.push(violation(value, path, enumText));
  };
}

function compileNumber(shape: ModelShape): Check {
  return (value, path, errors) => {
    if (typeof value !== 'number' || !Number.isInteger(value)) throw mismatch(path, 'an integer', value);
    if (shape.min !== undefined && value < shape.min) errors.push(violation(value, path, `Member must have value greater than or equal to ${shape.min}`));
    if (shape.max !== undefined && value > shape.max) errors.push(violation(value, path, `Member must have value less than or equal to ${shape.max}`));
  };
}

function compile(shape: ModelShape): Check {
  switch (shape.type) {
    case 'structure':
      return compileStructure(shape);
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
      };
    case 'timestamp':
      return (value, path) => {
        if (typeof value !== 'number' || !Number.isFinite(value)) throw mismatch(path, 'a timestamp (epoch seconds)', value);
      };
    default:
      return () => undefined;
  }
}

/** The compiled check of a shape, by name (compiled once; lazy, so shapes may refer to each other). */
function checkFor(name: string): Check {
  let check = compiled.get(name);
  if (!check) {
    let inner: Check | undefined;
    check = (value, path, errors) => (inner ??= compile(shapeOf(name)))(value, path, errors);
    compiled.set(name, check);
  }
  return check;
}

/** True if the model has this operation. */
export function isKnownOperation(operation: string): boolean {
  return Object.hasOwn(serviceModel().operations, operation);
}

/**
 * Validates an operation's input against the model: `UnknownOperationException` for an operation
 * the model lacks, `SerializationException` for wrong JSON types, `ValidationException` listing
 * every constraint violation. Returns the input (an empty object if it was `undefined`).
 */
export function validateInput(operation: string, input: unknown): Record<string, unknown> {
  const op = isKnownOperation(operation) ? serviceModel().operations[operation] : undefined;
  if (!op) throw new SwfFault('UnknownOperationException', `Unknown operation: ${operation}`);
  const value = input ?? {};
  if (!op.input) return value as Record<string, unknown>;
  const errors: string[] = [];
  checkFor(op.input.shape)(value, '', errors);
  if (errors.length > 0) {
    const count = errors.length === 1 ? '1 validation error detected' : `${errors.length} validation errors detected`;
    throw new SwfFault('ValidationException', `${count}: ${errors.join('; ')}`);
  }
  return value as Record<string, unknown>;
}
