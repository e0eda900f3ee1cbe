import {
  ApplicationFailure,
  CancelledFailure,
  TerminatedFailure,
  TimeoutFailure,
  WorkflowExecutionFailedError,
  encodeFailure,
  jsonDataConverter,
  type HistoryEvent,
} from '@swf-flow/common';
import { describe, expect, it } from 'vitest';
import { outcomeOf } from './close-event.js';
import { checkListFilter } from './list-filter.js';
import { pollDelays } from './wait.js';

const exec = { workflowId: 'w', runId: 'r' };
const ev = (eventType: string, attrs: Record<string, unknown>): HistoryEvent =>
  ({
    eventId: 9,
    eventTimestamp: new Date(),
    eventType,
    [`${eventType.charAt(0).toLowerCase()}${eventType.slice(1)}EventAttributes`]: attrs,
  }) as HistoryEvent;

function failure(event: HistoryEvent): WorkflowExecutionFailedError {
  const outcome = outcomeOf(event, exec, jsonDataConverter);
  if (outcome.kind !== 'failed') throw new Error(`expected a failure, got ${outcome.kind}`);
  return outcome.error;
}

describe('outcomeOf', () => {
  it('decodes a result and follows continue-as-new', () => {
    expect(outcomeOf(ev('WorkflowExecutionCompleted', { result: '{"ok":true}' }), exec, jsonDataConverter)).toEqual({
      kind: 'completed',
      result: { ok: true },
    });
    expect(
      outcomeOf(ev('WorkflowExecutionContinuedAsNew', { newExecutionRunId: 'r2' }), exec, jsonDataConverter),
    ).toEqual({ kind: 'continued', newRunId: 'r2' });
  });

  it('rebuilds a failure recorded with encodeFailure (round trip)', () => {
    const err = failure(
      ev(
        'WorkflowExecutionFailed',
        encodeFailure(ApplicationFailure.nonRetryable('card declined', 'PaymentDeclined', { amount: 5 })),
      ),
    );
    expect(err).toBeInstanceOf(WorkflowExecutionFailedError);
    expect(err.status).toBe('FAILED');
    expect(err.execution).toEqual(exec);
    expect(err.cause).toBeInstanceOf(ApplicationFailure);
    expect(err.cause).toMatchObject({
      message: 'card declined',
      type: 'PaymentDeclined',
      nonRetryable: true,
      details: [{ amount: 5 }],
    });
  });

  it('gives CancelledFailure, TerminatedFailure and TimeoutFailure causes', () => {
    expect(failure(ev('WorkflowExecutionCanceled', { details: '"bye"' })).cause).toBeInstanceOf(CancelledFailure);
    const terminated = failure(ev('WorkflowExecutionTerminated', { reason: 'ops', cause: 'OPERATOR_INITIATED' }));
    expect(terminated.status).toBe('TERMINATED');
    expect(terminated.cause).toBeInstanceOf(TerminatedFailure);
    expect((terminated.cause as Error).message).toContain('ops');
    const timedOut = failure(ev('WorkflowExecutionTimedOut', { timeoutType: 'START_TO_CLOSE' }));
    expect(timedOut.status).toBe('TIMED_OUT');
    expect(timedOut.cause).toBeInstanceOf(TimeoutFailure);
  });
});

describe('checkListFilter', () => {
  it('accepts one filter and rejects two (SWF allows one)', () => {
    expect(() => checkListFilter({ status: 'CLOSED', closeStatus: 'FAILED' })).not.toThrow();
    expect(() => checkListFilter({ tag: 'a', workflowId: 'w' })).toThrow(
      /at most one of workflowId, type, tag and closeStatus/,
    );
    expect(() => checkListFilter({ closeStatus: 'FAILED' })).toThrow(/closeStatus needs status: 'CLOSED'/);
    expect(() => checkListFilter({ status: 'open' as never })).toThrow(/'OPEN' or 'CLOSED'/);
  });
});

describe('pollDelays', () => {
  it('starts at 50 ms and doubles up to the bound', () => {
    const d = pollDelays(300);
    expect(Array.from({ length: 6 }, () => d.next().value)).toEqual([50, 100, 200, 300, 300, 300]);
  });
});
