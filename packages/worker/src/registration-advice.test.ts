import { REGION_MISSING_ERROR } from '@swf-flow/common';
import { describe, expect, it } from 'vitest';
import { registrationAdvice } from './registration-advice.js';

function named(name: string, message: string): Error {
  const err = new Error(message);
  err.name = name;
  return err;
}

describe('registrationAdvice', () => {
  it.each([
    [
      new Error('Region is missing'),
      /^no AWS region: set AWS_REGION .*; for the local service set AWS_ENDPOINT_URL_SWF/,
    ],
    [
      named('CredentialsProviderError', 'Could not load credentials from any providers'),
      /^no AWS credentials: set AWS_PROFILE or AWS_ACCESS_KEY_ID\/AWS_SECRET_ACCESS_KEY .*; for the local service set AWS_ENDPOINT_URL_SWF/,
    ],
    [
      named('OperationNotPermittedFault', 'User is not authorized'),
      /swf:RegisterDomain, swf:RegisterWorkflowType and swf:RegisterActivityType.*register the domain and types elsewhere and pass registerTypes: false/,
    ],
    [named('UnknownError', 'something else'), /^pass registerTypes: false to skip registration$/],
  ])('%s', (err, advice) => expect(registrationAdvice(err)).toMatch(advice));

  it("adds nothing to the client's own explained region error", () => {
    const explained = named(REGION_MISSING_ERROR, "Region is missing: ... pass swf: { region: 'us-east-1' } ...");
    expect(registrationAdvice(explained)).toBeUndefined();
  });
});
