/**
 * Error classes of swf-flow. One base class ({@link SwfFlowError}); one subclass per meaning, each
 * with `name` set and an ES `cause`. `instanceof` works across two copies of this package (for
 * example a workflow bundle and a worker each with their own node_modules), because it checks a
 * registered symbol rather than the prototype chain.
 */

import { didYouMean } from './did-you-mean.js';
import { shownValue } from './shown-value.js';
import { symbolBasedInstanceOf } from './symbol-instanceof.js';

/** Makes `instanceof Class` true for any object marked with the class's global symbol, and names the class. */
function markInstanceOf(clazz: abstract new (...args: never[]) => object, name: string): void {
  symbolBasedInstanceOf(clazz, `swf-flow.error.${name}`);
  Object.defineProperty(clazz.prototype, 'name', {
    value: name,
    enumerable: false,
    writable: true,
    configurable: true,
  });
}

/** Options every swf-flow error accepts. */
export interface SwfFlowErrorOptions {
  /** The error this one wraps. */
  cause?: unknown;
}

/** Base class of every error swf-flow throws. */
export class SwfFlowError extends Error {
  constructor(message: string, options?: SwfFlowErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
  }
}
markInstanceOf(SwfFlowError, 'SwfFlowError');

/** Bad input to a public entry point: the message says what was wrong and what to do. */
export class ValidationError extends SwfFlowError {}
markInstanceOf(ValidationError, 'ValidationError');

/**
 * A history that is not what SWF records for one run, reported as such rather than as a code
 * change: an event that refers to an event that is not there (or is of another type), timestamps
 * that cannot be read, one page of a paged history, or a history cut inside a decision task's
 * decisions. Fetch the whole history (every page; `swf-flow history --json` saves one).
 */
export class InvalidHistoryError extends ValidationError {}
markInstanceOf(InvalidHistoryError, 'InvalidHistoryError');

/**
 * Base class of failures that cross a boundary between workflow, activity and SWF (they are
 * recorded in the history as `reason`/`details` and rebuilt on the other side).
 */
export class WorkflowFailure extends SwfFlowError {}
markInstanceOf(WorkflowFailure, 'WorkflowFailure');

/** Options of {@link ApplicationFailure}. */
export interface ApplicationFailureOptions extends SwfFlowErrorOptions {
  /** A short, stable name for the kind of failure, used by `nonRetryableErrorTypes`. @default 'Error' */
  type?: string;
  /** When true, retry policies do not retry this failure. @default false */
  nonRetryable?: boolean;
  /** Extra values carried with the failure (serialized with the data converter). */
  details?: unknown[];
}

const APPLICATION_FAILURE_KEYS: readonly string[] = [
  'type',
  'nonRetryable',
  'details',
  'cause',
] satisfies ReadonlyArray<keyof ApplicationFailureOptions>;

/** Checks {@link ApplicationFailureOptions}: JavaScript callers have no compiler to catch a misspelt key. */
function checkApplicationFailureOptions(options: ApplicationFailureOptions): void {
  if (typeof options !== 'object' || options === null)
    throw new ValidationError(
      `ApplicationFailure: options must be an object like { type: 'CardDeclined' }; got ${shownValue(options)}`,
    );
  for (const key of Object.keys(options))
    if (!APPLICATION_FAILURE_KEYS.includes(key))
      throw new ValidationError(
        `ApplicationFailure: unknown option '${key}'${didYouMean(key, APPLICATION_FAILURE_KEYS, (n) => n)}; the options are ${APPLICATION_FAILURE_KEYS.join(', ')}`,
      );
  const { type, nonRetryable, details } = options as Record<string, unknown>;
  if (type !== undefined && typeof type !== 'string')
    throw new ValidationError(`ApplicationFailure: type must be a string; got ${shownValue(type)}`);
  if (nonRetryable !== undefined && typeof nonRetryable !== 'boolean')
    throw new ValidationError(
      `ApplicationFailure: nonRetryable must be true or false; got ${shownValue(nonRetryable)}`,
    );
  if (details !== undefined && !Array.isArray(details))
    throw new ValidationError(
      `ApplicationFailure: details must be an array of values; got ${shownValue(details)} (pass { details: [${shownValue(details)}] })`,
    );
}

/**
 * A failure raised by user code (a workflow or an activity). Throw it to choose the failure's
 * `type` or to make it non-retryable; any other thrown `Error` is converted into one.
 */
