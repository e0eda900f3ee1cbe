/**
 * SWF's side of the model (`swf-sim.ts`): how the things a run opened settle, each in one of the
 * ways SWF allows: activities and Lambda tasks start, then complete, fail, time out or are
 * canceled; timers fire; children start or fail to, then close every way a run can; signals and
 * cancel requests to other executions are delivered or refused, those to a child of this run
 * according to whether the child is still open.
 */
import type { Attrs } from './swf-sim-types.js';
import type { Open, SimRecord } from './swf-sim-record.js';

/**
 * A signal or cancel request this run sent to one of its children: delivered while the child is
 * open (a delivered cancel makes its close likelier canceled), refused with
 * UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION once it closed (its close event may already be recorded,
 * or come after the refusal in the same batch).
 */
function settleRequestToChild(r: SimRecord, o: Open, done: () => void): void {
  const child = r.open.get(`child:${o.id}`);
  const signal = o.kind === 'signalExternal';
  if (child && r.chance(0.85)) {
    const runId =
      child.startedId > 0
        ? (r.events[child.startedId - 1] as Attrs).childWorkflowExecutionStartedEventAttributes.workflowExecution.runId
        : undefined;
    r.add(signal ? 'ExternalWorkflowExecutionSignaled' : 'ExternalWorkflowExecutionCancelRequested', {
      initiatedEventId: o.eventId,
      workflowExecution: { workflowId: o.id, ...(runId ? { runId } : {}) },
    });
    if (!signal) child.cancelRequested = o.eventId;
  } else {
    const kind = signal ? 'signalExternalWorkflowExecution' : 'requestCancelExternalWorkflowExecution';
    const a = (r.events[o.eventId - 1] as Attrs)[`${kind}InitiatedEventAttributes`] as Attrs;
    r.add(signal ? 'SignalExternalWorkflowExecutionFailed' : 'RequestCancelExternalWorkflowExecutionFailed', {
      workflowId: o.id,
      ...(a.runId ? { runId: a.runId } : {}),
      cause: 'UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION',
      initiatedEventId: o.eventId,
      decisionTaskCompletedEventId: a.decisionTaskCompletedEventId,
    });
  }
  done();
}

