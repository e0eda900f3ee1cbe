/**
 * Checks a decision list before anything is applied, for what the model's member-by-member
 * validation cannot see (every attribute value was already checked against the model, rules
 * included, by `model/validate.ts`):
 *
 * - a decision needs the attributes object of its type when that object has required members
 *   (`StartTimer` without `startTimerDecisionAttributes`), derived from the model's `Decision` shape.
 *   A missing object is reported as SWF reports it: each of its required members is null, at its
 *   own path (`decisions.1.member.startTimerDecisionAttributes.timerId`), so the message says what
 *   the decision lacks; the violations of every decision are reported together, as the model's are;
 * - a decision that closes the run (complete, fail, cancel, continue-as-new) must be the last one:
 *   Amazon SWF refuses the whole answer with `ValidationException` "Close must be last decision in
 *   list", as its developer guide states ("it isn't valid to have a set of decisions in which there
 *   are decisions after the one that closes the workflow").
 *
 * A bad list fails the whole RespondDecisionTaskCompleted: nothing is recorded and the decision task
 * stays started (until it is answered again or times out), as in SWF.
 */
import { type Decision } from '@swf-flow/common';
import { shapeOf } from '../../model/model.js';
import { MAX_REPORTED_VIOLATIONS, validationFault } from '../../model/validate.js';
import { SwfFault } from '../../faults.js';

/** The decisions that close the run. */
export const CLOSE_DECISIONS: ReadonlySet<string> = new Set([
  'CompleteWorkflowExecution',
  'FailWorkflowExecution',
  'CancelWorkflowExecution',
  'ContinueAsNewWorkflowExecution',
]);

let requiredAttributes: Map<string, { member: string; required: readonly string[] }> | undefined;

/** Decision type -> its attributes member and that object's required members, for the types that have some. */
function attributesNeeded(): Map<string, { member: string; required: readonly string[] }> {
  if (requiredAttributes) return requiredAttributes;
  const needed = new Map<string, { member: string; required: readonly string[] }>();
  for (const [member, m] of Object.entries(shapeOf('Decision').members ?? {})) {
    if (!member.endsWith('DecisionAttributes')) continue;
    const type = member.charAt(0).toUpperCase() + member.slice(1, -'DecisionAttributes'.length);
    const required = shapeOf(m.shape).required ?? [];
    if (required.length > 0) needed.set(type, { member, required });
  }
  requiredAttributes = needed;
  return needed;
}

/** Throws a ValidationException for a malformed decision list (after model validation). */
export function validateDecisions(decisions: readonly Decision[]): void {
  const needed = attributesNeeded();
  decisions.forEach((d, i) => {
    if (CLOSE_DECISIONS.has(d.decisionType ?? '') && i < decisions.length - 1) {
      throw new SwfFault('ValidationException', 'Close must be last decision in list');
    }
  });
  const violations: string[] = [];
  decisions.forEach((d, i) => {
    const type = d.decisionType ?? '';
    const attributes = needed.get(type);
    if (attributes && !(d as unknown as Record<string, unknown>)[attributes.member]) {
      for (const name of attributes.required) {
        violations.push(
          `Value null at 'decisions.${i + 1}.member.${attributes.member}.${name}' failed to satisfy constraint: Member must not be null`,
        );
      }
    }
  });
  if (violations.length > MAX_REPORTED_VIOLATIONS) {
    throw validationFault(violations.slice(0, MAX_REPORTED_VIOLATIONS), true);
  }
  if (violations.length > 0) throw validationFault(violations);
}
