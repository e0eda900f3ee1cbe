/**
 * The user-agent headers computed once per distinct input, by the SDK. On every request the SDK's
 * user-agent middleware (`getUserAgentMiddleware`) asks the default user-agent provider for its
 * sections again (reading the OS release and the environment), escapes every section with regular
 * expressions, encodes the features the request's context records, and joins it all — for headers
 * that are the same on every request of a client.
 *
 * {@link withUserAgentMemo} puts in its place a middleware that reads, per request, everything the
 * SDK's reads per request — the features already in the context, the request's protocol header,
 * the retry strategy's mode, the account-id endpoint mode, the credentials' feature sources, the
 * app id, the custom user agent — and makes a key of it. The first request with a key goes through
 * the SDK's own middleware (found in the client's stack), and the headers it sets, and the features
 * it records in the context, are kept under that key; a later request with the same key gets them
 * again without the SDK's work. What is not in the key is what the SDK reads from the process: the
 * OS, the Node version, `AWS_EXECUTION_ENV` and the SDK's user-agent prefix, taken as of the first
 * request with each key.
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

/** The resolved configuration's parts the user-agent middleware reads. */
export interface UserAgentConfig {
  retryStrategy?: unknown;
  accountIdEndpointMode?: unknown;
  userAgentAppId?: unknown;
  customUserAgent?: unknown;
}

type Handler = (args: { request?: unknown }) => Promise<unknown>;
type Middleware = (next: Handler, context: Context) => Handler;
type Features = Record<string, string>;
interface Context {
  __smithy_context?: { features?: Features; selectedHttpAuthScheme?: { identity?: Identity } };
  __aws_sdk_context?: { features?: Features };
  endpointV2?: { url?: { hostname?: string } };
  userAgent?: unknown;
  [key: string]: unknown;
}
interface Identity {
  $source?: Record<string, string>;
  accountId?: unknown;
}

/** What the SDK's middleware did for one key. */
interface Remembered {
  userAgent: string | undefined;
  amzUserAgent: string | undefined;
  /** The features it recorded in the context (name, value), in order. */
  features: Array<[string, string]>;
}

/** Distinct keys remembered per client; past it, requests with new keys go the SDK's way. */
const MAX_KEYS = 64;
const USER_AGENT = 'user-agent';
const X_AMZ_USER_AGENT = 'x-amz-user-agent';

function entriesKey(record: Record<string, unknown> | undefined): string {
  if (!record) return '';
  let key = '';
  for (const name of Object.keys(record)) key += `${name}=${String(record[name])},`;
  return key;
}

/** The reads of {@link keyOf} after the key's fixed part, in the SDK's order. */
const enum Read {
  RetryMode,
  AccountIdMode,
  Identity,
  AppId,
  Done,
}

/**
 * Everything the SDK's user-agent middleware reads per request, as one string: at once when
 * every provider it reads has answered before (`sdk-provider-memo.ts`), else a promise of it.
 */
function keyOf(
  config: UserAgentConfig,
  context: Context,
  request: SdkHttpRequest,
  features: Features | undefined,
  strategies: SettledMemo,
): string | Promise<string> {
  let key = entriesKey(features) + '|' + entriesKey(context.__aws_sdk_context?.features);
  key += request.headers['smithy-protocol'] === 'rpc-v2-cbor' ? '|cbor' : '|';
  return keyFrom(Read.RetryMode, key, config, context, context.__smithy_context, strategies);
}

/**
 * The key's reads from `read` on, each after the one before: straight on while every read answers
 * at once, else from the first promise on, each awaited before the next read (no closure or list is
 * made for a request whose providers have all answered before).
 */
