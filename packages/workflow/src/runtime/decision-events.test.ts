// The events that refer to a recorded decision event are derived from common's EVENT_REFERENCES
// and the decision-event table; this pins the result, so that a change to either shows here.
import { describe, expect, it } from 'vitest';
import { REFERRING_EVENTS, referringAttribute } from './decision-events.js';

describe('REFERRING_EVENTS', () => {
  it('names each outcome of a decision and its attribute, and no decision event of its own but the targeted failures', () => {
    expect(REFERRING_EVENTS).toEqual({
      ActivityTaskStarted: 'scheduledEventId',
      ActivityTaskCompleted: 'scheduledEventId',
      ActivityTaskFailed: 'scheduledEventId',
      ActivityTaskTimedOut: 'scheduledEventId',
      ActivityTaskCanceled: 'scheduledEventId',
      TimerFired: 'startedEventId',
      ChildWorkflowExecutionStarted: 'initiatedEventId',
      ChildWorkflowExecutionCompleted: 'initiatedEventId',
      ChildWorkflowExecutionFailed: 'initiatedEventId',
      ChildWorkflowExecutionTimedOut: 'initiatedEventId',
      ChildWorkflowExecutionCanceled: 'initiatedEventId',
      ChildWorkflowExecutionTerminated: 'initiatedEventId',
      StartChildWorkflowExecutionFailed: 'initiatedEventId',
      ExternalWorkflowExecutionSignaled: 'initiatedEventId',
      SignalExternalWorkflowExecutionFailed: 'initiatedEventId',
      ExternalWorkflowExecutionCancelRequested: 'initiatedEventId',
      RequestCancelExternalWorkflowExecutionFailed: 'initiatedEventId',
      LambdaFunctionStarted: 'scheduledEventId',
      LambdaFunctionCompleted: 'scheduledEventId',
      LambdaFunctionFailed: 'scheduledEventId',
      LambdaFunctionTimedOut: 'scheduledEventId',
      StartLambdaFunctionFailed: 'scheduledEventId',
    });
  });

  it('refers nothing for events outside the table, unknown types included', () => {
    expect(referringAttribute('TimerCanceled')).toBeUndefined(); // matched as a decision event
    expect(referringAttribute('DecisionTaskCompleted')).toBeUndefined();
    expect(referringAttribute('constructor' as never)).toBeUndefined();
  });
});
