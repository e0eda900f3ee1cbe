import { ApplicationFailure, activityFailed, encodeFailure } from '@swf-flow/common';
import { describe, expect, it } from 'vitest';
import { failure } from './run-outcome.js';

describe("the web UI's failure table", () => {
  it('says each message once: the activity on the error row, the error it threw on its cause row, stacks without the header', () => {
    const declined = ApplicationFailure.nonRetryable('card ending 3333 was declined', 'CardDeclined');
    const failed = activityFailed(
      { activityType: { name: 'ChargeCreditCard', version: '1.0' }, activityId: 'activity-2' },
      declined,
    );
    const { reason, details } = encodeFailure(failed);
    const page = failure(reason, details).toString();
    // Outside the raw details (shown folded, as recorded) the message appears once.
    const shown = page.slice(0, page.indexOf('<th>details</th>'));
    expect(shown).toContain('<strong>ActivityFailure</strong>: Activity ChargeCreditCard (activity-2) failed<details>');
    expect(shown).toContain('<strong>CardDeclined</strong>: card ending 3333 was declined<details>');
    expect(shown.split('card ending 3333 was declined')).toHaveLength(2);
  });
});
