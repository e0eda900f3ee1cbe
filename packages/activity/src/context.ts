/**
 * The activity context: what a running activity can know about itself and do (heartbeat, notice
 * cancellation, complete later). The worker builds it and runs the activity inside
 * {@link runWithActivityContext}; activity code reads it with {@link activityContext}.
 */
import { asyncContext, ValidationError } from '@swf-flow/common';

/** What SWF told the worker about the activity task being run. */
export interface ActivityInfo {
  /** The activity id the workflow gave it (unique among the execution's open activities). */
  readonly activityId: string;
  /** The activity type. */
  readonly activityType: { readonly name: string; readonly version: string };
  /** The workflow execution that scheduled it. */
  readonly workflowExecution: { readonly workflowId: string; readonly runId: string };
  /** The task token: completes, fails or heartbeats the task, also from another process. */
  readonly taskToken: string;
  /** The task list the task was polled from. */
  readonly taskList: string;
  /** Which attempt this is, from 1 (retry policies schedule each attempt anew). */
  readonly attempt: number;
  /** The id of the `ActivityTaskScheduled` event, when known. */
  readonly scheduledEventId?: number;
  /** The raw input payload, as SWF delivered it. */
  readonly input?: string;
}

/**
 * The context of a running activity; get it with {@link activityContext}. Its functions work
 * detached (`const { heartbeat } = activityContext()`), so implementations must not rely on `this`.
 */
export interface ActivityContext {
  /** Facts about the task. */
  readonly info: ActivityInfo;
  /**
   * Tells SWF the activity is alive (required within `heartbeatTimeout`), optionally with progress
   * details that a retry or the workflow can read after a timeout. Throttled by the worker.
   */
  heartbeat(details?: unknown): void;
  /** Aborted when SWF reports a cancel request (on a heartbeat) or the worker shuts down. */
  readonly cancellationSignal: AbortSignal;
  /**
   * Keeps the task open after the method returns: complete it later from anywhere with its
   * `info.taskToken` (for example through `@swf-flow/client`).
   */
  doNotCompleteOnReturn(): void;
}

/**
 * The context of the activity being run, from anywhere in its call tree (also after `await`).
 *
 * @throws ValidationError when called outside an activity run by a worker (or by
 *   {@link runWithActivityContext} in a test).
 * @example
 * ```ts
 * async chargeCreditCard(card: string, amount: number): Promise<Charge> {
 *   const { info, heartbeat, cancellationSignal } = activityContext();
 *   heartbeat({ step: 'charging' });
 *   return await gateway.charge(card, amount, { signal: cancellationSignal, idempotencyKey: info.activityId });
 * }
 * ```
 */
export function activityContext(): ActivityContext {
  const ctx = asyncContext.getStore()?.activity as ActivityContext | undefined;
  if (ctx === undefined) {
    throw new ValidationError(
      'activityContext() was called outside an activity: call it from an activity method while a worker runs it ' +
        '(in a unit test, wrap the call in runWithActivityContext(ctx, fn))',
    );
  }
  return ctx;
}

/** Whether `c` has a `cancellationSignal` that is an `AbortSignal` or a getter (not read now). */
function hasSignal(c: Partial<ActivityContext> | null | undefined): boolean {
  for (let o: object | null = c ?? null; o !== null; o = Object.getPrototypeOf(o) as object | null) {
    const d = Object.getOwnPropertyDescriptor(o, 'cancellationSignal');
    if (d) return d.get !== undefined || d.value instanceof AbortSignal;
  }
  return false;
}

/**
 * Runs `fn` with `ctx` as its activity context (what {@link activityContext} returns inside it).
 * The worker calls it for every task; tests call it to run an activity method directly.
 *
 * `ctx.cancellationSignal` may be a getter: it is then not read here but when the activity reads
 * it (the worker makes a task's `AbortSignal` only for an activity that asks for it: creating one
 * costs ~5 µs on Node 20). A value that is not a getter must be an `AbortSignal`.
 *
 * @returns what `fn` returns.
 * @throws ValidationError when `ctx` is not a complete {@link ActivityContext}.
 * @example
 * ```ts
 * const ctx = { info, heartbeat: () => {}, cancellationSignal: new AbortController().signal, doNotCompleteOnReturn: () => {} };
 * await runWithActivityContext(ctx, () => new OrderActivities().chargeCreditCard('4111', 10));
 * ```
 */
export function runWithActivityContext<R>(ctx: ActivityContext, fn: () => R): R {
  const c = ctx as Partial<ActivityContext> | null | undefined;
  const missing: string[] = [];
  if (typeof c?.info !== 'object' || c.info === null) missing.push('info');
  if (typeof c?.heartbeat !== 'function') missing.push('heartbeat()');
  if (!hasSignal(c)) missing.push('cancellationSignal (an AbortSignal)');
  if (typeof c?.doNotCompleteOnReturn !== 'function') missing.push('doNotCompleteOnReturn()');
  if (missing.length > 0) {
    throw new ValidationError(`runWithActivityContext: the context lacks ${missing.join(', ')}`);
  }
  if (typeof fn !== 'function') throw new ValidationError('runWithActivityContext: fn must be a function');
  // The activity slot of the async context swf-flow's packages share (see `asyncContext`): the
  // workflow slot keeps its value.
  return asyncContext.run({ workflow: asyncContext.getStore()?.workflow, activity: ctx }, fn);
}
