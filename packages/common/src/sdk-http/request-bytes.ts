/**
 * The bytes an SDK `HttpRequest` becomes on the wire, built in one buffer: what `node:http`'s
 * client writes for the request the SDK's `NodeHttpHandler` makes of it (the request line, the
 * request's headers in their order and spelling, `Connection: keep-alive` as a keep-alive agent
 * adds it, the blank line, the body; the head in UTF-8 when the body is a non-empty string, which
 * Node writes in one string with the head, else in latin-1). {@link requestBytes} builds them only for the requests whose
 * bytes it knows to be Node's: anything else (a query, a fragment, credentials in the URL, a body
 * that is a stream, `Expect`, a header Node would add, change, reject or write in two lines) gets
 * `undefined`, and the caller hands that request to the SDK's own handler, so it is sent, or
 * refused, exactly as before.
 */

import { INVALID_VALUE, TOKEN, lowerName } from './tokens.js';

/** The parts of the SDK's `HttpRequest` read here. */
export interface WireRequest {
  method: string;
  protocol?: string;
  hostname?: string;
  port?: number;
  path?: string;
  query?: Record<string, unknown>;
  fragment?: string;
  username?: string;
  password?: string;
  headers: Record<string, unknown>;
  body?: unknown;
}

/** `node:http`'s test of a path's characters. */
const INVALID_PATH = /[^\u0021-\u00ff]/;
/** Headers whose presence makes `node:http` write, or the SDK's handler do, something else. */
const HANDED_ON = new Set(['connection', 'expect', 'transfer-encoding', 'trailer', 'content-disposition']);

/**
 * The request's bytes as `node:http` writes them for the SDK's `NodeHttpHandler` on a keep-alive
 * agent, or `undefined` when the request is one this does not build (see the module's comment).
 *
 * @example
 * ```ts
 * const bytes = requestBytes(request); // a Buffer to write on a kept-alive socket, or undefined
 * ```
 */
export function requestBytes(request: WireRequest): Buffer | undefined {
  const { method, path, headers, body } = request;
  if (typeof method !== 'string' || !TOKEN.test(method)) return undefined;
  const verb = method.toUpperCase();
  if (verb === 'HEAD' || verb === 'CONNECT') return undefined;
  if (typeof path !== 'string' || path[0] !== '/' || INVALID_PATH.test(path)) return undefined;
  if (request.fragment || request.username != null || request.password != null) return undefined;
  if (request.query) for (const _ in request.query) return undefined;

  let bodyLength = 0;
  if (typeof body === 'string') bodyLength = Buffer.byteLength(body);
  else if (body instanceof Uint8Array) bodyLength = body.byteLength;
  else if (body !== undefined && body !== null) return undefined;

  let head = verb + ' ' + path + ' HTTP/1.1\r\n';
  let host = false;
  let length: string | undefined;
  let seen: Set<string> | undefined; // only when a name is not in lower case: then two may collide
  for (const name in headers) {
    if (!Object.prototype.hasOwnProperty.call(headers, name)) continue;
    const value = headers[name];
    if (typeof value !== 'string' || INVALID_VALUE.test(value)) return undefined;
    const lower = lowerName(name);
    if (lower === undefined || HANDED_ON.has(lower)) return undefined;
    if (lower !== name || seen) {
      seen ??= new Set(Object.keys(headers).filter((n) => n === n.toLowerCase()));
      if (lower !== name && seen.has(lower)) return undefined;
      seen.add(lower);
    }
    if (lower === 'host') host = true;
    else if (lower === 'content-length') length = value;
    head += name + ': ' + value + '\r\n';
  }
  // Node adds a Host header after the others when there is none, and a Content-Length of its own
  // count when there is none; with a length that is not the body's it sends what it is told: all
  // of these stay the SDK handler's.
  if (!host || length !== String(bodyLength)) return undefined;
  head += 'Connection: keep-alive\r\n\r\n';

  // Node writes the head in one string with a string body (UTF-8, as the body), else as latin-1
  if (typeof body === 'string' && body.length > 0) return Buffer.from(head + body);
  const headLength = head.length; // latin-1: one byte per character (all are ≤ \u00ff, tested above)
  const bytes = Buffer.allocUnsafe(headLength + bodyLength);
  bytes.write(head, 0, headLength, 'latin1');
  if (body instanceof Uint8Array) bytes.set(body, headLength);
  return bytes;
}
