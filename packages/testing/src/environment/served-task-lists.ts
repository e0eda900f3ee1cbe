/**
 * The task lists a worker polls, worked out the way the worker does: a workflow's own task list or
 * the worker's, an activity type's own task list or the worker's.
 */
import { readActivityTypes, workflowTypeInfo } from '@swf-flow/common';
import type { WorkerOptions } from '@swf-flow/worker';

/** Decision and activity task lists of one worker. */
export interface ServedTaskLists {
  decision: ReadonlySet<string>;
  activity: ReadonlySet<string>;
}

/** The task lists a worker created with `options` polls. */
export function servedTaskLists(
  options: Pick<WorkerOptions, 'taskList' | 'workflows' | 'activities'>,
): ServedTaskLists {
  const decision = new Set((options.workflows ?? []).map((fn) => workflowTypeInfo(fn).taskList ?? options.taskList));
  const activity = new Set<string>();
  for (const instance of options.activities ?? []) {
    const cls = instance.constructor as abstract new (...args: never[]) => unknown;
    for (const info of readActivityTypes(cls)) activity.add(info.taskList ?? options.taskList);
  }
  return { decision, activity };
}
