/**
 * The lean path's head reader: what it serves, what it leaves to `node:http`, and that the
 * fields it reads are the ones `node:http` puts in `req.headers` for the same bytes.
 */
import { type IncomingHttpHeaders, createServer } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_LEAN_HEAD_BYTES, parseLeanHead } from './lean-request-head.js';

const CAP = 1024 * 1024;
const SDK_HEAD =
  'POST / HTTP/1.1\r\n' +
  'content-type: application/x-amz-json-1.0\r\n' +
  'x-amz-target: SimpleWorkflowService.PollForDecisionTask\r\n' +
  'user-agent: aws-sdk-js/3.700.0 ua/2.1 os/linux#6.1 lang/js md/nodejs#20.20.2 api/swf#3.700.0 m/E\r\n' +
  'amz-sdk-request: attempt=1; max=3\r\n' +
  'x-amz-date: 20261203T035000Z\r\n' +
  'authorization: AWS4-HMAC-SHA256 Credential=AKID/20261203/us-east-1/swf/aws4_request, SignedHeaders=host;x-amz-date, Signature=3b7a\r\n' +
  'host: 127.0.0.1:8787\r\n' +
  'content-length: 2\r\n' +
  'Connection: keep-alive\r\n\r\n';

function parse(head: string, cap = CAP): ReturnType<typeof parseLeanHead> {
  const buf = Buffer.from(head, 'latin1');
  return parseLeanHead(buf, 0, buf.length, cap);
}

/** A head like the SDK's with one line added before the blank line. */
function withLine(line: string): string {
  return SDK_HEAD.replace(/\r\n\r\n$/, `\r\n${line}\r\n\r\n`);
}

