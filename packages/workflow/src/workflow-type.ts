/**
 * Workflow types: `defineWorkflow` attaches the SWF type options (name, version, default task
 * list and timeouts, child policy, ...) to a workflow function; `workflowTypeInfo` (in
 * `@swf-flow/common`, where every package reads the metadata) reads them back with defaults
 * (name = the function's name, version `'1.0'`).
 */
import {
  attachWorkflowTypeOptions,
  checkSwfName,
  didYouMean,
  ValidationError,
  workflowTypeInfo,
  type WorkflowFunction,
  type WorkflowTypeInfo,
  type WorkflowTypeOptions,
} from '@swf-flow/common';

export { workflowTypeInfo };
export type { WorkflowFunction, WorkflowTypeInfo, WorkflowTypeOptions };

/** Workflows given to an executor or worker: one, a list, or a record keyed by type name. */
export type WorkflowsInput = WorkflowFunction | readonly WorkflowFunction[] | Record<string, WorkflowFunction>;

const TYPE_OPTION_KEYS: readonly string[] = [
  'name',
  'version',
  'description',
  'taskList',
  'executionStartToCloseTimeout',
  'taskStartToCloseTimeout',
  'childPolicy',
  'taskPriority',
] satisfies ReadonlyArray<keyof WorkflowTypeOptions>;

/**
 * Attaches SWF type options to a workflow function and returns the function.
 *
 * @example
 * ```ts
 * export const orderWorkflow = defineWorkflow(async (order: Order) => { ... }, { name: 'Order', version: '2' });
 * ```
 */
export function defineWorkflow<F extends WorkflowFunction>(fn: F, options: WorkflowTypeOptions): F {
  if (typeof fn !== 'function') throw new ValidationError('defineWorkflow(fn, options): fn must be an async function');
  if (typeof options !== 'object' || options === null)
    throw new ValidationError('defineWorkflow(fn, options): options must be an object like { version: "1.0" }');
  for (const key of Object.keys(options))
    if (!TYPE_OPTION_KEYS.includes(key))
      throw new ValidationError(
        `defineWorkflow(fn, options): unknown option '${key}'${didYouMean(key, TYPE_OPTION_KEYS, (n) => n)}; the options are ${TYPE_OPTION_KEYS.join(', ')}`,
      );
  attachWorkflowTypeOptions(fn, options); // validates eagerly, before attaching anything
  return fn;
}

/**
 * Indexes workflows by `name` and `name@version`. A record's keys name the types (overriding the
 * function's own name).
 */
export function indexWorkflows(input: WorkflowsInput): Map<string, WorkflowTypeInfo> {
  const entries: WorkflowTypeInfo[] = [];
  if (typeof input === 'function') entries.push(workflowTypeInfo(input));
  else if (Array.isArray(input))
    for (const fn of input as readonly WorkflowFunction[]) entries.push(workflowTypeInfo(fn));
  else if (typeof input === 'object' && input !== null) {
    for (const [key, fn] of Object.entries(input as Record<string, WorkflowFunction>)) {
      entries.push({ ...workflowTypeInfo(fn), name: checkSwfName(key, 'workflow type name (record key)') });
    }
  } else {
    throw new ValidationError('workflows must be a workflow function, an array of them, or a record { TypeName: fn }');
  }
  if (entries.length === 0) throw new ValidationError('workflows is empty: pass at least one workflow function');
  const index = new Map<string, WorkflowTypeInfo>();
  for (const info of entries) {
    index.set(`${info.name}@${info.version}`, info);
    if (!index.has(info.name)) index.set(info.name, info);
  }
  return index;
}
