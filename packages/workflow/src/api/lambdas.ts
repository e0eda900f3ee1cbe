/**
 * AWS Lambda tasks: `proxyLambdas<T>()` gives typed stubs named after functions, `executeLambda`
 * calls a function by name or ARN. Each call is one `ScheduleLambdaFunction` decision: SWF itself
 * invokes the function (no activity worker) for an execution started with a `lambdaRole`. Failures,
 * cancellation and retry policies work as for activities.
 */
import {
  attemptId,
  hasForbiddenSwfCharacter,
  LambdaFailure,
  MAX_NAME_LENGTH,
  parseDuration,
  ValidationError,
  type Duration,
} from '@swf-flow/common';
import { scheduleLambda, sleep } from '../runtime/index.js';
import { backoff, compileRetry, isRetryable, type CompiledRetry, type RetryPolicy } from './retry.js';

/** SWF's bounds of a Lambda task's start-to-close timeout, in seconds. */
const MIN_TIMEOUT_S = 1;
const MAX_TIMEOUT_S = 900;
/** SWF's limit on a function name or ARN. */
const MAX_FUNCTION_NAME_LENGTH = 64;

/** Options of Lambda calls, given to {@link proxyLambdas} (every call) or per call. */
export interface LambdaOptions {
  /**
   * How long the function may run before SWF records `LambdaFunctionTimedOut`: 1 second to 15
   * minutes, rounded up to whole seconds (SWF's unit).
   * @default SWF's default: 15 minutes
   */
  startToCloseTimeout?: Duration;
  /** Retry failed attempts. @default no retries (one attempt) */
  retry?: RetryPolicy;
}

/** Options of one call: also the Lambda task's id. */
export interface LambdaCallOptions extends LambdaOptions {
  /**
   * The Lambda task's id in the history (1-256 characters without `:`, `/`, `|` or control
   * characters). With retries, attempt n > 1 uses `${id}#${n}`.
   * @default a deterministic id chosen by the replayer (`lambda-1`, ...)
   */
  id?: string;
}

/** A stub of one function: call it with the function's one input, or `withOptions` for one call. */
export type LambdaStub<F> = F extends (...args: infer A) => infer R
  ? ((...args: A) => Promise<Awaited<R>>) & {
      /** The same function, with these options for this call (they override the proxy's). */
      withOptions(options: LambdaCallOptions): (...args: A) => Promise<Awaited<R>>;
    }
  : never;

/** What {@link proxyLambdas} describes: functions of at most one parameter (Lambda's `event`). */
export type LambdaFunctions<T> = { [K in keyof T]: (input: any) => unknown };

/** The stubs of an interface of Lambda functions: each method becomes a {@link LambdaStub}. */
export type LambdaStubs<T> = { readonly [K in keyof T & string]: LambdaStub<T[K]> };

interface CompiledLambdaOptions {
  startToCloseTimeout?: string;
  id?: string;
  retry?: CompiledRetry;
}

const OPTION_KEYS = new Set<string>(['startToCloseTimeout', 'retry', 'id']);

function compileOptions(options: unknown, where: string, allowId: boolean): CompiledLambdaOptions {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ValidationError(
      `${where}: options must be an object such as { startToCloseTimeout: '1 minute' }; got ${JSON.stringify(options)}`,
    );
  }
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.has(key))
      throw new ValidationError(`${where}: unknown option '${key}'; the options are ${[...OPTION_KEYS].join(', ')}`);
  }
  const o = options as LambdaCallOptions;
  const out: CompiledLambdaOptions = {};
  if (o.startToCloseTimeout !== undefined) {
    const seconds = Math.ceil(parseDuration(o.startToCloseTimeout, `${where}: startToCloseTimeout`) / 1000);
    if (seconds < MIN_TIMEOUT_S || seconds > MAX_TIMEOUT_S) {
      throw new ValidationError(
        `${where}: startToCloseTimeout must be from 1 second to 15 minutes (SWF runs a Lambda task at most 900 s); got ${JSON.stringify(o.startToCloseTimeout)}`,
      );
    }
    out.startToCloseTimeout = String(seconds);
  }
  if (o.id !== undefined) {
    if (!allowId)
      throw new ValidationError(
        `${where}: id names one call; pass it per call (withOptions({ id }) or executeLambda's options) instead`,
      );
    if (typeof o.id !== 'string' || o.id === '' || o.id.length > MAX_NAME_LENGTH || hasForbiddenSwfCharacter(o.id)) {
      throw new ValidationError(
        `${where}: id must be 1-${MAX_NAME_LENGTH} characters without ':', '/', '|' or control characters; got ${JSON.stringify(o.id)}`,
      );
    }
    out.id = o.id;
  }
  if (o.retry !== undefined) out.retry = compileRetry(o.retry, where);
  return out;
}

function checkName(name: unknown, where: string): string {
  if (typeof name !== 'string' || name.trim() === '' || name.length > MAX_FUNCTION_NAME_LENGTH) {
    throw new ValidationError(
      `${where}: the function name must be a name or ARN of 1-${MAX_FUNCTION_NAME_LENGTH} characters; got ${JSON.stringify(name)}`,
    );
  }
  return name;
}

