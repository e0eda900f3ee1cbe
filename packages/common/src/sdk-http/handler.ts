/**
 * An HTTP/1.1 request handler for an AWS SDK client, in place of the SDK's `NodeHttpHandler`,
 * that spends less CPU per request: the request's bytes are built in one buffer and written with
 * one `write` on a kept-alive socket, and the response is read by a small parser into a `Buffer`
 * body (no `ClientRequest`, `IncomingMessage` or stream per request, no timer unless a timeout is
 * configured). It keeps the SDK handler's contract (`handle(request, { abortSignal,
 * requestTimeout })` resolves `{ response }` with the status, lower-case headers and the body) and
 * its behaviour where the SDK's retries and users can see it: the same bytes on the wire, at most
 * 50 connections per origin with the rest queued, the same timeouts from the same configuration
 * (`connectionTimeout`, `requestTimeout` with `throwOnRequestTimeout`, `socketTimeout` and the
 * service's default socket timeout), errors with the names and codes the SDK's retry strategy
 * reads, TLS with the certificate checked and SNI for `https:` endpoints. One thing it adds: a long
 * poll whose abort signal a worker marked with `gracefulPollStop` is ended by half-closing its
 * connection rather than cutting it, so that a task handed to it at that moment is not lost
 * (`poll-stop.ts`).
 *
 * It wraps the SDK's own handler, built by the client from the same configuration: its resolved
 * configuration is read from there, and every request this handler does not build byte for byte
 * as Node would (see `request-bytes.ts`) is handed to it, so such a request is sent exactly as
 * before.
 */
import type { ConnectionOptions } from 'node:tls';
import { abortError, timeoutError } from './errors.js';
import type { Exchange } from './connection.js';
import { Pool } from './pool.js';
import { markGracefulPollEnd, pollStopGraceOf } from './poll-stop.js';
import { requestBytes, type WireRequest } from './request-bytes.js';
import type { ParsedResponse } from './response-parser.js';

/** The SDK's `HttpResponse`, structurally. */
export interface HandlerResponse {
  statusCode: number;
  reason: string;
  headers: Record<string, string>;
  body: Uint8Array;
}

/** The options of `handle`, as the SDK passes them. */
export interface HandleOptions {
  abortSignal?: AbortSignal | { aborted: boolean; reason?: unknown; onabort?: unknown };
  requestTimeout?: number;
}

/** The parts of the SDK's `NodeHttpHandler` used here. */
export interface SdkNodeHttpHandler {
  handle(request: unknown, options?: HandleOptions): Promise<{ response: unknown }>;
  updateHttpClientConfig(key: unknown, value: unknown): void;
  httpHandlerConfigs(): unknown;
  destroy?(): void;
  metadata?: { handlerProtocol?: string };
}

/** The SDK handler's resolved configuration, as far as it is read here. */
interface ResolvedConfig {
  connectionTimeout?: number;
  requestTimeout?: number;
  socketTimeout?: number;
  defaultSocketTimeout?: number;
  throwOnRequestTimeout?: boolean;
  logger?: { warn?: (message: string) => void };
}

/** The SDK's default for connections per origin (its keep-alive agent's `maxSockets`). */
const MAX_SOCKETS = 50;

/** The operations the service holds for up to a minute when no task is ready (SWF's long polls). */
const LONG_POLLS = new Set(['SimpleWorkflowService.PollForDecisionTask', 'SimpleWorkflowService.PollForActivityTask']);

/** Whether `request` is a long poll, by its `X-Amz-Target` (AWS JSON 1.0 names the operation there). */
function isLongPoll(request: WireRequest): boolean {
  const headers = request.headers;
  const target = headers['x-amz-target'] ?? headers['X-Amz-Target'];
  return typeof target === 'string' && LONG_POLLS.has(target);
}
/** How often at most the handler warns that requests queue for connections (the SDK's interval). */
const WARN_INTERVAL_MS = 15_000;

