/**
 * SWF's value rules that the botocore model states in words rather than as `min`/`max`/`enum`,
 * derived from the model itself so that every entry point applies the same rule to the same member:
 *
 * - durations: every member of shape `DurationInSeconds` or `DurationInSecondsOptional` is a whole
 *   number of seconds (`0` or more); `NONE` only where the member's documentation says "You can use
 *   NONE" (and for the task list override's timeout, which SWF records as NONE); at most one year
 *   where it documents "a one-year max limit"; from 1 to 900 where it documents "any integer from
 *   1-900" (a Lambda task's); and from 1 second for the execution and decision task timeouts of
 *   a new run (a start, a child's start, a continue-as-new), which the service refuses at 0 (see
 *   `FROM_ONE`). A member's refusal states its whole range, whatever the value was, so a client
 *   is never told "0 or more" and refused for 0;
 * - task priorities: every member of shape `TaskPriority` is an integer from -2147483648 to
 *   2147483647 (Java's int range, as the documentation of each such member says);
 * - names: the members whose documentation states SWF's name rule ("must not contain a : (colon),
 *   / (slash), | (vertical bar), or any control characters ... must not be the literal string
 *   arn"), every task list name (SWF documents the rule where task lists are polled: a task list
 *   that breaks it could never be polled), and the workflowId a decision signals or cancels. The
 *   strictest documented form applies to all of them (it also forbids leading and trailing
 *   whitespace), so what works here also works on Amazon SWF.
 *
 * Every string of every input must also be well-formed Unicode: a lone UTF-16 surrogate cannot be
 * stored as it was sent. SWF does not document this case; the service refuses rather than store a
 * changed value.
 */
import { breaksSwfNameRule, MAX_TASK_PRIORITY, MIN_TASK_PRIORITY } from '@swf-flow/common';
import type { ModelMember } from './model.js';

/** A rule on a string member: the constraint it breaks (as Coral words it), or undefined. */
export type StringRule = (value: string) => string | undefined;

/** SWF's longest workflow execution: one year, in seconds. */
export const MAX_EXECUTION_SECONDS = 31_536_000;

const SECONDS = /^\d+$/;
const PRIORITY = /^[+-]?\d+$/;
const LONE_SURROGATE = /\p{Surrogate}/u;
const NAME_RULE_TEXT = 'must not contain a <code>:</code> (colon)';

/**
 * Duration members that take `NONE` although their documentation does not say so: the task list
 * override's schedule-to-start timeout, which SWF itself records as `"NONE"` in
 * DecisionTaskScheduled events (see the 2023 recordings in `swf/histories`).
 */
const NONE_ALSO = new Set(['RespondDecisionTaskCompletedInput.taskListScheduleToStartTimeout']);

/** Members that carry SWF's name rule although their own documentation does not repeat it. */
const NAMED_ALSO = new Set([
  // Every task list name: SWF documents the rule on the task lists it polls and schedules on.
  'TaskList.name',
  // The target of a signal or cancel decision is a workflowId, named by the same rule as the child's.
  'SignalExternalWorkflowExecutionDecisionAttributes.workflowId',
  'RequestCancelExternalWorkflowExecutionDecisionAttributes.workflowId',
]);

/** The text of a member's documentation without its HTML tags. */
function plain(doc: string | undefined): string {
  return (doc ?? '').replace(/<[^>]+>/g, '');
}

/** A duration member's accepted whole seconds: from `min`, at most `max` when set. */
interface SecondsRange {
  min: 0 | 1;
  max?: number;
}

/** The range's words in a refusal: every refusal of the member names the whole range. */
function rangeWords({ min, max }: SecondsRange): string {
  const top = max === MAX_EXECUTION_SECONDS ? `${max} (one year)` : `${max}`;
  if (min === 0) return max === undefined ? '(0 or more)' : `(0 or more) of at most ${top}`;
  return max === undefined ? 'of 1 or more' : `from 1 to ${top}`;
}