/** The environment settles (or advances) an open thing in one of the ways SWF allows. */
export function settle(r: SimRecord, o: Open): void {
  const done = (): void => {
    for (const [k, v] of r.open) if (v === o) r.open.delete(k);
    r.needDecision();
  };
  switch (o.kind) {
    case 'activity': {
      const ref = { scheduledEventId: o.eventId, startedEventId: o.startedId };
      if (o.startedId === 0) {
        if (o.cancelRequested !== undefined && r.chance(0.5)) {
          r.add('ActivityTaskCanceled', { ...ref, latestCancelRequestedEventId: o.cancelRequested });
        } else if (r.chance(0.15)) {
          const timeoutType = r.chance(0.7) ? 'SCHEDULE_TO_START' : 'SCHEDULE_TO_CLOSE';
          r.add('ActivityTaskTimedOut', { ...ref, timeoutType });
        } else {
          o.startedId = r.add('ActivityTaskStarted', { scheduledEventId: o.eventId, identity: 'sim' });
          return;
        }
        return done();
      }
      const roll = r.rng();
      if (o.cancelRequested !== undefined && roll < 0.4)
        r.add('ActivityTaskCanceled', { ...ref, latestCancelRequestedEventId: o.cancelRequested });
      else if (roll < 0.7) r.add('ActivityTaskCompleted', { ...ref, result: JSON.stringify(`r-${o.id}`) });
      else if (roll < 0.85) r.add('ActivityTaskFailed', { ...ref, reason: 'Boom', details: '"it broke"' });
      else
        r.add('ActivityTaskTimedOut', {
          ...ref,
          timeoutType: r.pick(['START_TO_CLOSE', 'HEARTBEAT', 'SCHEDULE_TO_CLOSE']),
        });
      return done();
    }
    case 'timer':
      r.add('TimerFired', { timerId: o.id, startedEventId: o.eventId });
      return done();
    case 'childInitiated': {
      const initiated = r.events[o.eventId - 1] as Attrs;
      const a = initiated.startChildWorkflowExecutionInitiatedEventAttributes as Attrs;
      if (r.chance(0.1)) {
        r.add('StartChildWorkflowExecutionFailed', {
          workflowType: a.workflowType,
          workflowId: o.id,
          cause: 'WORKFLOW_ALREADY_RUNNING',
          initiatedEventId: o.eventId,
          decisionTaskCompletedEventId: a.decisionTaskCompletedEventId,
        });
        return done();
      }
      o.startedId = r.add('ChildWorkflowExecutionStarted', {
        initiatedEventId: o.eventId,
        workflowExecution: { workflowId: o.id, runId: `child-run-${++r.childSeq}` },
        workflowType: a.workflowType,
      });
      o.kind = 'child';
      r.needDecision();
      return;
    }
    case 'child': {
      const initiated = r.events[o.eventId - 1] as Attrs;
      const a = initiated.startChildWorkflowExecutionInitiatedEventAttributes as Attrs;
      const started = r.events[o.startedId - 1] as Attrs;
      const ref = {
        initiatedEventId: o.eventId,
        startedEventId: o.startedId,
        workflowType: a.workflowType,
        workflowExecution: started.childWorkflowExecutionStartedEventAttributes.workflowExecution,
      };
      // A child whose cancellation was requested mostly closes as canceled; it may still complete first.
      const roll = o.cancelRequested !== undefined && r.chance(0.6) ? 0.85 : r.rng();
      if (roll < 0.55) r.add('ChildWorkflowExecutionCompleted', { ...ref, result: '"kid done"' });
      else if (roll < 0.7) r.add('ChildWorkflowExecutionFailed', { ...ref, reason: 'KidBoom', details: '"x"' });
      else if (roll < 0.8) r.add('ChildWorkflowExecutionTimedOut', { ...ref, timeoutType: 'START_TO_CLOSE' });
      else if (roll < 0.9) r.add('ChildWorkflowExecutionCanceled', { ...ref, details: '"stopped"' });
      else r.add('ChildWorkflowExecutionTerminated', ref);
      return done();
    }
    case 'signalExternal':
    case 'cancelExternal':
      if (r.childIds.has(o.id)) return settleRequestToChild(r, o, done);
  }
  switch (o.kind) {
    case 'signalExternal':
    case 'cancelExternal': {
      // A request to another execution (not a child of this run): mostly delivered, else refused.
      const signal = o.kind === 'signalExternal';
      if (r.chance(0.8))
        r.add(signal ? 'ExternalWorkflowExecutionSignaled' : 'ExternalWorkflowExecutionCancelRequested', {
          initiatedEventId: o.eventId,
          workflowExecution: { workflowId: o.id, runId: 'other-run' },
        });
      else {
        const kind = signal ? 'signalExternalWorkflowExecution' : 'requestCancelExternalWorkflowExecution';
        const a = (r.events[o.eventId - 1] as Attrs)[`${kind}InitiatedEventAttributes`] as Attrs;
        r.add(signal ? 'SignalExternalWorkflowExecutionFailed' : 'RequestCancelExternalWorkflowExecutionFailed', {
          workflowId: o.id,
          cause: 'UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION',
          initiatedEventId: o.eventId,
          decisionTaskCompletedEventId: a.decisionTaskCompletedEventId,
        });
      }
      return done();
    }
    case 'lambda': {
      if (o.startedId === 0 && r.chance(0.85)) {
        o.startedId = r.add('LambdaFunctionStarted', { scheduledEventId: o.eventId });
        return;
      }
      if (o.startedId === 0)
        r.add('StartLambdaFunctionFailed', { scheduledEventId: o.eventId, cause: 'ASSUME_ROLE_FAILED' });
      else {
        const ref = { scheduledEventId: o.eventId, startedEventId: o.startedId };
        const roll = r.rng();
        if (roll < 0.7) r.add('LambdaFunctionCompleted', { ...ref, result: '"fn done"' });
        else if (roll < 0.85) r.add('LambdaFunctionFailed', { ...ref, reason: 'Err', details: '{}' });
        else r.add('LambdaFunctionTimedOut', { ...ref, timeoutType: 'START_TO_CLOSE' });
      }
      return done();
    }
  }
}
