/**
 * Checks SDK outputs against the model's output shapes: required members present, enums valid,
 * strings within their lengths, numbers within their ranges, lists within their sizes, timestamps
 * parsed as dates. Used by the conformance suite.
 */
import { type ModelShape, serviceModel, shapeOf } from '../../src/model/model.js';

function checkValue(shapeName: string, value: unknown, path: string, problems: string[]): void {
  const shape: ModelShape = shapeOf(shapeName);
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        problems.push(`${path}: expected an object (${shapeName})`);
        return;
      }
      const obj = value as Record<string, unknown>;
      for (const name of shape.required ?? []) {
        if (obj[name] === undefined || obj[name] === null)
          problems.push(`${path}.${name}: required by ${shapeName} but missing`);
      }
      for (const [name, member] of Object.entries(shape.members ?? {})) {
        if (obj[name] !== undefined && obj[name] !== null)
          checkValue(member.shape, obj[name], `${path}.${name}`, problems);
      }
      return;
    }
    case 'list':
      if (!Array.isArray(value)) {
        problems.push(`${path}: expected a list (${shapeName})`);
        return;
      }
      if (shape.max !== undefined && value.length > shape.max)
        problems.push(`${path}: ${value.length} items, more than ${shape.max}`);
      value.forEach((item, i) => shape.member && checkValue(shape.member.shape, item, `${path}[${i}]`, problems));
      return;
    case 'string':
      if (typeof value !== 'string') {
        problems.push(`${path}: expected a string (${shapeName}), got ${typeof value}`);
        return;
      }
      if (shape.enum && !shape.enum.includes(value))
        problems.push(`${path}: '${value}' is not one of ${shapeName}: ${shape.enum.join(', ')}`);
      if (shape.min !== undefined && value.length < shape.min) problems.push(`${path}: shorter than ${shape.min}`);
      if (shape.max !== undefined && value.length > shape.max) problems.push(`${path}: longer than ${shape.max}`);
      return;
    case 'integer':
    case 'long':
      if (typeof value !== 'number' || !Number.isInteger(value))
        problems.push(`${path}: expected an integer (${shapeName}), got ${String(value)}`);
      else if ((shape.min !== undefined && value < shape.min) || (shape.max !== undefined && value > shape.max)) {
        problems.push(`${path}: ${value} outside ${shape.min ?? '-inf'}..${shape.max ?? 'inf'}`);
      }
      return;
    case 'boolean':
      if (typeof value !== 'boolean') problems.push(`${path}: expected a boolean (${shapeName})`);
      return;
    case 'timestamp':
      if (!(value instanceof Date) || Number.isNaN(value.getTime()))
        problems.push(`${path}: expected a timestamp (parsed as a Date)`);
      return;
    default:
      return;
  }
}

/** The problems of an SDK output for `operation` (empty when it conforms). */
export function outputProblems(operation: string, output: unknown): string[] {
  const op = serviceModel().operations[operation];
  if (!op) return [`unknown operation ${operation}`];
  const problems: string[] = [];
  if (op.output) checkValue(op.output.shape, output, operation, problems);
  return problems;
}

/** The faults the model lists for `operation`, plus the generic ones every operation may raise. */
export function allowedFaults(operation: string): string[] {
  const op = serviceModel().operations[operation];
  return [...(op?.errors ?? []).map((e) => e.shape), 'ValidationException', 'SerializationException'];
}

/** Every operation of the model. */
export function modelOperations(): string[] {
  return Object.keys(serviceModel().operations);
}
