/** The options of `WorkflowClient.start`, checked and turned into a StartWorkflowExecution request. */
import type { StartWorkflowExecutionInput } from '@aws-sdk/client-swf';
import {
  MAX_NAME_LENGTH,
  MAX_TAGS,
  MAX_TASK_PRIORITY,
  MIN_TASK_PRIORITY,
  ValidationError,
  checkSwfId,
  checkSwfName,
  isChildPolicy,
  type ChildPolicy,
  encodeArgs,
  toRunTimeout,
  type DataConverter,
  type Duration,
  shownValue,
} from '@swf-flow/common';
import { checkOptionKeys, checkPayload } from './validate.js';
import type { WorkflowTypeRef } from './workflow-ref.js';

/** Options of `WorkflowClient.start`. Unset defaults come from the workflow type's registration. */
export interface StartOptions<Args extends unknown[] = unknown[]> {
  /** The workflow id: unique among the domain's open executions; at most 256 characters. */
  workflowId: string;
  /** The workflow function's arguments (sent as a JSON array). @default [] */
  args?: Args;
  /** The decision task list. @default the workflow's, else the registered default */
  taskList?: string;
  /** Up to 5 tags (each at most 256 characters) to list executions by. */
  tags?: string[];
  /** Time limits of the execution. @default the workflow's, else the registered defaults */
  timeouts?: {
    /** Whole execution. */
    executionStartToClose?: Duration;
    /** Each decision task. */
    taskStartToClose?: Duration;
  };
  /** What happens to children when this execution closes by termination or timeout. @default the registered default */
  childPolicy?: ChildPolicy;
  /** Priority of the decision tasks. */
  taskPriority?: number;
  /**
   * The ARN of the IAM role SWF assumes to invoke the execution's Lambda tasks (`proxyLambdas`,
   * `executeLambda`). Without one, every Lambda task fails with `StartLambdaFunctionFailed`
   * (`ASSUME_ROLE_FAILED`), on Amazon SWF and on the local service alike (which takes any role).
   * @default the workflow type's registered default, if any
   */
  lambdaRole?: string;
}

const KNOWN = new Set([
  'workflowId',
  'args',
  'taskList',
  'tags',
  'timeouts',
  'childPolicy',
  'taskPriority',
  'lambdaRole',
]);

const TIMEOUT_KEYS = ['executionStartToClose', 'taskStartToClose'] as const satisfies ReadonlyArray<
  keyof NonNullable<StartOptions['timeouts']>
>;

function seconds(value: Duration | 'NONE' | undefined, what: string): string | undefined {
  if (typeof value === 'string' && /^\d+$/.test(value) && Number(value) > 0) return value;
  return toRunTimeout(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value, what);
}

/**
 * Checks start options and builds the `StartWorkflowExecution` request.
 * @throws ValidationError naming the wrong option.
 */
export function buildStartRequest(
  domain: string,
  type: WorkflowTypeRef,
  options: StartOptions,
  converter: DataConverter,
): StartWorkflowExecutionInput {
  if (typeof options !== 'object' || options === null)
    throw new ValidationError('start needs options with at least a workflowId');
  const unknown = Object.keys(options).filter((k) => !KNOWN.has(k));
  if (unknown.length > 0)
    throw new ValidationError(
      `unknown start option(s): ${unknown.join(', ')}; known options are ${[...KNOWN].join(', ')}`,
    );
  const workflowId = checkSwfId(options.workflowId, 'workflowId');
  const args = options.args ?? [];
  if (!Array.isArray(args))
    throw new ValidationError(`args must be an array of the workflow's arguments; got ${shownValue(args)}`);
  const tags = options.tags ?? [];
  if (
    !Array.isArray(tags) ||
    tags.length > MAX_TAGS ||
    tags.some((t) => typeof t !== 'string' || t.length > MAX_NAME_LENGTH)
  ) {
    throw new ValidationError(
      `tags must be an array of at most ${MAX_TAGS} strings of at most ${MAX_NAME_LENGTH} characters each`,
    );
  }
  if (options.childPolicy !== undefined && !isChildPolicy(options.childPolicy)) {
    throw new ValidationError(
      `childPolicy must be TERMINATE, REQUEST_CANCEL or ABANDON; got ${shownValue(options.childPolicy)}`,
    );
  }
  // a key of timeouts SWF does not know (a typo) would leave that timeout to the registered default
  if (options.timeouts !== undefined)
    checkOptionKeys(options.timeouts, TIMEOUT_KEYS, {
      kind: 'start timeouts',
      object: 'start timeouts',
      example: "{ executionStartToClose: '1 day', taskStartToClose: '30s' }",
    });
  const { taskPriority } = options;
  if (
    taskPriority !== undefined &&
    (!Number.isInteger(taskPriority) || taskPriority < MIN_TASK_PRIORITY || taskPriority > MAX_TASK_PRIORITY)
  ) {
    throw new ValidationError(
      `taskPriority must be an integer between ${MIN_TASK_PRIORITY} and ${MAX_TASK_PRIORITY}; got ${shownValue(taskPriority)}`,
    );
  }
  if (
    options.lambdaRole !== undefined &&
    (typeof options.lambdaRole !== 'string' || options.lambdaRole.trim() === '' || options.lambdaRole.length > 1600)
  ) {
    throw new ValidationError(
      `lambdaRole must be an IAM role ARN (1-1600 characters), e.g. 'arn:aws:iam::123456789012:role/swf-lambda'; got ${shownValue(options.lambdaRole)}`,
    );
  }
  const taskList = options.taskList ?? type.taskList;
  const priority = options.taskPriority ?? type.taskPriority;
  return {
    domain,
    workflowId,
    workflowType: { name: type.name, version: type.version },
    taskList: taskList === undefined ? undefined : { name: checkSwfName(taskList, 'taskList') },
    input: checkPayload(encodeArgs(converter, args), 'workflow input (args)'),
    tagList: tags.length > 0 ? tags : undefined,
    executionStartToCloseTimeout: seconds(
      options.timeouts?.executionStartToClose ?? type.executionStartToCloseTimeout,
      'timeouts.executionStartToClose',
    ),
    taskStartToCloseTimeout: seconds(
      options.timeouts?.taskStartToClose ?? type.taskStartToCloseTimeout,
      'timeouts.taskStartToClose',
    ),
    childPolicy: (options.childPolicy ?? type.childPolicy) as StartWorkflowExecutionInput['childPolicy'],
    taskPriority: priority === undefined ? undefined : String(priority),
    lambdaRole: options.lambdaRole,
  };
}
