/**
 * What the service answers a request `node:http` cannot parse. Node's own answer is an empty 400
 * (431 for a head too large) and a closed connection: nothing says what was wrong. This answers
 * the same status with a body that does (the method, the `Content-Length`, the size of the head,
 * bytes that are not HTTP/1.1), as plain text: the same for the same bytes however they were read
 * (an SDK never sends such a request, so no SWF fault is needed). The connection is then closed,
 * as Node closes it.
 */
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

/** A parse error as `node:http` reports it to `clientError` (llhttp's code, the bytes it had read). */
interface ParseError extends Error {
  code?: string;
}

/** What was wrong, by llhttp's code; anything else says what the parser said. */
const WHAT: Record<string, string> = {
  HPE_INVALID_METHOD: 'its method is not one HTTP defines (SWF requests are POST /, the web UI is GET)',
  HPE_INVALID_CONTENT_LENGTH: 'its Content-Length is not a number of bytes',
  HPE_UNEXPECTED_CONTENT_LENGTH: 'it has both a Content-Length and a Transfer-Encoding',
  HPE_INVALID_TRANSFER_ENCODING: 'its Transfer-Encoding is not one the service reads (chunked)',
  HPE_INVALID_CHUNK_SIZE: 'a chunk of its chunked body has a size that is not hexadecimal',
  HPE_INVALID_VERSION: 'its HTTP version is not HTTP/1.0 or HTTP/1.1',
  HPE_INVALID_HEADER_TOKEN: 'a header field name has a character that HTTP does not allow there',
  HPE_HEADER_OVERFLOW: 'its head (request line and header fields) is larger than 16 KiB',
  HPE_INVALID_URL: 'its request target is not a path',
  HPE_PAUSED_H2_UPGRADE:
    'it opens an HTTP/2 connection (the PRI * HTTP/2.0 preface), and the service speaks HTTP/1.1 only: send HTTP/1.1 (curl --http1.1; the AWS SDKs do by default)',
  HPE_INVALID_EOF_STATE:
    'the client ended the connection before the whole request arrived (a body shorter than its Content-Length?)',
};

/**
 * The whole answer (status line, fields, body, plain text) to a request that could not be read, by
 * llhttp's `code`. The lean front gives the same bytes for a request cut short by the client's FIN.
 */
export function clientErrorAnswer(code: string | undefined, parserMessage: string): string {
  const tooLarge = code === 'HPE_HEADER_OVERFLOW';
  const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
  const what = (code && WHAT[code]) ?? `it is not an HTTP request the service can read (${parserMessage})`;
  const message = `The service could not read this request: ${what}. Send a whole request (HTTP/1.1; ${code ?? 'parse error'}).`;
  const body = `${message}\n`;
  return `HTTP/1.1 ${status}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
}

/** Answers `clientError`s on `http` with a body that says what was wrong (see the module comment). */
export function answerClientErrors(http: Server): void {
  http.on('clientError', (err: ParseError, socket: Duplex) => {
    const inProgress = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (err.code === 'ECONNRESET' || !socket.writable || inProgress?.headersSent) {
      socket.destroy();
      return;
    }
    // Written, then the connection is destroyed once it is flushed (the server keeps half-open
    // connections, so ending our side alone would leave it open), as Node destroys it.
    socket.end(clientErrorAnswer(err.code, err.message), () => socket.destroy());
  });
}
