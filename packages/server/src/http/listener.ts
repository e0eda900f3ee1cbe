/**
 * The HTTP request listener: `POST /` carries SWF requests; `GET /health` answers a status as JSON
 * and every other `GET` goes to the web UI (`src/ui`), as do its actions (`POST /ui/actions/...`).
 * Every request must name the service in its `Host` header (see `host-check.ts`); one without it, or
 * with a method its path does not take, is refused with a body that says so (`front-refusals.ts`).
 * Reads bodies up to a size cap and aborts a long poll when its client disconnects.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { failureMeta } from '../failure-meta.js';
import { SwfFault } from '../faults.js';
import type { SwfService } from '../service.js';
import { dispatch, faultResponse, isLongPoll } from './dispatch.js';
import {
  asteriskRefusal,
  methodRefusal,
  missingHostRefusal,
  optionsAnswer,
  swfClientNotFound,
} from './front-refusals.js';
import { preview } from '../model/validate.js';
import { handleAction } from '../ui/actions.js';
import type { HostCheck } from './host-check.js';
import type { LeanHead } from './lean-request-head.js';
import type { LeanReply, LeanRequest } from './lean-server.js';
import { PollAbort } from './poll-abort.js';
import type { SigV4Verifier } from './sigv4.js';
import { serveUi } from '../ui/routes.js';
import { serviceStatus } from './status-page.js';

/** Options of {@link createListener}. */
export interface ListenerOptions {
  /**
   * Largest request body accepted, in bytes; larger requests get HTTP 413. The default is Amazon
   * SWF's own quota (1 MB per request), so a request too large for SWF fails here too.
   * @default 1048576 (1 MiB)
   */
  maxBodyBytes?: number;
  /** The server's URL, shown by the web UI. */
  url: () => string;
  /**
   * The web UI refuses actions (signal, cancel, terminate, start); it only shows.
   * @default false
   */
  readOnly?: boolean;
  /** Refuses requests addressed to a name the service does not answer to; none: every `Host` passes. */
  hostCheck?: HostCheck;
  /** Verifies every SWF request's SigV4 signature (and turns the web UI, pages and actions, off); none: any signature passes. */
  verifier?: SigV4Verifier;
}

/** What a `GET` page answers while signatures are required: the UI has no way to sign in. */
const UI_OFF =
  'The web UI is off: this service requires signed requests (it was started with --auth), and the UI has no sign-in. ' +
  'Read executions with the AWS CLI or an SDK using one of its access keys, or run a service without --auth to use the UI. GET /health still answers.\n';

/** One SWF request (`POST /`) as either front received it. */
interface SwfRequest {
  /** The path and query as received. */
  url: string;
  headers: IncomingHttpHeaders;
  /** Reads the whole body (rejects with `BodyTooLarge` past the cap). */
  body(): Promise<Buffer>;
  localPort: number | undefined;
}

/** Where a request's answer goes. */
interface Answer {
  send(statusCode: number, headers: Record<string, string>, body: string): void;
  readonly sent: boolean;
  /** Calls back once the requests before this one on its connection are answered (see `LeanReply.onTurn`). */
  onTurn(callback: () => void): void;
}

/**
 * Resolves once `answer` would be written at once (every request before it on its connection is
 * answered: HTTP/1.1 answers a connection's requests in order), or once `poll` is ended (the client
 * is gone, or the service closes); `undefined` when that is so already.
 */
