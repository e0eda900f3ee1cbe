/**
 * An answer's bytes as `node:http` writes them for `res.writeHead(status, headers)` then
 * `res.end(body)` on a kept-alive HTTP/1.1 connection: the status line with Node's reason phrase,
 * the given fields in their order and spelling, then `Date`, `Connection: keep-alive` and
 * `Keep-Alive: timeout=<s>`; without a `content-length` field, the body chunked
 * (`Transfer-Encoding: chunked`), as `writeHead` decides before the body is known. The head's
 * encoding follows Node's too: sent with a non-empty body it is written as UTF-8 (Node joins the
 * two strings), alone or before a chunk size as latin-1.
 * `lean-server.test.ts` holds these bytes to `node:http`'s own.
 */
import { STATUS_CODES } from 'node:http';

let dateText = '';
let dateUntil = 0;

/** The `Date` value, cached for the rest of the second as `node:http` caches it. */
function httpDate(): string {
  const now = Date.now();
  if (now >= dateUntil) {
    dateText = new Date(now).toUTCString();
    dateUntil = now - (now % 1000) + 1000;
  }
  return dateText;
}

/**
 * The bytes of one answer, ready for one `write`.
 *
 * @param keepAliveSeconds - announced in `Keep-Alive: timeout=` (Node floors its ms to seconds)
 */
export function responseBytes(
  statusCode: number,
  headers: Record<string, string>,
  body: string,
  keepAliveSeconds: number,
): Buffer {
  let head = `HTTP/1.1 ${statusCode} ${STATUS_CODES[statusCode] ?? 'unknown'}\r\n`;
  let sized = false;
  for (const name in headers) {
    head += `${name}: ${headers[name]}\r\n`;
    if (name.length === 14 && name.toLowerCase() === 'content-length') sized = true;
  }
  head += `Date: ${httpDate()}\r\nConnection: keep-alive\r\nKeep-Alive: timeout=${keepAliveSeconds}\r\n`;
  if (!sized) {
    head += 'Transfer-Encoding: chunked\r\n\r\n';
    const size = Buffer.byteLength(body);
    return Buffer.concat([
      Buffer.from(head, 'latin1'),
      Buffer.from(size === 0 ? '0\r\n\r\n' : `${size.toString(16)}\r\n${body}\r\n0\r\n\r\n`),
    ]);
  }
  head += '\r\n';
  // `end(body)` writes the head in the body's encoding (UTF-8) along with it; with no body, alone as latin-1.
  return body === '' ? Buffer.from(head, 'latin1') : Buffer.from(head + body);
}
