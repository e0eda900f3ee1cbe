import { describe, expect, it } from 'vitest';
import { InvalidHistoryError, ValidationError } from './errors.js';
import { eventAttributes, normalizeHistory } from './history.js';

const started = {
  workflowType: { name: 'HelloWorld', version: '1.0' },
  taskList: { name: 'default' },
  childPolicy: 'TERMINATE',
};

describe('normalizeHistory', () => {
  it('reads the AWS CLI format, SDK responses and arrays; timestamps in any SWF form become Dates', () => {
    const events = [
      { eventId: 2, eventType: 'DecisionTaskScheduled', eventTimestamp: '2017-04-17T15:47:06.123Z' },
      {
        eventId: 1,
        eventType: 'WorkflowExecutionStarted',
        eventTimestamp: 1.492443961284e9,
        workflowExecutionStartedEventAttributes: started,
      },
      { eventId: '3', eventType: 'DecisionTaskStarted', eventTimestamp: new Date(1_492_443_962_000) },
      { eventId: 4, eventType: 'DecisionTaskCompleted', eventTimestamp: '1492443963' },
    ];
    for (const input of [{ events }, events]) {
      const out = normalizeHistory(input);
      expect(out.map((e) => e.eventId)).toEqual([1, 2, 3, 4]);
      expect(out.map((e) => e.eventTimestamp?.getTime())).toEqual([
        1_492_443_961_284,
        Date.parse('2017-04-17T15:47:06.123Z'),
        1_492_443_962_000,
        1_492_443_963_000,
      ]);
      expect(eventAttributes(out[0]!)).toEqual(started);
    }
  });

  it.each([
    [{ nothing: true }, /history must be/],
    [[{ eventId: 0, eventType: 'X', eventTimestamp: 1 }], /eventId must be a positive integer/],
    [[{ eventId: 1, eventTimestamp: 1 }], /eventType is missing/],
    [
      [{ eventId: 1, eventType: 'WorkflowExecutionStarted', eventTimestamp: 'yesterday' }],
      /eventTimestamp "yesterday"/,
    ],
    [[42], /history event #1 is not an object/],
  ])('rejects %j clearly', (input, message) => {
    expect(() => normalizeHistory(input as never)).toThrow(ValidationError);
    expect(() => normalizeHistory(input as never)).toThrow(message);
  });
});

describe('normalizeHistory and events already in the SDK shape', () => {
  it('returns SDK-shaped events as they are, copies the others, and sorts only what is out of order', () => {
    const sdk = {
      eventId: 1,
      eventType: 'WorkflowExecutionStarted',
      eventTimestamp: new Date(1_700_000_000_000),
      workflowExecutionStartedEventAttributes: started,
    };
    const cli = { eventId: 2, eventType: 'DecisionTaskScheduled', eventTimestamp: 1_700_000_001 };
    const [first, second] = normalizeHistory([sdk, cli]);
    expect(first).toBe(sdk);
    expect(second).not.toBe(cli);
    expect(second?.eventTimestamp).toEqual(new Date(1_700_000_001_000));
    expect(cli.eventTimestamp).toBe(1_700_000_001); // the input is left as it was
    expect(normalizeHistory([cli, sdk]).map((e) => e.eventId)).toEqual([1, 2]);
    const invalid = { ...sdk, eventTimestamp: new Date(Number.NaN) };
    expect(() => normalizeHistory([invalid])).toThrow(InvalidHistoryError);
  });

  it('with inPlace, converts the events it is handed where they are and returns their own array, sorted', () => {
    const cli = [
      { eventId: '2', eventType: 'DecisionTaskScheduled', eventTimestamp: 1_700_000_001 },
      {
        eventId: 1,
        eventType: 'WorkflowExecutionStarted',
        eventTimestamp: '2023-11-14T22:13:20Z',
        workflowExecutionStartedEventAttributes: started,
      },
    ];
    const [second, first] = cli;
    const input = { events: cli };
    const out = normalizeHistory(input, { inPlace: true });
    expect(out).toBe(cli);
    expect(out[0]).toBe(first);
    expect(out[1]).toBe(second);
    expect(out.map((e) => [e.eventId, e.eventTimestamp?.getTime()])).toEqual([
      [1, 1_700_000_000_000],
      [2, 1_700_000_001_000],
    ]);
    expect(eventAttributes(out[0]!)).toBe(started);
    // what it returned reads again as it is; a copy of the same input would be equal
    expect(normalizeHistory(out)).toEqual(out);
    expect(normalizeHistory(out)[0]).toBe(first);
  });

  it('with inPlace, a malformed event is named and left as it was', () => {
    const bad = { eventId: 2, eventType: 'DecisionTaskScheduled', eventTimestamp: 'later' };
    const good = { eventId: 1, eventType: 'WorkflowExecutionStarted', eventTimestamp: 1_700_000_000 };
    expect(() => normalizeHistory([good, bad], { inPlace: true })).toThrow(/#2 \(eventId 2\): eventTimestamp "later"/);
    expect(bad).toEqual({ eventId: 2, eventType: 'DecisionTaskScheduled', eventTimestamp: 'later' });
    expect(good.eventTimestamp).toEqual(new Date(1_700_000_000_000)); // converted before the error, and still readable
    expect(normalizeHistory([good, { ...bad, eventTimestamp: 1_700_000_001 }]).map((e) => e.eventId)).toEqual([1, 2]);
  });

  it('eventAttributes finds the attributes of every event type, also one it sees for the first time', () => {
    expect(
      eventAttributes({
        eventType: 'WorkflowExecutionStarted',
        workflowExecutionStartedEventAttributes: started,
      } as never),
    ).toBe(started);
    expect(eventAttributes({ eventType: 'MadeUpEvent', madeUpEventEventAttributes: { x: 1 } } as never)).toEqual({
      x: 1,
    });
    expect(eventAttributes({ eventType: 'TimerFired' } as never)).toEqual({});
  });
});

describe('normalizeHistory timestamps', () => {
  it('normalizeHistory reads milliseconds and seconds alike, and names an unreadable timestamp as a history problem', () => {
    const out = normalizeHistory([
      { eventId: 1, eventType: 'WorkflowExecutionStarted', eventTimestamp: 1_492_443_961_284 },
    ]);
    expect(out[0]?.eventTimestamp?.getUTCFullYear()).toBe(2017);
    expect(() =>
      normalizeHistory([{ eventId: 1, eventType: 'WorkflowExecutionStarted', eventTimestamp: 'soon' }]),
    ).toThrow(InvalidHistoryError);
  });
});
