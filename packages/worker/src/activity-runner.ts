/** Runs one activity task: decodes its input, calls the method inside its activity context, and answers SWF. */
import { runWithActivityContext } from '@swf-flow/activity';
import {
  ApplicationFailure,
  MAX_PAYLOAD_LENGTH,
  ValidationError,
  decodeArgs,
  encodeFailure,
  fromSwfTimeout,
  type DataConverter,
  type Logger,
  attemptOf,
  thrownText,
} from '@swf-flow/common';
import type { ActivityRegistry } from './activity-registry.js';
import { answerUntilSettled } from './answer-retry.js';
import { ActivityTaskContext } from './activity-task-context.js';
import type { HeartbeatAnswer } from './heartbeater.js';
import { TaskCancellation } from './task-cancellation.js';

export { MAX_HEARTBEAT_DETAILS_LENGTH } from './activity-task-context.js';

/** A polled activity task (the fields of `PollForActivityTask`'s output the runner reads). */
export interface ActivityTask {
  taskToken: string;
  activityId: string;
  startedEventId?: number;
  workflowExecution: { workflowId: string; runId: string };
  activityType: { name: string; version: string };
  input?: string;
}

/** The SWF calls that answer an activity task (each resolves once SWF accepted the answer). */
export interface ActivityResponder {
  completed(taskToken: string, result: string | undefined): Promise<unknown>;
  failed(taskToken: string, reason: string, details: string): Promise<unknown>;
  canceled(taskToken: string, details: string | undefined): Promise<unknown>;
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
  /** See {@link ABANDON_AFTER_GRACE_MS}. @default ABANDON_AFTER_GRACE_MS */
  abandonAfterGraceMs?: number;
}

/**
 * How long an activity still running when a shutdown's grace time is over (its `cancellationSignal`
 * aborted) is waited for before the worker fails its task as `WorkerShutdown` and stops waiting for
 * it: an activity that never looks at its signal kept `shutdown()` from resolving for ever.
 */
export const ABANDON_AFTER_GRACE_MS = 1_000;

/** What an abandoned activity's outcome is rejected with (see {@link ABANDON_AFTER_GRACE_MS}). */
const ABANDONED = Symbol('abandoned');

/** Runs activity tasks: decodes the input, calls the method inside its context, answers SWF. */
export class ActivityRunner {
  /** Rejects the outcome of each running activity with {@link ABANDONED} (set once the grace time is over). */
  private readonly abandon = new Set<(reason: unknown) => void>();

  constructor(private readonly deps: ActivityRunnerDeps) {
    // one listener per runner (not per task): the grace time over, the activities still running
    // have ABANDON_AFTER_GRACE_MS to stop before the worker answers for them
    deps.shutdownSignal?.addEventListener(
      'abort',
      () =>
        setTimeout(() => {
          for (const reject of this.abandon) reject(ABANDONED);
        }, deps.abandonAfterGraceMs ?? ABANDON_AFTER_GRACE_MS).unref(),
      { once: true },
    );
  }

  /** What the method gave (`running`), or a promise rejected with {@link ABANDONED} if the activity outlives the shutdown's grace. */
  private untilAbandoned(running: unknown): unknown {
    if (!this.deps.shutdownSignal) return running;
    let reject!: (reason: unknown) => void;
    const outcome = new Promise<unknown>((res, rej) => {
      reject = rej;
      Promise.resolve(running).then(res, rej);
    });
    this.abandon.add(reject);
    return outcome.finally(() => this.abandon.delete(reject));
  }

  /** Runs one task and answers it; never throws. */
  async run(task: ActivityTask, taskList: string): Promise<ActivityOutcome> {
    const { registry, responder, dataConverter, logger } = this.deps;
    const receivedAt = (this.deps.now ?? Date.now)();
    // Log fields, built only for a line that is logged.
    const meta = (): Record<string, unknown> => ({
      activityId: task.activityId,
      activityType: `${task.activityType.name} ${task.activityType.version}`,
      workflowId: task.workflowExecution.workflowId,
    });
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
      logger.error(err.message, meta());
      return this.answer(
        task,
        'RespondActivityTaskFailed',
        () => responder.failed(task.taskToken, 'UnknownActivityType', encodeFailure(err).details),
        'failed',
        undefined,
      );
    }
    const cancellation = new TaskCancellation(this.deps.identity, this.deps.shutdownSignal);
    const configuredHeartbeat = fromSwfTimeout(activity.info.heartbeatTimeout);
    const ctx = new ActivityTaskContext({
      info: {
        activityId: task.activityId,
        activityType: task.activityType,
        workflowExecution: task.workflowExecution,
        taskToken: task.taskToken,
        taskList,
        attempt: attemptOf(task.activityId),
        input: task.input,
      },
      cancellation,
      dataConverter,
      logger,
      responder,
      heartbeatThrottleMs:
        configuredHeartbeat === undefined
          ? this.deps.heartbeatThrottleMs
          : Math.min(this.deps.heartbeatThrottleMs, configuredHeartbeat * 0.8),
      meta,
    });
    let outcome: { ok: true; value: unknown } | { ok: false; error: unknown };
    try {
      const args = decodeArgs(dataConverter, task.input);
      const value: unknown = await this.untilAbandoned(
        runWithActivityContext(ctx, () => activity.method.apply(activity.instance, args)),
      );
      outcome = { ok: true, value };
    } catch (error) {
      if (error === ABANDONED) {
        const stopMs = this.deps.abandonAfterGraceMs ?? ABANDON_AFTER_GRACE_MS;
        const message = `the worker (${this.deps.identity}) is shutting down and activity ${task.activityType.name} did not stop within ${stopMs} ms of its cancellationSignal aborting at the end of shutdownGraceTime; it was left running and its task failed, so that a retry can run it elsewhere (make the activity stop when its cancellationSignal aborts)`;
        logger.warn(message, meta());
        outcome = { ok: false, error: ApplicationFailure.retryable(message, 'WorkerShutdown') };
      } else outcome = { ok: false, error };
    } finally {
      cancellation.done();
      if (ctx.heartbeater) await ctx.heartbeater.stop();
    }
    if (ctx.gone) return 'gone';
    if (outcome.ok) {
      if (ctx.leaveOpen) {
        logger.debug(
          'activity returned with doNotCompleteOnReturn(); it is completed elsewhere by its task token',
          meta(),
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
        logger.error(`activity result cannot be sent: ${(err as Error).message}`, meta());
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
    if (ctx.cancelRequested) {
      return this.answer(
        task,
        'RespondActivityTaskCanceled',
        () => responder.canceled(task.taskToken, encodeFailure(outcome.error).details),
        'canceled',
        deadline,
      );
    }
    logger.debug('activity failed', { ...meta(), error: thrownText(outcome.error) });
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
    call: () => Promise<unknown>,
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