export class ApplicationFailure extends WorkflowFailure {
  readonly type: string;
  readonly nonRetryable: boolean;
  readonly details: unknown[];

  /** @throws ValidationError for an option it does not know or of the wrong type (`{ nonretryable: true }` was dropped: the failure was retried). */
  constructor(message: string, options: ApplicationFailureOptions = {}) {
    checkApplicationFailureOptions(options);
    super(message, options);
    this.type = options.type ?? 'Error';
    this.nonRetryable = options.nonRetryable ?? false;
    this.details = options.details ?? [];
  }

  /**
   * A failure that retry policies will retry.
   * @example
   * ```ts
   * throw ApplicationFailure.retryable('gateway busy', 'GatewayBusy');
   * ```
   */
  static retryable(message: string, type?: string, ...details: unknown[]): ApplicationFailure {
    return new ApplicationFailure(message, { type, details, nonRetryable: false });
  }

  /**
   * A failure that retry policies will not retry.
   * @example
   * ```ts
   * throw ApplicationFailure.nonRetryable('card declined', 'CardDeclined');
   * ```
   */
  static nonRetryable(message: string, type?: string, ...details: unknown[]): ApplicationFailure {
    return new ApplicationFailure(message, { type, details, nonRetryable: true });
  }
}
markInstanceOf(ApplicationFailure, 'ApplicationFailure');

/** The SWF timeout types of activities, decisions, workflows and children. */
export type TimeoutType = 'START_TO_CLOSE' | 'SCHEDULE_TO_START' | 'SCHEDULE_TO_CLOSE' | 'HEARTBEAT';

/** An activity, child workflow or workflow timed out. */
export class TimeoutFailure extends WorkflowFailure {
  constructor(
    message: string,
    /** Which timeout fired. */
    readonly timeoutType: TimeoutType,
    /** Details of the last heartbeat, if the activity heartbeated. */
    readonly lastHeartbeatDetails?: unknown,
    options?: SwfFlowErrorOptions,
  ) {
    super(message, options);
  }
}
markInstanceOf(TimeoutFailure, 'TimeoutFailure');

/** An operation was cancelled (an activity, timer, child, or the workflow's cancellation scope). */
export class CancelledFailure extends WorkflowFailure {
  constructor(
    message: string,
    readonly details?: unknown,
    options?: SwfFlowErrorOptions,
  ) {
    super(message, options);
  }
}
markInstanceOf(CancelledFailure, 'CancelledFailure');

/** A workflow execution was terminated (a child, or the one a client waits for). */
export class TerminatedFailure extends WorkflowFailure {}
markInstanceOf(TerminatedFailure, 'TerminatedFailure');

/** Identifies an activity task in failures. */
export interface ActivityFailureInfo {
  activityType: { name: string; version: string };
  activityId: string;
  scheduledEventId?: number;
  /** How many attempts were made (with a retry policy). @default 1 */
  attempt?: number;
}

/**
 * An activity failed, timed out or was cancelled. `cause` is the rebuilt failure: an
 * {@link ApplicationFailure}, a {@link TimeoutFailure} or a {@link CancelledFailure}.
 */
export class ActivityFailure extends WorkflowFailure {
  readonly activityType: { name: string; version: string };
  readonly activityId: string;
  readonly scheduledEventId: number | undefined;
  readonly attempt: number;

  constructor(message: string, info: ActivityFailureInfo, cause: Error) {
    super(message, { cause });
    this.activityType = info.activityType;
    this.activityId = info.activityId;
    this.scheduledEventId = info.scheduledEventId;
    this.attempt = info.attempt ?? 1;
  }
}
markInstanceOf(ActivityFailure, 'ActivityFailure');

/** Identifies a Lambda task in failures. */
export interface LambdaFailureInfo {
  /** The function's name or ARN, as scheduled. */
  functionName: string;
  /** The Lambda task's id (`ScheduleLambdaFunction`'s `id`). */
  lambdaId: string;
  scheduledEventId?: number;
  /** How many attempts were made (with a retry policy). @default 1 */
  attempt?: number;
}

/**
 * A Lambda task failed, timed out, could not be scheduled or started, or its call was cancelled.
 * `cause` is the rebuilt failure: an {@link ApplicationFailure} (for a function error its `type`
 * is the function's `errorType`; for a refusal it is SWF's cause, such as `ASSUME_ROLE_FAILED`),
 * a {@link TimeoutFailure} or a {@link CancelledFailure}.
 */
