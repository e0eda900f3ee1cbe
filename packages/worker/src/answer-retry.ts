/**
 * Answers a task until the service settles it. A finished activity's result or a decision task's
 * decisions are work already done: dropping them when the service blips (a restart, a reset
 * connection, a 5xx) makes SWF time the task out and the work run again. So an answer is sent again,
 * with bounded jittered back-off, until it is accepted, refused as unknown (`UnknownResourceFault`:
 * the task timed out or was answered already), refused for good (a validation fault), its task's
 * time is up, or the worker stops (its shutdown grace time is over).
 */
import { classifySwfError, connectionErrorCode, type Logger } from '@swf-flow/common';
import { Backoff, sleep } from './backoff.js';

/** How an answer ended. */
export type AnswerResult =
  /** The service accepted it. */
  | 'accepted'
  /** `UnknownResourceFault`: the task is gone (timed out, its run closed, or answered before). */
  | 'gone'
  /** The service refused it for good (not a connection or availability problem). */
  | 'refused'
  /** The task's time ran out while the service could not be reached. */
  | 'expired'
  /** The worker stopped (shutdown grace time over) while the service could not be reached. */
  | 'stopped';

/** Options of {@link answerUntilSettled}. */
export interface AnswerRetryOptions {
  /** The call, for logs: `RespondActivityTaskCompleted`. */
  what: string;
  /** When the task's time is up (ms, on `now`'s clock); none: it has no limit. */
  deadline?: number;
  /** Aborted when the worker must stop trying. */
  signal?: AbortSignal;
  /** First and longest wait between attempts, in ms. */
  backoffInitialMs: number;
  backoffMaxMs: number;
  logger: Logger;
  /** Logged with every line. */
  meta: Record<string, unknown>;
  /** @default Date.now */
  now?: () => number;
}

/**
 * Sends `call` until the service settles it (see the module comment). Never throws: the caller
 * learns how it ended. Every retry after a failure is logged (warn), a final failure once (error
 * unless the task is gone).
 */
export async function answerUntilSettled(
  call: () => Promise<unknown>,
  options: AnswerRetryOptions,
): Promise<AnswerResult> {
  const { what, deadline, signal, logger, meta } = options;
  const now = options.now ?? Date.now;
  const backoff = new Backoff(options.backoffInitialMs, options.backoffMaxMs);
  for (;;) {
    let err: unknown;
    try {
      await call();
      if (backoff.consecutiveFailures > 0)
        logger.info(`${what} accepted after ${backoff.consecutiveFailures} failed attempt(s)`, meta);
      return 'accepted';
    } catch (caught) {
      err = caught;
    }
    const kind = classifySwfError(err);
    if (kind === 'unknown-resource') {
      logger.warn(
        `${what}: the task no longer exists in SWF (it timed out, its execution closed, or it was answered already); answer dropped`,
        { ...meta, error: String(err) },
      );
      return 'gone';
    }
    if (kind === 'permanent') {
      logger.error(`${what} was refused; not retried`, { ...meta, error: String(err) });
      return 'refused';
    }
    const wait = backoff.next();
    const reason = connectionErrorCode(err) ?? String(err);
    if (signal?.aborted) {
      logger.error(`${what} could not be delivered (${reason}) and the worker is stopping; answer dropped`, {
        ...meta,
        attempts: backoff.consecutiveFailures,
      });
      return 'stopped';
    }
    if (deadline !== undefined && now() + wait > deadline) {
      logger.error(`${what} could not be delivered (${reason}) before the task's time ran out; answer dropped`, {
        ...meta,
        attempts: backoff.consecutiveFailures,
      });
      return 'expired';
    }
    logger.warn(`${what} could not be delivered (${reason}); retrying in ${wait} ms`, {
      ...meta,
      attempt: backoff.consecutiveFailures,
      error: String(err),
    });
    await sleep(wait, signal);
  }
}
