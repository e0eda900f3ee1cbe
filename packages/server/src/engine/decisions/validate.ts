/**
 * Checks a decision list before anything is applied: each decision needs its attributes object when
 * that object has required members (the generic model validation cannot see this), and timer
 * durations must be whole seconds. A bad list fails the whole request, as in SWF.
 */
import { type Decision } from '@swf-flow/common';
import { SwfFault } from '../../faults.js';

const REQUIRED: Record<string, [keyof Decision, string[]]> = {
  ScheduleActivityTask: ['scheduleActivityTaskDecisionAttributes', ['activityType', 'activityId']],
  RequestCancelActivityTask: ['requestCancelActivityTaskDecisionAttributes', ['activityId']],
  RecordMarker: ['recordMarkerDecisionAttributes', ['markerName']],
  StartTimer: ['startTimerDecisionAttributes', ['timerId', 'startToFireTimeout']],
  CancelTimer: ['cancelTimerDecisionAttributes', ['timerId']],
  SignalExternalWorkflowExecution: ['signalExternalWorkflowExecutionDecisionAttributes', ['workflowId', 'signalName']],
  RequestCancelExternalWorkflowExecution: ['requestCancelExternalWorkflowExecutionDecisionAttributes', ['workflowId']],
  StartChildWorkflowExecution: ['startChildWorkflowExecutionDecisionAttributes', ['workflowType', 'workflowId']],
  ScheduleLambdaFunction: ['scheduleLambdaFunctionDecisionAttributes', ['id', 'name']],
};

/** Throws a ValidationException for the first malformed decision. */
export function validateDecisions(decisions: readonly Decision[]): void {
  decisions.forEach((d, i) => {
    const rule = REQUIRED[d.decisionType ?? ''];
    if (!rule) return;
    const [member, fields] = rule;
    const attrs = d[member] as Record<string, unknown> | undefined;
    const where = `decisions.${i + 1}.member.${member}`;
    if (!attrs) throw new SwfFault('ValidationException', `1 validation error detected: Value null at '${where}' failed to satisfy constraint: Member must not be null`);
    for (const f of fields) {
      if (attrs[f] === undefined || attrs[f] === null) {
        throw new SwfFault('ValidationException', `1 validation error detected: Value null at '${where}.${f}' failed to satisfy constraint: Member must not be null`);
      }
    }
    if (d.decisionType === 'StartTimer' && !/^\d+$/.test(String(attrs.startToFireTimeout))) {
      throw new SwfFault('ValidationException', `Invalid value for ${where}.startToFireTimeout: ${String(attrs.startToFireTimeout)}`);
    }
  });
}
