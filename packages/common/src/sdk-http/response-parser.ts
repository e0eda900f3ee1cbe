/**
 * An HTTP/1.1 response, read from a socket's bytes as they come: the status line, the headers
 * (names lower-cased and repeated fields combined the way `node:http`'s `IncomingMessage.headers`
 * does, then joined as the SDK's `NodeHttpHandler` joins them), and the body framed by
 * `Content-Length`, chunked transfer coding, or the connection's end. Interim (1xx) responses are
 * skipped; `204` and `304` have no body. What is not a well-formed HTTP/1.x response fails with an
 * error naming what was wrong, carrying the code `node:http` gives the same fault (`HPE_*`).
 */
import { INVALID_VALUE, lowerName } from './tokens.js';

/** A complete response. */
export interface ParsedResponse {
  statusCode: number;
  reason: string;
  headers: Record<string, string>;
  body: Buffer;
  /** Whether the connection may carry another request (HTTP/1.1 without `Connection: close`, a framed body). */
  keepAlive: boolean;
  /** The server's `Keep-Alive: timeout=N`, in ms, when it gave one. */
  keepAliveHintMs?: number;
}

/** What {@link ResponseParser.push} found: a complete response, or nothing yet. */
export type ParseResult = ParsedResponse | undefined;

/** `node:http`'s limit on a response's header section (its default `maxHeaderSize`). */
export const MAX_HEAD_BYTES = 16 * 1024;

const STATUS_LINE = /^HTTP\/1\.([01]) ([0-9]{3})(?: ([^\r\n]*))?$/;
const CRLF = Buffer.from('\r\n');
const HEAD_END = Buffer.from('\r\n\r\n');
/** Fields `node:http` keeps the first of when a response repeats them. */
const FIRST_WINS = new Set([
  'age',
  'authorization',
  'content-length',
  'content-type',
  'etag',
  'expires',
  'from',
  'host',
  'if-modified-since',
  'if-unmodified-since',
  'last-modified',
  'location',
  'max-forwards',
  'proxy-authorization',
  'referer',
  'retry-after',
  'server',
  'user-agent',
]);

/** An error reading a response, with the code `node:http`'s parser gives the same fault. */
export function responseError(code: string, message: string): Error & { code: string } {
  return Object.assign(new Error(message), { code });
}

function printable(text: string): string {
  const shown = text.length > 60 ? text.slice(0, 60) + '…' : text;
  return JSON.stringify(shown);
}

const enum Framing {
  None,
  Length,
  Chunked,
  UntilClose,
}

const enum Chunk {
  Size,
  Data,
  DataEnd,
  Trailers,
}

/** Reads one response at a time from a connection's bytes; {@link reset} before the next request. */
export class ResponseParser {
  /** Bytes received and not yet consumed (a head, a chunk-size line, trailers being read). */
  private pending: Buffer | undefined;
  private head: Omit<ParsedResponse, 'body'> | undefined;
  private framing = Framing.None;
  private remaining = 0;
  private chunk = Chunk.Size;
  private parts: Buffer[] = [];
  private bodyLength = 0;
  /** Whether any byte of this response has arrived. */
  received = false;

  /** Where the response comes from, for messages. */
  constructor(private readonly origin: string) {}

  /** Forgets the previous response (call before each request). */
  reset(): void {
    this.pending = undefined;
    this.head = undefined;
    this.framing = Framing.None;
    this.parts = [];
    this.bodyLength = 0;
    this.received = false;
  }

