/**
 * The requests `node:http` parses but never hands to the service's listener, and answers itself
 * with nothing that says what was wrong: `CONNECT` (with no `connect` listener Node destroys the
 * connection without a word) and an `Expect` other than `100-continue` (Node's answer is an empty
 * 417). Both get their status with a plain-text body saying what was wrong and what to do; after a
 * `CONNECT` the connection is closed, as it is no longer an HTTP connection Node reads.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { preview } from '../model/validate.js';

const TEXT = 'text/plain; charset=utf-8';

/** The whole answer (status line, fields, body) to a `CONNECT` to `target`; `url` is the service's. */
export function connectAnswer(target: string, url: string): string {
  const body =
    `CONNECT ${preview(target)} asks for a tunnel, and this is the local SWF service, not a proxy: it opens no tunnels. ` +
    `A client that sends CONNECT here has the service's address set as its proxy (HTTPS_PROXY, HTTP_PROXY or a proxy option): ` +
    `set it as the client's endpoint instead (endpoint ${url}), and leave the proxy settings for the hosts that need one.\n`;
  return (
    'HTTP/1.1 405 Method Not Allowed\r\n' +
    `Content-Type: ${TEXT}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
  );
}

/** The body of the 417 for an `Expect` the service does not meet. */
export function expectationRefusal(expect: string): string {
  return (
    `Expect: ${preview(expect)} is not an expectation the service meets; the only one HTTP/1.1 defines is 100-continue ` +
    '(RFC 9110, 10.1.1). Send the request without this Expect field, or with Expect: 100-continue.\n'
  );
}

/**
 * Answers `CONNECT` and unknown expectations on `http` with a body that says what was wrong (see
 * the module comment).
 *
 * @param url - the service's URL, shown as the endpoint to use
 */
export function answerUnservedRequests(http: Server, url: () => string): void {
  http.on('connect', (req: IncomingMessage, socket: Duplex) => {
    socket.on('error', () => {});
    // Written, then destroyed once flushed (the server keeps half-open connections: `end` alone would leave it open).
    if (socket.writable) socket.end(connectAnswer(req.url ?? '', url()), () => socket.destroy());
    else socket.destroy();
  });
  http.on('checkExpectation', (req: IncomingMessage, res: ServerResponse) => {
    const body = expectationRefusal(req.headers.expect ?? '');
    res.writeHead(417, { 'content-type': TEXT, 'content-length': String(Buffer.byteLength(body)) });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
}
