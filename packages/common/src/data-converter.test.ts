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
