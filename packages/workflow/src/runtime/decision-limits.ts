/**
 * SWF's limits on a decision task's answer, enforced where the decisions are made. A decision
 * that breaks one (an activity input over 32,768 characters, 1,001 activities at once, an answer
 * over 1 MB: `checkDecisionLimits` in `@swf-flow/common`) would be refused by SWF, and the task
 * would fail again on every retry, so the run fails instead: the task's commands are withdrawn
 * and one FailWorkflowExecution names the decision and the field. Doing it here rather than in
 * the worker alone makes the failure part of what the code decides: a replay of the history, by
 * a replay test or a worker's cache miss, reaches the same failure instead of reporting the
 * unchanged code as not matching its history.
 */
import {
  checkDecisionLimits,
  decisionSizeBound,
  MAX_OPEN_PER_KIND,
  MAX_REQUEST_BYTES,
  SwfLimitError,
} from '@swf-flow/common';
import { failRunInstead } from './closing.js';
import type { WorkflowRuntime } from './runtime.js';

/**
 * Checks the decisions the code has made and not yet seen recorded; fails the run in their place
 * if SWF would refuse them. A replay makes this check once per decision task, so it first takes a
 * bound that costs a few property reads per decision, and checks in full only past it.
 */
export function enforceDecisionLimits(rt: WorkflowRuntime): void {
  if (rt.closed || !rt.commands.hasPending) return;
  let bound = 6 * (rt.executionContext?.length ?? 0) + 64;
  let count = 0;
  rt.commands.forEachPendingDecision((decision) => {
    bound += decisionSizeBound(decision);
    count++;
  });
  if (bound <= MAX_REQUEST_BYTES && count <= MAX_OPEN_PER_KIND) return;
  try {
    checkDecisionLimits(rt.commands.decisions(), rt.executionContext);
  } catch (err) {
    if (!(err instanceof SwfLimitError)) throw err;
    failRunInstead(rt, err);
  }
}
