import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkDecisionLimits, DECISION_FIELD_BOUNDS, DECISION_NAMED_FIELDS, SwfLimitError } from './decision-limits.js';

interface Shape {
  type: string;
  min?: number;
  max?: number;
  enum?: string[];
  member?: { shape: string };
  members?: Record<string, { shape: string }>;
}

/** Every bounded length of each decision type's attributes, read from the API model the local service uses. */
function boundsFromModel(): Record<string, Record<string, [number, number]>> {
  const modelUrl = new URL('../../server/model/service-2.json', import.meta.url);
  const shapes = (JSON.parse(readFileSync(modelUrl, 'utf8')) as { shapes: Record<string, Shape> }).shapes;
  const out: Record<string, Record<string, [number, number]>> = {};
  const walk = (name: string, path: string, into: Record<string, [number, number]>): void => {
    const shape = shapes[name]!;
    if (shape.max !== undefined && shape.enum === undefined && (shape.type === 'string' || shape.type === 'list')) {
      into[path] = [shape.min ?? 0, shape.max];
    }
    if (shape.type === 'structure') {
      for (const [key, member] of Object.entries(shape.members ?? {}))
        walk(member.shape, path ? `${path}.${key}` : key, into);
    } else if (shape.type === 'list') walk(shape.member!.shape, `${path}[]`, into);
  };
  for (const [key, member] of Object.entries(shapes.Decision!.members ?? {})) {
    if (key === 'decisionType') continue;
    const type = key.charAt(0).toUpperCase() + key.slice(1).replace(/DecisionAttributes$/, '');
    walk(member.shape, '', (out[type] = {}));
  }
  return out;
}
import { registrationDifferences } from './registration.js';

/**
 * The decision fields that keep SWF's name rule, read from the API model as the local service reads
 * them: a member whose documentation states the rule, every task list's name, and the target
 * workflowId of a signal or cancel decision (named by the child's rule).
 */
