/**
 * `proxyActivities`: typed, Promise-returning stubs for the activities of an `@Activities` class.
 * Calling a stub schedules the activity (one `ScheduleActivityTask` decision) and resolves with
 * its result; a retry policy is carried out here, deterministically, with a timer between attempts.
 */
import {
  ActivityFailure,
  readActivityTypes,
  toActivityTimeout,
  ValidationError,
  type ActivityMethodNames,
  type ActivityTypeInfo,
  type Duration,
  ACTIVITY_TIMEOUTS,
  attemptId,
  breaksSwfNameRule,
  checkSwfName,
  MAX_NAME_LENGTH,
  SWF_NAME_RULE,
  toSwfTaskPriority,
} from '@swf-flow/common';
import { scheduleActivity, sleep } from '../runtime/index.js';
import { backoff, compileRetry, isRetryable, type CompiledRetry, type RetryPolicy } from './retry.js';

export type { RetryPolicy } from './retry.js';

/**
 * Options of activity calls, given to {@link proxyActivities} (for every call) and to a stub's
 * `withOptions` (one call). Anything not set falls back to the activity type's `@Activities` /
 * `@Activity` options, then to the defaults registered with SWF.
 */
export interface ActivityOptions {
  /** Maximum time in the task list before a worker picks the task up. `'NONE'` for no limit. */
  scheduleToStartTimeout?: Duration | 'NONE';
  /** Maximum time from scheduling to completion of one attempt. `'NONE'` for no limit. */
  scheduleToCloseTimeout?: Duration | 'NONE';
  /** Maximum time a worker may run one attempt. `'NONE'` for no limit. */
  startToCloseTimeout?: Duration | 'NONE';
  /** Maximum time between heartbeats. `'NONE'` for no limit. */
  heartbeatTimeout?: Duration | 'NONE';
  /** The task list to schedule on. @default the type's task list */
  taskList?: string;
  /** Task priority (an integer; higher first). @default the type's priority */
  taskPriority?: number | string;
  /** Retry failed attempts. @default no retries (one attempt) */
  retry?: RetryPolicy;
}

/** Options of one call (`stub.withOptions(options)(...args)`): also the activity id. */
export interface ActivityCallOptions extends ActivityOptions {
  /**
   * The activity id (unique among the execution's open activities). With retries, attempt n > 1
   * uses `${activityId}#${n}` (the worker reads the attempt from it).
   * @default a deterministic id chosen by the replayer (attempt n > 1: the first attempt's id + `#${n}`)
   */
  activityId?: string;
}

/** A stub of one activity method: call it, or call `withOptions(options)` for one call's options. */
export type ActivityStub<F> = F extends (...args: infer A) => infer R
  ? ((...args: A) => Promise<Awaited<R>>) & {
      /** The same activity, with these options for this call (they override the proxy's). */
      withOptions(options: ActivityCallOptions): (...args: A) => Promise<Awaited<R>>;
    }
  : never;

/**
 * The stubs of an activities class: each method becomes an {@link ActivityStub}; properties that
 * are not methods are absent (calling one is a compile error).
 */
export type ActivityStubs<T> = { readonly [K in ActivityMethodNames<T>]: ActivityStub<T[K]> };

/** Options with durations checked and turned into SWF's strings: what a call schedules with. */
interface CompiledOptions {
  scheduleToStartTimeout?: string;
  scheduleToCloseTimeout?: string;
  startToCloseTimeout?: string;
  heartbeatTimeout?: string;
  taskList?: string;
  taskPriority?: string;
  activityId?: string;
  retry?: CompiledRetry;
}

const TIMEOUTS = ACTIVITY_TIMEOUTS;
const OPTION_KEYS = new Set<string>([...TIMEOUTS, 'taskList', 'taskPriority', 'retry', 'activityId']);

function compileOptions(options: unknown, where: string, allowActivityId: boolean): CompiledOptions {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ValidationError(
      `${where}: options must be an object such as { startToCloseTimeout: '5 minutes' }; got ${JSON.stringify(options)}`,
    );
  }
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.has(key))
      throw new ValidationError(`${where}: unknown option '${key}'; the options are ${[...OPTION_KEYS].join(', ')}`);
  }
  const o = options as ActivityCallOptions;
  const out: CompiledOptions = {};
  for (const t of TIMEOUTS) {
    const value = toActivityTimeout(o[t], `${where}: ${t}`);
    if (value !== undefined) out[t] = value;
  }
  // SWF refuses the whole answer for a task list that breaks its name rule (the run would be stuck)
  if (o.taskList !== undefined) out.taskList = checkSwfName(o.taskList, `${where}: taskList`);
  const taskPriority = toSwfTaskPriority(o.taskPriority, where);
  if (taskPriority !== undefined) out.taskPriority = taskPriority;
  if (o.activityId !== undefined) {
    if (!allowActivityId) {
      throw new ValidationError(
        `${where}: activityId names one call; pass it per call with stub.withOptions({ activityId }) instead`,
      );
    }
    if (
      typeof o.activityId !== 'string' ||
      o.activityId === '' ||
      o.activityId.length > MAX_NAME_LENGTH ||
      breaksSwfNameRule(o.activityId)
    ) {
      throw new ValidationError(
        `${where}: activityId must be 1-${MAX_NAME_LENGTH} characters and ${SWF_NAME_RULE}; got ${JSON.stringify(o.activityId)}`,
      );
    }
    out.activityId = o.activityId;
  }
  if (o.retry !== undefined) out.retry = compileRetry(o.retry, where);
  return out;
}