  /**
   * Takes the next bytes; returns the response when they complete it. Bytes after a complete
   * response are a protocol fault (nothing was asked for them): the response is returned with
   * `keepAlive: false`.
   */
  push(chunk: Buffer): ParseResult {
    this.received = true;
    let data = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = undefined;
    for (;;) {
      if (!this.head) {
        const end = data.indexOf(HEAD_END);
        if (end < 0) {
          if (data.length > MAX_HEAD_BYTES) throw this.fault('HPE_HEADER_OVERFLOW', 'its header section is too large');
          // a line ended by a bare LF never ends the head: fail now, as node:http does, not at a timeout
          if (hasBareLf(data)) {
            this.readHead(data.toString('latin1')); // throws what the line with the LF holds wrong
            throw this.fault('HPE_CR_EXPECTED', 'a line ends with a bare LF, not CRLF');
          }
          this.pending = data;
          return undefined;
        }
        if (end > MAX_HEAD_BYTES) throw this.fault('HPE_HEADER_OVERFLOW', 'its header section is too large');
        const head = this.readHead(data.toString('latin1', 0, end));
        data = data.subarray(end + 4);
        if (head === undefined) continue; // an interim response: the real one follows
        this.head = head;
        if (this.framing === Framing.None) return this.complete(data);
      }
      switch (this.framing) {
        case Framing.Length: {
          if (data.length < this.remaining) {
            this.take(data);
            this.remaining -= data.length;
            return undefined;
          }
          this.take(data.subarray(0, this.remaining));
          return this.complete(data.subarray(this.remaining));
        }
        case Framing.UntilClose:
          this.take(data);
          return undefined;
        case Framing.Chunked: {
          const rest = this.readChunks(data);
          if (rest === undefined) return undefined;
          return this.complete(rest);
        }
        default:
          return this.complete(data);
      }
    }
  }

  /** The connection ended: the response if its body ran to the end, else the error. */
  end(): ParsedResponse {
    if (this.head && this.framing === Framing.UntilClose) return this.complete(Buffer.alloc(0));
    if (!this.received) {
      // what node:http says of a connection closed before any byte of a response
      throw responseError(
        'ECONNRESET',
        `socket hang up: ${this.origin} closed the connection before answering (a kept-alive connection the server had just closed, or a server that stopped)`,
      );
    }
    if (!this.head) throw this.fault('HPE_INVALID_EOF_STATE', 'the connection closed in the middle of its headers');
    throw responseError(
      'ECONNRESET',
      `aborted: the connection to ${this.origin} closed in the middle of the response body`,
    );
  }

  private fault(code: string, what: string): Error & { code: string } {
    return responseError(code, `The HTTP response from ${this.origin} is malformed: ${what}.`);
  }

  private take(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.parts.push(bytes);
    this.bodyLength += bytes.length;
  }