function positive(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

/** The SDK handler's configuration, once it has resolved. */
function configOf(sdk: SdkNodeHttpHandler): Promise<ResolvedConfig> {
  const provider = (sdk as unknown as { configProvider?: Promise<ResolvedConfig> }).configProvider;
  return Promise.resolve(provider ?? (sdk.httpHandlerConfigs() as ResolvedConfig));
}

/**
 * The SDK client's request handler, lighter: see the module's comment.
 *
 * @example
 * ```ts
 * const swf = new SWFClient(config);
 * swf.config.requestHandler = new LeanHttpHandler(swf.config.requestHandler);
 * ```
 */
export class LeanHttpHandler {
  /** The SDK's handler metadata: an HTTP/1.1 handler (the host header middleware reads it). */
  readonly metadata = { handlerProtocol: 'http/1.1' };
  private config: ResolvedConfig | undefined;
  private ready: Promise<unknown>;
  private readonly pools = new Map<string, Pool>();
  private warnedAt = 0;

  /**
   * @param sdk - the SDK's `NodeHttpHandler` the client built: where the configuration is read,
   *   and where the requests this handler does not build go.
   * @param tls - extra TLS options for `https:` connections (trust anchors in tests); the defaults are `https.request`'s.
   */
  constructor(
    private readonly sdk: SdkNodeHttpHandler,
    private readonly tls?: ConnectionOptions,
  ) {
    this.ready = this.load();
    // A worker's shutdown half-closes this handler's long polls (`gracefulPollStop`): no task is lost.
    markGracefulPollEnd(this);
  }

  /** Sends `request` and resolves with its response (the SDK's `HttpHandler.handle`). */
  handle(request: WireRequest, options: HandleOptions = {}): Promise<{ response: HandlerResponse }> {
    const config = this.config;
    if (!config) return this.ready.then(() => this.handle(request, options));
    const { protocol } = request;
    const secure = protocol === 'https:';
    const bytes = secure || protocol === 'http:' ? requestBytes(request) : undefined;
    if (!bytes) return this.sdk.handle(request, options) as Promise<{ response: HandlerResponse }>;
    const { abortSignal } = options;
    if (abortSignal?.aborted) return Promise.reject(abortError(abortSignal));
    const pool = this.poolFor(secure, request.hostname ?? '', request.port, config);
    const requestTimeout = positive(options.requestTimeout ?? config.requestTimeout);

    return new Promise((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      let graceTimer: ReturnType<typeof setTimeout> | undefined;
      let onAbort: (() => void) | undefined;
      const settle = () => {
        if (timer !== undefined) clearTimeout(timer);
        if (graceTimer !== undefined) clearTimeout(graceTimer);
        if (onAbort) (abortSignal as AbortSignal).removeEventListener('abort', onAbort);
        exchange.fail = exchange.succeed = () => undefined;
      };
      const exchange: Exchange = {
        bytes,
        longPoll: isLongPoll(request),
        succeed(response: ParsedResponse) {
          settle();
          const { statusCode, reason, headers, body } = response;
          resolve({ response: { statusCode, reason, headers, body } });
        },
        fail(error: Error) {
          settle();
          reject(error);
        },
      };
      if (abortSignal) {
        onAbort = () => {
          const grace = exchange.longPoll ? pollStopGraceOf(abortSignal) : undefined;
          const connection = exchange.connection;
          if (grace === undefined || !connection) {
            stopExchange(abortError(abortSignal));
            return;
          }
          // A long poll ended gracefully (`poll-stop.ts`): the service may have handed it a task
          // whose answer is on its way; read on for the grace, then cut.
          connection.halfClose();
          graceTimer = setTimeout(() => stopExchange(abortError(abortSignal)), grace);
        };
        if (typeof (abortSignal as AbortSignal).addEventListener === 'function') {
          (abortSignal as AbortSignal).addEventListener('abort', onAbort, { once: true });
        } else {
          (abortSignal as { onabort?: unknown }).onabort = onAbort;
          onAbort = undefined;
        }
      }
      if (requestTimeout > 0)
        timer = setTimeout(() => this.onRequestTimeout(config, requestTimeout, stopExchange), requestTimeout);
      pool.send(exchange);
      if (pool.queued >= 2 * MAX_SOCKETS) this.warnQueue(config, pool);

      function stopExchange(error: Error): void {
        const connection = exchange.connection;
        if (connection) connection.abort(error);
        else if (pool.unqueue(exchange)) exchange.fail(error);
      }
    });
  }

  /** Passes a configuration change to the SDK's handler and reads its configuration again (the SDK's `updateHttpClientConfig`). */
  updateHttpClientConfig(key: unknown, value: unknown): void {
    this.sdk.updateHttpClientConfig(key, value);
    this.config = undefined;
    this.ready = this.load();
  }

  /** The SDK handler's resolved configuration, once read (the SDK's `httpHandlerConfigs`). */
  httpHandlerConfigs(): unknown {
    return this.config ?? {};
  }

  /** Closes every connection (requests on them fail, as with the SDK's agent) and the SDK handler's. */
  destroy(): void {
    const error = Object.assign(new Error('The HTTP handler was destroyed (SWFClient.destroy()).'), {
      code: 'ECONNRESET',
    });
    for (const pool of this.pools.values()) pool.destroy(error);
    this.pools.clear();
    this.sdk.destroy?.();
  }

  /** Reads the SDK handler's configuration (a failure is reported by the next `handle`, as the SDK's). */
  private load(): Promise<void> {
    const ready = configOf(this.sdk).then((config) => {
      this.config = config ?? {};
      // the timeouts may have changed: new pools from now on, the old ones close as they go idle
      for (const pool of this.pools.values()) pool.retire();
      this.pools.clear();
    });
    ready.catch(() => undefined);
    return ready;
  }

  private poolFor(secure: boolean, hostname: string, port: number | undefined, config: ResolvedConfig): Pool {
    const host = hostname[0] === '[' && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
    const portNumber = port ?? (secure ? 443 : 80);
    const origin = `${secure ? 'https' : 'http'}://${hostname}:${portNumber}`;
    let pool = this.pools.get(origin);
    if (!pool) {
      const configured = positive(config.socketTimeout);
      const socketTimeoutMs = config.socketTimeout === undefined ? positive(config.defaultSocketTimeout) : configured;
      pool = new Pool(origin, secure, host, portNumber, {
        maxSockets: MAX_SOCKETS,
        connectionTimeoutMs: positive(config.connectionTimeout),
        socketTimeoutMs,
        socketTimeoutIsDefault: config.socketTimeout === undefined && socketTimeoutMs > 0,
        ...(this.tls ? { tls: this.tls } : {}),
      });
      this.pools.set(origin, pool);
    }
    return pool;
  }

  private onRequestTimeout(config: ResolvedConfig, ms: number, stop: (error: Error) => void): void {
    if (config.throwOnRequestTimeout) {
      stop(
        timeoutError(
          `the request took longer than the requestTimeout of ${ms} ms configured for the client.`,
          'ETIMEDOUT',
        ),
      );
      return;
    }
    (config.logger ?? console).warn?.(
      `swf-flow HTTP handler - [WARN] a request has exceeded the configured ${ms} ms requestTimeout. ` +
        'Init client requestHandler with throwOnRequestTimeout=true to turn this into an error.',
    );
  }

  private warnQueue(config: ResolvedConfig, pool: Pool): void {
    const now = Date.now();
    if (now - this.warnedAt < WARN_INTERVAL_MS) return;
    this.warnedAt = now;
    (config.logger ?? console).warn?.(
      `swf-flow HTTP handler - [WARN] ${MAX_SOCKETS} connections to ${pool.origin} are in use and ${pool.queued} more requests wait for one.`,
    );
  }
}
