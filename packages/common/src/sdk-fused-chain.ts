/**
 * One function per request in place of the SDK's middleware chain, when the chain holds only the
 * middlewares swf-flow knows. An `SWFClient` request walks ten middlewares (auth scheme, endpoint,
 * serializer, content length, user agent, host header, recursion detection, retry, signing,
 * deserializer), each an `async` function that awaits the next: ~20 of a request's ~90 promises
 * are that nesting alone, and each promise also runs every process-wide async hook of a worker.
 *
 * {@link fusedChain} is offered every chain `withHandlerCache` builds. When the chain's stack holds
 * exactly the middlewares the client was built with by `resolveSwfClient` (the SDK's own auth
 * scheme, recursion detection and signing middlewares, swf-flow's replacements of the others, the
 * endpoint middleware swf-flow puts in each chain) — same names, same functions, nothing more,
 * nothing less — it returns one `async` function that does their work in their order: the steps of
 * `sdk-fused-auth.ts`, `sdk-endpoint.ts`, `sdk-serde/`, `sdk-build-step.ts`, `sdk-user-agent.ts`,
 * `sdk-recursion-detection.ts`, `sdk-retry.ts`, then the request handler the SDK would call, in the
 * same context object the SDK's chain uses. Anything else — a user's middleware, an SDK logger's
 * middleware, a removed step, a legacy retry strategy, another auth scheme — keeps the SDK's chain.
 * A request the fused function does not handle itself goes through the SDK's chain whole before
 * anything is sent: the first request with each user-agent key (the SDK's middleware computes the
 * headers the memo keeps), a request before the Lambda invoke store is published, a streaming body.
 */
import { setContentLength, setHostHeader, isLeanBuildStep, type BuildStepConfig } from './sdk-build-step.js';
import { endpointResolverOf } from './sdk-endpoint.js';
import { canFuseAuth, selectAuthScheme, signedAttempt, type AuthConfig } from './sdk-fused-auth.js';
import { detectRecursion, invokeStore, type InvokeStoreLike } from './sdk-recursion-detection.js';
import { loopsOver, retryLoopOf } from './sdk-retry.js';
import { compiledSerdeOf } from './sdk-serde/serde-middleware.js';
import { readProvider } from './sdk-provider-memo.js';
import { settledMemo, type ApplicableStack, type SdkHttpRequest } from './sdk-stack.js';
import { userAgentStepOf } from './sdk-user-agent.js';

/** The middlewares of a chain, in the SDK's order, that the fused function does the work of. */
export const FUSED_MIDDLEWARES = [
  'httpAuthSchemeMiddleware',
  'endpointV2Middleware',
  'serializerMiddleware',
  'contentLengthMiddleware',
  'getUserAgentMiddleware',
  'hostHeaderMiddleware',
  'recursionDetectionMiddleware',
  'retryMiddleware',
  'httpSigningMiddleware',
  'deserializerMiddleware',
] as const;

/** The resolved configuration's parts the fused function reads. */
export type FusedConfig = AuthConfig & BuildStepConfig & { retryStrategy?: unknown; maxAttempts?: unknown };

type Context = Record<string, unknown> & { __smithy_context?: Record<string, unknown> };
type Terminal = (args: { request: unknown }) => Promise<{ response: unknown }>;
type SdkHandler = (command: unknown) => Promise<{ output: unknown }>;
type Entries = Map<string, unknown>;

/** The SDK's middleware that marks a long poll's requests for the retry strategy (the poll commands add it). */
const LONG_POLL = 'longPollMiddleware';

/** Every entry of a stack (absolute and relative) by name; `undefined` when a name is there twice or missing. */
function entriesOf(stack: ApplicableStack, steps?: Map<string, unknown>): Entries | undefined {
  const entries: Entries = new Map();
  let clash = false;
  const record = (middleware: unknown, options: { name?: string; step?: string }) => {
    const name = options?.name;
    if (typeof name !== 'string' || entries.has(name)) clash = true;
    else entries.set(name, middleware);
    steps?.set(name as string, options?.step);
  };
  stack.applyToStack({ add: record, addRelativeTo: record, identifyOnResolve: () => false });
  return clash ? undefined : entries;
}

const counts = new WeakMap<object, { requests: number }>();

/**
 * How many requests of the client with this resolved configuration the fused function has taken
 * on itself (not handed to the SDK's chain): `undefined` when none of its chains can be fused.
 * For tests and benchmarks that must know which way requests went.
 *
 * @example
 * ```ts
 * expect(fusedRequests(swf.config)).toBe(2);
 * ```
 */
export function fusedRequests(config: object): number | undefined {
  return counts.get(config)?.requests;
}

/**
 * What {@link fusedChain} needs of a client built by `resolveSwfClient`: the middlewares its stack
 * holds once swf-flow's replacements are in (`undefined`, and no chain is fused, when they are not
 * the ones the fused function is written for).
 *
 * @example
 * ```ts
 * const known = fusableStack(client.middlewareStack, client.config);
 * ```
 */
