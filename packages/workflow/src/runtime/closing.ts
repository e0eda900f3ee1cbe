/**
 * How a run closes: the workflow function's outcome becomes one close decision
 * (CompleteWorkflowExecution, FailWorkflowExecution, CancelWorkflowExecution or
 * ContinueAsNewWorkflowExecution). If SWF refuses it (`UNHANDLED_DECISION`: new events arrived),
 * the same decision is sent again with the next decision task.
 */
import {
  ApplicationFailure,
  CancelledFailure,
  DeterminismViolationError,
  encodeFailure,
  eventAttributes,
  MAX_PAYLOAD_LENGTH,
  ValidationError,
  symbolBasedInstanceOf,
  thrownText,
  type Decision,
} from '@swf-flow/common';
import type { Closing, WorkflowRuntime } from './runtime.js';

/** The attributes of a ContinueAsNewWorkflowExecution decision. */
export type ContinueAsNewAttributes = NonNullable<Decision['continueAsNewWorkflowExecutionDecisionAttributes']>;

/**
 * Thrown by `continueAsNew()`: when the workflow function rejects with it, the run closes with a
 * ContinueAsNewWorkflowExecution decision. Do not catch it (or rethrow it).
 */
export class ContinueAsNew extends Error {
  constructor(readonly attributes: ContinueAsNewAttributes) {
    super('Workflow continues as new');
    this.name = 'ContinueAsNew';
  }
}
symbolBasedInstanceOf(ContinueAsNew, 'swf-flow.workflow.ContinueAsNew');

/** The DeterminismViolationError that `err` is or is caused by, if any. */
export function determinismViolationIn(err: unknown): DeterminismViolationError | undefined {
  for (let e = err, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    if (e instanceof DeterminismViolationError) return e;
  }
  return undefined;
}

/** True when `err` is (or is caused by) a CancelledFailure. */
export function isCancellation(err: unknown): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    if (e instanceof CancelledFailure) return true;
  }
  return false;
}

function issueClose(rt: WorkflowRuntime, decision: Decision, closing: Closing): void {
  const type = decision.decisionType ?? 'CompleteWorkflowExecution';
  rt.decideClose(closing);
  rt.issue({
    kind: 'close',
    decision,
    key: type,
    label: type,
    handlers: {
      recorded: () => rt.recordClosed(closing),
      failed: (e) => {
        const cause = String(eventAttributes<{ cause?: string }>(e).cause ?? 'UNKNOWN');
        if (cause === 'UNHANDLED_DECISION' || type === 'FailWorkflowExecution') {
          issueClose(rt, decision, closing);
          return;
        }
        const failure = new ApplicationFailure(`SWF refused ${type}: ${cause}`, { type: cause, nonRetryable: true });
        issueClose(rt, failDecision(failure), { status: 'FAILED', failure });
      },
    },
    reason: closing.failure,
  });
}

function failDecision(err: unknown): Decision {
  const { reason, details } = encodeFailure(err);
  return { decisionType: 'FailWorkflowExecution', failWorkflowExecutionDecisionAttributes: { reason, details } };
}

/**
 * Fails the run in place of what the current decision task decided, because SWF would refuse the
 * task's answer (a decision breaks one of its limits; see `decision-limits.ts`): the task's
 * commands, a close among them, are withdrawn and one FailWorkflowExecution is sent instead.
 */
export function failRunInstead(rt: WorkflowRuntime, err: Error): void {
  rt.commands.dropPending();
  rt.decideClose(undefined);
  failRun(rt, err);
}

/** The workflow function returned: complete the run with its result. */
export function completeRun(rt: WorkflowRuntime, value: unknown): void {
  if (rt.closing || rt.closed) return;
  let result: string | undefined;
  try {
    result = rt.converter.toPayload(value);
    if (result !== undefined && result.length > MAX_PAYLOAD_LENGTH) {
      throw new ValidationError(
        `the workflow result is ${result.length} characters once serialized; SWF allows ${MAX_PAYLOAD_LENGTH}: return less (store big data elsewhere)`,
      );
    }
  } catch (err) {
    failRun(rt, err);
    return;
  }
  const attrs = result === undefined ? {} : { result };
  issueClose(
    rt,
    { decisionType: 'CompleteWorkflowExecution', completeWorkflowExecutionDecisionAttributes: attrs },
    { status: 'COMPLETED', result: value },
  );
}

/**
 * The workflow function (or a signal handler, or a condition predicate) threw: continue as new
 * (ContinueAsNew), cancel (a CancelledFailure, or a failure caused by one) or fail (anything
 * else). A DeterminismViolationError (or a failure caused by one) closes nothing: it fails the
 * decision task, so that fixed code can continue the run.
 */
export function failRun(rt: WorkflowRuntime, err: unknown): void {
  const violation = determinismViolationIn(err);
  if (violation) {
    rt.failTask(violation);
    return;
  }
  if (rt.closing || rt.closed) return;
  if (err instanceof ContinueAsNew) {
    issueClose(
      rt,
      {
        decisionType: 'ContinueAsNewWorkflowExecution',
        continueAsNewWorkflowExecutionDecisionAttributes: err.attributes,
      },
      { status: 'CONTINUED_AS_NEW' },
    );
    return;
  }
  const error = err instanceof Error ? err : new ApplicationFailure(thrownText(err));
  // A run that ends in a cancellation (after a cancel request, or a scope the code cancelled itself,
  // e.g. from a `cancel` signal) closes as canceled.
  if (isCancellation(err)) {
    let details: string | undefined;
    try {
      details = error instanceof CancelledFailure ? rt.converter.toPayload(error.details) : undefined;
    } catch (cannot) {
      // as a result that cannot be written fails the run (completeRun), so do cancel details
      const why = cannot instanceof Error ? cannot.message : thrownText(cannot);
      const failure = new ValidationError(`the CancelledFailure's details cannot be recorded: ${why}`, { cause: err });
      issueClose(rt, failDecision(failure), { status: 'FAILED', failure });
      return;
    }
    issueClose(
      rt,
      {
        decisionType: 'CancelWorkflowExecution',
        cancelWorkflowExecutionDecisionAttributes: details === undefined ? {} : { details },
      },
      { status: 'CANCELED', failure: error },
    );
    return;
  }
  issueClose(rt, failDecision(error), { status: 'FAILED', failure: error });
}
