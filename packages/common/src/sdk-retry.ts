/**
 * The SDK's retry loop without the `Error` it builds for every request. The SDK's retry middleware
 * (`retryMiddleware`, retry strategy v2: `standard` and `adaptive`) starts each request with
 * `lastError = new Error()` — a stack captured per request, ~1.5 µs, never read unless an attempt
 * fails, when it is replaced by the attempt's error.
 *
 * {@link retryWithoutIdleError} is that loop with the same steps in the same order: the strategy's
 * token per request (same scope, same abort race), a new `amz-sdk-invocation-id` per request (kept
 * across its attempts), `amz-sdk-request: attempt=N; max=M` per attempt, `recordSuccess`, the
 * attempt count and total delay in `$metadata`, the same delays. Which kind of error an attempt
 * failed with (throttling, transient, server, client; a `retry-after` hint) is decided by the SDK's
 * own middleware: the failed attempt's error is handed to it with a strategy that only records
 * what it is told, so the classification is the SDK's, not a copy. A legacy (v1) retry strategy and
 * a streaming body go to the SDK's middleware whole.
 */
import {
  findMiddleware,
  isHttpRequest,
  replaceInPlace,
  settledMemo,
  type EditableStack,
  type SdkHttpRequest,
  type SettledMemo,
} from './sdk-stack.js';
import { readProvider } from './sdk-provider-memo.js';

/** The resolved configuration's parts the retry middleware reads. */
export interface RetryConfig {
  retryStrategy?: unknown;
  maxAttempts?: unknown;
  logger?: unknown;
}

interface RetryToken {
  getRetryCount(): number;
  getRetryDelay(): number;
  $retryLog?: { acquisitionDelay?: number };
}
interface RetryStrategyV2 {
  acquireInitialRetryToken(scope: string): Promise<RetryToken>;
  refreshRetryTokenForRetry(token: RetryToken, errorInfo: unknown): Promise<RetryToken>;
  recordSuccess(token: RetryToken): void;
}
type Output = { $metadata: { attempts?: number; totalRetryDelay?: number } };
type Handler = (args: { request?: unknown; input?: unknown }) => Promise<{ response: unknown; output: Output }>;
type Middleware = (next: Handler, context: Record<string, unknown>) => Handler;
type SdkError = Error & { $metadata?: { attempts?: number; totalRetryDelay?: number } };

const INVOCATION_ID_HEADER = 'amz-sdk-invocation-id';
const REQUEST_HEADER = 'amz-sdk-request';

function isRetryStrategyV2(strategy: unknown): strategy is RetryStrategyV2 {
  const s = strategy as Partial<RetryStrategyV2> | undefined;
  return (
    s?.acquireInitialRetryToken !== undefined &&
    s.refreshRetryTokenForRetry !== undefined &&
    s.recordSuccess !== undefined
  );
}

/** A body the SDK does not retry (a Node stream or a web `ReadableStream`). */
function isStreaming(request: SdkHttpRequest): boolean {
  const body = request.body as { pipe?: unknown; on?: unknown } | undefined | null;
  if (typeof ReadableStream !== 'undefined' && body instanceof ReadableStream) return true;
  return typeof body === 'object' && body !== null && typeof body.pipe === 'function' && typeof body.on === 'function';
}

const isAbortError = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'name' in error && (error as Error).name === 'AbortError';

const abortError = () => Object.assign(new Error('Request aborted'), { name: 'AbortError' });

/**
 * The SDK's `race`, one listener per race: the promise, or an `AbortError` when the signal aborts
 * first. Exported for the test that holds {@link race} to it.
 *
 * @example
 * ```ts
 * await raceOnce(delay, abortSignal);
 * ```
 */
export function raceOnce<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  let cleanup = () => {};
  const aborted = new Promise<never>((_, reject) => {
    const handler = () => reject(abortError());
    if (signal.aborted) handler();
    else if (typeof signal.addEventListener === 'function') {
      signal.addEventListener('abort', handler, { once: true });
      cleanup = () => signal.removeEventListener('abort', handler);
    } else {
      (signal as { onabort: unknown }).onabort = handler;
    }
  });
  return Promise.race([promise, aborted]).finally(cleanup);
}

/** The races waiting on each signal, rejected by the one listener {@link race} puts on it. */
const racing = new WeakMap<AbortSignal, Set<(error: unknown) => void>>();

