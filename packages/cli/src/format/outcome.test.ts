import { ApplicationFailure, activityFailed, encodeFailure, jsonDataConverter } from '@swf-flow/common';
import { outcomeOf } from '@swf-flow/client';
import { describe, expect, it } from 'vitest';
import { failureText } from './outcome.js';

describe('failureText', () => {
  it('says each message of a failed run once: the run, the activity, the error it threw', () => {
    const declined = ApplicationFailure.nonRetryable('card ending 3333 was declined', 'CardDeclined');
    const failed = activityFailed(
      { activityType: { name: 'ChargeCreditCard', version: '1.0' }, activityId: 'activity-2' },
      declined,
    );
    const outcome = outcomeOf(
      {
        eventId: 17,
        eventType: 'WorkflowExecutionFailed',
        eventTimestamp: new Date(0),
        workflowExecutionFailedEventAttributes: { decisionTaskCompletedEventId: 16, ...encodeFailure(failed) },
      },
      { workflowId: 'o1', runId: 'r1' },
      jsonDataConverter,
    );
    if (outcome.kind !== 'failed') throw new Error('expected a failure');
    const text = failureText(outcome.error);
    expect(text).toBe(
      'WorkflowExecutionFailedError: workflow o1 (run r1) failed\n' +
        '  caused by ApplicationFailure: Activity ChargeCreditCard (activity-2) failed\n' +
        '  caused by ApplicationFailure: card ending 3333 was declined',
    );
    expect(text.split('card ending 3333 was declined')).toHaveLength(2);
  });
});
