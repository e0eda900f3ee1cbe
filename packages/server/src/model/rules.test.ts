/**
 * SWF's worded value rules, member by member, at every entry point. The tables below state SWF's
 * documented behaviour (API reference, member documentation); each table is checked to name every
 * member of its kind that an operation input can reach, so a member the model adds cannot slip by.
 */
import { describe, expect, it } from 'vitest';
import { SwfFault } from '../faults.js';
import { serviceModel, shapeOf } from './model.js';
import { validateInput } from './validate.js';

/** `Operation path`: where a member sits in an operation's input, as validation messages name it. */
type At = `${string} ${string}`;

const D = 'RespondDecisionTaskCompleted decisions.1.member';

/**
 * Duration members: SWF's `DurationInSeconds` / `DurationInSecondsOptional`, "specified in seconds,
 * an integer greater than or equal to 0". `NONE` where the documentation says "You can use NONE";
 * executionStartToCloseTimeout of a start (and its registered default) "cannot" be NONE and has "a
 * one-year max limit". taskListScheduleToStartTimeout is not documented either way; SWF records
 * "NONE" for that timeout itself (the 2023 recordings in swf/histories), so NONE is taken. Two
 * start at 1 and have a top (`from1To`): a Lambda task's, "any integer from 1-900", and a start's
 * execution timeout, which the service refuses at 0; the other timeouts of a new run (its
 * decision tasks' on a start, both of a child's start and of a continue-as-new) start at 1 with no
 * top (`fromOne`). Their refusals state that range instead of "0 or more".
 */
const DURATIONS: Record<At, { none: boolean; oneYear?: boolean; from1To?: number; fromOne?: boolean }> = {
  'RegisterWorkflowType defaultTaskStartToCloseTimeout': { none: true },
  'RegisterWorkflowType defaultExecutionStartToCloseTimeout': { none: false, oneYear: true },
  'RegisterActivityType defaultTaskStartToCloseTimeout': { none: true },
  'RegisterActivityType defaultTaskHeartbeatTimeout': { none: true },
  'RegisterActivityType defaultTaskScheduleToStartTimeout': { none: true },
  'RegisterActivityType defaultTaskScheduleToCloseTimeout': { none: true },
  'StartWorkflowExecution executionStartToCloseTimeout': { none: false, from1To: 31536000 },
  'StartWorkflowExecution taskStartToCloseTimeout': { none: true, fromOne: true },
  'RespondDecisionTaskCompleted taskListScheduleToStartTimeout': { none: true },
  [`${D}.scheduleActivityTaskDecisionAttributes.scheduleToCloseTimeout`]: { none: true },
  [`${D}.scheduleActivityTaskDecisionAttributes.scheduleToStartTimeout`]: { none: true },
  [`${D}.scheduleActivityTaskDecisionAttributes.startToCloseTimeout`]: { none: true },
  [`${D}.scheduleActivityTaskDecisionAttributes.heartbeatTimeout`]: { none: true },
  [`${D}.startTimerDecisionAttributes.startToFireTimeout`]: { none: false },
  [`${D}.startChildWorkflowExecutionDecisionAttributes.executionStartToCloseTimeout`]: { none: true, fromOne: true },
  [`${D}.startChildWorkflowExecutionDecisionAttributes.taskStartToCloseTimeout`]: { none: true, fromOne: true },
  [`${D}.continueAsNewWorkflowExecutionDecisionAttributes.executionStartToCloseTimeout`]: { none: true, fromOne: true },
  [`${D}.continueAsNewWorkflowExecutionDecisionAttributes.taskStartToCloseTimeout`]: { none: true, fromOne: true },
  [`${D}.scheduleLambdaFunctionDecisionAttributes.startToCloseTimeout`]: { none: false, from1To: 900 },
};

/** Task priorities: "Valid values are integers that range from Java's Integer.MIN_VALUE (-2147483648) to Integer.MAX_VALUE (2147483647)". */
const PRIORITIES: At[] = [
  'RegisterWorkflowType defaultTaskPriority',
  'RegisterActivityType defaultTaskPriority',
  'StartWorkflowExecution taskPriority',
  `${D}.scheduleActivityTaskDecisionAttributes.taskPriority`,
  `${D}.startChildWorkflowExecutionDecisionAttributes.taskPriority`,
  `${D}.continueAsNewWorkflowExecutionDecisionAttributes.taskPriority`,
];

/**
 * Names: "must not contain a : (colon), / (slash), | (vertical bar), or any control characters
 * (\u0000-\u001f | \u007f-\u009f). Also, it must not be the literal string arn" (and, where SWF
 * documents it, "must not start or end with whitespace"; applied to all). Every task list name, the
 * names a registration creates, the ids a start or a decision creates, and the workflowId a decision
 * signals or cancels.
 */
