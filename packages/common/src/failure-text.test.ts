import { describe, expect, it } from 'vitest';
import { ApplicationFailure } from './errors.js';
import { activityFailed, decodeFailure, encodeFailure } from './failure-converter.js';
import { ownMessage, stackFrames } from './failure-text.js';

/** The failure a workflow records when an activity's error fails it, as read back from history. */
function recordedActivityFailure(): Error {
  const declined = ApplicationFailure.nonRetryable('card ending 3333 was declined', 'CardDeclined');
  const failed = activityFailed(
    { activityType: { name: 'ChargeCreditCard', version: '1.0' }, activityId: 'activity-2' },
    declined,
  );
  const { reason, details } = encodeFailure(failed);
  return decodeFailure(reason, details);
}

describe('ownMessage', () => {
  it("says an error's own part, leaving its cause's message to the cause", () => {
    const err = recordedActivityFailure();
    expect(err.message).toBe('Activity ChargeCreditCard (activity-2) failed: card ending 3333 was declined');
    expect(ownMessage(err)).toBe('Activity ChargeCreditCard (activity-2) failed');
    expect(ownMessage(err.cause as Error)).toBe('card ending 3333 was declined');
  });

  it("is '' for a message that is its cause's, and the whole message when it does not end with it", () => {
    const cause = new Error('boom');
    expect(ownMessage(new Error('boom', { cause }))).toBe('');
    expect(ownMessage(new Error('boom happened', { cause }))).toBe('boom happened');
    expect(ownMessage(new Error('it failed - boom', { cause }))).toBe('it failed');
    expect(ownMessage(new Error('no cause'))).toBe('no cause');
  });
});

describe('stackFrames', () => {
  it('leaves out the header that repeats the message, also under the recorded type', () => {
    const err = recordedActivityFailure();
    expect(err.stack).toMatch(/^ActivityFailure: Activity ChargeCreditCard/);
    expect(stackFrames(err)).toMatch(/^ {4}at /);
    expect(stackFrames(err.cause as Error)).toMatch(/^ {4}at /);
    const plain = new Error('x');
    plain.stack = 'something else\n    at f';
    expect(stackFrames(plain)).toBe('something else\n    at f');
  });
});
