/**
 * How SWF records the decisions of a completed task in the model (`swf-sim.ts`): each decision's
 * events, or its refusal (`...Failed`, now and then, with a cause the API names); an activity no
 * worker started canceled at once among the decisions; a close refused with UNHANDLED_DECISION
 * when new events came, else the run's close event (a continue-as-new names its successor).
 */
import type { Decision } from '@swf-flow/common';
import type { ActivationResult } from '../executor.js';
import type { SimRecord } from './swf-sim-record.js';
import type { Attrs, SimOptions } from './swf-sim-types.js';

/** Records one decision's events; true when SWF refused it. */
export function applyDecision(r: SimRecord, options: SimOptions, d: Decision, completed: number): boolean {
  const dtc = { decisionTaskCompletedEventId: completed };
  switch (d.decisionType) {
    case 'ScheduleActivityTask': {
      const a = d.scheduleActivityTaskDecisionAttributes as Attrs;
      if (r.chance(0.04)) {
        r.add('ScheduleActivityTaskFailed', {
          activityType: a.activityType,
          activityId: a.activityId,
          cause: 'OPEN_ACTIVITIES_LIMIT_EXCEEDED',
          ...dtc,
        });
        return true;
      }
      const eventId = r.add('ActivityTaskScheduled', { ...a, taskList: a.taskList ?? { name: 'acts' }, ...dtc });
      r.open.set(`activity:${String(a.activityId)}`, {
        kind: 'activity',
        eventId,
        startedId: 0,
        id: a.activityId,
      });
      return false;
    }
    case 'RequestCancelActivityTask': {
      const id = String(d.requestCancelActivityTaskDecisionAttributes?.activityId);
      const o = r.open.get(`activity:${id}`);
      if (!o) {
        r.add('RequestCancelActivityTaskFailed', { activityId: id, cause: 'ACTIVITY_ID_UNKNOWN', ...dtc });
        return true;
      }
      o.cancelRequested = r.add('ActivityTaskCancelRequested', { activityId: id, ...dtc });
      if (o.startedId === 0 && r.chance(0.7)) {
        // Not started by any worker: SWF cancels it at once, among the task's decisions.
        r.open.delete(`activity:${id}`);
        r.add('ActivityTaskCanceled', {
          scheduledEventId: o.eventId,
          latestCancelRequestedEventId: o.cancelRequested,
        });
        r.needDecisionLater = true;
      }
      return false;
    }
    case 'StartTimer': {
      const a = d.startTimerDecisionAttributes as Attrs;
      if (r.chance(0.03)) {
        r.add('StartTimerFailed', { timerId: a.timerId, cause: 'OPEN_TIMERS_LIMIT_EXCEEDED', ...dtc });
        return true;
      }
      const eventId = r.add('TimerStarted', { ...a, ...dtc });
      r.open.set(`timer:${String(a.timerId)}`, { kind: 'timer', eventId, startedId: 0, id: a.timerId });
      return false;
    }
    case 'CancelTimer': {
      const id = String(d.cancelTimerDecisionAttributes?.timerId);
      const o = r.open.get(`timer:${id}`);
      if (!o) {
        r.add('CancelTimerFailed', { timerId: id, cause: 'TIMER_ID_UNKNOWN', ...dtc });
        return true;
      }
      r.open.delete(`timer:${id}`);
      r.add('TimerCanceled', { timerId: id, startedEventId: o.eventId, ...dtc });
      return false;
    }
    case 'RecordMarker': {
      const a = d.recordMarkerDecisionAttributes as Attrs;
      if (r.chance(options.markerRefusal ?? 0.02)) {
        r.add('RecordMarkerFailed', { markerName: a.markerName, cause: 'OPERATION_NOT_PERMITTED', ...dtc });
        return true;
      }
      r.add('MarkerRecorded', { ...a, ...dtc });
      return false;
    }
    case 'StartChildWorkflowExecution': {
      const a = d.startChildWorkflowExecutionDecisionAttributes as Attrs;
      if (r.chance(0.04)) {
        r.add('StartChildWorkflowExecutionFailed', {
          workflowType: a.workflowType,
          workflowId: a.workflowId,
          cause: 'OPEN_CHILDREN_LIMIT_EXCEEDED',
          initiatedEventId: 0,
          ...dtc,
        });
        return true;
      }
      const eventId = r.add('StartChildWorkflowExecutionInitiated', {
        ...a,
        taskList: a.taskList ?? { name: 'main' },
        childPolicy: a.childPolicy ?? 'TERMINATE',
        ...dtc,
      });
      r.childIds.add(String(a.workflowId));
      r.open.set(`child:${String(a.workflowId)}`, {
        kind: 'childInitiated',
        eventId,
        startedId: 0,
        id: String(a.workflowId),
      });
      return false;
    }
    case 'SignalExternalWorkflowExecution': {
      const a = d.signalExternalWorkflowExecutionDecisionAttributes as Attrs;
      if (r.chance(0.04)) {
        r.add('SignalExternalWorkflowExecutionFailed', {
          workflowId: a.workflowId,
          cause: 'SIGNAL_EXTERNAL_WORKFLOW_EXECUTIONS_RATE_EXCEEDED',
          initiatedEventId: 0,
          ...dtc,
        });
        return true;
      }
      const eventId = r.add('SignalExternalWorkflowExecutionInitiated', { ...a, ...dtc });
      r.open.set(`signal:${eventId}`, { kind: 'signalExternal', eventId, startedId: 0, id: String(a.workflowId) });
      return false;
    }
    case 'RequestCancelExternalWorkflowExecution': {
      const a = d.requestCancelExternalWorkflowExecutionDecisionAttributes as Attrs;
      if (r.chance(0.04)) {
        r.add('RequestCancelExternalWorkflowExecutionFailed', {
          workflowId: a.workflowId,
          cause: 'REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_RATE_EXCEEDED',
          initiatedEventId: 0,
          ...dtc,
        });
        return true;
      }
      const eventId = r.add('RequestCancelExternalWorkflowExecutionInitiated', { ...a, ...dtc });
      r.open.set(`cancel:${eventId}`, { kind: 'cancelExternal', eventId, startedId: 0, id: String(a.workflowId) });
      return false;
    }
    case 'ScheduleLambdaFunction': {
      const a = d.scheduleLambdaFunctionDecisionAttributes as Attrs;
      if (r.chance(0.04)) {
        r.add('ScheduleLambdaFunctionFailed', {
          id: a.id,
          name: a.name,
          cause: 'OPEN_LAMBDA_FUNCTIONS_LIMIT_EXCEEDED',
          ...dtc,
        });
        return true;
      }
      const eventId = r.add('LambdaFunctionScheduled', { ...a, ...dtc });
      r.open.set(`lambda:${String(a.id)}`, { kind: 'lambda', eventId, startedId: 0, id: String(a.id) });
      return false;
    }
    default:
      return close(r, options, d, dtc);
  }
}

