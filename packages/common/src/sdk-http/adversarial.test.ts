/**
 * The lean handler beside the SDK's `NodeHttpHandler` on the same scripted answers from a raw
 * server: each answer, written in pieces on a real socket, must give the same status, headers and
 * body through both; and the edges a user meets: an IPv6 endpoint, an abort after the answer, a
 * socket error after the answer, a server that answers before reading the request's body, an
 * abort signal that is not an `EventTarget`.
 */
import { ListDomainsCommand, SWFClient, type SWFClientConfig } from '@aws-sdk/client-swf';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LeanHttpHandler, type SdkNodeHttpHandler } from './handler.js';
import { rawServer, type RawConnection } from './raw-server.js';
import type { WireRequest } from './request-bytes.js';
import { resolveSwfClient } from '../swf-client.js';

const credentials = { accessKeyId: 'AKID', secretAccessKey: 'secret' };
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function lean(): LeanHttpHandler {
  const sdk = new SWFClient({ region: 'us-east-1', credentials }).config
    .requestHandler as unknown as SdkNodeHttpHandler;
  const handler = new LeanHttpHandler(sdk);
  cleanup.push(() => handler.destroy());
  return handler;
}

/** The SDK's own `NodeHttpHandler`, as a client builds it. */
function stock(): SdkNodeHttpHandler {
  const handler = new SWFClient({ region: 'us-east-1', credentials }).config
    .requestHandler as unknown as SdkNodeHttpHandler;
  cleanup.push(() => handler.destroy?.());
  return handler;
}

function request(port: number, hostname = '127.0.0.1', body = '{"n":1}'): WireRequest {
  return {
    method: 'POST',
    protocol: 'http:',
    hostname,
    port,
    path: '/',
    query: {},
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      host: `${hostname}:${port}`,
      'content-length': String(Buffer.byteLength(body)),
    },
    body,
  };
}

/** Reads a body as the SDK's deserializer does: a stream to its end, bytes as they are. */
async function bodyOf(body: unknown): Promise<Buffer> {
  if (body instanceof Uint8Array) return Buffer.from(body);
  const parts: Buffer[] = [];
  for await (const part of body as AsyncIterable<Buffer>) parts.push(part);
  return Buffer.concat(parts);
}

/** Writes `bytes` in pieces of `size`, each after the previous one left the socket. */
async function writeInPieces(conn: RawConnection, bytes: Buffer, size: number): Promise<void> {
  for (let at = 0; at < bytes.length; at += size) {
    await new Promise<void>((resolve, reject) =>
      conn.socket.write(bytes.subarray(at, at + size), (e) => (e ? reject(e) : resolve())),
    );
  }
}

interface Seen {
  statusCode: number;
  reason: string | undefined;
  headers: Record<string, string>;
  body: string;
}

/** What `handler` makes of `answer` written in pieces of `size` bytes (then the connection ends if `end`). */
async function through(
  handler: { handle(r: never, o?: unknown): Promise<{ response: unknown }> },
  answer: Buffer,
  size: number,
  end: boolean,
): Promise<Seen> {
  const s = await rawServer();
  cleanup.push(() => s.close());
  const answered = handler.handle(request(s.port) as never);
  const conn = await s.nextConnection();
  await conn.nextRequest();
  await writeInPieces(conn, answer, size);
  if (end) conn.socket.end();
  const { response } = (await answered) as {
    response: { statusCode: number; reason?: string; headers: Record<string, string>; body: unknown };
  };
  const body = await bodyOf(response.body);
  return {
    statusCode: response.statusCode,
    reason: response.reason,
    headers: response.headers,
    body: body.toString('utf8'),
  };
}

