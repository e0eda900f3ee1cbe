/**
 * The lean handler writes the bytes the SDK's `NodeHttpHandler` writes, byte for byte: the same
 * request objects (one a real client signed, and variations of it) go to both handlers, each
 * talking to a raw TCP server that records what arrives, on a fresh and on a kept-alive
 * connection. Requests the lean handler does not build itself go to the SDK's handler and arrive
 * as the SDK sends them.
 */
import { PollForDecisionTaskCommand, SWFClient } from '@aws-sdk/client-swf';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturingHandler } from '../sdk-test-support.js';
import { LeanHttpHandler, type SdkNodeHttpHandler } from './handler.js';
import { rawServer, type RawServer } from './raw-server.js';
import { requestBytes, type WireRequest } from './request-bytes.js';

const credentials = { accessKeyId: 'AKID', secretAccessKey: 'secret' };
const OK = 'HTTP/1.1 200 OK\r\ncontent-type: application/x-amz-json-1.0\r\ncontent-length: 2\r\n\r\n{}';

/** The SDK's own handler, as a client with no `requestHandler` option builds it. */
function sdkHandler(): SdkNodeHttpHandler {
  return new SWFClient({ region: 'us-east-1', credentials }).config.requestHandler as unknown as SdkNodeHttpHandler;
}

let server: RawServer;
let signed: WireRequest;
const handlers: { destroy(): void }[] = [];

beforeAll(async () => {
  server = await rawServer();
  // a request exactly as a client hands it to its handler: signed, every header the SDK adds
  const capture = capturingHandler(() => ({ statusCode: 200, body: '{}' }));
  const client = new SWFClient({
    region: 'us-east-1',
    credentials,
    endpoint: `http://127.0.0.1:${server.port}`,
    requestHandler: capture.handler,
  });
  await client.send(new PollForDecisionTaskCommand({ domain: 'd', taskList: { name: 'tl' }, identity: 'ïdentity' }));
  const seen = capture.seen[0];
  if (!seen) throw new Error('no request captured');
  // the capture keeps the stock client's body bytes as latin-1; swf-flow's serializer hands a string
  signed = { ...seen, query: {}, port: server.port, body: Buffer.from(seen.body, 'latin1').toString('utf8') };
});

afterAll(async () => {
  for (const h of handlers) h.destroy();
  await server.close();
});

/** The bytes `count` requests made by `handler` put on one connection of the raw server. */
async function bytesOf(
  handler: { handle(r: WireRequest): Promise<unknown> },
  requests: WireRequest[],
): Promise<Buffer> {
  const connection = server.nextConnection();
  let conn: Awaited<typeof connection> | undefined;
  for (const request of requests) {
    const answered = handler.handle(request);
    conn ??= await connection;
    await conn.nextRequest();
    conn.socket.write(OK);
    const { response } = (await answered) as { response: { body: unknown } };
    // read the SDK's streamed body so its socket goes back to the agent's pool
    const body = response.body as Readable | Uint8Array;
    if (body instanceof Readable) for await (const _ of body);
  }
  return (conn as NonNullable<typeof conn>).received();
}

const variations: [string, (r: WireRequest) => WireRequest][] = [
  ['a signed PollForDecisionTask as the client built it', (r) => r],
  ['the body as bytes', (r) => ({ ...r, body: Buffer.from(r.body as string) })],
  [
    'the body as a Uint8Array view into a larger buffer',
    (r) => ({
      ...r,
      body: new Uint8Array(Buffer.from(`xx${r.body as string}yy`).buffer).subarray(
        2,
        2 + Buffer.byteLength(r.body as string),
      ),
    }),
  ],
  [
    'a body with multi-byte characters',
    (r) => ({
      ...r,
      body: '{"identity":"ïdéntïty ✓ 𝄞"}',
      headers: { ...r.headers, 'content-length': String(Buffer.byteLength('{"identity":"ïdéntïty ✓ 𝄞"}')) },
    }),
  ],
  [
    'no body and content-length 0',
    (r) => ({ ...r, body: undefined, headers: { ...r.headers, 'content-length': '0' } }),
  ],
  ['an empty string body', (r) => ({ ...r, body: '', headers: { ...r.headers, 'content-length': '0' } })],
  ['a header value with latin-1 characters', (r) => ({ ...r, headers: { ...r.headers, 'x-custom': 'café\tau lait' } })],
  [
    'a header value with latin-1 characters and the body as bytes (Node writes the head as latin-1)',
    (r) => ({ ...r, body: Buffer.from(r.body as string), headers: { ...r.headers, 'x-custom': 'café' } }),
  ],
  [
    'a header value with latin-1 characters and no body',
    (r) => ({ ...r, body: undefined, headers: { ...r.headers, 'x-custom': 'café', 'content-length': '0' } }),
  ],
  ['a path with latin-1 characters and a lower-case method', (r) => ({ ...r, method: 'post', path: '/swf/päth/' })],
  [
    'mixed-case header names',
    (r) => ({
      ...r,
      headers: {
        'X-Amz-Target': 'SimpleWorkflowService.PollForDecisionTask',
        Host: `127.0.0.1:${server.port}`,
        'Content-Length': r.headers['content-length'] as string,
      },
    }),
  ],
];

