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
  });
});