const euro = Buffer.from('{"v":"€ ü 𝄞"}');
const answers: [string, Buffer, boolean][] = [
  [
    'chunked with extensions, a UTF-8 body cut mid-character and trailers',
    Buffer.concat([
      Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n'),
      Buffer.from(`6;name=value\r\n`),
      euro.subarray(0, 6),
      Buffer.from(`\r\n${(euro.length - 6).toString(16)}\r\n`),
      euro.subarray(6),
      Buffer.from('\r\n0\r\nx-trailer: t\r\n\r\n'),
    ]),
    false,
  ],
  [
    'repeated and odd-case headers (set-cookie, x-amzn-*, first-wins fields)',
    Buffer.from(
      'HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nset-cookie: b=2\r\nX-AMZN-RequestId: r1\r\nx-amzn-requestid: r2\r\n' +
        'Content-Type: application/json\r\nCONTENT-TYPE: text/plain\r\nX-Amzn-ErrorType:  T  \r\nContent-Length: 2\r\n\r\n{}',
    ),
    false,
  ],
  ['Content-Length: 0', Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'), false],
  [
    'a 5xx with a body and Connection: close',
    Buffer.from('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 11\r\n\r\nslow down!!'),
    true,
  ],
  [
    'a body to the end of the connection, without framing',
    Buffer.from('HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain\r\n\r\n' + 'x'.repeat(70_000)),
    true,
  ],
  [
    'an interim 100 Continue before the answer, and a response larger than one read',
    Buffer.from('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 200000\r\n\r\n' + 'y'.repeat(200_000)),
    false,
  ],
];

describe('the same answer through NodeHttpHandler and the lean handler', () => {
  for (const [name, answer, end] of answers) {
    for (const size of [1, 7, answer.length]) {
      if (size === 1 && answer.length > 1000) continue; // byte by byte only for the small ones
      it(`${name}, in pieces of ${size} bytes`, async () => {
        const expected = await through(stock(), answer, size, end);
        const actual = await through(lean(), answer, size, end);
        expect(actual).toEqual(expected);
      });
    }
  }
});

describe('edges a user meets', () => {
  it('an IPv6 endpoint http://[::1]:port', async () => {
    const sockets: Socket[] = [];
    const server = createServer((socket) => {
      sockets.push(socket);
      socket.once('data', () => socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}'));
    });
    const listening = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(0, '::1', () => resolve(true));
    });
    if (!listening) return; // no IPv6 loopback on this machine: nothing to compare
    cleanup.push(() => new Promise((resolve) => (sockets.forEach((s) => s.destroy()), server.close(resolve))));
    const { port } = server.address() as AddressInfo;
    const { response } = await lean().handle(request(port, '[::1]'));
    expect(response.statusCode).toBe(200);
    expect(Buffer.from(response.body).toString()).toBe('{}');
  });

  it('an abort after the answer arrived changes nothing, and the connection is kept', async () => {
    const s = await rawServer();
    cleanup.push(() => s.close());
    const handler = lean();
    const controller = new AbortController();
    const answered = handler.handle(request(s.port), { abortSignal: controller.signal });
    const conn = await s.nextConnection();
    await conn.nextRequest();
    conn.socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}');
    const { response } = await answered;
    controller.abort();
    expect(Buffer.from(response.body).toString()).toBe('{}');
    const again = handler.handle(request(s.port));
    await conn.nextRequest();
    conn.socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n[]');
    expect(Buffer.from((await again).response.body).toString()).toBe('[]');
    expect(s.connections).toHaveLength(1);
  });

  it('a signal that is not an EventTarget (onabort) aborts a request in flight', async () => {
    const s = await rawServer();
    cleanup.push(() => s.close());
    const signal: { aborted: boolean; onabort?: () => void } = { aborted: false };
    const answered = lean().handle(request(s.port), { abortSignal: signal });
    const conn = await s.nextConnection();
    await conn.nextRequest();
    signal.aborted = true;
    signal.onabort?.();
    await expect(answered).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('a reset right after the whole answer does not fail the request, through either handler', async () => {
    const outcome = async (handler: { handle(r: never): Promise<{ response: { body: unknown } }> }) => {
      const s = await rawServer();
      cleanup.push(() => s.close());
      const answered = handler.handle(request(s.port) as never);
      const conn = await s.nextConnection();
      await conn.nextRequest();
      conn.socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}', () => conn.socket.resetAndDestroy());
      const { response } = await answered;
      return (await bodyOf(response.body)).toString();
    };
    expect(await outcome(stock() as never)).toBe('{}');
    expect(await outcome(lean() as never)).toBe('{}');
  });

  it('a server that answers (and closes) before reading a large request body: the answer is read', async () => {
    const sockets: Socket[] = [];
    const server = createServer((socket) => {
      sockets.push(socket);
      socket.once('data', () => {
        socket.end('HTTP/1.1 413 Payload Too Large\r\nConnection: close\r\nContent-Length: 9\r\n\r\ntoo large');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise((resolve) => (sockets.forEach((s) => s.destroy()), server.close(resolve))));
    const { port } = server.address() as AddressInfo;
    const body = 'z'.repeat(64 * 1024);
    const expected = await stock()
      .handle(request(port, '127.0.0.1', body))
      .then(
        async ({ response }) => {
          const { statusCode, body } = response as { statusCode: number; body: unknown };
          return `${statusCode} ${(await bodyOf(body)).toString()}`;
        },
        (e: Error) => e.name,
      );
    const actual = await lean()
      .handle(request(port, '127.0.0.1', body))
      .then(
        ({ response }) => `${response.statusCode} ${Buffer.from(response.body).toString()}`,
        (e: Error) => e.name,
      );
    expect(actual).toBe(expected);
  });
});

describe('a malformed answer on a connection the server keeps open', () => {
  it('lines ended by bare LFs fail at once through either handler, not at a timeout', async () => {
    const outcome = async (handler: SdkNodeHttpHandler | LeanHttpHandler) => {
      const s = await rawServer();
      cleanup.push(() => s.close());
      const answered = handler.handle(request(s.port));
      const conn = await s.nextConnection();
      await conn.nextRequest();
      conn.socket.write('HTTP/1.1 200 OK\nContent-Length: 2\n\n{}'); // and the connection stays open
      return answered.then(
        () => 'answered',
        (e: Error & { code?: string }) => `failed ${e.code?.slice(0, 4)}`,
      );
    };
    expect(await outcome(stock())).toBe('failed HPE_');
    expect(await outcome(lean())).toBe('failed HPE_');
  });
});

describe('endpoints', () => {
  /** The request line and host header the server at `listen` gets from a client made by `make` for `endpoint`. */
  async function requestLine(
    make: (config: SWFClientConfig) => SWFClient,
    listen: string,
    endpoint: (port: number) => string,
  ): Promise<string | undefined> {
    let seen: string | undefined;
    const sockets: Socket[] = [];
    const server = createServer((socket) => {
      sockets.push(socket);
      socket.once('data', (data) => {
        const head = data.toString('latin1');
        seen = `${head.slice(0, head.indexOf('\r\n'))} ${/\r\nhost: ([^\r]*)/i.exec(head)?.[1]}`;
        socket.write(
          'HTTP/1.1 200 OK\r\ncontent-type: application/x-amz-json-1.0\r\ncontent-length: 18\r\n\r\n{"domainInfos":[]}',
        );
      });
    });
    const listening = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(0, listen, () => resolve(true));
    });
    if (!listening) return 'no such address here';
    const { port } = server.address() as AddressInfo;
    const client = make({ region: 'us-east-1', credentials, endpoint: endpoint(port) });
    try {
      await client.send(new ListDomainsCommand({ registrationStatus: 'REGISTERED' }));
    } finally {
      client.destroy();
      sockets.forEach((s) => s.destroy());
      await new Promise((resolve) => server.close(resolve));
    }
    return seen?.replace(`:${port}`, ':PORT');
  }

  const fast = (config: SWFClientConfig) => resolveSwfClient(SWFClient, config, 'swf', { debug() {} });
  const cases: [string, string, (port: number) => string][] = [
    ['a path prefix', '127.0.0.1', (port) => `http://127.0.0.1:${port}/swf/prefix`],
    ['localhost, served on 127.0.0.1 only', '127.0.0.1', (port) => `http://localhost:${port}`],
    ['localhost, served on ::1 only', '::1', (port) => `http://localhost:${port}`],
    ['an IPv6 literal', '::1', (port) => `http://[::1]:${port}/`],
  ];
  for (const [name, listen, endpoint] of cases) {
    it(`${name}: the same request line and host as the SDK's client`, async () => {
      const outcome = (make: (config: SWFClientConfig) => SWFClient) =>
        requestLine(make, listen, endpoint).catch((e: Error & { code?: string }) => `${e.name} ${e.code}`);
      const expected = await outcome((config) => new SWFClient(config));
      const actual = await outcome(fast);
      expect(actual).toBe(expected);
    });
  }
});
