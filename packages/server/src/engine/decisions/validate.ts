/**
 * Checks a decision list before anything is applied, for what the model's member-by-member
 * validation cannot see (every attribute value was already checked against the model, rules
 * included, by `model/validate.ts`):
 *
 * - a decision needs the attributes object of its type when that object has required members
 *   (`StartTimer` without `startTimerDecisionAttributes`), derived from the model's `Decision` shape;
 * - a decision that closes the run (complete, fail, cancel, continue-as-new) must be the last one:
 *   Amazon SWF refuses the whole answer with `ValidationException` "Close must be last decision in
 *   list", as its developer guide states ("it isn't valid to have a set of decisions in which there
 *   are decisions after the one that closes the workflow").
 *
 * - a `ScheduleLambdaFunction`'s `startToCloseTimeout` must be from 1 to 900 seconds, the range
 *   SWF documents for it (a Lambda task runs at most 15 minutes).
 *
 * A bad list fails the whole RespondDecisionTaskCompleted: nothing is recorded and the decision task
 * stays started (until it is answered again or times out), as in SWF.
 */
import { type Decision } from '@swf-flow/common';
import { shapeOf } from '../../model/model.js';
import { quote, validationFault } from '../../model/validate.js';
import { SwfFault } from '../../faults.js';

/** The decisions that close the run. */
export const CLOSE_DECISIONS: ReadonlySet<string> = new Set([
  'CompleteWorkflowExecution',
  'FailWorkflowExecution',
  'CancelWorkflowExecution',
  'ContinueAsNewWorkflowExecution',
]);

let requiredAttributes: Map<string, string> | undefined;

/** Decision type -> its attributes member, for the types whose attributes have required members. */
function attributesNeeded(): Map<string, string> {
  if (requiredAttributes) return requiredAttributes;
  const needed = new Map<string, string>();
  for (const [member, m] of Object.entries(shapeOf('Decision').members ?? {})) {
    if (!member.endsWith('DecisionAttributes')) continue;
    const type = member.charAt(0).toUpperCase() + member.slice(1, -'DecisionAttributes'.length);
    if ((shapeOf(m.shape).required ?? []).length > 0) needed.set(type, member);
  }
  requiredAttributes = needed;
  return needed;
}

/** Throws a ValidationException for a malformed decision list (after model validation). */
export function validateDecisions(decisions: readonly Decision[]): void {
  const needed = attributesNeeded();
  decisions.forEach((d, i) => {
    const type = d.decisionType ?? '';
    if (CLOSE_DECISIONS.has(type) && i < decisions.length - 1) {
      throw new SwfFault('ValidationException', 'Close must be last decision in list');
    }
    const lambdaTimeout = d.scheduleLambdaFunctionDecisionAttributes?.startToCloseTimeout;
    if (
      type === 'ScheduleLambdaFunction' &&
      lambdaTimeout !== undefined &&
      !(/^\d+$/.test(lambdaTimeout) && Number(lambdaTimeout) >= 1 && Number(lambdaTimeout) <= 900)
    ) {
      throw validationFault([
        `Value ${quote(lambdaTimeout)} at 'decisions.${i + 1}.member.scheduleLambdaFunctionDecisionAttributes.startToCloseTimeout' failed to satisfy constraint: Member must be a whole number of seconds from 1 to 900`,
      ]);
    }
    const member = needed.get(type);
    if (member && !(d as unknown as Record<string, unknown>)[member]) {
      throw validationFault([
        `Value null at 'decisions.${i + 1}.member.${member}' failed to satisfy constraint: Member must not be null`,
      ]);
    }
  });
}
