/**
 * A server whose event loop stalls (a starved CPU, a long GC, a slow disk) must not mistake a
 * waiting client for an idle one. After a stall, Node runs its expired timers before it reads the
 * sockets, so a connection's idle timeout fires although the request is already in the kernel's
 * buffer; Node's default then destroys the socket and the client sees ECONNRESET with no answer.
 * The stall is made on purpose here: the loop is blocked (`Atomics.wait`) for three times the
 * timeout after the request was written. The same holds for a kept-alive connection's idle timeout
 * between two requests (`keepAliveTimeoutMs`, a server of its own below).
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { type Socket, connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type LocalSwfServer, createServer } from '../src/index.js';

const HEADERS_TIMEOUT_MS = 200;

const KEEP_ALIVE_TIMEOUT_MS = 1_000;

let server: LocalSwfServer;
/** Default header and request timeouts, a short idle timeout for kept-alive connections. */
let keepAliveServer: LocalSwfServer;
beforeAll(async () => {
  server = await createServer({
    dataDir: ':memory:',
    port: 0,
    headersTimeoutMs: HEADERS_TIMEOUT_MS,
    requestTimeoutMs: 2 * HEADERS_TIMEOUT_MS,
  });
  keepAliveServer = await createServer({ dataDir: ':memory:', port: 0, keepAliveTimeoutMs: KEEP_ALIVE_TIMEOUT_MS });
});
afterAll(async () => {
  await server.close();
  await keepAliveServer.close();
});

/** Blocks this process's event loop for `ms` (what a starved or stalled process looks like to its timers). */
function stallLoop(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

interface Raw {
  socket: Socket;
  /** When the server accepted the connection (`performance.now()`): its first request is timed from then. */
  acceptedAt: number;
  received: () => string;
  closed: Promise<void>;
  error: () => string | undefined;
}

/** Connects and resolves once the server has accepted the connection (its timeout is armed then). */
async function openAccepted(port = server.port): Promise<Raw> {
  let accepted: Array<{ socket: Socket; at: number }> = [];
  const onAccepted = (message: unknown): void =>
    void accepted.push({ socket: (message as { socket: Socket }).socket, at: performance.now() });
  // The server side of a connection: `net.server.socket` is published when Node accepts it.
  subscribe('net.server.socket', onAccepted);
  try {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    let error: string | undefined;
    socket.on('data', (d: Buffer) => (received += d.toString()));
    socket.on('error', (err: NodeJS.ErrnoException) => (error = err.code ?? err.message));
    const closed = new Promise<void>((done) => socket.on('close', () => done()));
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    const acceptedAt = await vi.waitFor(
      () => {
        const mine = accepted.find((a) => a.socket.remotePort === socket.localPort);
        if (!mine) throw new Error('not accepted yet');
        return mine.at;
      },
      { timeout: 20_000, interval: 5 },
    );
    accepted = [];
    return { socket, acceptedAt, received: () => received, closed, error: () => error };
  } finally {
    unsubscribe('net.server.socket', onAccepted);
  }
}

const body = JSON.stringify({ registrationStatus: 'REGISTERED' });
const listDomains = (connection: 'close' | 'keep-alive'): string =>
  'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.0\r\n' +
  `X-Amz-Target: SimpleWorkflowService.ListDomains\r\nContent-Length: ${body.length}\r\nConnection: ${connection}\r\n\r\n${body}`;
const LIST_DOMAINS = listDomains('close');
const ANSWER = /HTTP\/1\.1 200 OK\r\n[\s\S]*?\{"domainInfos":\[\]\}/g;

/** Whether `raw`'s first request, written just now, reached the server within the header timeout of its accept. */
const inTime = (raw: Raw): boolean => performance.now() - raw.acceptedAt < HEADERS_TIMEOUT_MS;

/**
 * Runs `attempt` on a new accepted connection of `server` until it wrote its first request in time
 * ({@link inTime}), at most 10 times. The service times a connection's first request from its
 * accept, so one written later is late by that rule (408) whatever the stall: a loaded machine
 * can take longer than the 200 ms timeout between the accept and the test's write, and such an
 * attempt tells nothing. `attempt` answers whether its write was in time (checked right after it).
 */
async function timely(attempt: (raw: Raw) => Promise<boolean>): Promise<Raw> {
  for (let tries = 1; ; tries++) {
    const raw = await openAccepted();
    if (await attempt(raw)) return raw;
    raw.socket.destroy();
    if (tries === 10) throw new Error(`no request written within ${HEADERS_TIMEOUT_MS} ms of its accept in 10 tries`);
  }
}

/** Resolves once `raw` has received `n` whole ListDomains answers. */
async function answers(raw: Raw, n: number): Promise<void> {
  await vi.waitFor(
    () => {
      if ((raw.received().match(ANSWER) ?? []).length < n) throw new Error(`fewer than ${n} answers yet`);
    },
    { timeout: 20_000, interval: 5 },
  );
}

describe('a stalled event loop', () => {
  it('answers a request that arrived during the stall on a new connection (no reset)', async () => {
    const raw = await timely(async (raw) => {
      raw.socket.write(LIST_DOMAINS);
      if (!inTime(raw)) return false;
      stallLoop(3 * HEADERS_TIMEOUT_MS);
      return true;
    });
    await raw.closed;
    expect(raw.error()).toBeUndefined();
    expect(raw.received()).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*\{"domainInfos":\[\]\}$/);
  });

  it('answers a request that arrived during a stall that ended just before the checks ran (no poll phase between)', async () => {
    // The stall, in a callback of the check phase queued just before the service's own check: the
    // check then runs right after it, with the request still unread in the kernel's buffer (a stall
    // inside a poll-phase callback, such as a long commit, ends the same way).
    const original = globalThis.setImmediate;
    let stalled = false;
    const raw = await timely(async (raw) => {
      let written = false;
      const hooked = ((fn: (...args: unknown[]) => void, ...args: unknown[]) => {
        if (!written && fn.name === 'judge') {
          written = true;
          globalThis.setImmediate = original;
          original(() => {
            raw.socket.write(LIST_DOMAINS);
            if (!inTime(raw)) return;
            stalled = true;
            stallLoop(3 * HEADERS_TIMEOUT_MS);
          });
        }
        return original(fn, ...args);
      }) as typeof setImmediate;
      globalThis.setImmediate = hooked;
      try {
        await raw.closed;
      } finally {
        globalThis.setImmediate = original;
      }
      return stalled;
    });
    expect(stalled).toBe(true);
    expect(raw.error()).toBeUndefined();
    expect(raw.received()).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*\{"domainInfos":\[\]\}$/);
  });

  it('still closes a connection that stays silent through the stall and after it', async () => {
    const raw = await openAccepted();
    stallLoop(3 * HEADERS_TIMEOUT_MS);
    await raw.closed;
    expect(raw.received()).toBe('HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n');
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });

  it('answers the next request on a kept-alive connection when it arrives during a stall', async () => {
    const raw = await timely(async (raw) => {
      raw.socket.write(listDomains('keep-alive'));
      return inTime(raw);
    });
    await answers(raw, 1);
    // Let the service's checks see the first request done (the connection is between messages).
    await new Promise((resolve) => setTimeout(resolve, 2 * HEADERS_TIMEOUT_MS));
    raw.socket.write(LIST_DOMAINS);
    stallLoop(3 * HEADERS_TIMEOUT_MS);
    await raw.closed;
    expect(raw.error()).toBeUndefined();
    expect(raw.received().match(ANSWER)).toHaveLength(2);
    expect(raw.received()).not.toContain('408 Request Timeout');
  });

  it('cuts a kept-alive connection whose next request trickles its headers (408 after the first answer)', async () => {
    const raw = await timely(async (raw) => {
      raw.socket.write(listDomains('keep-alive'));
      return inTime(raw);
    });
    await answers(raw, 1);
    const next = `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: ${'a'.repeat(10_000)}\r\n\r\n`;
    let i = 0;
    const timer = setInterval(() => {
      if (raw.socket.destroyed || i >= next.length) return clearInterval(timer);
      raw.socket.write(next[i++] as string);
    }, 10);
    await raw.closed;
    clearInterval(timer);
    expect(raw.received().match(ANSWER)).toHaveLength(1);
    expect(raw.received()).toMatch(/\}HTTP\/1\.1 408 Request Timeout\r\nConnection: close\r\n\r\n$/);
  });
});