function turnOf(answer: Answer, poll: PollAbort): Promise<void> | undefined {
  if (poll.aborted) return undefined;
  let reached = false;
  let resolveTurn: (() => void) | undefined;
  answer.onTurn(() => {
    reached = true;
    resolveTurn?.();
  });
  // Its turn already (a request alone on its connection): nothing to wait for, no signal made.
  if (reached) return undefined;
  return new Promise((resolve) => {
    resolveTurn = resolve;
    poll.signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/** The HTTP handler plus a way to abort every request still in flight (for shutdown). */
export interface Listener {
  (req: IncomingMessage, res: ServerResponse): void;
  /** Whether the lean front may serve a `POST /` with this head itself (its `Host` passes the check). */
  acceptsLean(head: LeanHead): boolean;
  /** Serves a `POST /` the lean front read whole, as `node:http`'s path would. */
  serveLean(request: LeanRequest, reply: LeanReply): void;
  /** Aborts every in-flight request (their long polls return early) and resolves when all answered. */
  drain(): Promise<void>;
}

class BodyTooLarge extends Error {}

/** Amazon SWF's quota on a request's size: 1 MB ("Amazon SWF Quotas" in the developer guide). */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** Largest web UI form accepted (a signal's or start's JSON input is at most 32 KiB in SWF). */
const UI_FORM_MAX_BYTES = 256 * 1024;

/** Reads the body; past `max` bytes it stops keeping data (the rest is drained) and rejects. */
function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > max) {
      req.resume();
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > max) {
        req.off('data', onData);
        req.resume();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
    // A client that goes away (or is timed out) mid-body: nothing more will come.
    req.on('close', () => {
      if (!req.complete) reject(new Error('the client closed the connection before sending the whole request'));
    });
  });
}

function send(res: ServerResponse, statusCode: number, headers: Record<string, string>, body: string): void {
  if (res.destroyed) return;
  res.writeHead(statusCode, headers);
  res.end(body);
}

/**
 * Ends a long poll's wait when its client stops waiting: when the connection closes or is reset,
 * and when the client half-closes it (FIN: a worker shutting down ends its polls that way). A poll
 * still waiting then takes no task and is answered empty at once. A poll whose task was already
 * handed to it (claimed and committed, the answer waiting for its flush) keeps it, and its answer is
 * still written after a FIN: the server keeps half-closed connections open for the answer of the
 * request on them (`httpAllowHalfOpen`, set by `createServer`), then closes them. Only a connection
 * that is gone for good loses that answer, as it would with Amazon SWF.
 */
function endPollWithClient(req: IncomingMessage, res: ServerResponse, clientGone: () => void): void {
  const socket = req.socket;
  const end = (): void => {
    if (!res.writableFinished) clientGone();
  };
  if (socket.readableEnded || socket.destroyed) {
    clientGone();
    return;
  }
  socket.once('end', end);
  // A response pipelined behind another has no socket yet and hears nothing of its closing.
  socket.once('close', end);
  res.once('close', () => {
    socket.off('end', end);
    socket.off('close', end);
    end();
  });
}

/**
 * A request's target in origin form (`/path?query`) and the host to check. A target in absolute
 * form (`http://host:port/path?query`, which RFC 9112 3.2.2 has a server accept) becomes its path
 * and query, and the host it names is the one checked: the `Host` header is then ignored.
 */
