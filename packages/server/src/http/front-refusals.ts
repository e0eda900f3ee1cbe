/**
 * What the HTTP front answers a request it will not serve before any of it runs: an HTTP/1.1
 * request without `Host` (400: RFC 9112, 3.2 has a server refuse it), a method the path does not
 * take (405, with `Allow` listing those it does: RFC 9110, 15.5.6). Each answer says what was wrong
 * and what to do, in the shape of the front's other refusals (the `Host` check's): an SWF fault,
 * JSON, where an SWF client would read it (`POST /`, and any `POST` that names an operation in
 * `X-Amz-Target`: an SDK whose endpoint has a path), plain text everywhere else.
 *
 * The paths served and their methods: `/` takes `POST` (the SWF API) and `GET`/`HEAD` (the web UI's
 * home page); `/health` and the web UI's pages and files take `GET`/`HEAD`; its actions
 * (`/ui/actions/<action>`) take `POST`; every one of them takes `OPTIONS`, answered with `Allow`
 * and a line saying what the path is for, and so does the server as a whole (`OPTIONS *`, RFC
 * 9110 9.3.7). The asterisk target with any other method is a 400 (RFC 9112 3.2.4 keeps it for
 * `OPTIONS`). A path that names nothing is a 404 whatever the method.
 */
import { SwfFault } from '../faults.js';
import { isUiPath } from '../ui/routes.js';
import { preview } from '../model/validate.js';
import { faultResponse } from './dispatch.js';