  private complete(rest: Buffer): ParsedResponse {
    const head = this.head as Omit<ParsedResponse, 'body'>;
    const parts = this.parts;
    const body = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, this.bodyLength);
    const keepAlive = head.keepAlive && rest.length === 0;
    this.reset();
    return { ...head, keepAlive, body };
  }

  /** Reads a head; `undefined` for an interim (1xx) response. */
  private readHead(text: string): Omit<ParsedResponse, 'body'> | undefined {
    const lines = text.split('\r\n');
    const status = STATUS_LINE.exec(lines[0] as string);
    if (!status) {
      throw this.fault(
        'HPE_INVALID_CONSTANT',
        `expected a status line like "HTTP/1.1 200 OK", got ${printable(lines[0] as string)}`,
      );
    }
    const statusCode = Number(status[2]);
    if (statusCode === 101)
      throw this.fault('HPE_INVALID_CONSTANT', 'it switches protocols (101), which no request asked for');
    const headers: Record<string, string> = {};
    let lengths = 0;
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i] as string;
      const colon = line.indexOf(':');
      const name = colon > 0 ? line.slice(0, colon) : '';
      const lower = lowerName(name);
      if (lower === undefined) {
        throw this.fault('HPE_INVALID_HEADER_TOKEN', `the header line ${printable(line)} has no valid name`);
      }
      const value = trimmed(line.slice(colon + 1));
      if (INVALID_VALUE.test(value)) {
        throw this.fault('HPE_INVALID_HEADER_TOKEN', `the header ${name} holds a control character`);
      }
      if (lower === 'content-length') lengths++;
      addHeader(headers, lower, value);
    }
    if (statusCode < 200) return undefined;

    const http11 = status[1] === '1';
    const connection = (headers['connection'] ?? '').toLowerCase();
    let keepAlive = http11
      ? !/(?:^|,)\s*close\s*(?:,|$)/.test(connection)
      : /(?:^|,)\s*keep-alive\s*(?:,|$)/.test(connection);
    const te = headers['transfer-encoding'];
    const length = headers['content-length'];
    if (lengths > 1) throw this.fault('HPE_UNEXPECTED_CONTENT_LENGTH', 'it has more than one Content-Length');
    if (te !== undefined && length !== undefined) {
      throw this.fault('HPE_UNEXPECTED_CONTENT_LENGTH', 'it has both Content-Length and Transfer-Encoding');
    }
    if (statusCode === 204 || statusCode === 304) {
      this.framing = Framing.None;
    } else if (te !== undefined) {
      const last = te.split(',').pop()?.trim().toLowerCase();
      if (last === 'chunked') {
        this.framing = Framing.Chunked;
        this.chunk = Chunk.Size;
      } else {
        this.framing = Framing.UntilClose;
        keepAlive = false;
      }
    } else if (length !== undefined) {
      if (!/^[0-9]{1,15}$/.test(length))
        throw this.fault('HPE_INVALID_CONTENT_LENGTH', `its Content-Length ${printable(length)} is not a number`);
      this.remaining = Number(length);
      this.framing = this.remaining > 0 ? Framing.Length : Framing.None;
    } else {
      this.framing = Framing.UntilClose;
      keepAlive = false;
    }
    const hint = /^timeout=(\d+)/.exec(headers['keep-alive'] ?? '')?.[1];
    return {
      statusCode,
      reason: status[3] ?? '',
      headers,
      keepAlive,
      ...(hint !== undefined ? { keepAliveHintMs: Number(hint) * 1000 } : {}),
    };
  }

  /** Reads chunked body bytes; returns the bytes after the last chunk's trailers, or `undefined` for more. */
  private readChunks(data: Buffer): Buffer | undefined {
    let at = 0;
    while (at <= data.length) {
      if (this.chunk === Chunk.Data) {
        const available = data.length - at;
        if (available < this.remaining) {
          this.take(data.subarray(at));
          this.remaining -= available;
          return undefined;
        }
        this.take(data.subarray(at, at + this.remaining));
        at += this.remaining;
        this.chunk = Chunk.DataEnd;
        continue;
      }
      const eol = data.indexOf(CRLF, at);
      if (eol < 0) {
        if (data.length - at > MAX_HEAD_BYTES)
          throw this.fault('HPE_HEADER_OVERFLOW', 'a chunk line or trailer is too large');
        // with no CRLF after it, an LF ends a line without its CR: fail now, not at a timeout
        if (data.indexOf(10, at) >= 0)
          throw this.fault('HPE_CR_EXPECTED', 'a chunk line ends with a bare LF, not CRLF');
        this.pending = data.subarray(at);
        return undefined;
      }
      const line = data.toString('latin1', at, eol);
      at = eol + 2;
      if (this.chunk === Chunk.DataEnd) {
        if (line !== '') throw this.fault('HPE_STRICT', 'a chunk does not end with CRLF');
        this.chunk = Chunk.Size;
      } else if (this.chunk === Chunk.Size) {
        const size = /^([0-9a-fA-F]{1,12})[ \t]*(?:;.*)?$/.exec(line);
        if (!size) throw this.fault('HPE_INVALID_CHUNK_SIZE', `the chunk size ${printable(line)} is not hexadecimal`);
        this.remaining = parseInt(size[1] as string, 16);
        this.chunk = this.remaining === 0 ? Chunk.Trailers : Chunk.Data;
      } else if (line === '') {
        return data.subarray(at); // the end of the trailers: the body is complete
      }
    }
    return undefined;
  }
}

/** Whether `data` holds an LF that no CR precedes. */
function hasBareLf(data: Buffer): boolean {
  for (let at = data.indexOf(10); at >= 0; at = data.indexOf(10, at + 1)) if (data[at - 1] !== 13) return true;
  return false;
}

/** The value without the spaces and tabs around it. */
function trimmed(value: string): string {
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(value.length - 1);
  if (first !== 32 && first !== 9 && last !== 32 && last !== 9) return value;
  return value.replace(/^[ \t]+|[ \t]+$/g, '');
}

/** Adds a field as `node:http` does to `IncomingMessage.headers`, joined as the SDK joins arrays. */
function addHeader(headers: Record<string, string>, name: string, value: string): void {
  const known = headers[name];
  if (known === undefined) headers[name] = value;
  else if (name === 'set-cookie') headers[name] = known + ',' + value;
  else if (name === 'cookie') headers[name] = known + '; ' + value;
  else if (!FIRST_WINS.has(name)) headers[name] = known + ', ' + value;
}
