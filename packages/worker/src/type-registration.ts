import type { RegisterActivityTypeInput, RegisterWorkflowTypeInput } from '@aws-sdk/client-swf';
import { toSwfTimeout, type Duration } from '@swf-flow/common';
import type { RegisteredActivity } from './activity-registry.js';

/** A workflow type as `workflowTypeInfo(fn)` describes it. */
export interface WorkflowTypeDescription {
  name: string;
  version: string;
  taskList?: string;
  executionStartToCloseTimeout?: Duration;
  taskStartToCloseTimeout?: Duration;
  childPolicy?: string;
  taskPriority?: number | string;
  description?: string;
}

/** SWF's longest execution timeout (one year): the default when a workflow sets none. */
export const DEFAULT_EXECUTION_START_TO_CLOSE = String(365 * 24 * 3600);
/** Decision task timeout when a workflow sets none. */
export const DEFAULT_TASK_START_TO_CLOSE = '30';

/** A timeout already in SWF's form (`'300'`, `'NONE'`) is kept; a Duration is converted. */
export function asSwfTimeout(value: Duration | 'NONE' | undefined, what: string): string | undefined {
  if (typeof value === 'string' && (/^\d+$/.test(value) || value === 'NONE')) return value;
  return toSwfTimeout(value, what);
}

/**
 * What the worker registers for a workflow type. Defaults it fills in so that executions can
 * start without naming every timeout: task list = the workflow's or the worker's, execution
 * timeout one year (SWF's maximum, as close to "none" as SWF allows), decision task timeout 30 s,
 * child policy TERMINATE.
 */
export function workflowRegistration(
  domain: string,
  type: WorkflowTypeDescription,
  taskList: string,
): RegisterWorkflowTypeInput {
  const where = `workflow ${type.name} ${type.version}`;
  return {
    domain,
    name: type.name,
    version: type.version,
    description: type.description,
    defaultTaskList: { name: type.taskList ?? taskList },
    defaultExecutionStartToCloseTimeout:
      asSwfTimeout(type.executionStartToCloseTimeout, `${where}: executionStartToCloseTimeout`) ??
      DEFAULT_EXECUTION_START_TO_CLOSE,
    defaultTaskStartToCloseTimeout:
      asSwfTimeout(type.taskStartToCloseTimeout, `${where}: taskStartToCloseTimeout`) ?? DEFAULT_TASK_START_TO_CLOSE,
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
