/** Continue-as-new: close this run and start a fresh one of the same workflow with new input. */
import {
  checkSwfName,
  didYouMean,
  encodeArgs,
  RUN_OPTION_KEYS,
  toRunTimeout,
  ValidationError,
  type RunOptions,
} from '@swf-flow/common';
import { ContinueAsNew, type ContinueAsNewAttributes } from '../runtime/closing.js';
import { currentStore } from '../runtime/storage.js';
import { type WorkflowFunction } from '../workflow-type.js';

/** Options of the new run; unset ones are copied from the current run. */
export interface ContinueAsNewOptions extends RunOptions {
  /** The type version of the new run. @default the current version */
  version?: string;
}

/** The options of the new run: a run's options (`version` included). */
const OPTION_KEYS: readonly string[] = RUN_OPTION_KEYS;

function build(args: unknown[], options: ContinueAsNewOptions): ContinueAsNew {
  const rt = currentStore('continueAsNew()').runtime;
  const s = rt.started;
  const a: ContinueAsNewAttributes = {};
  const input = encodeArgs(rt.converter, args);
  if (input !== undefined) a.input = input;
  const version = options.version ?? s?.workflowType.version;
  if (version !== undefined) a.workflowTypeVersion = checkSwfName(version, 'continueAsNew version');
  // SWF refuses the whole answer for a task list that breaks its name rule (the run would be stuck)
  if (options.taskList !== undefined) checkSwfName(options.taskList, 'continueAsNew taskList');
  const taskList = options.taskList ?? s?.taskList;
  if (taskList) a.taskList = { name: taskList };
  const e2c =
    toRunTimeout(options.executionStartToCloseTimeout, 'executionStartToCloseTimeout') ??
    s?.executionStartToCloseTimeout;
  if (e2c !== undefined) a.executionStartToCloseTimeout = e2c;
  const t2c = toRunTimeout(options.taskStartToCloseTimeout, 'taskStartToCloseTimeout') ?? s?.taskStartToCloseTimeout;
  if (t2c !== undefined) a.taskStartToCloseTimeout = t2c;
  const childPolicy = options.childPolicy ?? s?.childPolicy;
  if (childPolicy !== undefined) a.childPolicy = childPolicy as ContinueAsNewAttributes['childPolicy'];
  const priority = options.taskPriority !== undefined ? String(options.taskPriority) : s?.taskPriority;
  if (priority !== undefined) a.taskPriority = priority;
  const tags = options.tagList ?? s?.tagList;
  if (tags && tags.length > 0) a.tagList = [...tags];
  const role = options.lambdaRole ?? s?.lambdaRole;
  if (role !== undefined) a.lambdaRole = role;
  return new ContinueAsNew(a);
}

/**
 * Closes this run and starts a new run of the same workflow with `args`
 * (ContinueAsNewWorkflowExecution). It throws: do not catch what it throws.
 *
 * @example
 * ```ts
 * if (processed > 1000) await continueAsNew(cursor);
 * ```
 */
export function continueAsNew(...args: unknown[]): Promise<never> {
  return Promise.reject(build(args, {}));
}

/**
 * A typed `continueAsNew` with options for the new run (version, task list, timeouts, ...).
 *
 * @example
 * ```ts
 * const next = makeContinueAsNewFunc<typeof crawl>({ version: '2' });
 * await next(cursor);
 * ```
 */
export function makeContinueAsNewFunc<F extends WorkflowFunction>(
  options: ContinueAsNewOptions = {},
): (...args: Parameters<F>) => Promise<never> {
  if (typeof options !== 'object' || options === null)
    throw new ValidationError('makeContinueAsNewFunc(options): options must be an object');
  for (const key of Object.keys(options))
    if (!OPTION_KEYS.includes(key))
      throw new ValidationError(
        `makeContinueAsNewFunc: unknown option '${key}'${didYouMean(key, OPTION_KEYS, (n) => n)}; the options are ${OPTION_KEYS.join(', ')}`,
      );
  return (...args: Parameters<F>) => Promise.reject(build(args, options));
}