export function fusableStack(stack: ApplicableStack, config: FusedConfig): Entries | undefined {
  const entries = entriesOf(stack);
  if (entries === undefined || !canFuseAuth(config)) return undefined;
  const names = FUSED_MIDDLEWARES.filter((name) => name !== 'endpointV2Middleware');
  if (entries.size !== names.length || !names.every((name) => entries.has(name))) return undefined;
  const ours =
    compiledSerdeOf(entries.get('serializerMiddleware')) !== undefined &&
    isLeanBuildStep(entries.get('contentLengthMiddleware')) &&
    isLeanBuildStep(entries.get('hostHeaderMiddleware')) &&
    userAgentStepOf(entries.get('getUserAgentMiddleware')) !== undefined &&
    retryLoopOf(entries.get('retryMiddleware')) !== undefined &&
    typeof config.bodyLengthChecker === 'function';
  return ours ? entries : undefined;
}

/**
 * For `withHandlerCache`'s `fuse`: the fused function for a chain whose stack holds exactly the
 * middlewares in `known` and swf-flow's endpoint middleware (see the module's comment), else
 * `undefined`.
 *
 * @param known - what {@link fusableStack} found in the client's stack.
 * @param config - the client's resolved configuration.
 * @example
 * ```ts
 * const known = fusableStack(client.middlewareStack, client.config);
 * if (known) withHandlerCache(client, extendChain, fusedChain(known, client.config));
 * ```
 */
export function fusedChain(clientStack: ApplicableStack, known: Entries, config: FusedConfig) {
  const count = { requests: 0 };
  counts.set(config, count);
  const serde = compiledSerdeOf(known.get('serializerMiddleware'));
  const userAgent = userAgentStepOf(known.get('getUserAgentMiddleware'));
  const retry = retryLoopOf(known.get('retryMiddleware'));
  const signers = settledMemo();
  let store: InvokeStoreLike | undefined;
  return (
    stack: unknown,
    terminal: unknown,
    context: Context,
    sdkHandler: unknown,
  ): ((command: unknown) => Promise<unknown>) | undefined => {
    const steps = new Map<string, unknown>();
    const entries = entriesOf(stack as ApplicableStack, steps);
    const client = entriesOf(clientStack);
    if (!serde || !userAgent || !retry || entries === undefined || client?.size !== known.size) return undefined;
    for (const [name, middleware] of known) {
      if (entries.get(name) !== middleware || client.get(name) !== middleware) return undefined;
    }
    // a poll command's own long-poll marker (not one in the client's stack)
    const longPoll = entries.has(LONG_POLL) && steps.get(LONG_POLL) === 'initialize';
    if (entries.size !== known.size + (longPoll ? 2 : 1)) return undefined;
    const resolveEndpoint = endpointResolverOf(entries.get('endpointV2Middleware'));
    if (!resolveEndpoint) return undefined;
    const handle = terminal as Terminal;
    const viaSdk = (command: unknown) => (sdkHandler as SdkHandler)(command).then((result) => result.output);

    return async (command) => {
      store ??= invokeStore();
      const pending = (config.retryStrategy as () => unknown)();
      const knownStrategy = retry.strategies.get(pending);
      if (store === undefined || knownStrategy === undefined) {
        // the SDK's chain publishes the invoke store and remembers the strategy: the next request is ours
        return viaSdk(command);
      }
      const strategy = knownStrategy.value;
      const input = (command as { input?: unknown }).input;
      if (longPoll) context.__retryLongPoll = true;
      const selecting = selectAuthScheme(config, context);
      if (selecting) await selecting;
      const resolving = resolveEndpoint(input, context);
      if (resolving) await resolving;
      const built = serde.request(context, input);
      const request = (built instanceof Promise ? await built : built) as SdkHttpRequest;
      if (!loopsOver(strategy, request)) return viaSdk(command);
      count.requests++;
      const args = { input, request };
      setContentLength(request, config.bodyLengthChecker as (body: unknown) => number | undefined);
      const userAgentSet = userAgent(context, args);
      if (userAgentSet) await userAgentSet;
      setHostHeader(request, config);
      detectRecursion(request.headers, store);
      const attemptsRead = readProvider(config.maxAttempts);
      const maxAttempts = (attemptsRead instanceof Promise ? await attemptsRead : attemptsRead) as number;
      // the answer read in the handler's own continuation (the compiled reader answers at once for bytes)
      const read = (signed: unknown) =>
        handle({ ...args, request: signed }).then(
          ({ response }) => serde.read(context, response) as { response: unknown; output: { $metadata: object } },
        );
      const result = await retry.loop(strategy, maxAttempts, context, request, () =>
        signedAttempt(context, request, read, signers),
      );
      return result.output;
    };
  };
}
