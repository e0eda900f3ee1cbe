/**
 * The one road to SWF (DESIGN.md): how the worker and the client turn what a user passes as `swf`
 * into an `SWFClient`. Common loads no AWS SDK code (workflow code imports common and must stay free
 * of it), so the caller hands in the SDK's `SWFClient` class; only its types are imported here.
 */
import type { SWFClient, SWFClientConfig } from '@aws-sdk/client-swf';
import { ValidationError } from './errors.js';
import { applyLocalDefaults } from './local-endpoint.js';
import { consoleLogger, type Logger } from './logger.js';
import { withoutIdleSdkLogger } from './sdk-logger.js';
import { withHandlerCache } from './sdk-handler-cache.js';
import { withCompiledSerde } from './sdk-serde/serde-middleware.js';
import { withReusedSigner } from './sdk-signer.js';
import { replaceEndpointMiddleware, withEndpointOnce } from './sdk-endpoint.js';
import { withUserAgentMemo } from './sdk-user-agent.js';
import { withRetryWithoutIdleError } from './sdk-retry.js';
import { withLeanBuildSteps } from './sdk-build-step.js';
import { withoutSdkNodeWarning } from './sdk-node-warning.js';
import { fusableStack, fusedChain } from './sdk-fused-chain.js';
import { markConstantProviders } from './sdk-provider-memo.js';
import { withRegionAdvice } from './sdk-region-advice.js';
import { withLeanHttpHandler } from './sdk-http/install.js';
import { shownValue } from './shown-value.js';
import { checkSwfClientConfigKeys } from './swf-config-keys.js';

/** An `SWFClient`, or the configuration to build one. */
export type SwfClientLike = SWFClient | SWFClientConfig;

/** The SDK's `SWFClient` class (`import { SWFClient } from '@aws-sdk/client-swf'`). */
export type SwfClientClass = new (config: SWFClientConfig) => SWFClient;

function isClient(value: unknown): value is SWFClient {
  return typeof value === 'object' && value !== null && typeof (value as { send?: unknown }).send === 'function';
}

/**
 * Refuses an endpoint given as a string that is not an `http://` or `https://` URL (`127.0.0.1:8787`,
 * `localhost:8787`), which the SDK would take and fail on at the first request with `Invalid URL`
 * (or, for `localhost:8787`, a URL of scheme `localhost:`).
 */
function checkEndpoint(endpoint: unknown, what: string): void {
  if (typeof endpoint !== 'string') return;
  let protocol: string | undefined;
  try {
    protocol = new URL(endpoint).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol === 'http:' || protocol === 'https:') return;
  throw new ValidationError(
    `${what}.endpoint ${shownValue(endpoint)} is not an http:// or https:// URL; write it with its scheme, e.g. 'http://127.0.0.1:8787' (the local service) or 'https://swf.us-east-1.amazonaws.com'`,
  );
}

/**
 * Returns the `SWFClient` to use: the given one, or one built with `Client` from the given
 * configuration (with nothing, configured the standard AWS way: `AWS_REGION`, the credentials
 * chain, `AWS_ENDPOINT_URL_SWF`). When the endpoint is a loopback address (the local service) and
 * no credentials are configured, placeholder credentials (and region `us-east-1`) are filled in and
 * said once on `logger.debug`; any other endpoint keeps the standard chain unchanged.
 *
 * A configuration with a key `SWFClientConfig` does not take (`endpont`) is refused with a
 * `ValidationError` naming the nearest key it does (`swf-config-keys.ts`): the SDK would ignore it.
 *
 * A client built here spends less CPU per request than the SDK's default, with the same requests
 * on the wire (SigV4 and AWS JSON 1.0 unchanged, for Amazon SWF and the local service alike; the
 * worker's README says what and why): its middleware chain is resolved once per command type
 * (the SDK's `cacheMiddleware`, unless the configuration sets it), also for requests that pass an
 * abort signal (`sdk-handler-cache.ts`), the serialize and deserialize steps are compiled per
 * operation (`sdk-serde/`), one SigV4 signer is reused with a cheaper signing-key lookup
 * (`sdk-signer.ts`) and a leaner `signRequest` (`sdk-sigv4.ts`), the endpoint is resolved without copying the configuration per request and a
 * configured endpoint URL is parsed once (`sdk-endpoint.ts`), the user-agent headers are computed
 * by the SDK once per distinct input (`sdk-user-agent.ts`), the retry loop builds no `Error` per
 * request (`sdk-retry.ts`), the content-length and host headers are set without an async function
 * each (`sdk-build-step.ts`), and without an SDK `logger` the SDK's logger middleware is dropped.
 * While a chain holds only those middlewares (and the SDK's own auth-scheme, recursion-detection
 * and signing middlewares), one function per request does their work in place of the chain of
 * `async` middlewares (`sdk-fused-chain.ts`); a middleware added to the client's stack, at any
 * time, puts its chains back on the SDK's way. The configuration's providers whose value cannot
 * change (made from plain values, or the SDK's memoized defaults) are read once
 * (`sdk-provider-memo.ts`). Unless the configuration brings its own `requestHandler` or agents,
 * requests go out through a lighter HTTP/1.1 handler with the SDK handler's contract
 * (`sdk-http/`). A client passed in ready-made is used as it is.
 *
 * @param Client - the SDK's `SWFClient` class.
 * @param swf - the user's `swf` option.
 * @param what - names the option in the message of a wrong value. @default 'swf'
 * @param logger - told about placeholder credentials. @default consoleLogger
 * @example
 * ```ts
 * import { SWFClient } from '@aws-sdk/client-swf';
 * const swf = resolveSwfClient(SWFClient, { endpoint: 'http://127.0.0.1:8787' });
 * ```
 */
export function resolveSwfClient(
  Client: SwfClientClass,
  swf: SwfClientLike | undefined,
  what = 'swf',
  logger: Pick<Logger, 'debug'> = consoleLogger,
): SWFClient {
  if (isClient(swf)) return swf;
  if (swf !== undefined && (typeof swf !== 'object' || swf === null)) {
    throw new ValidationError(
      `${what} must be an SWFClient from @aws-sdk/client-swf or its configuration object; got ${shownValue(swf)}`,
    );
  }
  if (swf !== undefined) checkSwfClientConfigKeys(swf, what);
  checkEndpoint(swf?.endpoint, what);
  const config = applyLocalDefaults<SWFClientConfig>({ cacheMiddleware: true, ...swf }, logger);
  const client = withoutIdleSdkLogger(
    withoutSdkNodeWarning(() => new Client(config)),
    config,
  );
  if (config.region === undefined) withRegionAdvice(client.config, what);
  markConstantProviders(client.config as never, config as never);
  withLeanHttpHandler(client.config, swf?.requestHandler);
  withCompiledSerde(client.middlewareStack, client.config);
  withReusedSigner(client.config);
  withEndpointOnce(client.config, config.endpoint);
  withUserAgentMemo(client.middlewareStack, client.config);
  withRetryWithoutIdleError(client.middlewareStack, client.config);
  withLeanBuildSteps(client.middlewareStack, client.config);
  const known = fusableStack(client.middlewareStack, client.config as never);
  return withHandlerCache(
    client,
    replaceEndpointMiddleware(client.config as never),
    known && (fusedChain(client.middlewareStack, known, client.config as never) as never),
  );
}
