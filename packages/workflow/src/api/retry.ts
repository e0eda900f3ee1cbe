/**
 * Retry policies of activities and Lambda tasks: the options, their compiled form, which failures
 * are retried and how long to wait. Each attempt is a new task and the wait a durable timer, so
 * retries survive worker restarts and replay exactly.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  CancelledFailure,
  LambdaFailure,
  parseDuration,
  ValidationError,
  type Duration,
} from '@swf-flow/common';

/**
 * How a failed activity or Lambda task is tried again. Each attempt is a new task (its id is the
 * first attempt's with `#n`, and its decision's `control` is `{"attempt":n}`); the workflow sleeps
 * (a durable timer) between attempts, so retries survive worker restarts and replay exactly.
 */
export interface RetryPolicy {
  /** Wait before the second attempt. @default '1s' */
  initialInterval?: Duration;
  /** Each wait is the previous one times this (at least 1). @default 2 */
  backoffCoefficient?: number;
  /** Upper bound of a wait. @default 100 × initialInterval */
  maximumInterval?: Duration;
  /** Attempts in all, including the first. @default unlimited */
  maximumAttempts?: number;
  /**
   * Failure types (`ApplicationFailure.type`, which for a plain `Error` thrown by an activity is
   * its `name`, e.g. `'TypeError'`, and for a Lambda function error its `errorType`) that are
   * never retried. Failures thrown with `ApplicationFailure.nonRetryable(...)` and cancellations
   * are never retried either.
   * @default []
   */
  nonRetryableErrorTypes?: string[];
}

/** A {@link RetryPolicy} checked, with its defaults applied. */
export interface CompiledRetry {
  initialMs: number;
  coefficient: number;
  maximumMs: number;
  maximumAttempts: number;
  nonRetryable: readonly string[];
}

const RETRY_KEYS = new Set<string>([
  'initialInterval',
  'backoffCoefficient',
  'maximumInterval',
  'maximumAttempts',
  'nonRetryableErrorTypes',
]);

/** Checks a retry policy eagerly; `where` names the call in the error. */
export function compileRetry(retry: unknown, where: string): CompiledRetry {
  if (typeof retry !== 'object' || retry === null || Array.isArray(retry)) {
    throw new ValidationError(
      `${where}: retry must be an object such as { maximumAttempts: 3, initialInterval: '1s' }`,
    );
  }
  for (const key of Object.keys(retry)) {
    if (!RETRY_KEYS.has(key))
      throw new ValidationError(
        `${where}: unknown retry option '${key}'; the options are ${[...RETRY_KEYS].join(', ')}`,
      );
  }
  const r = retry as RetryPolicy;
  const initialMs = parseDuration(r.initialInterval ?? 1000, `${where}: retry.initialInterval`);
  const coefficient = r.backoffCoefficient ?? 2;
  if (typeof coefficient !== 'number' || !Number.isFinite(coefficient) || coefficient < 1) {
    throw new ValidationError(
      `${where}: retry.backoffCoefficient must be a number >= 1; got ${JSON.stringify(r.backoffCoefficient)}`,
    );
  }
  const maximumMs =
    r.maximumInterval === undefined
      ? initialMs * 100
      : parseDuration(r.maximumInterval, `${where}: retry.maximumInterval`);
  if (maximumMs < initialMs) {
    throw new ValidationError(
      `${where}: retry.maximumInterval (${maximumMs} ms) must not be less than retry.initialInterval (${initialMs} ms)`,
    );
  }
  const maximumAttempts = r.maximumAttempts ?? Number.POSITIVE_INFINITY;
  if (maximumAttempts !== Number.POSITIVE_INFINITY && (!Number.isInteger(maximumAttempts) || maximumAttempts < 1)) {
    throw new ValidationError(
      `${where}: retry.maximumAttempts must be a whole number >= 1 (leave it out for no limit); got ${JSON.stringify(r.maximumAttempts)}`,
    );
  }
  const nonRetryable = r.nonRetryableErrorTypes ?? [];
  if (!Array.isArray(nonRetryable) || nonRetryable.some((t) => typeof t !== 'string')) {
    throw new ValidationError(
      `${where}: retry.nonRetryableErrorTypes must be an array of failure type names such as ['PaymentDeclined']`,
    );
  }
  return { initialMs, coefficient, maximumMs, maximumAttempts, nonRetryable: [...nonRetryable] };
}

/**
 * Whether a failed attempt may be tried again under `retry`: an activity's or a Lambda task's
 * failure (not, e.g., a scope cancelled before scheduling) that is not a cancellation, not
 * non-retryable and not of a listed type.
 */
export function isRetryable(err: unknown, retry: CompiledRetry): boolean {
  if (!(err instanceof ActivityFailure) && !(err instanceof LambdaFailure)) return false;
  const cause = err.cause;
  if (cause instanceof CancelledFailure) return false;
  if (cause instanceof ApplicationFailure && (cause.nonRetryable || retry.nonRetryable.includes(cause.type)))
    return false;
  return true;
}

/** The wait before attempt `next` (2, 3, ...), in ms. */
export function backoff(retry: CompiledRetry, next: number): number {
  return Math.min(retry.initialMs * retry.coefficient ** (next - 2), retry.maximumMs);
}
