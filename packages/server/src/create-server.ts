/** `createServer`: the service behind an HTTP listener, plus its in-process SDK handler. */
import { type Server, createServer as createHttpServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { dataDirLockOf } from './db.js';
import { compileFrontOptions } from './front-options.js';
import type { AllowedHosts } from './http/host-check.js';
import { answerClientErrors } from './http/client-errors.js';
import { answerUnservedRequests } from './http/unserved-requests.js';
import { DEFAULT_MAX_BODY_BYTES, createListener } from './http/listener.js';
import { LeanHttpServer } from './http/lean-server.js';
import type { AccessKey } from './http/sigv4.js';
import { guardSlowClients } from './http/slow-clients.js';
import { type InProcessRequestHandler, createInProcessHandler } from './in-process-handler.js';
import { SwfService, type SwfServiceOptions } from './service.js';

/** Options of {@link createServer}. */
export interface CreateServerOptions extends SwfServiceOptions {
  /**
   * TCP port; `0` picks a free one (read it from the result).
   * @default 8787
   */
  port?: number;
  /**
   * Interface to bind. Only this machine can reach the default; bind `0.0.0.0` deliberately.
   * @default '127.0.0.1'
   */
  host?: string;
  /**
   * Host names the service answers to besides its defaults, against DNS rebinding (a web page
   * reaching the service under the page's own name). Bound to loopback, the service answers only
   * requests whose `Host` is `localhost`, `127.0.0.1` or `[::1]` (any port); bound to another
   * interface, also any IP address. List names clients use beyond those (`'swf.internal'`, or
   * `'.example.com'` for a domain and its subdomains); `'any'` switches the check off. Refused
   * requests get HTTP 403 with an `AccessDeniedException` that says what to do.
   * @default []
   */
  allowedHosts?: AllowedHosts;
  /**
   * Access keys whose SigV4 signatures the service accepts. Given, every SWF request over HTTP must be
   * signed with one of them (as Amazon SWF requires): unsigned, mis-signed, expired (more than 15
   * minutes off) and unknown-key requests get SWF's faults (`MissingAuthenticationTokenException`,
   * `IncompleteSignatureException`, `InvalidSignatureException`, `UnrecognizedClientException`), and
   * the web UI is off (`GET /health` still answers). The in-process `requestHandler` is not checked:
   * it is reachable only from code that holds the server. Not given: any signature, or none, passes.
   * @default undefined
   */
  auth?: readonly AccessKey[];
  /**
   * Largest request body accepted, in bytes; larger requests get HTTP 413. The default is Amazon
   * SWF's quota of 1 MB per request.
   * @default 1048576 (1 MiB)
   */
  maxBodyBytes?: number;
  /**
   * How long a client has to send a request's headers, from its first byte (or, on a new
   * connection, from connecting); slower clients get HTTP 408 and are disconnected.
   * @default 10000
   */
  headersTimeoutMs?: number;
  /**
   * How long a client has to send a whole request, headers and body. Only receiving counts: a long
   * poll that waits for a task (up to `pollTimeoutMs`) is not cut short.
   * @default 30000
   */
  requestTimeoutMs?: number;
  /**
   * How long a kept-alive connection may stay idle after an answer before the service closes it
   * (announced to clients in each answer's `Keep-Alive: timeout=` header). Like the two timeouts
   * above, it is judged only after the service has read what is waiting on the connection.
   * @default 65000
   */
  keepAliveTimeoutMs?: number;
  /**
   * Serve the web UI read-only: it shows everything but offers and accepts no actions (signal,
   * request cancel, terminate, start). The SWF API on `POST /` is not affected.
   * @default false
   */
  readOnly?: boolean;
}

/**
 * A running local SWF service as its callers reach it: where it listens and how to stop it. Both
 * {@link createServer}'s server and `startServerThread`'s (the service on a thread of its own)
 * offer it; code that only needs the addresses accepts either.
 */
export interface LocalSwfEndpoint {
  /** Where it listens, e.g. `http://127.0.0.1:8787` (the SDK's and AWS CLI's endpoint). */
  readonly url: string;
  /** The web UI's address (its home page), e.g. `http://127.0.0.1:8787/`: print it for people. */
  readonly uiUrl: string;
  /** The port it listens on (useful with `port: 0`). */
  readonly port: number;
  /** Stops listening, ends pending long polls, closes the database. Safe to call twice. */
  close(): Promise<void>;
  /**
   * How many long polls (PollForDecisionTask, PollForActivityTask) the service holds open now, as
   * `GET /health` reports them (`waitingPolls`): what a test waits for before it acts on a waiting
   * worker, instead of sleeping. A promise in every shape, since a service on a thread of its own is
   * asked there. Rejects once the service is closed.
   */
  waitingPolls(): Promise<number>;
}

/** A running local SWF server on the calling thread: its addresses, the service and an in-process handler. */
export interface LocalSwfServer extends LocalSwfEndpoint {
  /** The service itself. */
  readonly service: SwfService;
  /** An SDK `requestHandler` that reaches the same service with no socket. */
  readonly requestHandler: InProcessRequestHandler;
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => reject(err);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve(server.address() as AddressInfo);
    });
  });
}

