/**
 * Two of the SDK's build-step middlewares without the promise each adds per request. The SDK's
 * `contentLengthMiddleware` (sets `content-length` from the body when no such header is there) and
 * `hostHeaderMiddleware` (sets `host`, or `:authority` for an HTTP/2 handler) are `async` functions
 * that only set a header and call the next middleware: each request pays a promise and its
 * microtask hops for them (and every process-wide async hook of a worker runs for that promise).
 *
 * {@link withLeanBuildSteps} puts in their place (same names, same places in the stack) functions
 * that do the same and hand back the next middleware's promise: the same headers, set in the same
 * order, from the same configuration values (the body-length checker the client was built with,
 * the request handler's `metadata` read per request). A synchronous error becomes a rejected
 * promise, as from the SDK's `async` function; a next middleware that answers with a value that
 * is not a promise gets it wrapped in one, as the SDK's `async` function would.
 */
import { findMiddleware, isHttpRequest, replaceInPlace, type EditableStack } from './sdk-stack.js';

/** The resolved configuration's parts these middlewares read. */
export interface BuildStepConfig {
  bodyLengthChecker?: unknown;
  requestHandler?: unknown;
}

type Args = { request?: unknown; [key: string]: unknown };
type Handler = (args: Args) => unknown;
type Middleware = (next: Handler, context: unknown) => (args: Args) => Promise<unknown>;

interface Request {
  hostname?: string;
  port?: number | null;
  headers: Record<string, string>;
  body?: unknown;
}

const CONTENT_LENGTH = 'content-length';

function promised(value: unknown): Promise<unknown> {
  return value instanceof Promise ? value : Promise.resolve(value);
}

function hasContentLength(headers: Record<string, string>): boolean {
  for (const name of Object.keys(headers)) if (name.toLowerCase() === CONTENT_LENGTH) return true;
  return false;
}

/**
 * What the SDK's `contentLengthMiddleware` does to a request: `content-length` from the body when
 * there is a body and no such header (in any case), on a new headers object with it last.
 *
 * @example
 * ```ts
 * setContentLength(request, client.config.bodyLengthChecker);
 * ```
 */
export function setContentLength(request: unknown, bodyLengthChecker: (body: unknown) => number | undefined): void {
  if (!isHttpRequest(request)) return;
  const { body, headers } = request;
  if (!body || hasContentLength(headers)) return;
  try {
    const length = bodyLengthChecker(body);
    if (length != null) request.headers = { ...request.headers, [CONTENT_LENGTH]: String(length) };
  } catch {
    // the SDK's middleware leaves the header out when the body's length cannot be told
  }
}

/**
 * What the SDK's `hostHeaderMiddleware` does to a request: `host` (or `:authority` for an HTTP/2
 * handler) from its hostname and port, unless it has one.
 *
 * @example
 * ```ts
 * setHostHeader(request, client.config);
 * ```
 */
export function setHostHeader(request: unknown, config: BuildStepConfig): void {
  if (!isHttpRequest(request)) return;
  const r = request as unknown as Request;
  const handler = config.requestHandler as { metadata?: { handlerProtocol?: string } };
  const { handlerProtocol = '' } = handler.metadata || {};
  if (handlerProtocol.indexOf('h2') >= 0 && !r.headers[':authority']) {
    delete r.headers['host'];
    // as the SDK joins them (an absent hostname or port reads as it does there)
    r.headers[':authority'] = `${r.hostname}${r.port ? ':' + r.port : ''}`;
  } else if (!r.headers['host']) {
    let host = r.hostname;
    if (r.port != null) host += `:${r.port}`;
    r.headers['host'] = host as string;
  }
}

/**
 * The SDK's `contentLengthMiddleware(bodyLengthChecker)`, without its `async` function.
 *
 * @example
 * ```ts
 * stack.add(contentLength(config.bodyLengthChecker), { step: 'build', name: 'contentLengthMiddleware' });
 * ```
 */
export function contentLength(bodyLengthChecker: (body: unknown) => number | undefined): Middleware {
  return lean((next) => (args) => {
    try {
      const request = args.request;
      setContentLength(request, bodyLengthChecker);
      return promised(next({ ...args, request }));
    } catch (error) {
      return Promise.reject(error);
    }
  });
}

/**
 * The SDK's `hostHeaderMiddleware(config)`, without its `async` function.
 *
 * @example
 * ```ts
 * stack.add(hostHeader(client.config), { step: 'build', priority: 'low', name: 'hostHeaderMiddleware' });
 * ```
 */
export function hostHeader(config: BuildStepConfig): Middleware {
  return lean((next) => (args) => {
    try {
      setHostHeader(args.request, config);
      return promised(next(args));
    } catch (error) {
      return Promise.reject(error);
    }
  });
}

const leanSteps = new WeakSet<object>();
function lean(middleware: Middleware): Middleware {
  leanSteps.add(middleware);
  return middleware;
}

/**
 * Whether `middleware` is one {@link contentLength} or {@link hostHeader} built: what
 * {@link setContentLength} and {@link setHostHeader} do.
 *
 * @example
 * ```ts
 * isLeanBuildStep(findMiddleware(client.middlewareStack, 'hostHeaderMiddleware')?.middleware);
 * ```
 */
export function isLeanBuildStep(middleware: unknown): boolean {
  return typeof middleware === 'function' && leanSteps.has(middleware);
}

/**
 * Puts {@link contentLength} and {@link hostHeader} in place of the SDK's middlewares of the same
 * names in a client's stack; returns how many it replaced (a stack without one keeps what it has).
 *
 * @example
 * ```ts
 * const swf = new SWFClient(config);
 * withLeanBuildSteps(swf.middlewareStack, swf.config);
 * ```
 */
export function withLeanBuildSteps(stack: EditableStack, config: BuildStepConfig): number {
  let replaced = 0;
  const checker = config.bodyLengthChecker;
  const sdkLength = findMiddleware(stack, 'contentLengthMiddleware');
  if (typeof checker === 'function' && sdkLength?.options.step === 'build') {
    if (replaceInPlace(stack, 'contentLengthMiddleware', () => contentLength(checker as (body: unknown) => number)))
      replaced++;
  }
  const sdkHost = findMiddleware(stack, 'hostHeaderMiddleware');
  const handler = config.requestHandler;
  if (typeof handler === 'object' && handler !== null && sdkHost?.options.step === 'build') {
    if (replaceInPlace(stack, 'hostHeaderMiddleware', () => hostHeader(config))) replaced++;
  }
  return replaced;
}
