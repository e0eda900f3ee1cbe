/**
 * The options of a workflow run, named once: what a workflow type declares as defaults
 * (`defineWorkflow`), what a child workflow or continue-as-new may set for its run, and the
 * child policies SWF knows. Each package's options extend these instead of listing the fields again.
 */
import type { Duration } from '../duration.js';

/** What SWF does to a run's open children when the run closes by termination or time-out. */
export type ChildPolicy = 'TERMINATE' | 'REQUEST_CANCEL' | 'ABANDON';

const CHILD_POLICIES: ReadonlySet<string> = new Set<ChildPolicy>(['TERMINATE', 'REQUEST_CANCEL', 'ABANDON']);

/** Whether `value` is one of SWF's child policies. */
export function isChildPolicy(value: unknown): value is ChildPolicy {
  return typeof value === 'string' && CHILD_POLICIES.has(value);
}

/** A run's defaults that a workflow type declares and a run may override. */
export interface RunDefaults {
  /** The decision task list of the run. */
  taskList?: string;
  /** The longest the whole run may take (`'NONE'` for no limit). */
  executionStartToCloseTimeout?: Duration | 'NONE';
  /** The longest one decision task may take (`'NONE'` for no limit). */
  taskStartToCloseTimeout?: Duration | 'NONE';
  /**
   * What happens to the run's open children when it closes: Amazon SWF applies it at every close
   * (completed, failed, canceled, continued as new, terminated, timed out), so a child meant to
   * outlive its parent needs `ABANDON`.
   */
  childPolicy?: ChildPolicy;
  /** The priority of the run's decision tasks (an integer; higher runs first). */
  taskPriority?: number;
}

/** The options of a run that workflow code starts (a child, or the next run of continue-as-new). */
export interface RunOptions extends RunDefaults {
  /** The workflow type version of the run. */
  version?: string;
  /** Up to 5 tags to list executions by. */
  tagList?: string[];
  /** The IAM role SWF assumes to invoke the run's Lambda tasks. */
  lambdaRole?: string;
}

/** Every option of {@link RunOptions}, for checks that refuse an option they do not know. */
export const RUN_OPTION_KEYS = [
  'version',
  'taskList',
  'executionStartToCloseTimeout',
  'taskStartToCloseTimeout',
  'childPolicy',
  'taskPriority',
  'tagList',
  'lambdaRole',
] as const satisfies ReadonlyArray<keyof RunOptions>;

/** A compile error if {@link RunOptions} gains an option that {@link RUN_OPTION_KEYS} does not list. */
const everyRunOption: Exclude<keyof RunOptions, (typeof RUN_OPTION_KEYS)[number]> extends never ? true : never = true;
void everyRunOption;

/** The statuses of a closed run, as SWF names them (`CloseStatus`: what list filters and close events say). */
export const CLOSE_STATUSES = [
  'COMPLETED',
  'FAILED',
  'CANCELED',
  'TERMINATED',
  'CONTINUED_AS_NEW',
  'TIMED_OUT',
] as const;