/**
 * The SDK's `race`: the promise, or an `AbortError` when the signal aborts first. A worker's every
 * long poll races its retry token against the worker's signal: rather than a listener added and
 * removed, an `aborted` promise, `Promise.race` and `finally` per request (~5 µs with a worker's
 * async hooks), a signal not yet aborted gets one listener, the first time, that rejects every race
 * pending on it when it aborts; each race is one promise. A signal already aborted, or without
 * `addEventListener`, races as the SDK does. Exported for its test.
 *
 * @example
 * ```ts
 * const token = await race(strategy.acquireInitialRetryToken(scope), abortSignal);
 * ```
 */
export function race<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted || typeof signal.addEventListener !== 'function') return raceOnce(promise, signal);
  let pending = racing.get(signal);
  if (pending === undefined) {
    const races = new Set<(error: unknown) => void>();
    pending = races;
    racing.set(signal, races);
    signal.addEventListener(
      'abort',
      () => {
        racing.delete(signal);
        for (const reject of [...races]) reject(abortError());
        races.clear();
      },
      { once: true },
    );
  }
  const races = pending;
  return new Promise<T>((resolve, reject) => {
    races.add(reject);
    promise.then(
      (value) => {
        races.delete(reject);
        resolve(value);
      },
      (error: unknown) => {
        races.delete(reject);
        reject(error);
      },
    );
  });
}

/** A strategy for one pass of the SDK's middleware over a failed attempt: it records the SDK's error info. */
class RecordingStrategy implements RetryStrategyV2 {
  errorInfo: unknown;
  recorded = false;
  async acquireInitialRetryToken(): Promise<RetryToken> {
    return { getRetryCount: () => 0, getRetryDelay: () => 0 };
  }
  async refreshRetryTokenForRetry(_token: RetryToken, errorInfo: unknown): Promise<RetryToken> {
    this.errorInfo = errorInfo;
    this.recorded = true;
    throw new Error('recorded'); // ends the SDK's loop: it throws the attempt's error as it would
  }
  recordSuccess(): void {}
}

/**
 * Calls the SDK's middleware handler with `config.retryStrategy` giving `strategy`: the SDK reads
 * it first thing, synchronously, so it is set back before anything else runs.
 */
function withStrategy<T>(config: RetryConfig, strategy: () => Promise<unknown>, call: () => T): T {
  const saved = config.retryStrategy;
  config.retryStrategy = strategy;
  try {
    return call();
  } finally {
    config.retryStrategy = saved;
  }
}

/**
 * What the SDK's retry middleware makes of a failed attempt's error: its error info (the kind, a
 * `retry-after` hint) and the error it would throw.
 */
async function classify(sdk: Middleware, config: RetryConfig, error: unknown): Promise<[unknown, SdkError]> {
  const recorder = new RecordingStrategy();
  const pass = withStrategy(
    config,
    () => Promise.resolve(recorder),
    () => sdk(() => Promise.reject(error), {})({}),
  );
  try {
    await pass;
  } catch (thrown) {
    if (recorder.recorded) return [recorder.errorInfo, thrown as SdkError];
    throw thrown;
  }
  throw new Error('the SDK retry middleware did not fail a failed attempt');
}

/** Whether the SDK's middleware reads `retryStrategy` synchronously when called (what {@link classify} needs). */
function readsStrategyAtOnce(sdk: Middleware, config: RetryConfig): boolean {
  let read = false;
  const stop = new Error('probe');
  void withStrategy(
    config,
    () => {
      read = true;
      return Promise.reject(stop);
    },
    () => sdk(() => Promise.reject(stop), {})({}).catch(() => {}),
  );
  return read;
}

/**
 * The retry middleware (see the module's comment) standing in for `sdk`, the SDK's retry
 * middleware as the client's stack holds it (built with `config`, the client's resolved
 * configuration).
 *
 * @param sdk - the SDK's retry middleware: v1 strategies and streaming bodies go to it whole, and
 *   it classifies a failed attempt's error.
 * @param config - the client's resolved configuration, which `sdk` reads.
 * @example
 * ```ts
 * const sdk = findMiddleware(client.middlewareStack, 'retryMiddleware');
 * client.middlewareStack.add(retryWithoutIdleError(sdk.middleware, client.config), { ...sdk.options, override: true });
 * ```
 */
export function retryWithoutIdleError(sdk: Middleware, config: RetryConfig): Middleware {
  const strategies = settledMemo();
  const loop = retryLoop(sdk, config);
  const middleware: Middleware = (next, context) => {
    const whole = sdk(next, context);
    return async (args) => {
      // The SDK's retry strategy provider hands out one promise: read once, then without a hop.
      const pending = (config.retryStrategy as () => unknown)();
      const known = strategies.get(pending);
      const strategy = known ? known.value : await pending;
      if (!known) strategies.set(pending, strategy);
      const attemptsRead = readProvider(config.maxAttempts);
      const maxAttempts = (attemptsRead instanceof Promise ? await attemptsRead : attemptsRead) as number;
      const { request } = args;
      if (!isRetryStrategyV2(strategy) || (isHttpRequest(request) && isStreaming(request))) return whole(args);
      return loop(strategy, maxAttempts, context, request, () => next(args));
    };
  };
  loops.set(middleware, { strategies, loop });
  return middleware;
}