function originForm(target: string | undefined, host: string | undefined): { url: string; host: string | undefined } {
  const url = target ?? '/';
  if (!/^https?:\/\//i.test(url)) return { url, host };
  try {
    const parsed = new URL(url);
    return { url: `${parsed.pathname}${parsed.search}`, host: parsed.host };
  } catch {
    return { url, host };
  }
}

/** Creates the listener that serves `service` over HTTP. */
export function createListener(service: SwfService, options: ListenerOptions): Listener {
  const max = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const startedAt = Date.now();
  const readOnly = options.readOnly === true;
  const csrfToken = randomBytes(24).toString('base64url');
  /** Requests being served; a long poll's controller ends it early (shutdown, or its client went away). */
  const inFlight = new Map<Promise<void>, PollAbort | undefined>();

  /**
   * Serves one `POST /` SWF request, from either front: `node:http`'s (`readBody` reads the
   * `IncomingMessage`) or the lean one (the body is already whole).
   */
  async function serveSwf(request: SwfRequest, answer: Answer, poll?: PollAbort): Promise<void> {
    let body: Buffer;
    try {
      body = await request.body();
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        const { headers, body: text } = faultResponse(
          new SwfFault(
            'SerializationException',
            `Request body exceeds the limit of ${max} bytes (Amazon SWF takes at most 1 MB per request). ` +
              'Send less in one request: keep large inputs, results and details elsewhere (a file, S3) and pass a reference, or split the decisions over several decision tasks.',
          ),
        );
        answer.send(413, { ...headers, connection: 'close' }, text);
      }
      return;
    }
    if (options.verifier) {
      try {
        await options.verifier.verify({
          method: 'POST',
          url: request.url,
          headers: request.headers,
          body,
          ...(request.localPort !== undefined ? { localPort: request.localPort } : {}),
        });
      } catch (err) {
        // Anything the signer itself trips over comes from the request's own headers: a 400, not a 500.
        const fault =
          err instanceof SwfFault
            ? err
            : new SwfFault(
                'IncompleteSignatureException',
                `The request's signature could not be verified: ${err instanceof Error ? err.message : String(err)}`,
              );
        const { statusCode, headers, body: text } = faultResponse(fault);
        answer.send(statusCode, headers, text);
        return;
      }
    }
    // A long poll pipelined behind another request waits for its turn before it may be handed a
    // task: taken now, the task could not be written until the requests before it are answered
    // (a poll before it may wait a minute), and would be lost if the client left meanwhile.
    const turn = poll && turnOf(answer, poll);
    if (turn) await turn;
    const target = request.headers['x-amz-target'];
    const response = await dispatch(service, {
      target: Array.isArray(target) ? target[0] : target,
      body,
      ...(poll ? { context: poll } : {}),
    });
    answer.send(response.statusCode, response.headers, response.body);
  }

  /**
   * Runs `serveSwf` as an in-flight request (for `drain`), with a signal for a long poll; `gone`
   * receives the function to call when the client can no longer receive the answer.
   */
  function track(request: SwfRequest, answer: Answer, gone: (clientGone: () => void) => void): void {
    // Only a long poll waits for anything, so only a poll can be ended early (its signal is made
    // only if it waits: poll-abort.ts).
    const poll = isLongPoll(request.headers['x-amz-target']) ? new PollAbort() : undefined;
    if (poll) gone(() => poll.abort());
    const done: Promise<void> = serveSwf(request, answer, poll)
      .catch((err: unknown) => {
        service.logger.error('serving an SWF request failed', failureMeta(err));
        if (!answer.sent) answer.send(500, { 'content-type': 'text/plain' }, 'Internal error\n');
      })
      .finally(() => inFlight.delete(done));
    inFlight.set(done, poll);
  }

  const listener = ((req: IncomingMessage, res: ServerResponse): void => {
    const { url, host } = originForm(req.url, req.headers.host);
    const path = url.split('?')[0];
    // HEAD is answered as GET is (node:http leaves the body out).
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    const refused = options.hostCheck?.refuse(host);
    if (refused !== undefined) {
      // Answered before the body is read; the connection is closed so the rest is not parsed.
      req.resume();
      if (method === 'POST') {
        const { statusCode, headers, body } = faultResponse(new SwfFault('AccessDeniedException', refused));
        send(res, statusCode, { ...headers, connection: 'close' }, body);
      } else send(res, 403, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' }, `${refused}\n`);
      return;
    }
    if (req.headers.host === undefined && req.httpVersionMajor === 1 && req.httpVersionMinor >= 1) {
      // node:http's own answer would be an empty 400 (createServer turns its check off for this one).
      req.resume();
      const answer = missingHostRefusal(method ?? '', path ?? '/', req.socket.localPort);
      send(res, answer.statusCode, answer.headers, answer.body);
      return;
    }
    const target = req.headersDistinct['x-amz-target']?.[0];
    const swfClient = { target, url: options.url() };
    const refusal =
      (method === 'OPTIONS' ? optionsAnswer(path ?? '/') : undefined) ??
      (path === '*' ? asteriskRefusal(req.method ?? '') : undefined) ??
      methodRefusal(method ?? '', path ?? '/', swfClient) ??
      swfClientNotFound(method ?? '', path ?? '/', swfClient);
    if (refusal !== undefined) {
      req.resume();
      send(res, refusal.statusCode, refusal.headers, refusal.body);
      return;
    }
    if (method === 'GET' && path === '/health') {
      send(res, 200, { 'content-type': 'application/json' }, JSON.stringify(serviceStatus(service, startedAt)));
      return;
    }
    if (options.verifier && !(method === 'POST' && path === '/')) {
      // The UI's pages and its actions (POST /ui/actions/...) have no sign-in: off while signatures are required.
      req.resume();
      send(res, 403, { 'content-type': 'text/plain; charset=utf-8' }, UI_OFF);
      return;
    }
    if (method === 'GET') {
      serveUi(service, url, { url: options.url(), startedAt, readOnly, csrfToken })
        .then((page) => send(res, page.statusCode, page.headers, page.body))
        .catch((err: unknown) => {
          service.logger.error(`web UI: serving ${preview(url)} failed`, failureMeta(err));
          send(res, 500, { 'content-type': 'text/plain' }, 'Internal error\n');
        });
      return;
    }
    if (method === 'POST' && path?.startsWith('/ui/actions/')) {
      readBody(req, UI_FORM_MAX_BYTES)
        .then((body) =>
          handleAction(
            { service, url: options.url(), readOnly, csrfToken },
            { action: path.slice('/ui/actions/'.length), headers: req.headers, body: body.toString('utf8') },
          ),
        )
        .then(
          (answer) => send(res, answer.statusCode, answer.headers, answer.body),
          (err: unknown) => {
            if (err instanceof BodyTooLarge)
              send(
                res,
                413,
                { 'content-type': 'text/plain; charset=utf-8', connection: 'close' },
                `A web UI form is at most ${UI_FORM_MAX_BYTES} bytes.\n`,
              );
          },
        );
      return;
    }
    if (method !== 'POST' || path !== '/') {
      send(
        res,
        404,
        { 'content-type': 'text/plain; charset=utf-8' },
        'Not found. SWF requests are POST / with X-Amz-Target; the web UI is GET /.\n',
      );
      return;
    }
    const targets = req.headersDistinct['x-amz-target'];
    if (targets !== undefined && targets.length > 1) {
      // node:http joins the values ("A, B"), which would read as an unknown operation.
      req.resume();
      const named = `${targets.slice(0, 2).map(preview).join(', ')}${targets.length > 2 ? ', ...' : ''}`;
      const { statusCode, headers, body } = faultResponse(
        new SwfFault(
          'UnknownOperationException',
          `X-Amz-Target was sent ${targets.length} times (${named}): send it once, naming the one operation.`,
        ),
      );
      send(res, statusCode, headers, body);
      return;
    }
    track(
      { url, headers: req.headers, body: () => readBody(req, max), localPort: req.socket.localPort },
      {
        send: (statusCode, headers, body) => send(res, statusCode, headers, body),
        get sent() {
          return res.headersSent;
        },
        // node:http gives a pipelined request's response its socket once the answers before it are written.
        onTurn: (callback) => (res.socket ? callback() : res.once('socket', () => callback())),
      },
      (clientGone) => endPollWithClient(req, res, clientGone),
    );
  }) as Listener;

  listener.acceptsLean = (head) => options.hostCheck?.refuse(head.headers.host) === undefined;
  listener.serveLean = (request, reply) =>
    track(
      {
        url: '/',
        headers: request.headers,
        body: () => Promise.resolve(request.body),
        localPort: request.socket.localPort,
      },
      reply,
      (clientGone) => reply.onGone(clientGone),
    );
  listener.drain = async () => {
    for (const poll of inFlight.values()) poll?.abort();
    await Promise.all(inFlight.keys());
  };
  return listener;
}