/** An answer of the front, ready to send. */
export interface FrontAnswer {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

const TEXT = 'text/plain; charset=utf-8';

/** What each path is for, to say in a 405. */
function purpose(path: string): string {
  if (path === '/') return 'SWF requests are POST / with X-Amz-Target; the web UI is GET /';
  if (path === '/health') return 'the health check is GET /health (or HEAD)';
  if (path.startsWith('/ui/actions/')) return "the web UI's actions are POST forms sent by its pages";
  return 'web UI pages and files are read with GET (or HEAD)';
}

/**
 * The methods `path` takes, in `Allow`'s order; `undefined` for a path that names nothing (the
 * request then gets the 404 of whatever serves it).
 */
export function allowedMethods(path: string): readonly string[] | undefined {
  if (path === '/') return ['GET', 'HEAD', 'OPTIONS', 'POST'];
  if (path === '/health') return ['GET', 'HEAD', 'OPTIONS'];
  if (path.startsWith('/ui/actions/') && path.length > '/ui/actions/'.length) return ['OPTIONS', 'POST'];
  return isUiPath(path) ? ['GET', 'HEAD', 'OPTIONS'] : undefined;
}

/** What the service as a whole takes, for `OPTIONS *`. */
const SERVICE_METHODS = 'GET, HEAD, OPTIONS, POST';
const SERVICE_PURPOSE =
  'This is the local SWF service. It takes SWF requests as POST / with X-Amz-Target (the AWS SDKs and CLI send them); ' +
  'the web UI is GET / and the pages under /ui/ (its actions are POST forms under /ui/actions/); ' +
  'the health check is GET /health. Every one of these paths answers OPTIONS with what it takes.';

/**
 * The answer to `OPTIONS` on `path` (`*`: the server as a whole): 200 with `Allow` and a line that
 * says what the path is for; `undefined` for a path that names nothing (its 404 follows).
 */
export function optionsAnswer(path: string): FrontAnswer | undefined {
  if (path === '*')
    return { statusCode: 200, headers: { 'content-type': TEXT, allow: SERVICE_METHODS }, body: `${SERVICE_PURPOSE}\n` };
  const allowed = allowedMethods(path);
  if (allowed === undefined) return undefined;
  const allow = allowed.join(', ');
  return {
    statusCode: 200,
    headers: { 'content-type': TEXT, allow },
    body: `${path.slice(0, 256)} takes ${allow}: ${purpose(path)}.\n`,
  };
}

/**
 * The 400 for the asterisk target (`*`) with a method other than `OPTIONS`: it names no resource
 * (RFC 9112 3.2.4 keeps it for `OPTIONS`).
 */
export function asteriskRefusal(method: string): FrontAnswer {
  return {
    statusCode: 400,
    headers: { 'content-type': TEXT },
    body:
      `${method.slice(0, 32)} * names no path: the asterisk target is only for OPTIONS (RFC 9112, 3.2.4). ` +
      'Send OPTIONS * to ask what the service takes, or name a path: SWF requests are POST / with X-Amz-Target; the web UI is GET /.\n',
  };
}

/** A request an SWF client sent: a `POST` naming an operation in `X-Amz-Target`. */
export interface SwfClientRequest {
  /** The request's `X-Amz-Target`, if any. */
  target: string | undefined;
  /** The service's URL, to show the endpoint to use. */
  url: string;
}

/**
 * The answer to an SWF request sent to `path` instead of `/` (an endpoint with a path): an SWF
 * fault the SDK reads and shows, with the HTTP status the path would get (404, or 405 with `Allow`).
 */
function wrongPath(path: string, swf: SwfClientRequest, statusCode: number, allow?: string): FrontAnswer {
  const shown = path.slice(0, 256);
  const { headers, body } = faultResponse(
    new SwfFault(
      'UnknownOperationException',
      `This SWF request (X-Amz-Target: ${preview(swf.target ?? '')}) was sent to ${shown}; the service takes SWF requests at POST / only. ` +
        `Set the client's endpoint to the service's address without a path: endpoint ${swf.url} (not ${swf.url}${shown}).`,
    ),
  );
  return { statusCode, headers: allow === undefined ? headers : { ...headers, allow }, body };
}

/**
 * The 404 for a path that names nothing, as an SWF fault when an SWF client sent it; `undefined`
 * for any other request (whatever serves the path answers its own 404).
 */
export function swfClientNotFound(method: string, path: string, swf: SwfClientRequest): FrontAnswer | undefined {
  if (method !== 'POST' || swf.target === undefined || path === '/' || allowedMethods(path) !== undefined)
    return undefined;
  return wrongPath(path, swf, 404);
}

/**
 * The 405 for `method` on `path` when the path does not take it, else `undefined`. `HEAD` is taken
 * wherever `GET` is. An SWF client's request (`swf.target` set, a `POST`) gets it as an SWF fault.
 */
export function methodRefusal(method: string, path: string, swf?: SwfClientRequest): FrontAnswer | undefined {
  const allowed = allowedMethods(path);
  if (allowed === undefined || allowed.includes(method)) return undefined;
  if (method === 'POST' && swf?.target !== undefined) return wrongPath(path, swf, 405, allowed.join(', '));
  return {
    statusCode: 405,
    headers: { 'content-type': TEXT, allow: allowed.join(', ') },
    body: `${method.slice(0, 32)} is not allowed on ${path.slice(0, 256)}: ${purpose(path)}. This path takes ${allowed.join(', ')}.\n`,
  };
}

/**
 * The 400 for an HTTP/1.1 request without `Host`: an SWF fault for `POST /`, else plain text. The
 * connection is closed after it, as `node:http` does.
 *
 * @param port - the port the request came to, to show the header to send
 */
export function missingHostRefusal(method: string, path: string, port: number | undefined): FrontAnswer {
  const example = `127.0.0.1${port === undefined ? '' : `:${port}`}`;
  const message =
    `This HTTP/1.1 request has no Host header, which HTTP/1.1 requires (RFC 9112, 3.2). Send Host: ${example} ` +
    '(or the name you reach the service by); HTTP clients and the AWS SDKs send it by themselves, so only a hand-made request lacks it.';
  if (method === 'POST' && path === '/') {
    const { statusCode, headers, body } = faultResponse(new SwfFault('SerializationException', message));
    return { statusCode, headers: { ...headers, connection: 'close' }, body };
  }
  return { statusCode: 400, headers: { 'content-type': TEXT, connection: 'close' }, body: `${message}\n` };
}