/**
 * The SDK's retry loop for one request under a v2 strategy, each attempt made by `attempt`: the
 * token, the invocation id and attempt headers, the classification of a failed attempt, the delays,
 * the attempt count and total delay in `$metadata`.
 */
export type RetryLoop = <R extends { output: Output }>(
  strategy: unknown,
  maxAttempts: number,
  context: Record<string, unknown>,
  request: unknown,
  attempt: () => Promise<R>,
) => Promise<R>;

/** What {@link retryLoopOf} gives: the loop and the memory of the strategy the client's provider handed out. */
export interface RetryParts {
  strategies: SettledMemo;
  loop: RetryLoop;
}

const loops = new WeakMap<object, RetryParts>();

/**
 * The loop of a middleware {@link retryWithoutIdleError} built, for a caller that runs it without
 * the middleware around it (`sdk-fused-chain.ts`); `undefined` for any other function.
 *
 * @example
 * ```ts
 * const retry = retryLoopOf(entry.middleware);
 * ```
 */
export function retryLoopOf(middleware: unknown): RetryParts | undefined {
  return typeof middleware === 'function' ? loops.get(middleware) : undefined;
}

/** Whether `strategy` is one {@link RetryLoop} drives (a v2 strategy), and `request` a body it may send again. */
export function loopsOver(strategy: unknown, request: unknown): boolean {
  return isRetryStrategyV2(strategy) && !(isHttpRequest(request) && isStreaming(request));
}

function retryLoop(sdk: Middleware, config: RetryConfig): RetryLoop {
  return async (strategy, maxAttempts, context, request, attempt) => {
    const s = strategy as RetryStrategyV2;
    const isRequest = isHttpRequest(request);
    const abortSignal = (context.__smithy_context as { abortSignal?: AbortSignal } | undefined)?.abortSignal;
    const scope = String(context['partition_id'] ?? '') + (context.__retryLongPoll ? ':longpoll' : '');
    let token = await race(s.acquireInitialRetryToken(scope), abortSignal);
    let attempts = 0;
    let totalRetryDelay = 0;
    if (isRequest) request.headers[INVOCATION_ID_HEADER] = crypto.randomUUID();
    for (;;) {
      try {
        if (isRequest) request.headers[REQUEST_HEADER] = `attempt=${attempts + 1}; max=${maxAttempts}`;
        const result = await attempt();
        s.recordSuccess(token);
        result.output.$metadata.attempts = attempts + 1;
        result.output.$metadata.totalRetryDelay = totalRetryDelay;
        return result;
      } catch (e) {
        const [errorInfo, lastError] = await classify(sdk, config, e);
        try {
          token = await race(s.refreshRetryTokenForRetry(token, errorInfo), abortSignal);
        } catch (refreshError) {
          if (abortSignal?.aborted && isAbortError(refreshError)) throw refreshError;
          lastError.$metadata ??= {};
          lastError.$metadata.attempts = attempts + 1;
          lastError.$metadata.totalRetryDelay = totalRetryDelay;
          throw lastError;
        }
        attempts = token.getRetryCount();
        const delay = token.getRetryDelay();
        totalRetryDelay += (token?.$retryLog?.acquisitionDelay ?? 0) + delay;
        if (delay > 0) await race(new Promise((resolve) => setTimeout(resolve, delay)), abortSignal);
      }
    }
  };
}

/**
 * Puts {@link retryWithoutIdleError} in place of the SDK's retry middleware in a client's stack;
 * returns whether it did (a stack without the SDK's middleware, or an SDK whose middleware does not
 * read the strategy first, is left as it is).
 *
 * @example
 * ```ts
 * const swf = new SWFClient(config);
 * withRetryWithoutIdleError(swf.middlewareStack, swf.config);
 * ```
 */
export function withRetryWithoutIdleError(stack: EditableStack, config: RetryConfig): boolean {
  const sdk = findMiddleware(stack, 'retryMiddleware');
  if (sdk === undefined || typeof sdk.middleware !== 'function' || typeof config.retryStrategy !== 'function') {
    return false;
  }
  const middleware = sdk.middleware as unknown as Middleware;
  if (!readsStrategyAtOnce(middleware, config)) return false;
  return replaceInPlace(stack, 'retryMiddleware', () => retryWithoutIdleError(middleware, config));
}
