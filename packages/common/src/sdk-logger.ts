/**
 * The AWS SDK's logger middleware runs on every request, even when no logger is configured: it
 * walks the whole input and output through the operation's schema to mask sensitive fields, then
 * hands them to the SDK's no-op logger. For a decision task's history page that walk is a
 * large share of the client's CPU per request (bench/sdk.ts). A client that swf-flow builds
 * without a `logger` drops that one middleware (`middlewareStack.remove('loggerMiddleware')`, the
 * SDK's own API); nothing else changes: the same endpoint resolution, SigV4 signing, retries and
 * wire format, against Amazon SWF and the local service alike. A client built with a `logger`,
 * or passed in ready-made, keeps its middleware.
 */

/** The SDK's name for its logging middleware. */
export const SDK_LOGGER_MIDDLEWARE = 'loggerMiddleware';

/** The part of an AWS SDK v3 client this needs. */
export interface MiddlewareStackOwner {
  middlewareStack: { remove(toRemove: string): boolean };
}

/**
 * Removes the SDK's logger middleware from `client` when `config` names no `logger` (so nothing
 * would be logged anyway); returns the client.
 *
 * @example
 * ```ts
 * const swf = withoutIdleSdkLogger(new SWFClient(config), config);
 * ```
 */
export function withoutIdleSdkLogger<C extends MiddlewareStackOwner>(client: C, config: { logger?: unknown }): C {
  if (config.logger === undefined) client.middlewareStack.remove(SDK_LOGGER_MIDDLEWARE);
  return client;
}