export class LambdaFailure extends WorkflowFailure {
  readonly functionName: string;
  readonly lambdaId: string;
  readonly scheduledEventId: number | undefined;
  readonly attempt: number;

  constructor(message: string, info: LambdaFailureInfo, cause: Error) {
    super(message, { cause });
    this.functionName = info.functionName;
    this.lambdaId = info.lambdaId;
    this.scheduledEventId = info.scheduledEventId;
    this.attempt = info.attempt ?? 1;
  }
}
markInstanceOf(LambdaFailure, 'LambdaFailure');

/** A child workflow failed, timed out, was cancelled or terminated, or could not start. */
export class ChildWorkflowFailure extends WorkflowFailure {
  constructor(
    message: string,
    readonly workflowType: { name: string; version: string },
    readonly execution: { workflowId: string; runId?: string },
    cause: Error,
  ) {
    super(message, { cause });
  }
}
markInstanceOf(ChildWorkflowFailure, 'ChildWorkflowFailure');

/** Where a workflow execution closed other than by completing, seen from a client. */
export type WorkflowCloseStatus = 'FAILED' | 'CANCELED' | 'TERMINATED' | 'TIMED_OUT' | 'CONTINUED_AS_NEW' | 'COMPLETED';

/** A workflow execution a client waited for did not complete; `cause` is the rebuilt failure. */
export class WorkflowExecutionFailedError extends SwfFlowError {
  constructor(
    message: string,
    readonly status: Exclude<WorkflowCloseStatus, 'COMPLETED' | 'CONTINUED_AS_NEW'>,
    readonly execution: { workflowId: string; runId: string },
    cause: Error,
  ) {
    super(message, { cause });
  }
}
markInstanceOf(WorkflowExecutionFailedError, 'WorkflowExecutionFailedError');

/** What a {@link NonDeterminismError} reports. */
export interface NonDeterminismDetails {
  /** The history event where code and history parted ways. */
  eventId: number;
  /** What the history recorded there (e.g. `ActivityTaskScheduled VerifyOrder 1.0`). */
  recorded: string;
  /** What the workflow code did now (e.g. `ScheduleActivityTask ChargeCreditCard 1.0`, or `nothing`). */
  attempted: string;
  /** The source location of the workflow code's call, when known (`file:line:column`). */
  location?: string;
}

/**
 * The workflow code no longer matches its recorded history: it was changed in a way that alters
 * what it schedules. Guard the change with `patched(id)` or start new executions on a new version.
 */
export class NonDeterminismError extends SwfFlowError {
  /** The advice a divergence gets when nothing more particular is known: a code change caused it. */
  static readonly codeChangeAdvice =
    'If the workflow was changed on purpose, guard the change with patched(id) or register a new workflow version.';

  readonly eventId: number;
  readonly recorded: string;
  readonly attempted: string;
  readonly location: string | undefined;
  /** What the message advises, its last part: {@link NonDeterminismError.codeChangeAdvice} unless the creator knew better. */
  readonly advice: string;

  constructor(details: NonDeterminismDetails, extra?: string) {
    const advice = extra ?? NonDeterminismError.codeChangeAdvice;
    super(
      `Workflow code does not match its history at event ${details.eventId}: the history recorded ${details.recorded}, ` +
        `but the code now did ${details.attempted}` +
        (details.location ? ` (at ${details.location})` : '') +
        `. ${advice}`,
    );
    this.eventId = details.eventId;
    this.recorded = details.recorded;
    this.attempted = details.attempted;
    this.location = details.location;
    this.advice = advice;
  }
}
markInstanceOf(NonDeterminismError, 'NonDeterminismError');

/** Options of {@link DeterminismViolationError}. */
export interface DeterminismViolationErrorOptions extends SwfFlowErrorOptions {
  /** The line of workflow code that made the forbidden call (`file:line:column`), when known. */
  location?: string | undefined;
}

/**
 * Workflow code used something that would make replay non-deterministic (a real timer, the
 * network, ...). The message names the replacement to use (for example `sleep()` for `setTimeout`)
 * and ends with the line of workflow code that did it, when known (`(at file:line:column)`).
 */
export class DeterminismViolationError extends SwfFlowError {
  /** The source location of the workflow code's forbidden call, when known (`file:line:column`). */
  readonly location: string | undefined;

  constructor(message: string, options?: DeterminismViolationErrorOptions) {
    super(options?.location ? `${message} (at ${options.location})` : message, options);
    this.location = options?.location;
  }
}
markInstanceOf(DeterminismViolationError, 'DeterminismViolationError');