const NAMES: At[] = [
  'RegisterDomain name',
  'RegisterWorkflowType name',
  'RegisterWorkflowType version',
  'RegisterWorkflowType defaultTaskList.name',
  'RegisterActivityType name',
  'RegisterActivityType version',
  'RegisterActivityType defaultTaskList.name',
  'StartWorkflowExecution domain',
  'StartWorkflowExecution workflowId',
  'StartWorkflowExecution taskList.name',
  'PollForDecisionTask taskList.name',
  'PollForActivityTask taskList.name',
  'CountPendingDecisionTasks taskList.name',
  'CountPendingActivityTasks taskList.name',
  'RespondDecisionTaskCompleted taskList.name',
  `${D}.scheduleActivityTaskDecisionAttributes.activityId`,
  `${D}.scheduleActivityTaskDecisionAttributes.taskList.name`,
  `${D}.startTimerDecisionAttributes.timerId`,
  `${D}.startChildWorkflowExecutionDecisionAttributes.workflowId`,
  `${D}.startChildWorkflowExecutionDecisionAttributes.taskList.name`,
  `${D}.continueAsNewWorkflowExecutionDecisionAttributes.taskList.name`,
  `${D}.signalExternalWorkflowExecutionDecisionAttributes.workflowId`,
  `${D}.requestCancelExternalWorkflowExecutionDecisionAttributes.workflowId`,
];

/** A minimal valid value of a shape: required members filled in, lists empty. */
function skeleton(shapeName: string): unknown {
  const shape = shapeOf(shapeName);
  switch (shape.type) {
    case 'structure': {
      const out: Record<string, unknown> = {};
      for (const name of shape.required ?? []) out[name] = skeleton(shape.members![name]!.shape);
      return out;
    }
    case 'list':
      return [];
    case 'string':
      return shape.enum ? shape.enum[0] : shapeName.startsWith('Duration') || shapeName === 'TaskPriority' ? '0' : 'x';
    case 'integer':
    case 'long':
      return shape.min ?? 0;
    case 'boolean':
      return false;
    case 'timestamp':
      return 0;
    default:
      return undefined;
  }
}

/** An input for `operation` that is valid except that `path` holds `value`. */
function inputWith(operation: string, path: string, value: unknown): Record<string, unknown> {
  const inputShape = serviceModel().operations[operation]!.input!.shape;
  const root = skeleton(inputShape) as Record<string, unknown>;
  const parts = path.split('.');
  let node: Record<string, unknown> = root;
  let shapeName = inputShape;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const member = shapeOf(shapeName).members![part]!;
    if (i === parts.length - 1) {
      node[part] = value;
      break;
    }
    const memberShape = shapeOf(member.shape);
    if (memberShape.type === 'list') {
      const element = skeleton(memberShape.member!.shape) as Record<string, unknown>;
      node[part] = [element];
      node = element;
      shapeName = memberShape.member!.shape;
      i += 2; // `<n>.member`
    } else {
      node[part] ??= skeleton(member.shape);
      node = node[part] as Record<string, unknown>;
      shapeName = member.shape;
    }
  }
  return root;
}

/** The ValidationException message for an input, or undefined when it is valid. */
function problem(operation: string, input: unknown): string | undefined {
  try {
    validateInput(operation, input);
    return undefined;
  } catch (err) {
    if (err instanceof SwfFault && err.fault === 'ValidationException') return err.message;
    throw err;
  }
}

function check(at: At, value: string): string | undefined {
  const [operation, path] = at.split(' ') as [string, string];
  return problem(operation, inputWith(operation, path, value));
}

/** Every `Operation path` an input can reach whose member matches `select`. */
function reachable(select: (structure: string, member: string, shape: string) => boolean): At[] {
  const found: At[] = [];
  const walk = (operation: string, shapeName: string, path: string): void => {
    const shape = shapeOf(shapeName);
    if (shape.type === 'list') return walk(operation, shape.member!.shape, `${path}.1.member`);
    if (shape.type !== 'structure') return;
    for (const [name, m] of Object.entries(shape.members ?? {})) {
      const memberPath = path ? `${path}.${name}` : name;
      if (select(shapeName, name, m.shape)) found.push(`${operation} ${memberPath}`);
      walk(operation, m.shape, memberPath);
    }
  };
  for (const [name, op] of Object.entries(serviceModel().operations)) if (op.input) walk(name, op.input.shape, '');
  return found;
}