function keyFrom(
  read: Read,
  key: string,
  config: UserAgentConfig,
  context: Context,
  smithy: Context['__smithy_context'],
  strategies: SettledMemo,
): string | Promise<string> {
  for (; read < Read.Done; read++) {
    switch (read) {
      case Read.RetryMode: {
        if (typeof config.retryStrategy !== 'function') break;
        // The SDK's retry strategy provider hands out one promise: read once, then without a hop.
        const pending = (config.retryStrategy as () => unknown)();
        const known = strategies.get(pending);
        if (known) {
          key += retryModeKey(known.value);
          break;
        }
        return Promise.resolve(pending).then((strategy) => {
          strategies.set(pending, strategy);
          return keyFrom(Read.RetryMode + 1, key + retryModeKey(strategy), config, context, smithy, strategies);
        });
      }
      case Read.AccountIdMode: {
        if (typeof config.accountIdEndpointMode !== 'function') break;
        const hostname = String(context.endpointV2?.url?.hostname);
        const mode = readProvider(config.accountIdEndpointMode);
        if (!(mode instanceof Promise)) {
          key += `|${hostname}|${String(mode)}`;
          break;
        }
        return mode.then((m) =>
          keyFrom(Read.AccountIdMode + 1, key + `|${hostname}|${String(m)}`, config, context, smithy, strategies),
        );
      }
      case Read.Identity: {
        const identity = smithy?.selectedHttpAuthScheme?.identity;
        if (identity?.$source) key += `|${identity.accountId ? 'T' : ''}|${entriesKey(identity.$source)}`;
        if (context.userAgent !== undefined) key += '|' + JSON.stringify(context.userAgent);
        if (config.customUserAgent !== undefined) key += '|' + JSON.stringify(config.customUserAgent);
        break;
      }
      case Read.AppId: {
        if (typeof config.userAgentAppId !== 'function') break;
        const appId = readProvider(config.userAgentAppId);
        if (!(appId instanceof Promise)) {
          key += '|' + String(appId);
          break;
        }
        return appId.then((id) => keyFrom(Read.AppId + 1, key + '|' + String(id), config, context, smithy, strategies));
      }
    }
  }
  return key;
}

function retryModeKey(strategy: unknown): string {
  const mode = (strategy as { mode?: unknown } | undefined)?.mode;
  return '|' + (typeof mode === 'string' ? mode : '');
}

function setFeature(context: Context, name: string, value: string): void {
  const smithy = (context.__smithy_context ??= {});
  (smithy.features ??= {})[name] = value;
}

/**
 * The middleware that stands in for the SDK's user-agent middleware `sdk` (see the module's
 * comment); one memory per client.
 *
 * @param sdk - the SDK's middleware function, called for every key not seen before.
 * @param config - the client's resolved configuration.
 * @example
 * ```ts
 * const sdk = findMiddleware(client.middlewareStack, 'getUserAgentMiddleware');
 * client.middlewareStack.add(userAgentMemo(sdk.middleware, client.config), { ...sdk.options, override: true });
 * ```
 */
