import { describe, expect, it } from 'vitest';
import { classifySwfError, connectionErrorCode } from './transient-error.js';

const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8787'), { code: 'ECONNREFUSED' });

describe('classifySwfError', () => {
  it.each([
    ['a refused connection', refused],
    [
      'a refused connection inside an AggregateError (both address families tried)',
      new AggregateError([refused, Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]),
    ],
    ['a reset socket as a cause', Object.assign(new Error('socket hang up'), { cause: { code: 'ECONNRESET' } })],
    [
      'HTTP 503',
      Object.assign(new Error('unavailable'), { name: 'ServiceUnavailable', $metadata: { httpStatusCode: 503 } }),
    ],
    [
      'HTTP 500 InternalFailure',
      Object.assign(new Error('boom'), { name: 'InternalFailure', $metadata: { httpStatusCode: 500 } }),
    ],
    [
      'throttling',
      Object.assign(new Error('slow down'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } }),
    ],
    ["the SDK's request timeout", Object.assign(new Error('timed out'), { name: 'TimeoutError' })],
  ])('%s is transient', (_what, err) => expect(classifySwfError(err)).toBe('transient'));

  it('UnknownResourceFault is unknown-resource', () => {
    expect(
      classifySwfError(
        Object.assign(new Error('gone'), { name: 'UnknownResourceFault', $metadata: { httpStatusCode: 400 } }),
      ),
    ).toBe('unknown-resource');
  });

  it.each([
    [
      'a validation fault',
      Object.assign(new Error('bad'), { name: 'ValidationException', $metadata: { httpStatusCode: 400 } }),
    ],
    [
      'a signature fault',
      Object.assign(new Error('bad'), { name: 'InvalidSignatureException', $metadata: { httpStatusCode: 400 } }),
    ],
    ['missing credentials', Object.assign(new Error('no creds'), { name: 'CredentialsProviderError' })],
    ['a plain error', new Error('oops')],
    ['not an error', 'oops'],
  ])('%s is permanent', (_what, err) => expect(classifySwfError(err)).toBe('permanent'));

  it('connectionErrorCode names the code', () => {
    expect(connectionErrorCode(new AggregateError([refused]))).toBe('ECONNREFUSED');
    expect(connectionErrorCode(new Error('x'))).toBeUndefined();
  });
});
