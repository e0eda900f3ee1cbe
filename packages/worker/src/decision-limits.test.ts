import { describe, expect, it } from 'vitest';
import { checkDecisionLimits, SwfLimitError } from './decision-limits.js';
import { registrationDifferences } from './registration.js';

describe('checkDecisionLimits', () => {
  it('accepts decisions within limits', () => {
    expect(() =>
      checkDecisionLimits(
        [
          {
            decisionType: 'ScheduleActivityTask',
            scheduleActivityTaskDecisionAttributes: {
              activityId: '1',
              activityType: { name: 'a', version: '1' },
              input: 'x'.repeat(32_768),
            },
          },
        ],
        'ctx',
      ),
    ).not.toThrow();
  });

  it.each([
    [
      [{ decisionType: 'FailWorkflowExecution', failWorkflowExecutionDecisionAttributes: { reason: 'r'.repeat(257) } }],
      /decision #1 \(FailWorkflowExecution\): reason is 257 characters; SWF allows at most 256/,
    ],
    [
      [
        {
          decisionType: 'StartTimer',
          startTimerDecisionAttributes: { timerId: 't', startToFireTimeout: '1', control: 'c'.repeat(40_000) },
        },
      ],
      /control is 40000 characters/,
    ],
    [
      Array.from({ length: 1001 }, (_, i) => ({
        decisionType: 'StartTimer',
        startTimerDecisionAttributes: { timerId: String(i), startToFireTimeout: '1' },
      })),
      /1001 StartTimer decisions in one response; SWF keeps at most 1000 open timers/,
    ],
    [
      Array.from({ length: 40 }, (_, i) => ({
        decisionType: 'RecordMarker',
        recordMarkerDecisionAttributes: { markerName: String(i), details: 'd'.repeat(32_000) },
      })),
      /is \d+ bytes; SWF accepts requests of at most 1048576 bytes/,
    ],
  ])('rejects %#', (decisions, message) => {
    expect(() => checkDecisionLimits(decisions as never)).toThrow(SwfLimitError);
    expect(() => checkDecisionLimits(decisions as never)).toThrow(message);
  });

  it('rejects an executionContext over 32,768 characters', () => {
    expect(() => checkDecisionLimits([], 'x'.repeat(32_769))).toThrow(/executionContext\) is 32769 characters/);
  });
});

describe('registrationDifferences', () => {
  it('names each default that differs, ignoring defaults the worker does not set', () => {
    const diffs = registrationDifferences(
      { defaultTaskList: { name: 'b' }, defaultTaskStartToCloseTimeout: '30', defaultChildPolicy: undefined },
      { defaultTaskList: { name: 'a' }, defaultTaskStartToCloseTimeout: '30', defaultChildPolicy: 'ABANDON' },
      ['defaultTaskList', 'defaultTaskStartToCloseTimeout', 'defaultChildPolicy'],
    );
    expect(diffs).toEqual(['defaultTaskList: registered a, this worker b']);
  });
});
