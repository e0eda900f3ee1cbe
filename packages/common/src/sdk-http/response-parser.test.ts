/**
 * The response parser, fed each answer whole and one byte at a time (every way a socket may split
 * it): framing by length, chunks and the connection's end, interim answers, headers combined as
 * `node:http` combines them, and malformed answers refused with a message and `node:http`'s code.
 */
import { describe, expect, it } from 'vitest';
import { ResponseParser, type ParsedResponse } from './response-parser.js';

const ORIGIN = 'http://127.0.0.1:1';

/** Parses `text` pushed in pieces of `size` bytes (whole when 0); `end` also ends the connection. */
function parse(text: string | Buffer, size = 0, end = false): ParsedResponse | undefined {
  const parser = new ResponseParser(ORIGIN);
  const bytes = typeof text === 'string' ? Buffer.from(text, 'latin1') : text;
  const step = size || bytes.length || 1;
  let result: ParsedResponse | undefined;
  for (let at = 0; at < bytes.length; at += step) {
    if (result) throw new Error(`bytes after a complete response at ${at}`);
    result = parser.push(Buffer.from(bytes.subarray(at, at + step)));
  }
  if (end && !result) result = parser.end();
  return result;
}

/** Both ways: whole and byte by byte give the same. */
function both(text: string, end = false): ParsedResponse | undefined {
  const whole = parse(text, 0, end);
  const bytewise = parse(text, 1, end);
  expect(bytewise && { ...bytewise, body: bytewise.body.toString('latin1') }).toEqual(
    whole && { ...whole, body: whole.body.toString('latin1') },
  );
  return whole;
}

