/**
 * SWF's value rules that the botocore model states in words rather than as `min`/`max`/`enum`,
 * derived from the model itself so that every entry point applies the same rule to the same member:
 *
 * - durations: every member of shape `DurationInSeconds` or `DurationInSecondsOptional` is a whole
 *   number of seconds (`0` or more); `NONE` only where the member's documentation says "You can use
 *   NONE" (and for the task list override's timeout, which SWF records as NONE); at most one year
 *   where it documents "a one-year max limit";
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

function durationRule(allowNone: boolean, maxSeconds: number | undefined): StringRule {
  const wording = `Member must be a whole number of seconds (0 or more)${allowNone ? ' or NONE' : ''}${
    maxSeconds !== undefined ? ` of at most ${maxSeconds} (one year)` : ''
  }`;
  return (value) => {
    if (allowNone && value === 'NONE') return undefined;
    if (!SECONDS.test(value)) return wording;
    if (maxSeconds !== undefined && Number(value) > maxSeconds) return wording;
    return undefined;
  };
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
    rules.push(durationRule(allowNone, /one-year max/.test(doc) ? MAX_EXECUTION_SECONDS : undefined));
  }
  if (m.shape === 'TaskPriority') rules.push(priorityRule);
  if ((m.documentation ?? '').includes(NAME_RULE_TEXT) && m.shape !== 'TaskList') rules.push(nameRule);
  if (NAMED_ALSO.has(`${structure}.${member}`)) rules.push(nameRule);
  return rules;
}