/**
 * Starts the local SWF service and serves it over HTTP (SWF JSON 1.0 on `POST /`).
 *
 * @example
 * ```ts
 * const server = await createServer({ dataDir: ':memory:', port: 0 });
 * const swf = new SWFClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
 * // ...
 * await server.close();
 * ```
 */
export async function createServer(options: CreateServerOptions = {}): Promise<LocalSwfServer> {
  const { port, host, headersTimeoutMs, requestTimeoutMs, keepAliveTimeoutMs, hostCheck, verifier } =
    compileFrontOptions(options);
  const service = SwfService.open(options);
  let url = '';
  const listener = createListener(service, {
    url: () => url,
    hostCheck,
    readOnly: options.readOnly === true,
    ...(verifier ? { verifier } : {}),
    ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}),
  });
  const http = createHttpServer(
    {
      // Off: guardSlowClients enforces both, judging a connection only after its bytes were read.
      headersTimeout: 0,
      requestTimeout: 0,
      // Armed by Node, judged by guardSlowClients (its `timeout` listener) in the same way.
      keepAliveTimeout: keepAliveTimeoutMs,
      // The listener refuses an HTTP/1.1 request without Host itself, with a body that says so
      // (`front-refusals.ts`), where node:http would answer an empty 400.
      requireHostHeader: false,
    },
    listener,
  );
  // A client's FIN does not abort the request on the connection (Node's default): its answer is
  // written, then the connection closes. A long poll's wait ends at the FIN (`endPollWithClient`),
  // but a task already handed to it still reaches the worker that is shutting down.
  (http as Server & { httpAllowHalfOpen: boolean }).httpAllowHalfOpen = true;
  // The lean front reads each connection first (`http/lean-server.ts`): it serves kept-alive
  // `POST /` requests itself and gives any connection that carries anything else to node:http's
  // own connection handler, for the rest of its life.
  const [nodeConnection] = http.listeners('connection') as [(socket: Socket) => void];
  http.removeListener('connection', nodeConnection);
  // A request node:http cannot parse is told what was wrong, not answered an empty 400.
  answerClientErrors(http);
  // So is a CONNECT (Node would close the connection without a word) and an unknown Expect (an empty 417).
  answerUnservedRequests(http, () => url);
  const guard = guardSlowClients(http, { headersTimeoutMs, requestTimeoutMs });
  const lean = new LeanHttpServer({
    serve: listener.serveLean,
    accepts: listener.acceptsLean,
    handOff: (socket) => nodeConnection.call(http, socket),
    maxBodyBytes: options.maxBodyBytes || DEFAULT_MAX_BODY_BYTES,
    keepAliveTimeoutMs,
    watch: guard.watcher,
  });
  http.prependListener('connection', (socket: Socket) => lean.accept(socket));
  const stopGuard = guard.stop;
  let address: AddressInfo;
  try {
    address = await listen(http, port, host);
  } catch (err) {
    stopGuard();
    service.close();
    throw err;
  }
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  url = `http://${shownHost}:${address.port}`;
  dataDirLockOf(service.db)?.setUrl(url);
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      stopGuard();
      const stopped = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeIdleConnections();
      lean.closeIdle();
      await listener.drain();
      http.closeAllConnections();
      lean.closeAll();
      await stopped;
      service.close();
    })());
  const waitingPolls = (): Promise<number> =>
    service.isClosed
      ? Promise.reject(new Error(`the local SWF service at ${url} is closed`))
      : Promise.resolve(service.waitingPolls());
  return {
    url,
    uiUrl: `${url}/`,
    port: address.port,
    service,
    requestHandler: createInProcessHandler(service),
    close,
    waitingPolls,
  };
}