function namedFromModel(): Record<string, string[]> {
  const modelUrl = new URL('../../server/model/service-2.json', import.meta.url);
  type Member = { shape: string; documentation?: string };
  const shapes = (
    JSON.parse(readFileSync(modelUrl, 'utf8')) as {
      shapes: Record<string, Shape & { members?: Record<string, Member> }>;
    }
  ).shapes;
  const out: Record<string, string[]> = {};
  for (const [key, member] of Object.entries(shapes.Decision!.members ?? {})) {
    if (key === 'decisionType') continue;
    const type = key.charAt(0).toUpperCase() + key.slice(1).replace(/DecisionAttributes$/, '');
    const fields: string[] = [];
    for (const [name, m] of Object.entries((shapes[member.shape]!.members ?? {}) as Record<string, Member>)) {
      if (m.shape === 'TaskList') fields.push(`${name}.name`);
      else if ((m.documentation ?? '').includes('must not contain a <code>:</code> (colon)')) fields.push(name);
      else if (name === 'workflowId' && /External/.test(type)) fields.push(name);
    }
    if (fields.length > 0) out[type] = fields.sort();
  }
  return out;
}

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

  it("names the first breach in the table's order, a list item by its index, and skips what is not there", () => {
    const fail = (decision: object) => () =>
      checkDecisionLimits([
        { decisionType: 'CancelTimer', cancelTimerDecisionAttributes: { timerId: 't' } },
        decision as never,
      ]);
    expect(
      fail({
        decisionType: 'FailWorkflowExecution',
        failWorkflowExecutionDecisionAttributes: { details: 'd'.repeat(40_000), reason: 'r'.repeat(300) },
      }),
    ).toThrow(
      new SwfLimitError('decision #2 (FailWorkflowExecution): reason is 300 characters; SWF allows at most 256'),
    );
    expect(
      fail({
        decisionType: 'StartChildWorkflowExecution',
        startChildWorkflowExecutionDecisionAttributes: {
          workflowId: 'c',
          workflowType: { name: 'w', version: '1' },
          taskList: null,
          tagList: ['a', 'b', null, 'x'.repeat(257), 'y'.repeat(300)],
        },
      }),
    ).toThrow(
      new SwfLimitError(
        'decision #2 (StartChildWorkflowExecution): tagList[3] is 257 characters; SWF allows at most 256',
      ),
    );
    // a tag list that is not a list has no items to check; a missing type attribute block checks nothing
    expect(
      fail({
        decisionType: 'ContinueAsNewWorkflowExecution',
        continueAsNewWorkflowExecutionDecisionAttributes: { tagList: 'a,b' },
      }),
    ).not.toThrow();
    expect(fail({ decisionType: 'StartTimer' })).not.toThrow();
  });

  it('knows every length the API model bounds in a decision, and no other', () => {
    expect(DECISION_FIELD_BOUNDS).toEqual(boundsFromModel());
  });

  it.each([
    [
      { decisionType: 'StartTimer', startTimerDecisionAttributes: { timerId: 't', startToFireTimeout: '126144000' } },
      'decision #1 (StartTimer): startToFireTimeout is 9 characters; SWF allows at most 8 (a timeout is whole seconds: at most 99999999)',
    ],
    [
      { decisionType: 'StartTimer', startTimerDecisionAttributes: { timerId: '', startToFireTimeout: '1' } },
      'decision #1 (StartTimer): timerId is 0 characters; SWF needs at least 1',
    ],
    [
      {
        decisionType: 'ScheduleActivityTask',
        scheduleActivityTaskDecisionAttributes: {
          activityId: '1',
          activityType: { name: 'a', version: 'v'.repeat(65) },
          taskList: { name: 'q' },
        },
      },
      'decision #1 (ScheduleActivityTask): activityType.version is 65 characters; SWF allows at most 64',
    ],
    [
      {
        decisionType: 'StartChildWorkflowExecution',
        startChildWorkflowExecutionDecisionAttributes: {
          workflowId: 'c',
          workflowType: { name: 'w', version: '1' },
          tagList: ['a', 'b', 'c', 'd', 'e', 'f'],
        },
      },
      'decision #1 (StartChildWorkflowExecution): tagList is 6 items; SWF allows at most 5',
    ],
    [
      {
        decisionType: 'ContinueAsNewWorkflowExecution',
        continueAsNewWorkflowExecutionDecisionAttributes: { tagList: ['ok', 't'.repeat(257)] },
      },
      'decision #1 (ContinueAsNewWorkflowExecution): tagList[1] is 257 characters; SWF allows at most 256',
    ],
    [
      {
        decisionType: 'ScheduleLambdaFunction',
        scheduleLambdaFunctionDecisionAttributes: { id: 'l', name: 'f'.repeat(65) },
      },
      'decision #1 (ScheduleLambdaFunction): name is 65 characters; SWF allows at most 64',
    ],
  ])('rejects every bounded field the model names: %#', (decision, message) => {
    expect(() => checkDecisionLimits([decision as never])).toThrow(new SwfLimitError(message));
  });

  it('knows every field of a decision the API model holds to the name rule, and no other', () => {
    const table = Object.fromEntries(Object.entries(DECISION_NAMED_FIELDS).map(([t, f]) => [t, [...f].sort()]));
    expect(table).toEqual(namedFromModel());
  });

  // SWF refuses the whole answer for these (a ValidationException), so the task failed again on
  // every retry and the run never moved: the worker fails the run instead, naming the field.
  it.each<[string, Record<string, unknown>, string]>([
    [
      'a task list with a colon',
      {
        decisionType: 'ScheduleActivityTask',
        scheduleActivityTaskDecisionAttributes: {
          activityId: '1',
          activityType: { name: 'a', version: '1' },
          taskList: { name: 'a:b' },
        },
      },
      'decision #1 (ScheduleActivityTask): taskList.name "a:b" is not valid for SWF: it may not contain',
    ],
    [
      'an activity id with a leading space',
      {
        decisionType: 'ScheduleActivityTask',
        scheduleActivityTaskDecisionAttributes: { activityId: ' 1', activityType: { name: 'a', version: '1' } },
      },
      'decision #1 (ScheduleActivityTask): activityId " 1" is not valid for SWF',
    ],
    [
      'a timer id that is arn',
      { decisionType: 'StartTimer', startTimerDecisionAttributes: { timerId: 'arn', startToFireTimeout: '1' } },
      'decision #1 (StartTimer): timerId "arn" is not valid for SWF',
    ],
    [
      'a child id with a slash',
      {
        decisionType: 'StartChildWorkflowExecution',
        startChildWorkflowExecutionDecisionAttributes: { workflowId: 'a/b', workflowType: { name: 'w', version: '1' } },
      },
      'decision #1 (StartChildWorkflowExecution): workflowId "a/b" is not valid for SWF',
    ],
    [
      'a continue-as-new task list with a pipe',
      {
        decisionType: 'ContinueAsNewWorkflowExecution',
        continueAsNewWorkflowExecutionDecisionAttributes: { taskList: { name: 'a|b' } },
      },
      'decision #1 (ContinueAsNewWorkflowExecution): taskList.name "a|b" is not valid for SWF',
    ],
    [
      'a signal target with a control character',
      {
        decisionType: 'SignalExternalWorkflowExecution',
        signalExternalWorkflowExecutionDecisionAttributes: { workflowId: 'a\u0001', signalName: 's' },
      },
      'decision #1 (SignalExternalWorkflowExecution): workflowId "a\\u0001" is not valid for SWF',
    ],
  ])('rejects a name SWF refuses: %s', (_what, decision, message) => {
    expect(() => checkDecisionLimits([decision as never])).toThrow(SwfLimitError);
    expect(() => checkDecisionLimits([decision as never])).toThrow(message);
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