describe('the lean handler writes what NodeHttpHandler writes', () => {
  for (const [name, vary] of variations) {
    it(name, async () => {
      const request = vary(signed);
      const sdk = sdkHandler();
      const lean = new LeanHttpHandler(sdkHandler());
      handlers.push(sdk as { destroy(): void }, lean);
      expect(requestBytes(request), 'built by the lean handler itself').toBeDefined();
      // two requests each: the first on a new connection, the second on the kept-alive one
      const expected = await bytesOf(sdk, [request, request]);
      const actual = await bytesOf(lean, [request, request]);
      expect(actual.toString('latin1')).toBe(expected.toString('latin1'));
      expect(actual.equals(expected)).toBe(true);
    });
  }
});

describe('requests the lean handler leaves to the SDK handler arrive as the SDK sends them', () => {
  const handedOn: [string, (r: WireRequest) => WireRequest][] = [
    ['a query string', (r) => ({ ...r, query: { a: 'b', c: ['d', 'e'] } })],
    ['a fragment', (r) => ({ ...r, fragment: 'frag' })],
    [
      'no host header',
      (r) => ({ ...r, headers: Object.fromEntries(Object.entries(r.headers).filter(([k]) => k !== 'host')) }),
    ],
    [
      'no content-length header',
      (r) => ({ ...r, headers: Object.fromEntries(Object.entries(r.headers).filter(([k]) => k !== 'content-length')) }),
    ],
    [
      'a content-length that is not the body length',
      (r) => ({ ...r, headers: { ...r.headers, 'content-length': '1' }, body: '{}' }),
    ],
    ['a header named twice in different cases', (r) => ({ ...r, headers: { ...r.headers, 'X-Amz-Target': 'Other' } })],
    ['a connection header', (r) => ({ ...r, headers: { ...r.headers, connection: 'close' } })],
  ];
  for (const [name, vary] of handedOn) {
    it(name, async () => {
      const request = vary(signed);
      expect(requestBytes(request)).toBeUndefined();
      const sdk = sdkHandler();
      const lean = new LeanHttpHandler(sdkHandler());
      handlers.push(sdk as { destroy(): void }, lean);
      const expected = await bytesOf(sdk, [request]);
      const actual = await bytesOf(lean, [request]);
      expect(actual.toString('latin1')).toBe(expected.toString('latin1'));
    });
  }

  it('a body that is a stream', async () => {
    const request = { ...signed, body: Readable.from([Buffer.from(signed.body as string)]) };
    expect(requestBytes(request)).toBeUndefined();
    const lean = new LeanHttpHandler(sdkHandler());
    handlers.push(lean);
    const received = await bytesOf(lean, [request]);
    const body = Buffer.from(signed.body as string);
    expect(received.subarray(-body.length).equals(body)).toBe(true);
  });

  it('an invalid header value is refused by the SDK handler, as before', async () => {
    const request = { ...signed, headers: { ...signed.headers, 'x-bad': 'a\r\nb' } };
    const lean = new LeanHttpHandler(sdkHandler());
    handlers.push(lean);
    await expect(lean.handle(request)).rejects.toMatchObject({ code: 'ERR_INVALID_CHAR' });
  });
});
