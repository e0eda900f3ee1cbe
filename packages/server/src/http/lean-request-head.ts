/**
 * The request heads the lean HTTP/1.1 path serves itself: exactly `POST / HTTP/1.1`, every line
 * ended by CRLF, field names that are tokens, values of visible ASCII, spaces and tabs only, no name
 * twice, a `Content-Length` of digits, a `Host`, and no `Transfer-Encoding`, `Expect`, `Upgrade` or
 * `Connection` other than `keep-alive`. For such a head `node:http` builds `req.headers` as a plain
 * map of lower-case names to values trimmed of spaces and tabs, and answers with a kept-alive
 * connection; this module builds the same map. Anything else, however legal, is `'other'`: the
 * connection goes to `node:http`, which then decides as it always did (a GET, a chunked body, a
 * 100-continue, an HTTP/1.0 client, an odd or oversized head, a malformed one).
 */

/** A head the lean path serves: its fields, where its body starts, and how long that is. */
export interface LeanHead {
  /** Field values by lower-case name, trimmed of spaces and tabs, as `req.headers` holds them. */
  headers: Record<string, string>;
  /** Offset of the body's first byte in the buffer parsed. */
  bodyStart: number;
  /** The body's length (`Content-Length`). */
  contentLength: number;
}

/** What a buffer holds at an offset: a lean head, too little to tell yet, or anything else. */
export type HeadVerdict = LeanHead | 'incomplete' | 'other';

/** The only request line served: method, target and version exact. */
const REQUEST_LINE = Buffer.from('POST / HTTP/1.1\r\n', 'latin1');

/** The longest head served; longer ones go to `node:http` (its own limit is 16 KiB). */
export const MAX_LEAN_HEAD_BYTES = 8 * 1024;

/** The most fields in a head served (`node:http` keeps 2,000 and drops the rest). */
const MAX_FIELDS = 64;

/** 1: a token character (RFC 9110), 0: not. */
const TOKEN_CHARS = new Uint8Array(256);
for (const c of "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") {
  TOKEN_CHARS[c.charCodeAt(0)] = 1;
}

const CR = 13;
const LF = 10;
const SP = 32;
const HTAB = 9;
const COLON = 58;

/**
 * Reads the head starting at `start` in `buf` (bytes `start` to `end`). Refuses as soon as the
 * bytes cannot begin a served head, so a GET goes to `node:http` on its first bytes.
 *
 * @param maxBodyBytes - a longer `Content-Length` is `'other'` (`node:http`'s path answers 413)
 */
export function parseLeanHead(buf: Buffer, start: number, end: number, maxBodyBytes: number): HeadVerdict {
  const have = end - start;
  const lineBytes = Math.min(have, REQUEST_LINE.length);
  for (let i = 0; i < lineBytes; i++) if (buf[start + i] !== REQUEST_LINE[i]) return 'other';
  if (have < REQUEST_LINE.length) return 'incomplete';
  const limit = Math.min(end, start + MAX_LEAN_HEAD_BYTES);
  const headers: Record<string, string> = {};
  let fields = 0;
  let contentLength = -1;
  let pos = start + REQUEST_LINE.length;
  for (;;) {
    const lf = buf.indexOf(LF, pos);
    if (lf === -1 || lf >= limit) return end - start >= MAX_LEAN_HEAD_BYTES ? 'other' : 'incomplete';
    if (lf === pos || buf[lf - 1] !== CR) return 'other'; // a bare LF
    if (lf === pos + 1) {
      // the empty line: the head is whole
      if (contentLength === -1 || headers.host === undefined) return 'other';
      return { headers, bodyStart: lf + 1, contentLength };
    }
    if (++fields > MAX_FIELDS) return 'other';
    // name: one or more token characters, then the colon (no space before it)
    let colon = pos;
    while (colon < lf && TOKEN_CHARS[buf[colon] as number] === 1) colon++;
    if (colon === pos || buf[colon] !== COLON) return 'other';
    // value: visible ASCII, spaces and tabs; trimmed of spaces and tabs at both ends
    let from = colon + 1;
    let to = lf - 1;
    for (let i = from; i < to; i++) {
      const c = buf[i] as number;
      if ((c < SP && c !== HTAB) || c > 126) return 'other';
    }
    while (from < to && (buf[from] === SP || buf[from] === HTAB)) from++;
    while (to > from && (buf[to - 1] === SP || buf[to - 1] === HTAB)) to--;
    const name = buf.toString('latin1', pos, colon).toLowerCase();
    const value = buf.toString('latin1', from, to);
    if (headers[name] !== undefined || !servedField(name, value)) return 'other';
    if (name === 'content-length') {
      if (!/^[0-9]{1,9}$/.test(value)) return 'other';
      contentLength = Number(value);
      if (contentLength > maxBodyBytes) return 'other';
    }
    headers[name] = value;
    pos = lf + 1;
  }
}

/** Whether a field leaves the request in the served subset (`name` lower case). */
function servedField(name: string, value: string): boolean {
  switch (name) {
    case 'transfer-encoding':
    case 'expect':
    case 'upgrade':
    case '__proto__':
      return false;
    case 'connection':
      return value.toLowerCase() === 'keep-alive';
    default:
      return true;
  }
}
