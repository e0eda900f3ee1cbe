/** What the worker registers for a workflow or activity type, defaults filled in. */
import type { RegisterActivityTypeInput, RegisterWorkflowTypeInput } from '@aws-sdk/client-swf';
import type { WorkflowTypeInfo } from '@swf-flow/common';
import type { RegisteredActivity } from './activity-registry.js';

/** SWF's longest execution timeout (one year): the default when a workflow sets none. */
export const DEFAULT_EXECUTION_START_TO_CLOSE = String(365 * 24 * 3600);
/** Decision task timeout when a workflow sets none. */
export const DEFAULT_TASK_START_TO_CLOSE = '30';

/**
 * What the worker registers for a workflow type. Defaults it fills in so that executions can
 * start without naming every timeout: task list = the workflow's or the worker's, execution
 * timeout one year (SWF's maximum, as close to "none" as SWF allows), decision task timeout 30 s,
 * child policy TERMINATE.
 */
export function workflowRegistration(
  domain: string,
  type: WorkflowTypeInfo,
  taskList: string,
): RegisterWorkflowTypeInput {
  return {
    domain,
    name: type.name,
    version: type.version,
    description: type.description,
    defaultTaskList: { name: type.taskList ?? taskList },
    defaultExecutionStartToCloseTimeout: type.executionStartToCloseTimeout ?? DEFAULT_EXECUTION_START_TO_CLOSE,
    defaultTaskStartToCloseTimeout: type.taskStartToCloseTimeout ?? DEFAULT_TASK_START_TO_CLOSE,
    defaultChildPolicy: (type.childPolicy ?? 'TERMINATE') as RegisterWorkflowTypeInput['defaultChildPolicy'],
    defaultTaskPriority: type.taskPriority === undefined ? undefined : String(type.taskPriority),
  };
}

/**
 * What the worker registers for an activity type: its declared defaults; timeouts it does not
 * declare are registered as `NONE` so that a workflow may schedule it with only its own timeouts.
 */
export function activityRegistration(domain: string, activity: RegisteredActivity): RegisterActivityTypeInput {
  const { info } = activity;
  return {
    domain,
    name: info.name,
    version: info.version,
    description: info.description,
    defaultTaskList: { name: activity.taskList },
    defaultTaskPriority: info.taskPriority,
    defaultTaskScheduleToStartTimeout: info.scheduleToStartTimeout ?? 'NONE',
    defaultTaskScheduleToCloseTimeout: info.scheduleToCloseTimeout ?? 'NONE',
    defaultTaskStartToCloseTimeout: info.startToCloseTimeout ?? 'NONE',
    defaultTaskHeartbeatTimeout: info.heartbeatTimeout ?? 'NONE',
  };
}
