/**
 * Where `resolveSwfClient` puts {@link LeanHttpHandler} in place of the SDK's `NodeHttpHandler`:
 * only in a client whose HTTP handling the user left to the SDK's defaults. A `requestHandler`
 * the user passed (any handler object, a configuration provider function), or options naming
 * their own agents (`httpAgent`, `httpsAgent`: a proxy agent, custom TLS trust, other pool sizes)
 * keep the SDK's handler unchanged; options that only set the SDK handler's timeouts are read by
 * the lean handler from the SDK's handler, which the client built from them.
 */
import { LeanHttpHandler, type SdkNodeHttpHandler } from './handler.js';

/** Option keys of the SDK's `NodeHttpHandler` that the lean handler honours. */
const HONOURED = new Set([
  'connectionTimeout',
  'requestTimeout',
  'socketTimeout',
  'throwOnRequestTimeout',
  'socketAcquisitionWarningTimeout',
  'logger',
]);

function isSdkNodeHttpHandler(handler: unknown): handler is SdkNodeHttpHandler {
  const h = handler as Partial<SdkNodeHttpHandler> & { configProvider?: { then?: unknown } };
  return (
    typeof h === 'object' &&
    h !== null &&
    typeof h.handle === 'function' &&
    typeof h.updateHttpClientConfig === 'function' &&
    typeof h.httpHandlerConfigs === 'function' &&
    typeof h.configProvider?.then === 'function' &&
    h.metadata?.handlerProtocol === 'http/1.1'
  );
}

/** Whether the user's `requestHandler` option leaves the HTTP handling to the SDK's defaults. */
function leftToDefaults(requested: unknown): boolean {
  if (requested === undefined) return true;
  if (typeof requested !== 'object' || requested === null) return false;
  if (typeof (requested as { handle?: unknown }).handle === 'function') return false;
  for (const key of Object.keys(requested)) if (!HONOURED.has(key)) return false;
  return true;
}

/**
 * Puts a {@link LeanHttpHandler} around the SDK's handler in a built client's configuration when
 * the user's `requestHandler` option (`requested`) left HTTP to the SDK's defaults; returns
 * whether it did.
 *
 * @example
 * ```ts
 * const swf = new SWFClient(config);
 * withLeanHttpHandler(swf.config, config.requestHandler);
 * ```
 */
export function withLeanHttpHandler(config: { requestHandler?: unknown }, requested: unknown): boolean {
  if (!leftToDefaults(requested) || !isSdkNodeHttpHandler(config.requestHandler)) return false;
  config.requestHandler = new LeanHttpHandler(config.requestHandler);
  return true;
}