describe('parseLeanHead', () => {
  it('serves the head the AWS SDK sends, with its body offset and length', () => {
    const verdict = parse(`${SDK_HEAD}{}`);
    expect(verdict).toEqual({
      headers: expect.objectContaining({
        'x-amz-target': 'SimpleWorkflowService.PollForDecisionTask',
        host: '127.0.0.1:8787',
        'content-length': '2',
        connection: 'keep-alive',
      }),
      bodyStart: SDK_HEAD.length,
      contentLength: 2,
    });
  });

  it('reads a head at an offset into the buffer (the second of two pipelined requests)', () => {
    const buf = Buffer.from(`${SDK_HEAD}{}${SDK_HEAD}{}`, 'latin1');
    const first = parseLeanHead(buf, 0, buf.length, CAP);
    if (typeof first === 'string') throw new Error(first);
    const second = parseLeanHead(buf, first.bodyStart + 2, buf.length, CAP);
    expect(second).toMatchObject({ bodyStart: 2 * SDK_HEAD.length + 2, contentLength: 2 });
  });

  it('is incomplete at every byte before the head ends, and never refuses a prefix of a served head', () => {
    const buf = Buffer.from(SDK_HEAD, 'latin1');
    for (let end = 0; end < buf.length; end++) expect(parseLeanHead(buf, 0, end, CAP)).toBe('incomplete');
    expect(typeof parseLeanHead(buf, 0, buf.length, CAP)).toBe('object');
  });

  it.each([
    ['a GET', 'GET / HTTP/1.1\r\nhost: x\r\n\r\n'],
    ['the web UI actions', 'POST /ui/actions/signal HTTP/1.1\r\nhost: x\r\ncontent-length: 0\r\n\r\n'],
    ['a query string', 'POST /?x=1 HTTP/1.1\r\nhost: x\r\ncontent-length: 0\r\n\r\n'],
    ['HTTP/1.0', 'POST / HTTP/1.0\r\nhost: x\r\ncontent-length: 0\r\n\r\n'],
    ['a lower-case method', 'post / HTTP/1.1\r\nhost: x\r\ncontent-length: 0\r\n\r\n'],
    ['an empty line first', '\r\nPOST / HTTP/1.1\r\nhost: x\r\ncontent-length: 0\r\n\r\n'],
  ])('leaves %s to node:http on its first bytes', (_name, head) => {
    const buf = Buffer.from(head, 'latin1');
    // refused as soon as a byte differs from `POST / HTTP/1.1\r\n`
    const differs = [...'POST / HTTP/1.1\r\n'].findIndex((c, i) => buf[i] !== c.charCodeAt(0));
    expect(parseLeanHead(buf, 0, differs + 1, CAP)).toBe('other');
  });

  it.each([
    ['chunked', 'transfer-encoding: chunked'],
    ['Transfer-Encoding with Content-Length', 'Transfer-Encoding: identity'],
    ['100-continue', 'Expect: 100-continue'],
    ['an upgrade', 'Upgrade: websocket'],
    ['Connection: close', 'Connection: close'],
    ['Connection: upgrade', 'connection: Upgrade'],
    ['a repeated field', 'x-amz-date: 20261203T035000Z'],
    ['a second Content-Length', 'Content-Length: 2'],
    ['a space before the colon', 'x-custom : 1'],
    ['a field name that is not a token', 'x(custom): 1'],
    ['an empty field name', ': 1'],
    ['a folded line', ' continued'],
    ['a control character in a value', 'x-custom: a\u0001b'],
    ['a DEL in a value', 'x-custom: a\u007fb'],
    ['a latin-1 byte in a value', 'x-custom: café'],
    ['a name of the object prototype', 'constructor: x'],
    ['__proto__', '__proto__: x'],
  ])('leaves a head with %s to node:http', (_name, line) => {
    const head = withLine(line);
    expect(parse(head)).toBe('other');
  });

  it.each([
    ['no Content-Length', SDK_HEAD.replace('content-length: 2\r\n', '')],
    ['no Host', SDK_HEAD.replace('host: 127.0.0.1:8787\r\n', '')],
    ['a Content-Length with a sign', SDK_HEAD.replace('content-length: 2', 'content-length: +2')],
    ['a Content-Length of ten digits', SDK_HEAD.replace('content-length: 2', 'content-length: 1000000000')],
    ['a Content-Length over the cap', SDK_HEAD.replace('content-length: 2', 'content-length: 1048577')],
    ['a bare LF ending a line', SDK_HEAD.replace('x-amz-date: 20261203T035000Z\r\n', 'x-amz-date: 20261203T035000Z\n')],
    ['a bare LF ending the head', SDK_HEAD.replace(/\r\n\r\n$/, '\r\n\n')],
    ['a bare CR inside a line', SDK_HEAD.replace('x-amz-date: 2026', 'x-amz-date: 20\r26')],
  ])('leaves a head with %s to node:http', (_name, head) => {
    expect(parse(head)).toBe('other');
  });

  it('takes a body up to the cap, not beyond', () => {
    expect(parse(SDK_HEAD.replace('content-length: 2', 'content-length: 100'), 100)).toMatchObject({
      contentLength: 100,
    });
    expect(parse(SDK_HEAD.replace('content-length: 2', 'content-length: 101'), 100)).toBe('other');
  });

  it('leaves a head longer than its limit to node:http, and one with too many fields', () => {
    const long = withLine(`x-long: ${'a'.repeat(MAX_LEAN_HEAD_BYTES)}`);
    expect(parse(long)).toBe('other');
    // also while it is still arriving: past the limit with no end in sight
    expect(parse(long.slice(0, MAX_LEAN_HEAD_BYTES + 10))).toBe('other');
    const many = withLine(Array.from({ length: 70 }, (_, i) => `x-f${i}: ${i}`).join('\r\n'));
    expect(parse(many)).toBe('other');
  });

  it('trims spaces and tabs around values, keeps those inside, and accepts an empty value', () => {
    const verdict = parse(withLine('x-custom: \t a \t b \t ') + '{}');
    if (typeof verdict === 'string') throw new Error(verdict);
    expect(verdict.headers['x-custom']).toBe('a \t b');
    const empty = parse(withLine('x-empty:') + '{}');
    if (typeof empty === 'string') throw new Error(empty);
    expect(empty.headers['x-empty']).toBe('');
  });
});

describe("the fields read are node:http's req.headers for the same bytes", () => {
  let port = 0;
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers);
    req.resume();
    req.on('end', () => res.end());
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  async function nodeHeaders(bytes: Buffer): Promise<IncomingHttpHeaders> {
    seen.length = 0;
    const socket = connect(port, '127.0.0.1');
    socket.end(bytes);
    await new Promise<void>((resolve) => socket.on('close', () => resolve()).resume());
    const [headers] = seen;
    if (!headers) throw new Error('node:http served nothing');
    return headers;
  }

  it.each([
    ['the SDK head', SDK_HEAD],
    ['mixed-case names and padded values', withLine('X-Custom-Name:  \tspaced value\t ')],
    ['an empty value', withLine('x-empty:')],
    ['tokens with punctuation', withLine("x-!#$%&'*+-.^_`|~: v")],
    ['Connection: Keep-Alive', SDK_HEAD.replace('Connection: keep-alive', 'Connection: Keep-Alive')],
  ])('%s', async (_name, head) => {
    const bytes = Buffer.concat([Buffer.from(head, 'latin1'), Buffer.from('{}')]);
    const verdict = parseLeanHead(bytes, 0, bytes.length, CAP);
    if (typeof verdict === 'string') throw new Error(verdict);
    expect({ ...verdict.headers }).toEqual({ ...(await nodeHeaders(bytes)) });
  });
});