/** The final failure, telling how many attempts were made. */
function withAttempt(err: ActivityFailure, attempt: number): ActivityFailure {
  if (attempt === 1) return err;
  const failure = new ActivityFailure(
    `${err.message} (after ${attempt} attempts)`,
    { activityType: err.activityType, activityId: err.activityId, scheduledEventId: err.scheduledEventId, attempt },
    err.cause as Error,
  );
  if (err.stack) failure.stack = err.stack;
  return failure;
}

function toNumber(value: string | undefined): number | undefined {
  return value === undefined ? undefined : Number(value);
}

async function callActivity(type: ActivityTypeInfo, options: CompiledOptions, args: unknown[]): Promise<unknown> {
  const spec = {
    activityType: { name: type.name, version: type.version },
    args,
    taskList: options.taskList ?? type.taskList,
    taskPriority: toNumber(options.taskPriority ?? type.taskPriority),
    scheduleToStartTimeout: options.scheduleToStartTimeout ?? type.scheduleToStartTimeout,
    scheduleToCloseTimeout: options.scheduleToCloseTimeout ?? type.scheduleToCloseTimeout,
    startToCloseTimeout: options.startToCloseTimeout ?? type.startToCloseTimeout,
    heartbeatTimeout: options.heartbeatTimeout ?? type.heartbeatTimeout,
  };
  const retry = options.retry;
  let baseId = options.activityId;
  for (let attempt = 1; ; attempt++) {
    const activityId = attempt === 1 ? baseId : attemptId(baseId ?? '', attempt);
    try {
      // The common case (first attempt, id of our scheme) schedules `spec` itself: no copy per call.
      const attemptSpec =
        attempt === 1
          ? activityId === undefined
            ? spec
            : { ...spec, activityId }
          : { ...spec, activityId, control: JSON.stringify({ attempt }) };
      return await scheduleActivity(attemptSpec);
    } catch (err) {
      if (retry === undefined || !isRetryable(err, retry) || attempt >= retry.maximumAttempts) {
        throw err instanceof ActivityFailure ? withAttempt(err, attempt) : err;
      }
      baseId ??= (err as ActivityFailure).activityId;
      await sleep(backoff(retry, attempt + 1));
    }
  }
}

/**
 * Returns typed stubs for the activities of an `@Activities` class. Each method becomes a
 * function with the same parameters that schedules the activity and resolves with its result
 * (rejecting with an `ActivityFailure` whose `cause` says why). Call it at module level or in the
 * workflow; call the stubs only inside a workflow.
 *
 * @param activities - the class decorated with `@Activities` (only its metadata is read: no
 *   instance is made and no activity code runs in the workflow).
 * @param options - options of every call; a call's `withOptions` overrides them, and they
 *   override the type's decorator options.
 * @throws ValidationError when the class is not decorated or an option is malformed.
 * @example
 * ```ts
 * const acts = proxyActivities(OrderActivities, { scheduleToCloseTimeout: '10 minutes', retry: { maximumAttempts: 3 } });
 * export async function orderWorkflow(order: Order): Promise<string> {
 *   await acts.verifyOrder(order);
 *   const charge = await acts.chargeCreditCard.withOptions({ activityId: `charge-${order.id}` })(order.card, order.total);
 *   return charge.id;
 * }
 * ```
 */
export function proxyActivities<T>(
  activities: abstract new (...args: never[]) => T,
  options?: ActivityOptions,
): ActivityStubs<T> {
  const className = typeof activities === 'function' ? activities.name || '(anonymous class)' : String(activities);
  const types = readActivityTypes(activities);
  const base = compileOptions(options, `proxyActivities(${className})`, false);
  const stubs: Record<string, unknown> = {};
  for (const type of types) {
    const call =
      (callOptions: CompiledOptions) =>
      (...args: unknown[]) =>
        callActivity(type, callOptions, args);
    const stub = call(base) as ((...args: unknown[]) => Promise<unknown>) & { withOptions?: unknown };
    stub.withOptions = (perCall: ActivityCallOptions) =>
      call({ ...base, ...compileOptions(perCall, `${className}.${type.methodName}.withOptions`, true) });
    Object.defineProperty(stub, 'name', { value: type.methodName });
    stubs[type.methodName] = stub;
  }
  return Object.freeze(stubs) as ActivityStubs<T>;
}