export function userAgentMemo(sdk: Middleware, config: UserAgentConfig): Middleware {
  const memory = new Map<string, Remembered>();
  const strategies = settledMemo();
  /** What the SDK's middleware did to a request and its context, under the request's key. */
  const remember = (key: string, before: Features, context: Context, request: SdkHttpRequest) => {
    if (memory.size >= MAX_KEYS) return;
    const after = context.__smithy_context?.features ?? {};
    const features: Array<[string, string]> = [];
    for (const name of Object.keys(after)) {
      const value = after[name] as string;
      if (before[name] !== value) features.push([name, value]);
    }
    memory.set(key, {
      userAgent: request.headers[USER_AGENT],
      amzUserAgent: request.headers[X_AMZ_USER_AGENT],
      features,
    });
  };
  const middleware: Middleware = (next, context) => {
    /** Requests on their way through the SDK's middleware: the key and the features before it. */
    const pending = new WeakMap<object, { key: string; before: Features }>();
    const throughSdk = sdk(async (args) => {
      const request = args.request as SdkHttpRequest;
      const entry = pending.get(request);
      if (entry !== undefined) {
        pending.delete(request);
        remember(entry.key, entry.before, context, request);
      }
      return next(args);
    }, context);

    return async (args) => {
      const { request } = args;
      if (!isHttpRequest(request)) return next(args);
      const { headers } = request;
      // Headers set before this middleware change what the SDK's writes: leave those to it.
      if (headers[USER_AGENT] !== undefined || headers[X_AMZ_USER_AGENT] !== undefined) return throughSdk(args);
      const keyRead = keyOf(config, context, request, context.__smithy_context?.features, strategies);
      const key = keyRead instanceof Promise ? await keyRead : keyRead;
      const known = memory.get(key);
      if (known === undefined) {
        // the features as the SDK's middleware finds them (nothing changes them while the key is read)
        pending.set(request, { key, before: { ...context.__smithy_context?.features } });
        return throughSdk(args);
      }
      reuse(known, context, request);
      return next({ ...args, request });
    };
  };
  const passOn = () => Promise.resolve(undefined);
  const step: UserAgentStep = (context, args) => {
    const { request } = args;
    if (!isHttpRequest(request)) return;
    const { headers } = request;
    if (headers[USER_AGENT] !== undefined || headers[X_AMZ_USER_AGENT] !== undefined) {
      return sdk(passOn, context)(args).then(() => {});
    }
    const withKey = (key: string): void | Promise<void> => {
      const known = memory.get(key);
      if (known !== undefined) return reuse(known, context, request);
      const before = { ...context.__smithy_context?.features };
      return sdk((passed) => {
        remember(key, before, context, passed.request as SdkHttpRequest);
        return passOn();
      }, context)(args).then(() => {});
    };
    const key = keyOf(config, context, request, context.__smithy_context?.features, strategies);
    return key instanceof Promise ? key.then(withKey) : withKey(key);
  };
  steps.set(middleware, step);
  return middleware;
}

/** The remembered features and headers, into the context and the request. */
function reuse(known: Remembered, context: Context, request: SdkHttpRequest): void {
  for (const [name, value] of known.features) setFeature(context, name, value);
  if (known.amzUserAgent !== undefined) request.headers[X_AMZ_USER_AGENT] = known.amzUserAgent;
  if (known.userAgent !== undefined) request.headers[USER_AGENT] = known.userAgent;
}

/**
 * What a middleware {@link userAgentMemo} built does to a request before it calls the next one
 * (the remembered headers, or the SDK's middleware's, remembered), for a caller that runs it
 * without the middleware around it: done at once when the key's providers have answered before
 * and the key is known, else a promise.
 */
export type UserAgentStep = (context: Context, args: { input?: unknown; request?: unknown }) => void | Promise<void>;

const steps = new WeakMap<object, UserAgentStep>();

/**
 * The step of a middleware {@link userAgentMemo} built (`sdk-fused-chain.ts`); `undefined` for
 * any other function.
 *
 * @example
 * ```ts
 * const userAgent = userAgentStepOf(entry.middleware);
 * await userAgent?.(context, { input, request });
 * ```
 */
export function userAgentStepOf(middleware: unknown): UserAgentStep | undefined {
  return typeof middleware === 'function' ? steps.get(middleware) : undefined;
}

/**
 * Puts {@link userAgentMemo} in place of the SDK's user-agent middleware in a client's stack;
 * returns whether it did (a stack without the SDK's middleware is left as it is).
 *
 * @example
 * ```ts
 * const swf = new SWFClient(config);
 * withUserAgentMemo(swf.middlewareStack, swf.config);
 * ```
 */
export function withUserAgentMemo(stack: EditableStack, config: UserAgentConfig): boolean {
  const sdk = findMiddleware(stack, 'getUserAgentMiddleware');
  if (sdk === undefined || typeof sdk.middleware !== 'function' || sdk.options.step !== 'build') return false;
  return replaceInPlace(stack, 'getUserAgentMiddleware', (entry) =>
    userAgentMemo(entry.middleware as unknown as Middleware, config),
  );
}
