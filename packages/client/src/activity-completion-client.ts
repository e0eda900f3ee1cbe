/** `ActivityCompletionClient`: answers or heartbeats an activity task by its task token, from any process. */
import {
  RecordActivityTaskHeartbeatCommand,
  RespondActivityTaskCanceledCommand,
  RespondActivityTaskCompletedCommand,
  RespondActivityTaskFailedCommand,
  SWFClient,
} from '@aws-sdk/client-swf';
import {
  MAX_TASK_TOKEN_LENGTH,
  ValidationError,
  encodeFailure,
  jsonDataConverter,
  resolveSwfClient,
  type DataConverter,
  type SwfClientLike,
} from '@swf-flow/common';
import { checkOptionKeys, checkPayload } from './validate.js';

/** Options of {@link ActivityCompletionClient}. */
export interface ActivityCompletionClientOptions {
  /** The `SWFClient` to use, or its configuration. @default the standard AWS chain */
  swf?: SwfClientLike;
  /** Converts results and details. @default jsonDataConverter */
  dataConverter?: DataConverter;
}

function checkToken(taskToken: unknown): string {
  if (typeof taskToken !== 'string' || taskToken.length === 0 || taskToken.length > MAX_TASK_TOKEN_LENGTH) {
    throw new ValidationError(
      'taskToken must be the activity task token (activityContext().info.taskToken): a string of 1 to 1,024 characters',
    );
  }
  return taskToken;
}

/**
 * Completes, fails, cancels or heartbeats an activity task by its task token, from any process:
 * the other half of `activityContext().doNotCompleteOnReturn()`.
 *
 * @example
 * ```ts
 * // in the activity
 * const { info, doNotCompleteOnReturn } = activityContext();
 * await queue.send({ taskToken: info.taskToken, order });
 * doNotCompleteOnReturn();
 * // later, elsewhere
 * await new ActivityCompletionClient().complete(taskToken, { approved: true });
 * ```
 */
export class ActivityCompletionClient {
  private readonly swf: SWFClient;
  private readonly dataConverter: DataConverter;

  /** @throws ValidationError for options that are not an object, an unknown key or a converter without its methods. */
  constructor(options: ActivityCompletionClientOptions = {}) {
    checkOptionKeys(options, ['swf', 'dataConverter'], {
      kind: 'ActivityCompletionClient',
      object: 'ActivityCompletionClient options',
      example: "{ swf: { region: 'us-east-1' } }",
    });
    this.swf = resolveSwfClient(SWFClient, options.swf);
    this.dataConverter = options.dataConverter ?? jsonDataConverter;
    if (typeof this.dataConverter.toPayload !== 'function' || typeof this.dataConverter.fromPayload !== 'function')
      throw new ValidationError('dataConverter must have toPayload(value) and fromPayload(payload) methods');
  }

  /** Completes the task with `result`. */
  async complete(taskToken: string, result?: unknown): Promise<void> {
    const payload = checkPayload(this.dataConverter.toPayload(result), 'activity result');
    await this.swf.send(new RespondActivityTaskCompletedCommand({ taskToken: checkToken(taskToken), result: payload }));
  }

  /** Fails the task; the workflow sees an `ActivityFailure` whose cause is rebuilt from `error`. */
  async fail(taskToken: string, error: unknown): Promise<void> {
    const { reason, details } = encodeFailure(error);
    await this.swf.send(new RespondActivityTaskFailedCommand({ taskToken: checkToken(taskToken), reason, details }));
  }

  /** Reports the task canceled (after the workflow requested it). */
  async reportCancellation(taskToken: string, details?: unknown): Promise<void> {
    const payload = checkPayload(
      details === undefined ? undefined : this.dataConverter.toPayload(details),
      'cancellation details',
    );
    await this.swf.send(new RespondActivityTaskCanceledCommand({ taskToken: checkToken(taskToken), details: payload }));
  }

  /** Records a heartbeat; `cancelRequested` tells whether the workflow asked to cancel the activity. */
  async heartbeat(taskToken: string, details?: unknown): Promise<{ cancelRequested: boolean }> {
    const payload = details === undefined ? undefined : this.dataConverter.toPayload(details);
    if (payload !== undefined && payload.length > 2048)
      throw new ValidationError(`heartbeat details are ${payload.length} characters; SWF allows at most 2048`);
    const out = await this.swf.send(
      new RecordActivityTaskHeartbeatCommand({ taskToken: checkToken(taskToken), details: payload }),
    );
    return { cancelRequested: out.cancelRequested === true };
  }
}
