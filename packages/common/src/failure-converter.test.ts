import { describe, expect, it } from 'vitest';
import { ApplicationFailure } from './errors.js';
import { decodeFailure, encodeFailure } from './failure-converter.js';
import { MAX_PAYLOAD_LENGTH, MAX_REASON_LENGTH } from './swf/limits.js';

describe('failures over SWF', () => {
  it('round-trip type, message, stack, details, non-retryability and cause', () => {
    const err = ApplicationFailure.nonRetryable('card declined', 'CardDeclined', { last4: '4242' });
    Object.assign(err, { cause: new TypeError('bad card number') });
    const { reason, details } = encodeFailure(err);
    expect(reason).toBe('CardDeclined');
    const back = decodeFailure(reason, details);
    expect(back).toBeInstanceOf(ApplicationFailure);
    expect(back).toMatchObject({
      message: 'card declined',
      type: 'CardDeclined',
      nonRetryable: true,
      details: [{ last4: '4242' }],
    });
    expect(back.stack).toBe(err.stack);
    expect(back.cause).toMatchObject({ message: 'bad card number', type: 'TypeError' });
  });

  it('a plain Error keeps its name as the type', () => {
    const { reason } = encodeFailure(new RangeError('too big'));
    expect(reason).toBe('RangeError');
    expect(encodeFailure('just a string')).toMatchObject({ reason: 'Error' });
  });

  it('stays within SWF limits', () => {
    const err = new ApplicationFailure('x'.repeat(50_000), { type: 'T'.repeat(300) });
    const { reason, details } = encodeFailure(err);
    expect(reason.length).toBeLessThanOrEqual(MAX_REASON_LENGTH);
    expect(details.length).toBeLessThanOrEqual(MAX_PAYLOAD_LENGTH);
    expect(decodeFailure(reason, details).message.startsWith('xxxx')).toBe(true);
  });

  it('reads failures written by other frameworks', () => {
    expect(decodeFailure('JumboTooLargeError: Message too long', undefined)).toMatchObject({
      type: 'JumboTooLargeError: Message too long',
      message: 'JumboTooLargeError: Message too long',
    });
    expect(decodeFailure('Boom', 'Traceback (most recent call last): ...')).toMatchObject({
      type: 'Boom',
      message: 'Traceback (most recent call last): ...',
    });
    expect(decodeFailure(undefined, undefined).message).toBe('failed without a reason');
    // another writer's details that are not a list, a nonRetryable that is not a boolean, a cause
    // that is not a failure: read as far as they are a failure's (ApplicationFailure refuses them)
    const foreign = decodeFailure('T', '{"type":"T","message":"m","details":"x","nonRetryable":"yes","cause":"c"}');
    expect(foreign).toMatchObject({ type: 'T', message: 'm', details: ['x'], nonRetryable: false });
    expect(foreign.cause).toBeUndefined();
  });

  // A workflow or activity may throw anything, and a failure's details may hold anything: the
  // encoding never throws (a throw here left the task unanswered until its timeout).
  const cyclic: Record<string, unknown> = { code: 7 };
  cyclic.self = cyclic;
  const cyclicError = new Error('outer', { cause: cyclic });
  const throwingGetter = (key: string): Error =>
    Object.defineProperty(new Error('m'), key, {
      get() {
        throw new Error(`no ${key}`);
      },
    });
  it.each<[string, unknown, RegExp]>([
    ['a cyclic object', cyclic, /^a thrown object that is not JSON \(.*circular/i],
    ['a BigInt', 5n, /^5n$/],
    ['an object without a prototype', Object.assign(Object.create(null) as object, { a: 1 }), /^\{"a":1\}$/],
    [
      'an object with a throwing toJSON',
      {
        toJSON: () => {
          throw new Error('no');
        },
      },
      /not JSON \(no\)/,
    ],
    ['a symbol', Symbol('s'), /^Symbol\(s\)$/],
    ['a function', function named() {}, /^function named/],
    [
      'details that are not JSON',
      ApplicationFailure.nonRetryable('declined', 'T', 10n),
      /^declined \(its details are not JSON: .*BigInt/,
    ],
    ['a cause that is a cyclic object', cyclicError, /^outer$/],
    // the limit is on the JSON: a quote, a newline or a control character takes 2 to 6 characters
    // there (these went over 32,768 and SWF refused the answer: the task stayed open until its timeout)
    ['an Error whose message is quotes', new Error('"'.repeat(20_000)), /^"{1000,}…$/],
    ['an Error whose message is newlines', new Error('\n'.repeat(20_000)), /^\n{1000,}…$/],
    ['an Error whose message is control characters', new Error('\u0001'.repeat(40_000)), /^\u0001{1000,}…$/],
    ['a string of quotes', '"'.repeat(40_000), /^"{1000,}…$/],
    ['an Error with a 40,000-character name', Object.assign(new Error('m'), { name: 'N'.repeat(40_000) }), /^m$/],
    ['an Error with a name of quotes', Object.assign(new Error('m'), { name: '"'.repeat(20_000) }), /^m$/],
    ['an Error whose name is not a string', Object.assign(new Error('m'), { name: 42 }), /^m$/],
    ['an Error whose message is not a string', Object.assign(new Error('m'), { message: { n: 10n } }), /not JSON/],
    ['an Error whose message getter throws', throwingGetter('message'), /^$/],
    ['an Error whose stack getter throws', throwingGetter('stack'), /^m$/],
    ['an Error whose cause getter throws', throwingGetter('cause'), /^m$/],
  ])('%s thrown is encoded without throwing', (_what, thrown, message) => {
    const { reason, details } = encodeFailure(thrown);
    expect(details.length).toBeLessThanOrEqual(MAX_PAYLOAD_LENGTH);
    expect(reason.length).toBeGreaterThan(0);
    expect(reason.length).toBeLessThanOrEqual(MAX_REASON_LENGTH);
    expect(decodeFailure(reason, details).type).toBe(reason);
    expect(decodeFailure(reason, details).message).toMatch(message);
  });
});
