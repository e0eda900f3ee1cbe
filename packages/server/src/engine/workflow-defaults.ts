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

/** Resolves a new run's settings from the request and the registered type. */
export function resolveRunSettings(
  ctx: Ctx,
  domain: string,
  type: { name: string; version: string },
  o: RunOverrides,
): { settings: RunSettings } | { failure: ResolveFailure } {
  const t = ctx.registry.getWorkflowType(domain, type.name, type.version);
  if (!t) return { failure: 'WORKFLOW_TYPE_DOES_NOT_EXIST' };
  if (t.status !== 'REGISTERED') return { failure: 'WORKFLOW_TYPE_DEPRECATED' };
  const taskList = o.taskList?.name ?? t.defaultTaskList;
  if (!taskList) return { failure: 'DEFAULT_TASK_LIST_UNDEFINED' };
  const executionStartToCloseTimeout = o.executionStartToCloseTimeout ?? t.defaultExecutionStartToCloseTimeout;
  if (!executionStartToCloseTimeout) return { failure: 'DEFAULT_EXECUTION_START_TO_CLOSE_TIMEOUT_UNDEFINED' };
  const taskStartToCloseTimeout = o.taskStartToCloseTimeout ?? t.defaultTaskStartToCloseTimeout;
  if (!taskStartToCloseTimeout) return { failure: 'DEFAULT_TASK_START_TO_CLOSE_TIMEOUT_UNDEFINED' };
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
