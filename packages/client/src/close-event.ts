/** How a run ended, read from its close event: the result, the next run, or the failure rebuilt. */
import {
  CancelledFailure,
  TerminatedFailure,
  WorkflowExecutionFailedError,
  decodeFailure,
  eventAttributes,
  timeoutFailure,
  type DataConverter,
  type HistoryEvent,
} from '@swf-flow/common';

/** How a run ended, read from its close event. */
export type RunOutcome =
  | { kind: 'completed'; result: unknown }
  | { kind: 'continued'; newRunId: string }
  | { kind: 'failed'; error: WorkflowExecutionFailedError };

/**
 * Reads the outcome of a run from its close event: the decoded result, the run it continued as,
 * or a {@link WorkflowExecutionFailedError} whose `cause` is the rebuilt failure
 * (`ApplicationFailure`, `CancelledFailure`, `TerminatedFailure` or `TimeoutFailure`).
 */
export function outcomeOf(
  event: HistoryEvent,
  execution: { workflowId: string; runId: string },
  converter: DataConverter,
): RunOutcome {
  const attrs = eventAttributes<Record<string, string | undefined>>(event);
  const where = `workflow ${execution.workflowId} (run ${execution.runId})`;
  switch (event.eventType) {
    case 'WorkflowExecutionCompleted':
      return { kind: 'completed', result: converter.fromPayload(attrs.result) };
    case 'WorkflowExecutionContinuedAsNew':
      return { kind: 'continued', newRunId: attrs.newExecutionRunId ?? '' };
    case 'WorkflowExecutionFailed': {
      const cause = decodeFailure(attrs.reason, attrs.details);
      return {
        kind: 'failed',
        error: new WorkflowExecutionFailedError(`${where} failed: ${cause.message}`, 'FAILED', execution, cause),
      };
    }
    case 'WorkflowExecutionCanceled': {
      const cause = new CancelledFailure('the workflow execution was canceled', converter.fromPayload(attrs.details));
      return {
        kind: 'failed',
        error: new WorkflowExecutionFailedError(`${where} was canceled`, 'CANCELED', execution, cause),
      };
    }
    case 'WorkflowExecutionTerminated': {
      const detail = [attrs.reason, attrs.details].filter(Boolean).join(': ');
      const cause = new TerminatedFailure(
        `the workflow execution was terminated${detail ? ` (${detail})` : ''}${attrs.cause ? ` [${attrs.cause}]` : ''}`,
      );
      return {
        kind: 'failed',
        error: new WorkflowExecutionFailedError(`${where} was terminated`, 'TERMINATED', execution, cause),
      };
    }
    case 'WorkflowExecutionTimedOut': {
      const cause = timeoutFailure('the workflow execution', attrs.timeoutType ?? 'START_TO_CLOSE');
      return {
        kind: 'failed',
        error: new WorkflowExecutionFailedError(`${where} timed out`, 'TIMED_OUT', execution, cause),
      };
    }
    default:
      throw new Error(`${event.eventType} is not a close event`);
  }
}
