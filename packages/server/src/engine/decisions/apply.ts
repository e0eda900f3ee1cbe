/** Applies a decision list in order, each by its handler (a close decision is always the last: `validate.ts`). */
import { type Decision } from '@swf-flow/common';
import { scheduleActivityTask, requestCancelActivityTask } from './activity-decisions.js';
import { startChildDecision } from './child-decisions.js';
import {
  cancelWorkflowDecision,
  completeDecision,
  continueAsNewDecision,
  failWorkflowDecision,
} from './close-decisions.js';
import { type DecisionRun } from './context.js';
import { requestCancelExternalDecision, signalExternalDecision } from './external-decisions.js';
import { scheduleLambdaDecision } from './lambda-decisions.js';
import { cancelTimerDecision, recordMarkerDecision, startTimerDecision } from './timer-decisions.js';

/** Applies one decision. */
function applyOne(run: DecisionRun, d: Decision): void {
  switch (d.decisionType) {
    case 'ScheduleActivityTask':
      return scheduleActivityTask(
        run,
        d.scheduleActivityTaskDecisionAttributes ?? { activityId: '', activityType: undefined },
      );
    case 'RequestCancelActivityTask':
      return requestCancelActivityTask(run, d.requestCancelActivityTaskDecisionAttributes ?? {});
    case 'CompleteWorkflowExecution':
      return completeDecision(run, d.completeWorkflowExecutionDecisionAttributes ?? {});
    case 'FailWorkflowExecution':
      return failWorkflowDecision(run, d.failWorkflowExecutionDecisionAttributes ?? {});
    case 'CancelWorkflowExecution':
      return cancelWorkflowDecision(run, d.cancelWorkflowExecutionDecisionAttributes ?? {});
    case 'ContinueAsNewWorkflowExecution':
      return continueAsNewDecision(run, d.continueAsNewWorkflowExecutionDecisionAttributes ?? {});
    case 'RecordMarker':
      return recordMarkerDecision(run, d.recordMarkerDecisionAttributes ?? {});
    case 'StartTimer':
      return startTimerDecision(run, d.startTimerDecisionAttributes ?? {});
    case 'CancelTimer':
      return cancelTimerDecision(run, d.cancelTimerDecisionAttributes ?? {});
    case 'SignalExternalWorkflowExecution':
      return signalExternalDecision(run, d.signalExternalWorkflowExecutionDecisionAttributes ?? {});
    case 'RequestCancelExternalWorkflowExecution':
      return requestCancelExternalDecision(run, d.requestCancelExternalWorkflowExecutionDecisionAttributes ?? {});
    case 'StartChildWorkflowExecution':
      return startChildDecision(
        run,
        d.startChildWorkflowExecutionDecisionAttributes ?? { workflowId: '', workflowType: undefined },
      );
    case 'ScheduleLambdaFunction':
      return scheduleLambdaDecision(run, d.scheduleLambdaFunctionDecisionAttributes ?? {});
    default:
      return undefined;
  }
}

/**
 * Applies the decisions of one RespondDecisionTaskCompleted, in order, then their follow-ups (so
 * the task's events stand together in the history, as SWF records them).
 */
export function applyDecisions(run: DecisionRun, decisions: readonly Decision[]): void {
  for (const d of decisions) applyOne(run, d);
  for (const followUp of run.followUps.splice(0)) followUp();
}
