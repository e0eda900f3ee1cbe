/** ScheduleActivityTask and RequestCancelActivityTask decisions. */
import { type Decision } from '@swf-flow/common';
import { countOpenActivities, findActivity, requestCancelActivity, scheduleActivity } from '../activities.js';
import { type DecisionRun, failDecision } from './context.js';

type ScheduleAttrs = NonNullable<Decision['scheduleActivityTaskDecisionAttributes']>;

/** ScheduleActivityTask: ActivityTaskScheduled, or ScheduleActivityTaskFailed with SWF's cause. */
export function scheduleActivityTask(run: DecisionRun, a: ScheduleAttrs): void {
  const { ctx, exec } = run;
  const activityType = { name: a.activityType?.name ?? '', version: a.activityType?.version ?? '' };
  const activityId = a.activityId ?? '';
  const fail = (cause: string): void =>
    failDecision(run, 'ScheduleActivityTaskFailed', { activityType, activityId, cause });
  const t = ctx.registry.getActivityType(exec.domain, activityType.name, activityType.version);
  if (!t) return fail('ACTIVITY_TYPE_DOES_NOT_EXIST');
  if (t.status !== 'REGISTERED') return fail('ACTIVITY_TYPE_DEPRECATED');
  if (findActivity(ctx, exec.run_id, activityId)) return fail('ACTIVITY_ID_ALREADY_IN_USE');
  if (countOpenActivities(ctx, exec.run_id) >= ctx.config.maxOpenPerExecution)
    return fail('OPEN_ACTIVITIES_LIMIT_EXCEEDED');
  const taskList = a.taskList?.name ?? t.defaultTaskList;
  if (!taskList) return fail('DEFAULT_TASK_LIST_UNDEFINED');
  const scheduleToStartTimeout = a.scheduleToStartTimeout ?? t.defaultTaskScheduleToStartTimeout;
  if (!scheduleToStartTimeout) return fail('DEFAULT_SCHEDULE_TO_START_TIMEOUT_UNDEFINED');
  const scheduleToCloseTimeout = a.scheduleToCloseTimeout ?? t.defaultTaskScheduleToCloseTimeout;
  if (!scheduleToCloseTimeout) return fail('DEFAULT_SCHEDULE_TO_CLOSE_TIMEOUT_UNDEFINED');
  const startToCloseTimeout = a.startToCloseTimeout ?? t.defaultTaskStartToCloseTimeout;
  if (!startToCloseTimeout) return fail('DEFAULT_START_TO_CLOSE_TIMEOUT_UNDEFINED');
  const heartbeatTimeout = a.heartbeatTimeout ?? t.defaultTaskHeartbeatTimeout ?? 'NONE';
  scheduleActivity(
    ctx,
    exec,
    {
      activityType,
      activityId,
      input: a.input,
      control: a.control,
      taskList,
      taskPriority: a.taskPriority ?? t.defaultTaskPriority,
      scheduleToStartTimeout,
      scheduleToCloseTimeout,
      startToCloseTimeout,
      heartbeatTimeout,
    },
    run.completedId,
  );
}

/** RequestCancelActivityTask: ActivityTaskCancelRequested, or RequestCancelActivityTaskFailed. */
export function requestCancelActivityTask(run: DecisionRun, a: { activityId?: string }): void {
  const activityId = a.activityId ?? '';
  const task = findActivity(run.ctx, run.exec.run_id, activityId);
  if (!task) return failDecision(run, 'RequestCancelActivityTaskFailed', { activityId, cause: 'ACTIVITY_ID_UNKNOWN' });
  requestCancelActivity(run.ctx, task, run.completedId);
}