describe('SWF duration members (whole seconds >= 0, NONE where documented)', () => {
  it('the table names every DurationInSeconds member an input can reach', () => {
    const all = reachable((_s, _m, shape) => shape === 'DurationInSeconds' || shape === 'DurationInSecondsOptional');
    expect(new Set(all)).toEqual(new Set(Object.keys(DURATIONS)));
  });

  it.each(Object.entries(DURATIONS))('%s', (at, { none, oneYear, from1To, fromOne }) => {
    const path = at.split(' ')[1]!;
    const range = from1To
      ? `from 1 to ${from1To}${from1To === 31536000 ? ' (one year)' : ''}`
      : fromOne
        ? 'of 1 or more'
        : `(0 or more)${oneYear ? ' of at most 31536000 (one year)' : ''}`;
    const goods = from1To ? ['1', '300', String(from1To)] : fromOne ? ['1', '300', '86400'] : ['0', '300', '86400'];
    for (const good of goods) expect(check(at as At, good), good).toBeUndefined();
    expect(check(at as At, ''), 'the empty string').toMatch(/^1 validation error detected: Value '' at /);
    const bads = ['300s', '5m', '1.5', '-1', '+5', ' 30', '1e3', 'none', 'NaN'];
    if (from1To) bads.push('0', 'NONE', String(from1To + 1));
    if (fromOne) bads.push('0', '00');
    for (const bad of bads) {
      expect(check(at as At, bad), bad).toBe(
        `1 validation error detected: Value '${bad}' at '${path}' failed to satisfy constraint: ` +
          `Member must be a whole number of seconds ${range}${none ? ' or NONE' : ''}`,
      );
    }
    expect(check(at as At, 'NONE') === undefined).toBe(none);
    if (oneYear) {
      expect(check(at as At, '31536000')).toBeUndefined();
      expect(check(at as At, '31536001')).toContain('of at most 31536000 (one year)');
    }
  });
});

describe('SWF task priorities (integers from -2147483648 to 2147483647)', () => {
  it('the table names every TaskPriority member an input can reach', () => {
    expect(new Set(reachable((_s, _m, shape) => shape === 'TaskPriority'))).toEqual(new Set(PRIORITIES));
  });

  it.each(PRIORITIES)('%s', (at) => {
    for (const good of ['0', '5', '-5', '+5', '2147483647', '-2147483648'])
      expect(check(at, good), good).toBeUndefined();
    for (const bad of ['1.5', 'high', '', ' 1', '2147483648', '-2147483649', '1e3', '0x10']) {
      expect(check(at, bad), bad).toMatch(
        /failed to satisfy constraint: Member must be an integer from -2147483648 to 2147483647$/,
      );
    }
  });
});

describe("SWF's name rule (no ':', '/', '|', control characters, edge whitespace, or 'arn')", () => {
  it('applies where SWF documents it, to every task list name, and to every workflowId a decision targets', () => {
    const documented = reachable((structure, member) =>
      (shapeOf(structure).members![member]!.documentation ?? '').includes('must not contain a <code>:</code>'),
    ).map((at) => (at.endsWith('taskList') ? (`${at}.name` as At) : at));
    for (const at of documented) expect(NAMES).toContain(at);
    for (const at of reachable((structure, member) => structure === 'TaskList' && member === 'name'))
      expect(NAMES).toContain(at);
  });

  it.each(NAMES)('%s', (at) => {
    for (const good of ['a-b_c.d', 'ARN', 'arn2', 'ünïcødé', 'with space', '😀'])
      expect(check(at, good), good).toBeUndefined();
    for (const bad of [
      'a:b',
      'a/b',
      'a|b',
      'a\u0000b',
      'a\nb',
      'a\u001fb',
      'a\u007fb',
      'a\u0085b',
      'a\u009fb',
      'arn',
      ' a',
      'a ',
      '\ta',
    ]) {
      expect(check(at, bad), JSON.stringify(bad)).toMatch(
        /Member must not contain ':', '\/', '\|' or control characters/,
      );
    }
  });

  it('leaves lookups alone: a signal, cancel or terminate of a workflowId that cannot exist is a lookup that finds nothing', () => {
    for (const op of ['SignalWorkflowExecution', 'RequestCancelWorkflowExecution', 'TerminateWorkflowExecution']) {
      expect(problem(op, { ...(inputWith(op, 'workflowId', 'a:b') as object) })).toBeUndefined();
    }
  });
});

describe('well-formed Unicode in every string (SWF does not document this case)', () => {
  it.each([
    ['RegisterDomain', 'name', '\ud800'],
    ['RegisterDomain', 'description', 'x\udc00y'],
    ['StartWorkflowExecution', 'input', 'data \ud83d'],
    ['SignalWorkflowExecution', 'signalName', '\udfff'],
    ['RespondDecisionTaskCompleted', 'decisions.1.member.recordMarkerDecisionAttributes.details', '\ud800\ud800'],
  ])('%s %s: a lone UTF-16 surrogate is refused (it could not be stored as sent)', (operation, path, value) => {
    expect(problem(operation, inputWith(operation, path, value))).toMatch(
      /Member must be well-formed Unicode \(it contains a lone UTF-16 surrogate\)$/,
    );
    expect(problem(operation, inputWith(operation, path, 'pair 😀 ok'))).toBeUndefined();
  });
});
