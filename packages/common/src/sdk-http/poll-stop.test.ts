/**
 * A long poll ended by a marked abort (`gracefulPollStop`): the lean handler half-closes its
 * connection and still takes the answer the server sends after the FIN; anything else is cut at once
 * as before. Real sockets against a TCP server that keeps its side open after the client's FIN (as
 * an HTTP server that answers a half-closed request does). No assertion is on time.
 */
import { SWFClient } from '@aws-sdk/client-swf';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LeanHttpHandler, type SdkNodeHttpHandler } from './handler.js';
import { gracefulPollStop, pollStopGraceOf } from './poll-stop.js';
import type { WireRequest } from './request-bytes.js';

const EMPTY_POLL =
  'HTTP/1.1 200 OK\r\ncontent-type: application/x-amz-json-1.0\r\ncontent-length: 20\r\n\r\n{"startedEventId":0}';

/** One accepted connection, with promises for its first request and for the client's FIN. */
interface Accepted {
  socket: Socket;
  request: Promise<void>;
  ended: Promise<void>;
}

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** A TCP server with `allowHalfOpen`: a client's FIN leaves its side open until the test ends it. */
async function halfOpenServer(): Promise<{ port: number; next: () => Promise<Accepted>; count: () => number }> {
  const accepted: Accepted[] = [];
  const waiting: ((a: Accepted) => void)[] = [];
  let taken = 0;
  const server: Server = createServer({ allowHalfOpen: true }, (socket) => {
    let received = '';
    const a: Accepted = {
      socket,
      request: new Promise((resolve) =>
        socket.on('data', (chunk: Buffer) => {
          received += chunk.toString('latin1');
          if (received.includes('\r\n\r\n{')) resolve();
        }),
      ),
      ended: new Promise((resolve) => socket.once('end', () => resolve())),
    };
    socket.on('error', () => undefined);
    accepted.push(a);
    waiting.shift()?.(accepted[taken++] as Accepted);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup.push(
    () =>
      new Promise((resolve) => {
        for (const a of accepted) a.socket.destroy();
        server.close(resolve);
      }),
  );
  return {
    port: (server.address() as AddressInfo).port,
    next: () =>
      taken < accepted.length
        ? Promise.resolve(accepted[taken++] as Accepted)
        : new Promise((resolve) => waiting.push(resolve)),
    count: () => accepted.length,
  };
}

function lean(): LeanHttpHandler {
  const sdk = new SWFClient({ region: 'us-east-1', credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' } })
    .config.requestHandler as unknown as SdkNodeHttpHandler;
  const handler = new LeanHttpHandler(sdk);
  cleanup.push(() => handler.destroy());
  return handler;
}

function call(port: number, operation: string): WireRequest {
  const body = '{"domain":"d","taskList":{"name":"t"}}';
  return {
    method: 'POST',
    protocol: 'http:',
    hostname: '127.0.0.1',
    port,
    path: '/',
    query: {},
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': `SimpleWorkflowService.${operation}`,
      host: `127.0.0.1:${port}`,
      'content-length': String(Buffer.byteLength(body)),
    },
    body,
  };
}

describe('a long poll ended by a marked abort', () => {
  it('half-closes the connection and still resolves with the answer sent after the FIN; the connection is not reused', async () => {
    const s = await halfOpenServer();
    const handler = lean();
    const stop = new AbortController();
    const signal = gracefulPollStop(stop.signal, 60_000);
    const polling = handler.handle(call(s.port, 'PollForActivityTask'), { abortSignal: signal });
    const conn = await s.next();
    await conn.request;
    stop.abort();
    await conn.ended; // the FIN arrived; the client still reads
    conn.socket.end(
      'HTTP/1.1 200 OK\r\ncontent-type: application/x-amz-json-1.0\r\ncontent-length: 19\r\n\r\n{"taskToken":"tok"}',
    );
    const { response } = await polling;
    expect(response.statusCode).toBe(200);
    expect(Buffer.from(response.body).toString()).toBe('{"taskToken":"tok"}');
    const next = handler.handle(call(s.port, 'PollForActivityTask'));
    const second = await s.next();
    await second.request;
    second.socket.write(EMPTY_POLL);
    expect((await next).response.statusCode).toBe(200);
    expect(s.count()).toBe(2);
  });

  it('fails (and is not retried) when the server closes after the FIN without an answer', async () => {
    const s = await halfOpenServer();
    const stop = new AbortController();
    const polling = lean().handle(call(s.port, 'PollForDecisionTask'), {
      abortSignal: gracefulPollStop(stop.signal, 60_000),
    });
    const conn = await s.next();
    await conn.request;
    stop.abort();
    await conn.ended;
    conn.socket.end();
    await expect(polling).rejects.toMatchObject({ code: 'ECONNRESET' });
  });

  it('cuts at once a request that is not a long poll, and a poll whose grace is 0', async () => {
    const s = await halfOpenServer();
    const handler = lean();
    for (const [operation, grace] of [
      ['RespondActivityTaskCompleted', 60_000],
      ['PollForActivityTask', 0],
    ] as const) {
      const stop = new AbortController();
      const sent = handler.handle(call(s.port, operation), { abortSignal: gracefulPollStop(stop.signal, grace) });
      const conn = await s.next();
      await conn.request;
      stop.abort();
      await expect(sent).rejects.toMatchObject({ name: 'AbortError' });
      await conn.ended;
    }
  });
});

describe('gracefulPollStop', () => {
  it('marks the signal itself, readable by pollStopGraceOf; refuses a negative or non-finite grace', () => {
    const signal = new AbortController().signal;
    expect(pollStopGraceOf(signal)).toBeUndefined();
    expect(gracefulPollStop(signal, 250)).toBe(signal);
    expect(pollStopGraceOf(signal)).toBe(250);
    expect(pollStopGraceOf(gracefulPollStop(new AbortController().signal, 0))).toBeUndefined();
    expect(() => gracefulPollStop(signal, -1)).toThrow(RangeError);
    expect(() => gracefulPollStop(signal, Number.NaN)).toThrow(RangeError);
  });
});
