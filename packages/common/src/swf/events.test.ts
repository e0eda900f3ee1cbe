import { describe, expect, it } from 'vitest';
import { isRunCloseEvent } from './events.js';

describe('isRunCloseEvent', () => {
  it.each([
    ['WorkflowExecutionCompleted', true],
    ['WorkflowExecutionContinuedAsNew', true],
    ['WorkflowExecutionTimedOut', true],
    ['WorkflowExecutionCancelRequested', false],
    ['DecisionTaskCompleted', false],
  ] as const)('%s: %s', (eventType, closes) => {
    expect(isRunCloseEvent({ eventType, eventId: 1, eventTimestamp: new Date(0) })).toBe(closes);
  });
});
