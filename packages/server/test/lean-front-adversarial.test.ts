/**
 * The lean HTTP/1.1 front (`src/http/lean-server.ts`) under clients that do odd things, over raw
 * sockets against the real server, each answer held to what `node:http`'s path gives for the same
 * bytes: a half-close right after a pipelined pair whose second request goes to `node:http` (both
 * answered, then the connection ends), and a client that sends small requests one by one and never
 * reads their large answers (reading pauses, the answers are not buffered without bound).
 */
import { type Socket, connect } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type LocalSwfServer, createServer } from '../src/index.js';

let server: LocalSwfServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: Parameters<typeof createServer>[0] = {}): Promise<LocalSwfServer> {
  server = await createServer({ dataDir: ':memory:', port: 0, ...options });
  return server;
}

/** A request with a Content-Length (the lean path's) or a chunked body (node:http's path). */
function request(target: string, body: string, framing: 'length' | 'chunked' = 'length'): string {
  const head = `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.0\r\nX-Amz-Target: SimpleWorkflowService.${target}\r\n`;
  const size = Buffer.byteLength(body);
  return framing === 'length'
    ? `${head}Content-Length: ${size}\r\n\r\n${body}`
    : `${head}Transfer-Encoding: chunked\r\n\r\n${size.toString(16)}\r\n${body}\r\n0\r\n\r\n`;
}

class RawClient {
  readonly socket: Socket;
  private bytes = Buffer.alloc(0);
  closed = false;
  constructor(port: number) {
    this.socket = connect(port, '127.0.0.1');
    this.socket.on('data', (chunk: Buffer) => (this.bytes = Buffer.concat([this.bytes, chunk])));
    this.socket.on('error', () => {});
    this.socket.on('close', () => (this.closed = true));
  }
  /** What arrived, with the request ids, `Date` values and the health page's figures masked. */
  text(): string {
    return this.bytes
      .toString('utf8')
      .replace(/x-amzn-requestid: [0-9a-f-]{36}/g, 'x-amzn-requestid: ID')
      .replace(/\r\nDate: [^\r]*/g, '\r\nDate: X')
      .replace(/"uptimeSeconds":\d+/g, '"uptimeSeconds":N');
  }
  /** Waits for the connection to close, and returns what arrived. */
  async untilClosed(): Promise<string> {
    await vi.waitFor(() => expect(this.closed).toBe(true), { timeout: 10_000, interval: 2 });
    return this.text();
  }
}

const REGISTER = JSON.stringify({ name: 'adv', workflowExecutionRetentionPeriodInDays: '1' });
const DESCRIBE = JSON.stringify({ name: 'adv' });
const POLL = JSON.stringify({ domain: 'adv', taskList: { name: 'tl' }, identity: 'raw' });
const HEALTH = 'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n';

/** Sends `bytes` in one write, half-closes, and returns all that arrived until the server closed. */
async function thenFin(port: number, bytes: string): Promise<string> {
  const client = new RawClient(port);
  client.socket.end(bytes);
  return client.untilClosed();
}

describe('a client that half-closes right after a pipelined pair', () => {
  it('lean request, then one for node:http, then FIN: both answered, in order, then the connection ends', async () => {
    const { port } = await start();
    await thenFin(port, request('RegisterDomain', REGISTER));
    for (const second of [HEALTH, request('DescribeDomain', DESCRIBE, 'chunked')]) {
      const lean = await thenFin(port, request('DescribeDomain', DESCRIBE) + second);
      const viaNode = await thenFin(port, request('DescribeDomain', DESCRIBE, 'chunked') + second);
      expect(lean).toBe(viaNode);
      expect([...lean.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => m[1])).toEqual(['200', '200']);
    }
  });

  it('a long poll, then a GET, then FIN: the poll ends empty, the GET is answered, then the connection ends', async () => {
    const s = await start({ pollTimeoutMs: 30_000 });
    await thenFin(s.port, request('RegisterDomain', REGISTER));
    const lean = await thenFin(s.port, request('PollForActivityTask', POLL) + HEALTH);
    const viaNode = await thenFin(s.port, request('PollForActivityTask', POLL, 'chunked') + HEALTH);
    expect(lean).toBe(viaNode);
    expect([...lean.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => m[1])).toEqual(['200', '200']);
    expect(s.service.waitingPolls()).toBe(0);
  });
});

/** The server's end of a client's connection (this process holds both ends). */
function serverSide(client: Socket): Socket {
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  const found = handles.find(
    (h): h is Socket =>
      h instanceof Object &&
      'remotePort' in h &&
      (h as Socket).remotePort === client.localPort &&
      (h as Socket).localPort === client.remotePort,
  );
  if (found === undefined) throw new Error('no server side for this connection');
  return found;
}

/** Sends one request on a fresh lean connection and returns its answer's JSON. */
async function call(port: number, target: string, body: unknown): Promise<Record<string, unknown>> {
  const text = await thenFin(port, request(target, JSON.stringify(body)));
  expect(text).toMatch(/^HTTP\/1\.1 200 /);
  const json = text.slice(text.indexOf('\r\n\r\n') + 4);
  return json === '' ? {} : (JSON.parse(json) as Record<string, unknown>);
}

describe('a client that sends small requests one by one and never reads their large answers', () => {
  it.each(['length', 'chunked'] as const)(
    '%s: the server stops reading once its answers wait to be written',
    async (framing) => {
      const { port } = await start();
      await call(port, 'RegisterDomain', { name: 'adv', workflowExecutionRetentionPeriodInDays: '1' });
      await call(port, 'RegisterWorkflowType', {
        domain: 'adv',
        name: 'W',
        version: '1',
        defaultTaskList: { name: 'tl' },
        defaultTaskStartToCloseTimeout: 'NONE',
        defaultExecutionStartToCloseTimeout: '600',
        defaultChildPolicy: 'TERMINATE',
      });
      const { runId } = await call(port, 'StartWorkflowExecution', {
        domain: 'adv',
        workflowId: 'big',
        workflowType: { name: 'W', version: '1' },
        input: 'x'.repeat(32_000),
      });
      const one = request(
        'GetWorkflowExecutionHistory',
        JSON.stringify({ domain: 'adv', execution: { workflowId: 'big', runId } }),
        framing,
      );
      const client = new RawClient(port);
      client.socket.pause(); // never reads
      await new Promise((resolve) => client.socket.once('connect', resolve));
      let side: Socket | undefined;
      let most = 0;
      // ~300 bytes asked, ~32 KB answered, each request on its own write: 3,000 of them would be ~100 MB.
      for (let i = 0; i < 3_000; i++) {
        const more = client.socket.write(one);
        await new Promise((resolve) => setImmediate(resolve));
        side ??= serverSide(client.socket);
        most = Math.max(most, side.writableLength);
        if (!more) {
          const drained = await new Promise<boolean>((resolve) => {
            const timer = setTimeout(() => resolve(false), 1_000);
            client.socket.once('drain', () => {
              clearTimeout(timer);
              resolve(true);
            });
          });
          if (!drained) break;
        }
      }
      most = Math.max(most, side?.writableLength ?? 0);
      expect(most).toBeLessThan(8 * 1024 * 1024);
      client.socket.destroy();
    },
    60_000,
  );
});
