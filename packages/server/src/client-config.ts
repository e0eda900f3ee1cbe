/** `localSwfClientConfig`: the `SWFClient` configuration that reaches a local server. */
import type { InProcessRequestHandler } from './in-process-handler.js';

/** A plain `SWFClientConfig` for the local service (this package does not import the SDK). */
export interface LocalSwfClientConfig {
  /** The server's URL (with an in-process handler it is only used to build requests). */
  endpoint: string;
  /** Any region works locally; `us-east-1` by convention. */
  region: string;
  /** Dummy credentials: the local service does not verify signatures. */
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** The in-process handler, when the config should bypass the socket. */
  requestHandler?: InProcessRequestHandler;
}

/** What {@link localSwfClientConfig} needs: a URL, an in-process handler, or both. */
export interface LocalSwfTarget {
  url?: string;
  requestHandler?: InProcessRequestHandler;
}

/**
 * The `SWFClient` configuration for a local server. Given a server from `createServer`, requests
 * go in-process (no socket) unless `transport: 'http'` is asked for.
 *
 * @example
 * ```ts
 * const server = await createServer({ port: 0 });
 * const swf = new SWFClient(localSwfClientConfig(server));                         // in-process
 * const overHttp = new SWFClient(localSwfClientConfig(server, { transport: 'http' })); // over HTTP
 * ```
 */
export function localSwfClientConfig(
  target: LocalSwfTarget,
  options: { transport?: 'in-process' | 'http' } = {},
): LocalSwfClientConfig {
  const transport = options.transport ?? (target.requestHandler ? 'in-process' : 'http');
  if (transport === 'http' && !target.url)
    throw new TypeError('localSwfClientConfig: transport "http" needs a server url');
  if (transport === 'in-process' && !target.requestHandler)
    throw new TypeError('localSwfClientConfig: transport "in-process" needs a requestHandler');
  const config: LocalSwfClientConfig = {
    endpoint: target.url ?? 'http://swf.local',
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  };
  if (transport === 'in-process') config.requestHandler = target.requestHandler;
  return config;
}
