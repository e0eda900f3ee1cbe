/**
 * Workflow-type metadata, the contract between `defineWorkflow` (in `@swf-flow/workflow`), which
 * attaches a workflow function's SWF type options, and every package that reads them: the worker
 * (registration), the client (`client.start(fn)`, which may not import `@swf-flow/workflow`), the
 * testing package and the CLI. Written and read only through the functions here.
 */
import { toRunTimeout } from '../duration.js';
import { ValidationError } from '../errors.js';
import { checkSwfName } from './names.js';
import { isChildPolicy, type RunDefaults } from './run-options.js';
import { shownValue } from '../shown-value.js';

/** A workflow: an async function of its input arguments. */
export type WorkflowFunction = (...args: any[]) => Promise<unknown>;

/** The SWF workflow type options of a workflow function (`defineWorkflow(fn, options)`). */
export interface WorkflowTypeOptions extends RunDefaults {
  /** The type name. @default the function's name */
  name?: string;
  /** The type version. @default '1.0' */
  version?: string;
  /** A description registered with the type. */
  description?: string;
}

/** A workflow function's type, with timeouts as SWF whole-second strings or `'NONE'`. */
export interface WorkflowTypeInfo {
  /** The type name. */
  name: string;
  /** The type version. */
  version: string;
  /** The workflow function. */
  fn: WorkflowFunction;
  /** The default task list. */
  taskList?: string;
  /** The default execution timeout in SWF's form (`'3600'` or `'NONE'`). */
  executionStartToCloseTimeout?: string;
  /** The default decision task timeout in SWF's form. */
  taskStartToCloseTimeout?: string;
  /** The default child policy. */
  childPolicy?: string;
  /** The default task priority. */
  taskPriority?: number;
  /** The description registered with the type. */
  description?: string;
}

/**
 * Where the options live on the function. `Symbol.for`, so that a workflow module and a client that
 * resolved two copies of this package still agree; nothing outside this file names it.
 */
const OPTIONS = Symbol.for('swf-flow.workflow.type-options');

/**
 * Validates SWF type options and attaches them to a workflow function (what `defineWorkflow`
 * does). Throws a {@link ValidationError} naming a wrong option, before attaching anything.
 */
export function attachWorkflowTypeOptions(fn: WorkflowFunction, options: WorkflowTypeOptions): void {
  infoFrom(fn, options);
  Object.defineProperty(fn, OPTIONS, { value: { ...options }, configurable: true, enumerable: false });
}

/**
 * The type options attached to a function by {@link attachWorkflowTypeOptions} (`defineWorkflow`),
 * as given (durations not converted), or `undefined` for a plain function.
 */
export function workflowTypeOptions(fn: object): Readonly<WorkflowTypeOptions> | undefined {
  const value = (fn as Record<symbol, unknown>)[OPTIONS];
  return typeof value === 'object' && value !== null ? (value as WorkflowTypeOptions) : undefined;
}

/**
 * Reads a workflow function's type: its options with defaults (name = the function's name, version
 * `'1.0'`), validated, timeouts as SWF strings.
 *
 * @example
 * ```ts
 * workflowTypeInfo(defineWorkflow(async () => {}, { name: 'Order', executionStartToCloseTimeout: '1h' }));
 * // { name: 'Order', version: '1.0', fn, executionStartToCloseTimeout: '3600' }
 * ```
 */
export function workflowTypeInfo(fn: WorkflowFunction): WorkflowTypeInfo {
  if (typeof fn !== 'function') throw new ValidationError(`a workflow must be a function; got ${shownValue(fn)}`);
  return infoFrom(fn, workflowTypeOptions(fn) ?? {});
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
  const e2c = toRunTimeout(o.executionStartToCloseTimeout, `executionStartToCloseTimeout of workflow ${name}`);
  if (e2c !== undefined) info.executionStartToCloseTimeout = e2c;
  const t2c = toRunTimeout(o.taskStartToCloseTimeout, `taskStartToCloseTimeout of workflow ${name}`);
  if (t2c !== undefined) info.taskStartToCloseTimeout = t2c;
  if (o.childPolicy !== undefined) {
    if (!isChildPolicy(o.childPolicy))
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
