/**
 * What the HTTP front answers a request it will not serve before any of it runs: an HTTP/1.1
 * request without `Host` (400: RFC 9112, 3.2 has a server refuse it), a method the path does not
 * take (405, with `Allow` listing those it does: RFC 9110, 15.5.6). Each answer says what was wrong
 * and what to do, in the shape of the front's other refusals (the `Host` check's): an SWF fault,
 * JSON, where an SWF client would read it (`POST /`), plain text everywhere else.
 *
 * The paths served and their methods: `/` takes `POST` (the SWF API) and `GET`/`HEAD` (the web UI's
 * home page); `/health` and the web UI's pages and files take `GET`/`HEAD`; its actions
 * (`/ui/actions/<action>`) take `POST`. A path that names nothing is a 404 whatever the method.
 */
import { SwfFault } from '../faults.js';
import { isUiPath } from '../ui/routes.js';
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
  if (path === '/') return ['GET', 'HEAD', 'POST'];
  if (path === '/health') return ['GET', 'HEAD'];
  if (path.startsWith('/ui/actions/') && path.length > '/ui/actions/'.length) return ['POST'];
  return isUiPath(path) ? ['GET', 'HEAD'] : undefined;
}

/**
 * The 405 for `method` on `path` when the path does not take it, else `undefined`. `HEAD` is taken
 * wherever `GET` is.
 */
export function methodRefusal(method: string, path: string): FrontAnswer | undefined {
  const allowed = allowedMethods(path);
  if (allowed === undefined || allowed.includes(method)) return undefined;
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