describe('a kept-alive connection between two requests', () => {
  it('answers the next request when it arrives during a stall longer than the idle timeout', async () => {
    const raw = await openAccepted(keepAliveServer.port);
    let sent = false;
    // Sent as the first answer is read: the service armed the idle timer when it wrote that answer,
    // a few turns of the loop ago, so the stall below outlasts the timer with the request unread.
    raw.socket.on('data', () => {
      if (sent || (raw.received().match(ANSWER) ?? []).length < 1) return;
      sent = true;
      raw.socket.write(LIST_DOMAINS);
      stallLoop(2 * KEEP_ALIVE_TIMEOUT_MS);
    });
    raw.socket.write(listDomains('keep-alive'));
    await raw.closed;
    expect(raw.error()).toBeUndefined();
    expect(raw.received().match(ANSWER)).toHaveLength(2);
  });

  it('is still closed when it stays idle past the timeout, through a stall or not (no 408)', async () => {
    for (const stall of [false, true]) {
      const raw = await openAccepted(keepAliveServer.port);
      raw.socket.write(listDomains('keep-alive'));
      await answers(raw, 1);
      if (stall) stallLoop(2 * KEEP_ALIVE_TIMEOUT_MS);
      await raw.closed;
      expect(raw.error()).toBeUndefined();
      expect(raw.received().match(ANSWER)).toHaveLength(1);
      expect(raw.received()).toContain(`Keep-Alive: timeout=${KEEP_ALIVE_TIMEOUT_MS / 1_000}`);
      expect(raw.received()).not.toContain('408 Request Timeout');
    }
  });
});
