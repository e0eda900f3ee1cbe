/**
 * Workflow types: `defineWorkflow` attaches the SWF type options (name, version, default task
 * list and timeouts, child policy, ...) to a workflow function; `workflowTypeInfo` reads them back
 * with defaults (name = the function's name, version `'1.0'`).
 */
import { checkSwfName, toSwfTimeout, ValidationError, type Duration } from '@swf-flow/common';

/** A workflow: an async function of its input arguments. */
export type WorkflowFunction = (...args: any[]) => Promise<unknown>;

/** The SWF workflow type options of a workflow function. */
export interface WorkflowTypeOptions {
  /** The type name. @default the function's name */
  name?: string;
  /** The type version. @default '1.0' */
  version?: string;
  /** The default task list of executions. */
  taskList?: string;
  /** The default maximum duration of an execution (`'NONE'` for none). */
  executionStartToCloseTimeout?: Duration | 'NONE';
  /** The default maximum duration of a decision task (`'NONE'` for none). */
  taskStartToCloseTimeout?: Duration | 'NONE';
  /** What happens to children when an execution closes. */
  childPolicy?: 'TERMINATE' | 'REQUEST_CANCEL' | 'ABANDON';
  /** The default task priority. */
  taskPriority?: number;
  /** A description registered with the type. */
  description?: string;
}

/** A workflow function's type, with timeouts as SWF whole-second strings or `'NONE'`. */
export interface WorkflowTypeInfo {
  name: string;
  version: string;
  fn: WorkflowFunction;
  taskList?: string;
  executionStartToCloseTimeout?: string;
  taskStartToCloseTimeout?: string;
  childPolicy?: string;
  taskPriority?: number;
  description?: string;
}

/** Workflows given to an executor or worker: one, a list, or a record keyed by type name. */
export type WorkflowsInput = WorkflowFunction | readonly WorkflowFunction[] | Record<string, WorkflowFunction>;

const OPTIONS = Symbol.for('swf-flow.workflow.type-options');
const CHILD_POLICIES = new Set(['TERMINATE', 'REQUEST_CANCEL', 'ABANDON']);

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
  infoFrom(fn, options); // validate eagerly, before attaching anything
  Object.defineProperty(fn, OPTIONS, { value: { ...options }, configurable: true, enumerable: false });
  return fn;
}

/** Reads a workflow function's type: its options with defaults, validated. */
export function workflowTypeInfo(fn: WorkflowFunction): WorkflowTypeInfo {
  if (typeof fn !== 'function') throw new ValidationError(`a workflow must be a function; got ${typeof fn}`);
  return infoFrom(
    fn,
    ((fn as unknown as Record<symbol, WorkflowTypeOptions | undefined>)[OPTIONS] ?? {}) as WorkflowTypeOptions,
  );
}

function infoFrom(fn: WorkflowFunction, o: WorkflowTypeOptions): WorkflowTypeInfo {
  const name = o.name ?? fn.name;
  if (!name)
    throw new ValidationError(
      'this workflow function has no name: use a named function or defineWorkflow(fn, { name: "MyWorkflow" })',
    );
  const info: WorkflowTypeInfo = {
    name: checkSwfName(name, 'workflow type name'),
    version: checkSwfName(o.version ?? '1.0', `version of workflow ${name}`),
    fn,
  };
  if (o.taskList !== undefined) info.taskList = checkSwfName(o.taskList, `taskList of workflow ${name}`);
  const e2c = toSwfTimeout(o.executionStartToCloseTimeout, `executionStartToCloseTimeout of workflow ${name}`);
  if (e2c !== undefined) info.executionStartToCloseTimeout = e2c;
  const t2c = toSwfTimeout(o.taskStartToCloseTimeout, `taskStartToCloseTimeout of workflow ${name}`);
  if (t2c !== undefined) info.taskStartToCloseTimeout = t2c;
  if (o.childPolicy !== undefined) {
    if (!CHILD_POLICIES.has(o.childPolicy))
      throw new ValidationError(
        `childPolicy of workflow ${name} must be TERMINATE, REQUEST_CANCEL or ABANDON; got ${String(o.childPolicy)}`,
      );
    info.childPolicy = o.childPolicy;
  }
  if (o.taskPriority !== undefined) {
    if (!Number.isInteger(o.taskPriority))
      throw new ValidationError(`taskPriority of workflow ${name} must be an integer; got ${String(o.taskPriority)}`);
    info.taskPriority = o.taskPriority;
  }
  if (o.description !== undefined) info.description = String(o.description);
  return info;
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
