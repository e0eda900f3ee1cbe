/**
 * The lean handler on real sockets against a raw TCP server: connection reuse and its limits,
 * answers that close or reset the connection, requests side by side and queued beyond 50
 * connections, aborts and timeouts with the error names and codes the SDK's retry strategy reads.
 * No assertion is on time: timeouts are waited for by their outcome.
 */
import { SWFClient } from '@aws-sdk/client-swf';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { LeanHttpHandler, type SdkNodeHttpHandler } from './handler.js';
import { rawServer, type RawConnection, type RawServer } from './raw-server.js';
import type { WireRequest } from './request-bytes.js';

const OK = 'HTTP/1.1 200 OK\r\ncontent-type: application/x-amz-json-1.0\r\ncontent-length: 2\r\n\r\n{}';
const credentials = { accessKeyId: 'AKID', secretAccessKey: 'secret' };

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function server(): Promise<RawServer> {
  const s = await rawServer();
  cleanup.push(() => s.close());
  return s;
}

/** A lean handler around the SDK handler a client builds from `options` (its `requestHandler` option). */
function lean(options?: Record<string, unknown>): LeanHttpHandler {
  const sdk = new SWFClient({ region: 'us-east-1', credentials, ...(options ? { requestHandler: options } : {}) })
    .config.requestHandler as unknown as SdkNodeHttpHandler;
  const handler = new LeanHttpHandler(sdk);
  cleanup.push(() => handler.destroy());
  return handler;
}

function request(port: number, body = '{"n":1}'): WireRequest {
  return {
    method: 'POST',
    protocol: 'http:',
    hostname: '127.0.0.1',
    port,
    path: '/',
    query: {},
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      host: `127.0.0.1:${port}`,
      'content-length': String(Buffer.byteLength(body)),
    },
    body,
  };
}

/** Resolves when the socket has closed. */
const closed = (conn: RawConnection) =>
  new Promise<void>((resolve) => (conn.socket.closed ? resolve() : conn.socket.once('close', () => resolve())));