/** The final failure, telling how many attempts were made. */
function withAttempt(err: LambdaFailure, attempt: number): LambdaFailure {
  if (attempt === 1) return err;
  const failure = new LambdaFailure(
    `${err.message} (after ${attempt} attempts)`,
    { functionName: err.functionName, lambdaId: err.lambdaId, scheduledEventId: err.scheduledEventId, attempt },
    err.cause as Error,
  );
  if (err.stack) failure.stack = err.stack;
  return failure;
}

async function callLambda(name: string, options: CompiledLambdaOptions, input: unknown): Promise<unknown> {
  const retry = options.retry;
  let baseId = options.id;
  for (let attempt = 1; ; attempt++) {
    const id = attempt === 1 ? baseId : attemptId(baseId ?? '', attempt);
    try {
      return await scheduleLambda({
        name,
        input,
        ...(id === undefined ? {} : { id }),
        ...(options.startToCloseTimeout === undefined ? {} : { startToCloseTimeout: options.startToCloseTimeout }),
        ...(attempt === 1 ? {} : { control: JSON.stringify({ attempt }) }),
      });
    } catch (err) {
      if (retry === undefined || !isRetryable(err, retry) || attempt >= retry.maximumAttempts) {
        throw err instanceof LambdaFailure ? withAttempt(err, attempt) : err;
      }
      baseId ??= (err as LambdaFailure).lambdaId;
      await sleep(backoff(retry, attempt + 1));
    }
  }
}

/**
 * Calls one AWS Lambda function from workflow code and resolves with its result (the function's
 * response, through the data converter). Rejects with a `LambdaFailure` whose `cause` says why: an
 * `ApplicationFailure` (the function threw: `type` is its `errorType`, `message` its
 * `errorMessage`; or SWF refused or could not start it: `type` is SWF's cause, e.g.
 * `ASSUME_ROLE_FAILED` when the execution has no `lambdaRole`), a `TimeoutFailure` or a
 * `CancelledFailure`.
 *
 * @param name - the function's name or ARN (at most 64 characters, SWF's limit).
 * @param input - the function's `event` (one value; `undefined` sends no input, which the function sees as `{}`).
 * @param options - timeout, retry policy and the task's id.
 * @example
 * ```ts
 * const thumb = await executeLambda<Thumb>('resize', { key: 'cat.png', width: 128 }, { startToCloseTimeout: '30s' });
 * ```
 */
export function executeLambda<R = unknown>(name: string, input?: unknown, options?: LambdaCallOptions): Promise<R> {
  const where = `executeLambda(${JSON.stringify(name)})`;
  checkName(name, where);
  return callLambda(name, compileOptions(options, where, true), input) as Promise<R>;
}

/**
 * Returns typed stubs for AWS Lambda functions, described by an interface whose method names are
 * the function names and whose one parameter is the function's `event`. No class or value is
 * needed: the type parameter is the whole description. Call it at module level or in the
 * workflow; call the stubs only inside a workflow.
 *
 * SWF has no decision that cancels a Lambda task: cancelling the calling scope rejects the call at
 * once with a `LambdaFailure` caused by a `CancelledFailure`, and the function runs to its end
 * (its outcome is recorded in the history and ignored).
 *
 * @param options - options of every call; a stub's `withOptions` overrides them.
 * @throws ValidationError when an option is malformed.
 * @example
 * ```ts
 * interface ImageLambdas {
 *   resize(input: { key: string; width: number }): Promise<{ key: string; bytes: number }>;
 * }
 * const lambdas = proxyLambdas<ImageLambdas>({ startToCloseTimeout: '1 minute', retry: { maximumAttempts: 3 } });
 *
 * export async function thumbnail(key: string): Promise<string> {
 *   const thumb = await lambdas.resize({ key, width: 128 });
 *   return thumb.key;
 * }
 * ```
 */
export function proxyLambdas<T extends LambdaFunctions<T>>(options?: LambdaOptions): LambdaStubs<T> {
  const base = compileOptions(options, 'proxyLambdas', false);
  const stubs = new Map<string, unknown>();
  const make = (name: string): unknown => {
    const call = (callOptions: CompiledLambdaOptions) => (input?: unknown) => callLambda(name, callOptions, input);
    const stub = call(base) as ((input?: unknown) => Promise<unknown>) & { withOptions?: unknown };
    stub.withOptions = (perCall: LambdaCallOptions) =>
      call({ ...base, ...compileOptions(perCall, `${name}.withOptions`, true) });
    Object.defineProperty(stub, 'name', { value: name });
    return stub;
  };
  return new Proxy(Object.freeze({}), {
    get(_target, property) {
      // Not a function name: symbols, and `then` (so that awaiting or returning the proxy is harmless).
      if (typeof property !== 'string' || property === 'then') return undefined;
      let stub = stubs.get(property);
      if (stub === undefined) {
        stub = make(checkName(property, 'proxyLambdas'));
        stubs.set(property, stub);
      }
      return stub;
    },
  }) as LambdaStubs<T>;
}