function durationRule(allowNone: boolean, range: SecondsRange): StringRule {
  const wording = `Member must be a whole number of seconds ${rangeWords(range)}${allowNone ? ' or NONE' : ''}`;
  return (value) => {
    if (allowNone && value === 'NONE') return undefined;
    if (!SECONDS.test(value)) return wording;
    const n = Number(value);
    if (n < range.min || (range.max !== undefined && n > range.max)) return wording;
    return undefined;
  };
}

/**
 * Duration members the service refuses at 0 although their documentation allows it: a new run's
 * execution timeout (a run of 0 seconds times out as it starts) and its decision tasks' timeout
 * (each decision task would time out as it starts and be scheduled again, a loop that only the
 * history's event limit ends: what Cadence met and then refused, cadence#148), wherever a run is
 * started.
 */
const FROM_ONE = new Set([
  'StartWorkflowExecutionInput.executionStartToCloseTimeout',
  'StartWorkflowExecutionInput.taskStartToCloseTimeout',
  'StartChildWorkflowExecutionDecisionAttributes.executionStartToCloseTimeout',
  'StartChildWorkflowExecutionDecisionAttributes.taskStartToCloseTimeout',
  'ContinueAsNewWorkflowExecutionDecisionAttributes.executionStartToCloseTimeout',
  'ContinueAsNewWorkflowExecutionDecisionAttributes.taskStartToCloseTimeout',
]);

/** A member's documented range, as "any integer from 1-900". */
const DOCUMENTED_RANGE = /any integer from (\d+)\s*-\s*(\d+)/;

/** The whole seconds a duration member takes, from its documentation and the set above. */
function secondsRange(structure: string, member: string, doc: string): SecondsRange {
  const documented = DOCUMENTED_RANGE.exec(doc);
  if (documented) return { min: Number(documented[1]) >= 1 ? 1 : 0, max: Number(documented[2]) };
  const max = /one-year max/.test(doc) ? MAX_EXECUTION_SECONDS : undefined;
  return { min: FROM_ONE.has(`${structure}.${member}`) ? 1 : 0, ...(max !== undefined && { max }) };
}

const priorityRule: StringRule = (value) => {
  const n = PRIORITY.test(value) ? Number(value) : NaN;
  return Number.isInteger(n) && n >= MIN_TASK_PRIORITY && n <= MAX_TASK_PRIORITY
    ? undefined
    : `Member must be an integer from ${MIN_TASK_PRIORITY} to ${MAX_TASK_PRIORITY}`;
};

/** SWF's name rule, strictest documented form. */
export const nameRule: StringRule = (value) =>
  breaksSwfNameRule(value)
    ? "Member must not contain ':', '/', '|' or control characters (\\u0000-\\u001f, \\u007f-\\u009f), start or end with whitespace, or be the literal string 'arn'"
    : undefined;

/** The rule every string of every input obeys: well-formed Unicode (no lone UTF-16 surrogate). */
export const unicodeRule: StringRule = (value) =>
  LONE_SURROGATE.test(value) ? 'Member must be well-formed Unicode (it contains a lone UTF-16 surrogate)' : undefined;

/** The rules of member `member` of structure `structure`, derived from its shape and documentation. */
export function memberRules(structure: string, member: string, m: ModelMember): StringRule[] {
  const rules: StringRule[] = [];
  const doc = plain(m.documentation);
  if (m.shape === 'DurationInSeconds' || m.shape === 'DurationInSecondsOptional') {
    const allowNone =
      (/You can use NONE/.test(doc) && !/cannot specify a value of "NONE"/.test(doc)) ||
      NONE_ALSO.has(`${structure}.${member}`);
    rules.push(durationRule(allowNone, secondsRange(structure, member, doc)));
  }
  if (m.shape === 'TaskPriority') rules.push(priorityRule);
  if ((m.documentation ?? '').includes(NAME_RULE_TEXT) && m.shape !== 'TaskList') rules.push(nameRule);
  if (NAMED_ALSO.has(`${structure}.${member}`)) rules.push(nameRule);
  return rules;
}
