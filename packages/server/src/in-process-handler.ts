/**
 * An SDK request handler that reaches the service with no socket: it implements the Smithy
 * `HttpHandler` shape structurally (this package does not import the AWS SDK), hands the serialized
 * request to the service and returns the serialized response, so the SDK still serializes and
 * parses everything exactly as over HTTP.
 */
import { markGracefulPollEnd } from '@swf-flow/common';
import { dispatch } from './http/dispatch.js';
import type { SwfService } from './service.js';

/** The parts of a Smithy `HttpRequest` the handler reads. */
export interface InProcessHttpRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: unknown;
}

/** The response handed back to the SDK (a Smithy `HttpResponse` shape). */
export interface InProcessHttpResponse {
  statusCode: number;
  reason?: string;
  headers: Record<string, string>;
  body: Uint8Array;
}

/** Per-request options the SDK passes. */
export interface InProcessHandlerOptions {
  /** Aborts the request (a pending long poll then returns early). */
  abortSignal?: { aborted: boolean; addEventListener?: unknown; onabort?: unknown };
}

/** A Smithy `HttpHandler`, structurally: pass it as `requestHandler` to `new SWFClient(...)`. */
export interface InProcessRequestHandler {
  /** Runs one request through the service. */
  handle(
    request: InProcessHttpRequest,
    options?: InProcessHandlerOptions,
  ): Promise<{ response: InProcessHttpResponse }>;
  /** Part of the Smithy handler contract; this handler has nothing to configure. */
  updateHttpClientConfig(key: never, value: never): void;
  /** Part of the Smithy handler contract: the handler's configuration (empty). */
  httpHandlerConfigs(): Record<string, never>;
  /** Part of the Smithy handler contract; the service outlives its clients, so this does nothing. */
  destroy(): void;
  /** Smithy reads this to learn the protocol. */
  readonly metadata: { handlerProtocol: string };
}

function bodyOf(body: unknown): string | Uint8Array | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  throw new TypeError(
    'The in-process SWF handler accepts string or Uint8Array request bodies (SWF requests are JSON).',
  );
}

function toAbortSignal(signal: InProcessHandlerOptions['abortSignal']): AbortSignal | undefined {
  if (!signal) return undefined;
  if (signal instanceof AbortSignal) return signal;
  const controller = new AbortController();
  if (signal.aborted) controller.abort();
  else {
    const previous = signal.onabort;
    signal.onabort = (...args: unknown[]): void => {
      controller.abort();
      if (typeof previous === 'function') (previous as (...a: unknown[]) => void).apply(signal, args);
    };
  }
  return controller.signal;
}

/**
 * Creates a request handler that sends SDK requests straight to `service`.
 *
 * @example
 * ```ts
 * const service = SwfService.open();
 * const swf = new SWFClient({ ...localSwfClientConfig({ url: 'http://swf.local', requestHandler: createInProcessHandler(service) }) });
 * ```
 */
export function createInProcessHandler(service: SwfService): InProcessRequestHandler {
  // Its abort ends a poll's wait, and a task already handed is still returned: a worker's shutdown
  // may end its polls at once without losing a task (`endsPollsGracefully`).
  return markGracefulPollEnd({
    metadata: { handlerProtocol: 'in-process' },
    async handle(request, options) {
      const target = Object.entries(request.headers).find(([k]) => k.toLowerCase() === 'x-amz-target')?.[1];
      const signal = toAbortSignal(options?.abortSignal);
      if (request.method !== 'POST' || (request.path !== '/' && request.path !== '')) {
        throw new Error(`The in-process SWF handler serves POST / only; got ${request.method} ${request.path}`);
      }
      // A closed in-process service never comes back (no restart can reach this object), so this is
      // not an answer a client should wait through: an error of its own, not a retryable 5xx.
      if (service.isClosed) throw new Error('The in-process SWF service is shut down; it answers no more requests.');
      const wire = await dispatch(service, { target, body: bodyOf(request.body), ...(signal ? { signal } : {}) });
      return {
        response: { statusCode: wire.statusCode, headers: wire.headers, body: new TextEncoder().encode(wire.body) },
      };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs() {
      return {};
    },
    destroy() {},
  });
}
