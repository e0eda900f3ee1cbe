import { describe, expect, it } from 'vitest';
import { decodeArgs, encodeArgs, jsonDataConverter } from './data-converter.js';
import { ValidationError } from './errors.js';

describe('jsonDataConverter', () => {
  it('round-trips JSON values; undefined is no payload', () => {
    expect(jsonDataConverter.toPayload({ a: 1 })).toBe('{"a":1}');
    expect(jsonDataConverter.fromPayload('{"a":1}')).toEqual({ a: 1 });
    expect(jsonDataConverter.toPayload(undefined)).toBeUndefined();
    expect(jsonDataConverter.fromPayload(undefined)).toBeUndefined();
  });

  it('hands a payload that is not JSON to the code as the raw string', () => {
    expect(jsonDataConverter.fromPayload('Hello, World')).toBe('Hello, World');
  });

  it('says what to do with a value JSON cannot hold', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => jsonDataConverter.toPayload(cyclic)).toThrow(ValidationError);
    expect(() => jsonDataConverter.toPayload(cyclic)).toThrow(/dataConverter/);
  });

  // JSON.stringify gives undefined for these: the value was sent as "no payload" (a workflow that
  // returned a function completed with no result)
  it.each<[string, unknown, RegExp]>([
    ['a function', function total() {}, /a function \(total\) cannot be serialized as JSON/],
    ['an arrow function', () => 1, /a function cannot be serialized as JSON/],
    ['a symbol', Symbol('s'), /Symbol\(s\) cannot be serialized as JSON/],
    ['an object whose toJSON gives undefined', { toJSON: () => undefined }, /cannot be serialized as JSON/],
  ])('refuses %s instead of sending no payload', (_what, value, message) => {
    expect(() => jsonDataConverter.toPayload(value)).toThrow(ValidationError);
    expect(() => jsonDataConverter.toPayload(value)).toThrow(message);
    expect(() => jsonDataConverter.toPayload(value)).toThrow(/pass plain data or configure a dataConverter/);
  });
});

describe('call arguments', () => {
  it('travel as a JSON array', () => {
    expect(encodeArgs(jsonDataConverter, ['order-1', 42])).toBe('["order-1",42]');
    expect(decodeArgs(jsonDataConverter, '["order-1",42]')).toEqual(['order-1', 42]);
  });

  it('a raw string or a non-array value is the single argument; no payload is no arguments', () => {
    expect(decodeArgs(jsonDataConverter, 'World')).toEqual(['World']);
    expect(decodeArgs(jsonDataConverter, '{"args":[],"kwargs":{}}')).toEqual([{ args: [], kwargs: {} }]);
    expect(decodeArgs(jsonDataConverter, undefined)).toEqual([]);
    expect(decodeArgs(jsonDataConverter, '')).toEqual([]);
  });
});