describe('framing', () => {
  it('reads a body of Content-Length bytes', () => {
    const r = both(
      'HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.0\r\nContent-Length: 11\r\n\r\n{"a":"bcd"}',
    );
    expect(r).toMatchObject({ statusCode: 200, reason: 'OK', keepAlive: true });
    expect(r?.headers).toEqual({ 'content-type': 'application/x-amz-json-1.0', 'content-length': '11' });
    expect(r?.body.toString()).toBe('{"a":"bcd"}');
  });

  it('reads a chunked body with extensions and trailers', () => {
    const r = both(
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\n{"a"\r\nB \r\n:"0123456"}\r\n0\r\nX-Trailer: t\r\n\r\n',
    );
    expect(r?.body.toString()).toBe('{"a":"0123456"}');
    expect(r?.keepAlive).toBe(true);
  });

  it('reads a body to the connection end when nothing frames it, and does not keep the connection', () => {
    const parser = new ResponseParser(ORIGIN);
    expect(parser.push(Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nsome'))).toBeUndefined();
    expect(parser.push(Buffer.from(' text'))).toBeUndefined();
    const r = parser.end();
    expect(r.body.toString()).toBe('some text');
    expect(r.keepAlive).toBe(false);
  });

  it('reads no body for 204 and 304, and for Content-Length 0', () => {
    expect(both('HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n')?.body.length).toBe(0);
    expect(both('HTTP/1.1 304 Not Modified\r\nETag: "x"\r\n\r\n')?.body.length).toBe(0);
    expect(both('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n')?.body.length).toBe(0);
  });

  it('skips interim responses (100, 103) and reads the final one', () => {
    const r = both(
      'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\nHTTP/1.1 400 Bad Request\r\nContent-Length: 2\r\n\r\n{}',
    );
    expect(r).toMatchObject({ statusCode: 400, reason: 'Bad Request' });
    expect(r?.headers).toEqual({ 'content-length': '2' });
  });

  it('keeps the connection for HTTP/1.1 unless Connection: close, for HTTP/1.0 only with keep-alive', () => {
    expect(both('HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')?.keepAlive).toBe(false);
    expect(both('HTTP/1.1 200 OK\r\nConnection: Upgrade, Close\r\nContent-Length: 0\r\n\r\n')?.keepAlive).toBe(false);
    expect(both('HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n')?.keepAlive).toBe(false);
    expect(both('HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n')?.keepAlive).toBe(true);
  });

  it('reads the keep-alive hint', () => {
    expect(both('HTTP/1.1 200 OK\r\nKeep-Alive: timeout=65\r\nContent-Length: 0\r\n\r\n')?.keepAliveHintMs).toBe(
      65_000,
    );
  });

  it('does not keep a connection that sent more than the response', () => {
    const parser = new ResponseParser(ORIGIN);
    const r = parser.push(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}HTTP/1.1'));
    expect(r?.body.toString()).toBe('{}');
    expect(r?.keepAlive).toBe(false);
  });

  it('takes a status line without a reason', () => {
    expect(both('HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n')).toMatchObject({ statusCode: 200, reason: '' });
  });
});

describe('headers, as node:http gives them to the SDK', () => {
  it('lower-cases names, trims values, joins repeated ones and keeps the first of those Node does not join', () => {
    const r = both(
      'HTTP/1.1 200 OK\r\nX-Amzn-RequestId:  abc \t\r\nVary: a\r\nvary: b\r\nSet-Cookie: c=1\r\nSet-Cookie: d=2\r\n' +
        'Cookie: e\r\nCookie: f\r\nContent-Type: one\r\ncontent-type: two\r\nX-Empty:\r\nContent-Length: 0\r\n\r\n',
    );
    expect(r?.headers).toEqual({
      'x-amzn-requestid': 'abc',
      vary: 'a, b',
      'set-cookie': 'c=1,d=2',
      cookie: 'e; f',
      'content-type': 'one',
      'x-empty': '',
      'content-length': '0',
    });
  });

  it('reads latin-1 header values as node:http does', () => {
    const r = parse(
      Buffer.concat([
        Buffer.from('HTTP/1.1 200 OK\r\nX-Name: caf'),
        Buffer.from([0xe9]),
        Buffer.from('\r\nContent-Length: 0\r\n\r\n'),
      ]),
    );
    expect(r?.headers['x-name']).toBe('café');
  });
});

describe('malformed responses fail with what was wrong and node:http’s code', () => {
  const cases: [string, string, string, RegExp][] = [
    [
      'not HTTP',
      'SSH-2.0-OpenSSH\r\n\r\n',
      'HPE_INVALID_CONSTANT',
      /expected a status line like "HTTP\/1\.1 200 OK", got "SSH-2\.0-OpenSSH"/,
    ],
    ['HTTP/2 on the wire', 'HTTP/2.0 200 OK\r\n\r\n', 'HPE_INVALID_CONSTANT', /status line/],
    ['a status of two digits', 'HTTP/1.1 20 OK\r\n\r\n', 'HPE_INVALID_CONSTANT', /status line/],
    [
      'an unasked-for 101',
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: x\r\n\r\n',
      'HPE_INVALID_CONSTANT',
      /switches protocols/,
    ],
    [
      'a header line without a colon',
      'HTTP/1.1 200 OK\r\nBroken\r\n\r\n',
      'HPE_INVALID_HEADER_TOKEN',
      /"Broken" has no valid name/,
    ],
    ['a space before the colon', 'HTTP/1.1 200 OK\r\nName : v\r\n\r\n', 'HPE_INVALID_HEADER_TOKEN', /no valid name/],
    ['a folded header line', 'HTTP/1.1 200 OK\r\nA: b\r\n c\r\n\r\n', 'HPE_INVALID_HEADER_TOKEN', /no valid name/],
    ['a bare LF inside the head', 'HTTP/1.1 200 OK\nA: b\r\n\r\n', 'HPE_INVALID_CONSTANT', /status line/],
    // no CRLF CRLF ever comes: refused at the first bare LF, not waited for until a timeout
    ['lines ended by bare LFs only', 'HTTP/1.1 200 OK\nContent-Length: 2\n\n{}', 'HPE_INVALID_CONSTANT', /status line/],
    [
      'a header ended by a bare LF',
      'HTTP/1.1 200 OK\r\nA: b\nC: d\n\n',
      'HPE_INVALID_HEADER_TOKEN',
      /control character/,
    ],
    [
      'a control character in a value',
      'HTTP/1.1 200 OK\r\nA: b\x01c\r\n\r\n',
      'HPE_INVALID_HEADER_TOKEN',
      /header A holds a control character/,
    ],
    [
      'a Content-Length that is not a number',
      'HTTP/1.1 200 OK\r\nContent-Length: 12abc\r\n\r\n',
      'HPE_INVALID_CONTENT_LENGTH',
      /"12abc" is not a number/,
    ],
    [
      'two Content-Lengths',
      'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\n{}',
      'HPE_UNEXPECTED_CONTENT_LENGTH',
      /more than one/,
    ],
    [
      'Content-Length and Transfer-Encoding',
      'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n',
      'HPE_UNEXPECTED_CONTENT_LENGTH',
      /both/,
    ],
    [
      'a chunk size that is not hexadecimal',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
      'HPE_INVALID_CHUNK_SIZE',
      /"zz" is not hexadecimal/,
    ],
    [
      'chunk lines ended by bare LFs',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\n{}\n0\n\n',
      'HPE_CR_EXPECTED',
      /chunk line ends with a bare LF/,
    ],
    [
      'a chunk without its CRLF',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}xx\r\n',
      'HPE_STRICT',
      /does not end with CRLF/,
    ],
  ];
  for (const [name, text, code, message] of cases) {
    it(name, () => {
      for (const size of [0, 1]) {
        let error: unknown;
        try {
          parse(text, size);
        } catch (e) {
          error = e;
        }
        expect(error, `pushed ${size ? 'byte by byte' : 'whole'}`).toMatchObject({ code });
        expect((error as Error).message).toMatch(message);
        expect((error as Error).message).toContain(`The HTTP response from ${ORIGIN} is malformed`);
      }
    });
  }

  it('a header section larger than node:http takes', () => {
    const big = 'HTTP/1.1 200 OK\r\nX-Big: ' + 'a'.repeat(17 * 1024);
    expect(() => parse(big)).toThrow(expect.objectContaining({ code: 'HPE_HEADER_OVERFLOW' }));
    expect(() => parse(big + '\r\n\r\n')).toThrow(expect.objectContaining({ code: 'HPE_HEADER_OVERFLOW' }));
  });
});

describe('the connection ending early', () => {
  it('before any byte: a socket hang up (ECONNRESET)', () => {
    const parser = new ResponseParser(ORIGIN);
    expect(() => parser.end()).toThrow(
      expect.objectContaining({ code: 'ECONNRESET', message: expect.stringMatching(/^socket hang up/) }),
    );
  });

  it('in the middle of the headers', () => {
    const parser = new ResponseParser(ORIGIN);
    parser.push(Buffer.from('HTTP/1.1 200 OK\r\nContent-Le'));
    expect(() => parser.end()).toThrow(expect.objectContaining({ code: 'HPE_INVALID_EOF_STATE' }));
  });

  it('in the middle of a framed body: aborted (ECONNRESET)', () => {
    for (const head of ['Content-Length: 10\r\n\r\n{"a"', 'Transfer-Encoding: chunked\r\n\r\n5\r\n{"a"']) {
      const parser = new ResponseParser(ORIGIN);
      expect(parser.push(Buffer.from(`HTTP/1.1 200 OK\r\n${head}`))).toBeUndefined();
      expect(() => parser.end()).toThrow(
        expect.objectContaining({ code: 'ECONNRESET', message: expect.stringMatching(/^aborted/) }),
      );
    }
  });
});