/** A close decision: refused with UNHANDLED_DECISION when a decision task is scheduled (new events came). */
function close(r: SimRecord, options: SimOptions, d: Decision, dtc: Attrs): boolean {
  const type = String(d.decisionType);
  const failedType = `${type}Failed`;
  if (r.scheduledDt !== 0 || (r.needDecisionLater && r.chance(0.5))) {
    r.add(failedType, { cause: 'UNHANDLED_DECISION', ...dtc });
    return true;
  }
  // SWF refuses a close for other causes too (the API's ...FailedCause enums): the run then fails.
  if (type !== 'FailWorkflowExecution' && r.chance(0.03)) {
    const causes: Record<string, string[]> = {
      CompleteWorkflowExecution: ['OPERATION_NOT_PERMITTED'],
      CancelWorkflowExecution: ['OPERATION_NOT_PERMITTED'],
      ContinueAsNewWorkflowExecution: [
        'WORKFLOW_TYPE_DEPRECATED',
        'CONTINUE_AS_NEW_WORKFLOW_EXECUTION_RATE_EXCEEDED',
        'DEFAULT_CHILD_POLICY_UNDEFINED',
      ],
    };
    r.add(failedType, { cause: r.pick(causes[type] ?? ['OPERATION_NOT_PERMITTED']), ...dtc });
    return true;
  }
  const attrs = (Object.entries(d).find(([k]) => k.endsWith('DecisionAttributes'))?.[1] ?? {}) as Attrs;
  const recorded: Record<string, [string, ActivationResult['status']]> = {
    CompleteWorkflowExecution: ['WorkflowExecutionCompleted', 'COMPLETED'],
    FailWorkflowExecution: ['WorkflowExecutionFailed', 'FAILED'],
    CancelWorkflowExecution: ['WorkflowExecutionCanceled', 'CANCELED'],
    ContinueAsNewWorkflowExecution: ['WorkflowExecutionContinuedAsNew', 'CONTINUED_AS_NEW'],
  };
  const [eventType, status] = recorded[type] ?? ['WorkflowExecutionCompleted', 'COMPLETED'];
  const runNumber = Number(r.execution.runId.replace(/^run-/, ''));
  const newRunId = `run-${runNumber + 1}`;
  const event = { ...attrs };
  if (type === 'ContinueAsNewWorkflowExecution') {
    // The event names the new run and what it runs with (the decision's values or the type's defaults).
    Object.assign(event, {
      newExecutionRunId: newRunId,
      taskList: attrs.taskList ?? { name: 'main' },
      childPolicy: attrs.childPolicy ?? 'TERMINATE',
      workflowType: { name: options.type, version: attrs.workflowTypeVersion ?? '1.0' },
    });
    delete event.workflowTypeVersion;
  }
  r.add(eventType, { ...event, ...dtc });
  if (type === 'ContinueAsNewWorkflowExecution')
    r.successor = { runId: newRunId, previousRunId: r.execution.runId, attributes: attrs, time: r.time };
  r.closed = status;
  return false;
}
