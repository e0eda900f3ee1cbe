/** Runs one activity task: decodes its input, calls the method inside its activity context, and answers SWF. */
import { runWithActivityContext, type ActivityContext, type ActivityInfo } from '@swf-flow/activity';
import {
  ApplicationFailure,
  CancelledFailure,
  MAX_PAYLOAD_LENGTH,
  ValidationError,
  decodeArgs,
  encodeFailure,
  fromSwfTimeout,
  type DataConverter,
  type Logger,
  attemptOf,
} from '@swf-flow/common';
import type { ActivityRegistry } from './activity-registry.js';
import { answerUntilSettled } from './answer-retry.js';
import { Heartbeater, type HeartbeatAnswer } from './heartbeater.js';
import { TaskCancellation } from './task-cancellation.js';

/** SWF's limit on heartbeat details. */
export const MAX_HEARTBEAT_DETAILS_LENGTH = 2048;

/** A polled activity task (the fields of `PollForActivityTask`'s output the runner reads). */
export interface ActivityTask {
  taskToken: string;
  activityId: string;
  startedEventId?: number;
  workflowExecution: { workflowId: string; runId: string };
  activityType: { name: string; version: string };
  input?: string;
}

/** The SWF calls that answer an activity task. */
export interface ActivityResponder {
  completed(taskToken: string, result: string | undefined): Promise<void>;
  failed(taskToken: string, reason: string, details: string): Promise<void>;
  canceled(taskToken: string, details: string | undefined): Promise<void>;
  heartbeat(taskToken: string, details: string | undefined): Promise<HeartbeatAnswer>;
}

/** How an activity task ended, as the runner answered it. */
export type ActivityOutcome = 'completed' | 'failed' | 'canceled' | 'left-open' | 'gone' | 'unanswered';

/** What the runner needs from the worker. */
export interface ActivityRunnerDeps {
  registry: ActivityRegistry;
  responder: ActivityResponder;
  dataConverter: DataConverter;
  logger: Logger;
  heartbeatThrottleMs: number;
  identity: string;
  /**
   * Aborted when a shutdown's grace time is over: running activities are asked to stop, and answers
   * that could not be delivered are no longer retried.
   */
  shutdownSignal?: AbortSignal;
  /** First wait between attempts to deliver an answer, in ms (doubling, jittered). @default 200 */
  answerBackoffInitialMs?: number;
  /** Longest wait between attempts to deliver an answer, in ms. @default 5000 */
  answerBackoffMaxMs?: number;
  /** @default Date.now */
  now?: () => number;
}

/** Runs activity tasks: decodes the input, calls the method inside its context, answers SWF. */
export class ActivityRunner {
  constructor(private readonly deps: ActivityRunnerDeps) {}