describe('responses and connection reuse', () => {
  it('answers with status, lower-case headers and the body as bytes, and reuses the connection', async () => {
    const s = await server();
    const handler = lean();
    for (let i = 0; i < 3; i++) {
      const answered = handler.handle(request(s.port));
      const conn = s.connections[0] ?? (await s.nextConnection());
      await conn.nextRequest();
      conn.socket.write(`HTTP/1.1 200 OK\r\nX-Amzn-RequestId: r${i}\r\nContent-Length: 8\r\n\r\n{"i":${i}}\n`);
      const { response } = await answered;
      expect(response.statusCode).toBe(200);
      expect(response.reason).toBe('OK');
      expect(response.headers).toEqual({ 'x-amzn-requestid': `r${i}`, 'content-length': '8' });
      expect(response.body).toBeInstanceOf(Uint8Array);
      expect(Buffer.from(response.body).toString()).toBe(`{"i":${i}}\n`);
    }
    expect(s.connections).toHaveLength(1);
  });

  it('opens a new connection after Connection: close, a body read to the end, or more bytes than asked', async () => {
    const s = await server();
    const handler = lean();
    const answers = [
      'HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}',
      'HTTP/1.1 200 OK\r\n\r\n{"to":"the end"}',
      OK + 'HTTP/1.1 200 OK\r\n\r\n',
      'HTTP/1.1 200 OK\r\nKeep-Alive: timeout=1\r\nContent-Length: 2\r\n\r\n{}', // a hint too short to reuse
    ];
    for (const [i, answer] of answers.entries()) {
      const answered = handler.handle(request(s.port));
      const conn = await s.nextConnection();
      await conn.nextRequest();
      conn.socket.write(answer);
      if (i === 1) conn.socket.end();
      const { response } = await answered;
      expect(response.statusCode).toBe(200);
      if (i === 1) expect(Buffer.from(response.body).toString()).toBe('{"to":"the end"}');
      await closed(conn); // the handler closed it (or the server did), and wrote nothing more on it
    }
    expect(s.connections).toHaveLength(answers.length);
  });

  it('does not write on a kept-alive connection the server has closed meanwhile', async () => {
    const s = await server();
    const handler = lean();
    const first = handler.handle(request(s.port));
    const conn = await s.nextConnection();
    await conn.nextRequest();
    conn.socket.write(OK);
    await first;
    conn.socket.end(); // the server's keep-alive time ran out
    await closed(conn); // closed on both sides: the handler has seen the end
    const second = handler.handle(request(s.port));
    const fresh = await s.nextConnection();
    await fresh.nextRequest();
    fresh.socket.write(OK);
    expect((await second).response.statusCode).toBe(200);
    expect(
      conn
        .received()
        .toString('latin1')
        .match(/^POST /gm),
    ).toHaveLength(1);
  });

  it('fails a request whose connection closes unanswered with ECONNRESET, named TimeoutError (the SDK retries it)', async () => {
    const s = await server();
    const handler = lean();
    const answered = handler.handle(request(s.port));
    const conn = await s.nextConnection();
    await conn.nextRequest();
    conn.socket.destroy();
    await expect(answered).rejects.toMatchObject({
      name: 'TimeoutError',
      code: 'ECONNRESET',
      message: expect.stringMatching(/^socket hang up/),
    });
  });

  it('fails a response cut in its body with ECONNRESET', async () => {
    const s = await server();
    const handler = lean();
    const answered = handler.handle(request(s.port));
    const conn = await s.nextConnection();
    await conn.nextRequest();
    conn.socket.end('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{"partial"');
    await expect(answered).rejects.toMatchObject({
      name: 'TimeoutError',
      code: 'ECONNRESET',
      message: expect.stringMatching(/^aborted/),
    });
  });

  it('fails a malformed response with a clear error and closes the connection', async () => {
    const s = await server();
    const handler = lean();
    const answered = handler.handle(request(s.port));
    const conn = await s.nextConnection();
    await conn.nextRequest();
    conn.socket.write('HTTP/1.1 200 OK\r\nContent-Length: nope\r\n\r\n');
    await expect(answered).rejects.toMatchObject({
      name: 'Error',
      code: 'HPE_INVALID_CONTENT_LENGTH',
      message: expect.stringContaining(`The HTTP response from http://127.0.0.1:${s.port} is malformed`),
    });
    await closed(conn);
  });

  it('refuses a connection as the SDK does (ECONNREFUSED, transient for the SDK)', async () => {
    const s = await server();
    const port = s.port;
    await s.close();
    await expect(lean().handle(request(port))).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('an idle kept-alive connection does not keep the process alive', { timeout: 60_000 }, async () => {
    const s = await server();
    const handlerFile = fileURLToPath(new URL('./handler.ts', import.meta.url));
    const script = `
      import { SWFClient } from '@aws-sdk/client-swf';
      import { LeanHttpHandler } from ${JSON.stringify(handlerFile)};
      const sdk = new SWFClient({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } }).config.requestHandler;
      const { response } = await new LeanHttpHandler(sdk).handle(${JSON.stringify(request(s.port))});
      console.log('answered', response.statusCode);`;
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: fileURLToPath(new URL('.', import.meta.url)),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cleanup.push(() => child.exitCode === null && child.kill('SIGKILL'));
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const conn = await s.nextConnection();
    await conn.nextRequest();
    conn.socket.write(OK);
    // the server keeps the connection open: only the handler's unreferenced idle socket lets the child end
    let timer: ReturnType<typeof setTimeout> | undefined;
    const bound = new Promise<string>((r) => (timer = setTimeout(() => r('still running'), 45_000)));
    const code = await Promise.race([exited, bound]).finally(() => clearTimeout(timer));
    expect(code).toBe(0);
    expect(out).toContain('answered 200');
  });

  it('destroy() fails the requests in flight and closes the connections', async () => {
    const s = await server();
    const handler = lean();
    const answered = handler.handle(request(s.port));
    const conn = await s.nextConnection();
    await conn.nextRequest();
    handler.destroy();
    await expect(answered).rejects.toMatchObject({ code: 'ECONNRESET' });
    await closed(conn);
  });
});

describe('requests side by side', () => {
  it('long polls held by the server do not hold up a request beside them', async () => {
    const s = await server();
    const handler = lean();
    const polls = [0, 1, 2].map(() => handler.handle(request(s.port, '{"poll":true}')));
    const held = await Promise.all([0, 1, 2].map(() => s.nextConnection()));
    await Promise.all(held.map((c) => c.nextRequest()));
    const respond = handler.handle(request(s.port, '{"respond":true}'));
    const conn = await s.nextConnection();
    await conn.nextRequest();
    conn.socket.write(OK);
    expect((await respond).response.statusCode).toBe(200);
    for (const c of held) c.socket.write(OK);
    expect((await Promise.all(polls)).map((r) => r.response.statusCode)).toEqual([200, 200, 200]);
  });

  it('opens at most 50 connections to an origin and queues the rest in order', async () => {
    const s = await server();
    const handler = lean();
    const answered = Array.from({ length: 53 }, (_, i) => handler.handle(request(s.port, `{"i":${i}}`)));
    const first = await Promise.all(Array.from({ length: 50 }, () => s.nextConnection()));
    const bodies = await Promise.all(first.map((c) => c.nextRequest()));
    expect(new Set(bodies.map((b) => b.toString().match(/\{"i":(\d+)\}$/)?.[1])).size).toBe(50);
    // an answer frees a connection: the first queued request goes on it, then the next
    const [a, b] = first as [RawConnection, RawConnection];
    a.socket.write(OK);
    expect((await a.nextRequest()).toString()).toMatch(/\{"i":50\}$/);
    b.socket.write(OK);
    expect((await b.nextRequest()).toString()).toMatch(/\{"i":51\}$/);
    a.socket.write(OK);
    expect((await a.nextRequest()).toString()).toMatch(/\{"i":52\}$/);
    for (const c of first) c.socket.write(OK);
    a.socket.write(OK);
    b.socket.write(OK);
    expect((await Promise.all(answered)).every((r) => r.response.statusCode === 200)).toBe(true);
    expect(s.connections).toHaveLength(50);
  });
});

describe('long polls and the other requests', () => {
  /** Answers every further request on `conn` until it closes. */
  const answerEvery = async (conn: RawConnection): Promise<void> => {
    for (;;) {
      if (
        !(await conn.nextRequest().then(
          () => true,
          () => false,
        ))
      )
        return;
      conn.socket.write(OK);
    }
  };

  /** A request with the `X-Amz-Target` of `operation`. */
  const call = (port: number, operation: string, body: string): WireRequest => {
    const r = request(port, body);
    return { ...r, headers: { ...r.headers, 'x-amz-target': `SimpleWorkflowService.${operation}` } };
  };

  it('keeps ten of the 50 connections free of long polls, so an answer never queues behind them', async () => {
    const s = await server();
    const handler = lean();
    const polls = Array.from({ length: 60 }, (_, i) =>
      handler.handle(call(s.port, 'PollForActivityTask', `{"poll":${i}}`)),
    );
    const held = await Promise.all(Array.from({ length: 40 }, () => s.nextConnection()));
    const bodies = await Promise.all(held.map((c) => c.nextRequest()));
    expect(new Set(bodies.map((b) => b.toString().match(/\{"poll":(\d+)\}$/)?.[1])).size).toBe(40);
    // 40 polls held by the service, 20 more waiting: an answer still goes out at once, on a 41st connection
    const answer = handler.handle(call(s.port, 'RespondActivityTaskCompleted', '{"answer":1}'));
    const free = await s.nextConnection();
    expect((await free.nextRequest()).toString()).toMatch(/\{"answer":1\}$/);
    free.socket.write(OK);
    expect((await answer).response.statusCode).toBe(200);
    // a poll that returns lets the first waiting poll go, on the same connection
    const first = held[0] as RawConnection;
    first.socket.write(OK);
    expect((await first.nextRequest()).toString()).toMatch(/\{"poll":40\}$/);
    expect(s.connections).toHaveLength(41);
    // the service answers everything from now on, whichever connection the waiting polls go on
    for (const c of held) {
      c.socket.write(OK);
      void answerEvery(c);
    }
    expect((await Promise.all(polls)).every((r) => r.response.statusCode === 200)).toBe(true);
  });

  it('an abort of a waiting long poll takes it out of its queue', async () => {
    const s = await server();
    const handler = lean();
    const held = Array.from({ length: 40 }, (_, i) =>
      handler.handle(call(s.port, 'PollForDecisionTask', `{"poll":${i}}`)),
    );
    const conns = await Promise.all(Array.from({ length: 40 }, () => s.nextConnection()));
    await Promise.all(conns.map((c) => c.nextRequest()));
    const controller = new AbortController();
    const waiting = handler.handle(call(s.port, 'PollForDecisionTask', '{"waiting":1}'), {
      abortSignal: controller.signal,
    });
    const after = handler.handle(call(s.port, 'PollForDecisionTask', '{"after":1}'));
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    const c0 = conns[0] as RawConnection;
    c0.socket.write(OK);
    expect((await c0.nextRequest()).toString()).toMatch(/\{"after":1\}$/);
    for (const c of conns) c.socket.write(OK);
    await Promise.all([...held, after]);
  });
});

describe('aborts and timeouts', () => {
  it('an aborted signal fails the request with AbortError before anything is sent', async () => {
    const s = await server();
    const controller = new AbortController();
    controller.abort(new Error('stopping'));
    const error = await lean()
      .handle(request(s.port), { abortSignal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'AbortError', message: 'Request aborted', cause: new Error('stopping') });
    expect(s.connections).toHaveLength(0);
  });

  it('an abort in flight fails with AbortError and closes the connection; the next request opens another', async () => {
    const s = await server();
    const handler = lean();
    const controller = new AbortController();
    const answered = handler.handle(request(s.port), { abortSignal: controller.signal });
    const conn = await s.nextConnection();
    await conn.nextRequest();
    controller.abort('shutting down');
    await expect(answered).rejects.toMatchObject({ name: 'AbortError', message: 'shutting down' });
    await closed(conn);
    const next = handler.handle(request(s.port));
    const fresh = await s.nextConnection();
    await fresh.nextRequest();
    fresh.socket.write(OK);
    expect((await next).response.statusCode).toBe(200);
  });

  it('an abort of a queued request takes it out of the queue', async () => {
    const s = await server();
    const handler = lean();
    const held = Array.from({ length: 50 }, () => handler.handle(request(s.port)));
    const conns = await Promise.all(Array.from({ length: 50 }, () => s.nextConnection()));
    await Promise.all(conns.map((c) => c.nextRequest()));
    const controller = new AbortController();
    const queued = handler.handle(request(s.port, '{"queued":1}'), { abortSignal: controller.signal });
    const after = handler.handle(request(s.port, '{"after":1}'));
    controller.abort();
    await expect(queued).rejects.toMatchObject({ name: 'AbortError' });
    const c0 = conns[0] as RawConnection;
    c0.socket.write(OK);
    expect((await c0.nextRequest()).toString()).toMatch(/\{"after":1\}$/);
    for (const c of conns) c.socket.write(OK);
    await Promise.all([...held, after]);
  });

  it('requestTimeout with throwOnRequestTimeout fails with TimeoutError ETIMEDOUT', async () => {
    const s = await server();
    const handler = lean({ requestTimeout: 20, throwOnRequestTimeout: true });
    const answered = handler.handle(request(s.port));
    const conn = await s.nextConnection();
    await conn.nextRequest();
    await expect(answered).rejects.toMatchObject({
      name: 'TimeoutError',
      code: 'ETIMEDOUT',
      message: expect.stringContaining('requestTimeout of 20 ms'),
    });
    await closed(conn);
  });

  it('requestTimeout passed per request overrides the configured one', async () => {
    const s = await server();
    const handler = lean({ throwOnRequestTimeout: true });
    const answered = handler.handle(request(s.port), { requestTimeout: 20 });
    await (await s.nextConnection()).nextRequest();
    await expect(answered).rejects.toMatchObject({ name: 'TimeoutError', code: 'ETIMEDOUT' });
  });

  it('requestTimeout without throwOnRequestTimeout only warns, as the SDK does', async () => {
    const s = await server();
    let warned!: (message: string) => void;
    const warning = new Promise<string>((resolve) => (warned = resolve));
    const handler = lean({ requestTimeout: 20, logger: { warn: warned, debug() {}, info() {}, error() {} } });
    const answered = handler.handle(request(s.port));
    const conn = await s.nextConnection();
    await conn.nextRequest();
    expect(await warning).toContain('exceeded the configured 20 ms requestTimeout');
    conn.socket.write(OK);
    expect((await answered).response.statusCode).toBe(200);
  });

  it('a configuration change (updateHttpClientConfig) reaches the SDK handler and the next requests', async () => {
    const s = await server();
    const handler = lean();
    const first = handler.handle(request(s.port));
    const conn = await s.nextConnection();
    await conn.nextRequest();
    conn.socket.write(OK);
    await first;
    handler.updateHttpClientConfig('socketTimeout', 20);
    const second = handler.handle(request(s.port));
    const fresh = await s.nextConnection(); // the old pool's idle connection is closed, not reused
    await fresh.nextRequest();
    await expect(second).rejects.toMatchObject({
      name: 'TimeoutError',
      message: expect.stringContaining('idle for 20 ms'),
    });
    expect(handler.httpHandlerConfigs()).toMatchObject({ socketTimeout: 20 });
    await closed(conn);
  });

  it('socketTimeout fails a request whose connection stays silent with TimeoutError', async () => {
    const s = await server();
    const handler = lean({ socketTimeout: 20 });
    const answered = handler.handle(request(s.port));
    const conn = await s.nextConnection();
    await conn.nextRequest();
    await expect(answered).rejects.toMatchObject({
      name: 'TimeoutError',
      message: expect.stringContaining('idle for 20 ms'),
    });
    await closed(conn);
  });
});
