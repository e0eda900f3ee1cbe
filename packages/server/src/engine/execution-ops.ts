/** StartWorkflowExecution, SignalWorkflowExecution, RequestCancelWorkflowExecution, TerminateWorkflowExecution. */
import { SwfFault, unknownResource } from '../faults.js';
import { MAX_EXECUTION_SECONDS } from '../model/rules.js';
import { scheduleDecision } from './decision-tasks.js';
import { compact } from './durations.js';
import { appendEvent } from './history.js';
import { requestCancelRun, startRun, terminateRun } from './lifecycle.js';
import { findOpen, requireOpenTarget } from './store-executions.js';
import type {
  RequestCancelWorkflowExecutionInput,
  Run,
  SignalWorkflowExecutionInput,
  StartWorkflowExecutionInput,
  TerminateWorkflowExecutionInput,
} from '../model/wire-types.js';
import { type Ctx } from './types.js';
import { type ResolveFailure, isZeroSeconds, resolveRunSettings } from './workflow-defaults.js';

function startFault(failure: ResolveFailure, type: { name: string; version: string }): SwfFault {
  switch (failure) {
    case 'WORKFLOW_TYPE_DOES_NOT_EXIST':
      return unknownResource(`Unknown type: WorkflowType=[name=${type.name}, version=${type.version}]`);
    case 'WORKFLOW_TYPE_DEPRECATED':
      return new SwfFault('TypeDeprecatedFault', `WorkflowType=[name=${type.name}, version=${type.version}]`);
    case 'DEFAULT_TASK_LIST_UNDEFINED':
      return new SwfFault('DefaultUndefinedFault', 'No default task list defined');
    case 'DEFAULT_EXECUTION_START_TO_CLOSE_TIMEOUT_UNDEFINED':
      return new SwfFault('DefaultUndefinedFault', 'No default execution start to close timeout defined');
    case 'DEFAULT_TASK_START_TO_CLOSE_TIMEOUT_UNDEFINED':
      return new SwfFault('DefaultUndefinedFault', 'No default task start to close timeout defined');
    case 'DEFAULT_CHILD_POLICY_UNDEFINED':
      return new SwfFault('DefaultUndefinedFault', 'No default child policy defined');
  }
}

/** StartWorkflowExecution: a new run (WorkflowExecutionStarted, DecisionTaskScheduled); returns its run id. */
export function startWorkflowExecution(ctx: Ctx, input: StartWorkflowExecutionInput): Required<Run> {
  const domain = ctx.registry.requireDomain(input.domain);
  if (domain.status !== 'REGISTERED') throw new SwfFault('DomainDeprecatedFault', input.domain);
  const resolved = resolveRunSettings(ctx, input.domain, input.workflowType, input, 'keep');
  if ('failure' in resolved) throw startFault(resolved.failure, input.workflowType);
  const type = `WorkflowType=[name=${input.workflowType.name}, version=${input.workflowType.version}]`;
  if (isZeroSeconds(resolved.settings.taskStartToCloseTimeout)) {
    // A value passed in the input was refused by validation: this one is the type's default.
    throw new SwfFault(
      'ValidationException',
      `${type} has defaultTaskStartToCloseTimeout '${resolved.settings.taskStartToCloseTimeout}', which cannot start an ` +
        'execution: every decision task would time out as it starts. In this StartWorkflowExecution, pass ' +
        'taskStartToCloseTimeout of 1 or more seconds (or NONE), or register a version of the type with another default.',
    );
  }
  const timeout = resolved.settings.executionStartToCloseTimeout;
  if (timeout === 'NONE' || !(Number(timeout) > 0) || Number(timeout) > MAX_EXECUTION_SECONDS) {
    // A value passed in the input was refused by validation with its range: this one is the type's default.
    throw new SwfFault(
      'ValidationException',
      `${type} has defaultExecutionStartToCloseTimeout '${timeout}', which cannot start an execution: ` +
        `an execution needs an executionStartToCloseTimeout from 1 to ${MAX_EXECUTION_SECONDS} seconds. ` +
        `In this StartWorkflowExecution, pass executionStartToCloseTimeout from 1 to ${MAX_EXECUTION_SECONDS}, ` +
        'or register a version of the type with a default in that range.',
    );
  }
  if (findOpen(ctx, input.domain, input.workflowId)) {
    throw new SwfFault(
      'WorkflowExecutionAlreadyStartedFault',
      `Workflow execution already started: ${input.workflowId}`,
    );
  }
  const runId = startRun(ctx, {
    domain: input.domain,
    workflowId: input.workflowId,
    workflowType: { name: input.workflowType.name, version: input.workflowType.version },
    settings: resolved.settings,
    input: input.input,
    tagList: input.tagList,
  });
  return { runId };
}

/** SignalWorkflowExecution: WorkflowExecutionSignaled in the open run, then a decision task. */
export function signalWorkflowExecution(ctx: Ctx, input: SignalWorkflowExecutionInput): Record<string, never> {
  ctx.registry.requireDomain(input.domain);
  const exec = requireOpenTarget(ctx, input.domain, input.workflowId, input.runId || undefined);
  appendEvent(
    ctx,
    exec.run_id,
    'WorkflowExecutionSignaled',
    compact({ signalName: input.signalName, input: input.input, externalInitiatedEventId: 0 }),
  );
  scheduleDecision(ctx, exec.run_id);
  return {};
}

/** RequestCancelWorkflowExecution: WorkflowExecutionCancelRequested, then a decision task. */
export function requestCancelWorkflowExecution(
  ctx: Ctx,
  input: RequestCancelWorkflowExecutionInput,
): Record<string, never> {
  ctx.registry.requireDomain(input.domain);
  const exec = requireOpenTarget(ctx, input.domain, input.workflowId, input.runId || undefined);
  requestCancelRun(ctx, exec, {});
  return {};
}

/**
 * TerminateWorkflowExecution: WorkflowExecutionTerminated, cause `OPERATOR_INITIATED` (as SWF records
 * it); the child policy is applied.
 */
export function terminateWorkflowExecution(ctx: Ctx, input: TerminateWorkflowExecutionInput): Record<string, never> {
  ctx.registry.requireDomain(input.domain);
  const exec = requireOpenTarget(ctx, input.domain, input.workflowId, input.runId || undefined);
  terminateRun(ctx, exec, {
    reason: input.reason,
    details: input.details,
    childPolicy: input.childPolicy,
    cause: 'OPERATOR_INITIATED',
  });
  return {};
}