  /** Runs one task and answers it; never throws. */
  async run(task: ActivityTask, taskList: string): Promise<ActivityOutcome> {
    const { registry, responder, dataConverter, logger } = this.deps;
    const receivedAt = (this.deps.now ?? Date.now)();
    const meta = {
      activityId: task.activityId,
      activityType: `${task.activityType.name} ${task.activityType.version}`,
      workflowId: task.workflowExecution.workflowId,
    };
    const activity = registry.get(task.activityType);
    // The task's time: the type's declared start-to-close timeout (SWF does not tell a worker the
    // one a workflow scheduled it with); none declared or NONE: no limit.
    const startToClose = activity ? fromSwfTimeout(activity.info.startToCloseTimeout) : undefined;
    const deadline = startToClose === undefined ? undefined : receivedAt + startToClose;
    if (!activity) {
      const err = ApplicationFailure.nonRetryable(
        `this worker (${this.deps.identity}) has no activity type ${task.activityType.name} ${task.activityType.version} on task list '${taskList}'; it runs ${registry.describe()}`,
        'UnknownActivityType',
      );
      logger.error(err.message, meta);
      return this.answer(
        task,
        'RespondActivityTaskFailed',
        () => responder.failed(task.taskToken, 'UnknownActivityType', encodeFailure(err).details),
        'failed',
        undefined,
      );
    }
    const cancellation = new TaskCancellation(this.deps.identity, this.deps.shutdownSignal);
    let cancelRequested = false;
    let gone = false;
    let leaveOpen = false;
    const configuredHeartbeat = fromSwfTimeout(activity.info.heartbeatTimeout);
    // Made on the first heartbeat: most activities never send one.
    let heartbeater: Heartbeater | undefined;
    const makeHeartbeater = (): Heartbeater =>
      new Heartbeater({
        send: (details) => responder.heartbeat(task.taskToken, details),
        throttleMs:
          configuredHeartbeat === undefined
            ? this.deps.heartbeatThrottleMs
            : Math.min(this.deps.heartbeatThrottleMs, configuredHeartbeat * 0.8),
        onCancelRequested: () => {
          cancelRequested = true;
          cancellation.abort(new CancelledFailure('cancellation of the activity was requested'));
        },
        onTaskGone: (err) => {
          gone = true;
          logger.warn(
            'activity task no longer exists in SWF (timed out, or its execution closed); its result will be dropped',
            { ...meta, error: String(err) },
          );
          cancellation.abort(
            new CancelledFailure('the activity task no longer exists (timed out, or its execution closed)'),
          );
        },
        logger,
      });
    const info: ActivityInfo = {
      activityId: task.activityId,
      activityType: task.activityType,
      workflowExecution: task.workflowExecution,
      taskToken: task.taskToken,
      taskList,
      attempt: attemptOf(task.activityId),
      input: task.input,
    };
    const ctx: ActivityContext = {
      info,
      heartbeat: (details?: unknown) => {
        const payload = details === undefined ? undefined : dataConverter.toPayload(details);
        if (payload !== undefined && payload.length > MAX_HEARTBEAT_DETAILS_LENGTH) {
          throw new ValidationError(
            `heartbeat details are ${payload.length} characters; SWF allows at most ${MAX_HEARTBEAT_DETAILS_LENGTH}`,
          );
        }
        (heartbeater ??= makeHeartbeater()).heartbeat(payload);
      },
      get cancellationSignal(): AbortSignal {
        return cancellation.signal;
      },
      doNotCompleteOnReturn: () => {
        leaveOpen = true;
      },
    };
    let outcome: { ok: true; value: unknown } | { ok: false; error: unknown };
    try {
      const args = decodeArgs(dataConverter, task.input);
      const value: unknown = await runWithActivityContext(ctx, () => activity.method.apply(activity.instance, args));
      outcome = { ok: true, value };
    } catch (error) {
      outcome = { ok: false, error };
    } finally {
      cancellation.done();
      if (heartbeater) await heartbeater.stop();
    }
    if (gone) return 'gone';
    if (outcome.ok) {
      if (leaveOpen) {
        logger.debug(
          'activity returned with doNotCompleteOnReturn(); it is completed elsewhere by its task token',
          meta,
        );
        return 'left-open';
      }
      let result: string | undefined;
      try {
        result = dataConverter.toPayload(outcome.value);
        if (result !== undefined && result.length > MAX_PAYLOAD_LENGTH) {
          throw new ValidationError(
            `the result of activity ${task.activityType.name} is ${result.length} characters; SWF allows at most ${MAX_PAYLOAD_LENGTH}`,
          );
        }
      } catch (err) {
        logger.error(`activity result cannot be sent: ${(err as Error).message}`, meta);
        const { reason, details } = encodeFailure(err);
        return this.answer(
          task,
          'RespondActivityTaskFailed',
          () => responder.failed(task.taskToken, reason, details),
          'failed',
          deadline,
        );
      }
      return this.answer(
        task,
        'RespondActivityTaskCompleted',
        () => responder.completed(task.taskToken, result),
        'completed',
        deadline,
      );
    }
    if (cancelRequested) {
      return this.answer(
        task,
        'RespondActivityTaskCanceled',
        () => responder.canceled(task.taskToken, encodeFailure(outcome.error).details),
        'canceled',
        deadline,
      );
    }
    logger.debug('activity failed', { ...meta, error: String(outcome.error) });
    const { reason, details } = encodeFailure(outcome.error);
    return this.answer(
      task,
      'RespondActivityTaskFailed',
      () => responder.failed(task.taskToken, reason, details),
      'failed',
      deadline,
    );
  }

  /** Delivers an answer, retrying through connection failures until the service settles it. */
  private async answer(
    task: ActivityTask,
    what: string,
    call: () => Promise<void>,
    outcome: ActivityOutcome,
    deadline: number | undefined,
  ): Promise<ActivityOutcome> {
    const result = await answerUntilSettled(call, {
      what,
      ...(deadline !== undefined ? { deadline } : {}),
      ...(this.deps.shutdownSignal ? { signal: this.deps.shutdownSignal } : {}),
      backoffInitialMs: this.deps.answerBackoffInitialMs ?? 200,
      backoffMaxMs: this.deps.answerBackoffMaxMs ?? 5_000,
      logger: this.deps.logger,
      meta: { activityId: task.activityId, workflowId: task.workflowExecution.workflowId, outcome },
      ...(this.deps.now ? { now: this.deps.now } : {}),
    });
    if (result === 'accepted') return outcome;
    return result === 'gone' ? 'gone' : 'unanswered';
  }
}
