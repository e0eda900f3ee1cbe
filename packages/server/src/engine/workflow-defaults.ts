/**
 * The settings of a new run (start, child start, continue-as-new): explicit values, else the
 * workflow type's registered defaults; a missing one is reported as SWF's `DEFAULT_..._UNDEFINED`.
 */
import type { ChildPolicy } from '../model/wire-types.js';
import { type Ctx } from './types.js';

/** Explicit settings of a new run (as in the request or decision). */
export interface RunOverrides {
  taskList?: { name?: string };
  taskPriority?: string;
  executionStartToCloseTimeout?: string;
  taskStartToCloseTimeout?: string;
  childPolicy?: ChildPolicy;
  lambdaRole?: string;
}

/** A new run's settings, all resolved. */
export interface RunSettings {
  taskList: string;
  taskPriority: string | undefined;
  executionStartToCloseTimeout: string;
  taskStartToCloseTimeout: string;
  childPolicy: ChildPolicy;
  lambdaRole: string | undefined;
}

/** Why settings could not be resolved (SWF's cause names). */
export type ResolveFailure =
  | 'WORKFLOW_TYPE_DOES_NOT_EXIST'
  | 'WORKFLOW_TYPE_DEPRECATED'
  | 'DEFAULT_TASK_LIST_UNDEFINED'
  | 'DEFAULT_EXECUTION_START_TO_CLOSE_TIMEOUT_UNDEFINED'
  | 'DEFAULT_TASK_START_TO_CLOSE_TIMEOUT_UNDEFINED'
  | 'DEFAULT_CHILD_POLICY_UNDEFINED';

/** Whether a registered default timeout is 0 seconds: no run can use it (see `model/rules.ts`, `FROM_ONE`). */
export const isZeroSeconds = (value: string | undefined): boolean =>
  value !== undefined && /^\d+$/.test(value) && Number(value) === 0;

/**
 * Resolves a new run's settings from the request and the registered type. The request's own
 * timeouts of 0 were refused by validation; a type's registered default of 0 (which SWF's
 * registration takes) cannot start a run either. With `zeroDefaults: 'undefined'` (a child's
 * start, a continue-as-new), such a default fails as SWF's `DEFAULT_..._UNDEFINED` would; with
 * `'keep'`, the caller refuses it with its own message (a start names the type's default).
 */
export function resolveRunSettings(
  ctx: Ctx,
  domain: string,
  type: { name: string; version: string },
  o: RunOverrides,
  zeroDefaults: 'undefined' | 'keep' = 'undefined',
): { settings: RunSettings } | { failure: ResolveFailure } {
  const t = ctx.registry.getWorkflowType(domain, type.name, type.version);
  if (!t) return { failure: 'WORKFLOW_TYPE_DOES_NOT_EXIST' };
  if (t.status !== 'REGISTERED') return { failure: 'WORKFLOW_TYPE_DEPRECATED' };
  const taskList = o.taskList?.name ?? t.defaultTaskList;
  if (!taskList) return { failure: 'DEFAULT_TASK_LIST_UNDEFINED' };
  const unusable = (value: string | undefined): boolean => zeroDefaults === 'undefined' && isZeroSeconds(value);
  const executionStartToCloseTimeout = o.executionStartToCloseTimeout ?? t.defaultExecutionStartToCloseTimeout;
  if (!executionStartToCloseTimeout || unusable(executionStartToCloseTimeout))
    return { failure: 'DEFAULT_EXECUTION_START_TO_CLOSE_TIMEOUT_UNDEFINED' };
  const taskStartToCloseTimeout = o.taskStartToCloseTimeout ?? t.defaultTaskStartToCloseTimeout;
  if (!taskStartToCloseTimeout || unusable(taskStartToCloseTimeout))
    return { failure: 'DEFAULT_TASK_START_TO_CLOSE_TIMEOUT_UNDEFINED' };
  const childPolicy = o.childPolicy ?? t.defaultChildPolicy;
  if (!childPolicy) return { failure: 'DEFAULT_CHILD_POLICY_UNDEFINED' };
  return {
    settings: {
      taskList,
      taskPriority: o.taskPriority ?? t.defaultTaskPriority,
      executionStartToCloseTimeout,
      taskStartToCloseTimeout,
      childPolicy,
      lambdaRole: o.lambdaRole ?? t.defaultLambdaRole,
    },
  };
}
