import { describe, expect, it } from 'vitest';
import type * as errorsModule from './errors.js';
import {
  ActivityFailure,
  ApplicationFailure,
  CancelledFailure,
  ChildWorkflowFailure,
  DeterminismViolationError,
  NonDeterminismError,
  SwfFlowError,
  TimeoutFailure,
  ValidationError,
  WorkflowFailure,
} from './errors.js';

type ErrorsModule = typeof errorsModule;

describe('error classes', () => {
  it('set name, keep the cause and sit under SwfFlowError', () => {
    const cause = new Error('disk full');
    const err = new ApplicationFailure('could not save', { type: 'SaveFailed', cause, details: [1] });
    expect(err.name).toBe('ApplicationFailure');
    expect(err.cause).toBe(cause);
    expect(err).toBeInstanceOf(WorkflowFailure);
    expect(err).toBeInstanceOf(SwfFlowError);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(TimeoutFailure);
    expect({ type: err.type, nonRetryable: err.nonRetryable, details: err.details }).toEqual({
      type: 'SaveFailed',
      nonRetryable: false,
      details: [1],
    });
    expect(new ValidationError('x').name).toBe('ValidationError');
    expect(new DeterminismViolationError('x')).not.toBeInstanceOf(WorkflowFailure);
  });

  it('ApplicationFailure.nonRetryable and .retryable say so', () => {
    expect(ApplicationFailure.nonRetryable('declined', 'CardDeclined', { last4: '4242' })).toMatchObject({
      type: 'CardDeclined',
      nonRetryable: true,
      details: [{ last4: '4242' }],
    });
    expect(ApplicationFailure.retryable('busy')).toMatchObject({ type: 'Error', nonRetryable: false });
  });

  // { nonretryable: true } (JavaScript, no compiler to catch it) was dropped: the failure was retried
  it.each<[object, RegExp]>([
    [
      { nonretryable: true },
      /^ApplicationFailure: unknown option 'nonretryable' \(did you mean nonRetryable\?\); the options are type, nonRetryable, details, cause$/,
    ],
    [{ nonRetryable: 'yes' }, /^ApplicationFailure: nonRetryable must be true or false; got "yes"$/],
    [
      { details: 'x' },
      /^ApplicationFailure: details must be an array of values; got "x" \(pass \{ details: \["x"\] \}\)$/,
    ],
    [{ type: 5 }, /^ApplicationFailure: type must be a string; got 5$/],
  ])('ApplicationFailure refuses options %j, naming the option', (options, message) => {
    expect(() => new ApplicationFailure('declined', options as never)).toThrow(ValidationError);
    expect(() => new ApplicationFailure('declined', options as never)).toThrow(message);
  });

  it('ActivityFailure and ChildWorkflowFailure carry what failed', () => {
    const timeout = new TimeoutFailure('timed out', 'HEARTBEAT', { step: 2 });
    const af = new ActivityFailure(
      'activity failed',
      { activityType: { name: 'Charge', version: '1.0' }, activityId: 'activity-2', scheduledEventId: 11 },
      timeout,
    );
    expect(af).toMatchObject({ activityId: 'activity-2', scheduledEventId: 11, attempt: 1, cause: timeout });
    expect((af.cause as TimeoutFailure).lastHeartbeatDetails).toEqual({ step: 2 });
    const cf = new ChildWorkflowFailure(
      'child failed',
      { name: 'Child', version: '1' },
      { workflowId: 'c-1' },
      new CancelledFailure('cancelled'),
    );
    expect(cf.cause).toBeInstanceOf(CancelledFailure);
    expect(cf.execution.workflowId).toBe('c-1');
  });

  it('NonDeterminismError names the event, what was recorded, what the code did and where', () => {
    const err = new NonDeterminismError({
      eventId: 5,
      recorded: 'ActivityTaskScheduled A 1.0',
      attempted: 'StartTimer timer-1',
      location: 'wf.ts:12:3',
    });
    expect(err.message).toBe(
      'Workflow code does not match its history at event 5: the history recorded ActivityTaskScheduled A 1.0, but the code now did StartTimer timer-1 (at wf.ts:12:3). ' +
        'If the workflow was changed on purpose, guard the change with patched(id) or register a new workflow version.',
    );
    expect(err).toMatchObject({ eventId: 5, location: 'wf.ts:12:3' });
  });

  it('instanceof works across two copies of the package', async () => {
    // A query string makes Vite load the same file again as a separate module: a second copy.
    const secondCopy = './errors.js?second-copy';
    const copy = (await import(/* @vite-ignore */ secondCopy)) as ErrorsModule;
    expect(copy.ApplicationFailure).not.toBe(ApplicationFailure);
    const fromCopy = new copy.ApplicationFailure('from the other copy', { type: 'X' });
    expect(fromCopy).toBeInstanceOf(ApplicationFailure);
    expect(fromCopy).toBeInstanceOf(SwfFlowError);
    expect(new ApplicationFailure('here')).toBeInstanceOf(copy.WorkflowFailure);
    expect(fromCopy).not.toBeInstanceOf(TimeoutFailure);
    expect({}).not.toBeInstanceOf(copy.SwfFlowError);
    expect(null).not.toBeInstanceOf(SwfFlowError);
  });
});
