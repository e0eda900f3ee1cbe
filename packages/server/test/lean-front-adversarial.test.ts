/**
 * The lean HTTP/1.1 front (`src/http/lean-server.ts`) under clients that do odd things, over raw
 * sockets against the real server, each answer held to what `node:http`'s path gives for the same
 * bytes: a half-close right after a pipelined pair whose second request goes to `node:http` (both
 * answered, then the connection ends), and a client that sends small requests one by one and never
 * reads their large answers (reading pauses, the answers are not buffered without bound); odd heads
 * and bodies (Content-Length forms, odd names, obs-fold, NUL, DEL, no Host, absolute-form, HTTP/1.0,
 * `Connection: close` mid-pipeline), each answered as a connection `node:http` reads from its first
 * request answers them; a pipeline of lean and `node:http` requests split at awkward places; a long
 * poll handed a task just as its client half-closes with a GET pipelined behind it (the task, then
 * the GET, then the end), or resets (that answer only is lost).
 */
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type LocalSwfServer, createServer } from '../src/index.js';
import { holdNextHandedPoll } from './support/hold-handed-poll.js';
import { RawClient, swfRequest as request } from './support/raw-client.js';

let server: LocalSwfServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: Parameters<typeof createServer>[0] = {}): Promise<LocalSwfServer> {
  server = await createServer({ dataDir: ':memory:', port: 0, ...options });
  return server;
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

/** Registers a domain and a workflow type, starts nothing. */
/**
 * Once the raw client's decision poll waits: starts run `w`, whose decision task is handed to that
 * poll, and returns when the hook holds the handed answer.
 */
async function handToWaitingPoll(s: LocalSwfServer, hold: ReturnType<typeof holdNextHandedPoll>): Promise<void> {
  await vi.waitFor(() => expect(s.service.waitingPolls()).toBe(1), { timeout: 10_000, interval: 5 });
  await call(s.port, 'StartWorkflowExecution', {
    domain: 'adv',
    workflowId: 'w',
    workflowType: { name: 'W', version: '1' },
  });
  await hold.handed;
}

async function setUp(port: number): Promise<void> {
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
}

describe('a client that sends small requests one by one and never reads their large answers', () => {
  it.each(['length', 'chunked'] as const)(
    '%s: the server stops reading once its answers wait to be written',
    async (framing) => {
      const { port } = await start();
      await setUp(port);
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
      // The writes stopped because the server stopped reading (its answers wait to be written), not
      // because a loaded server was slow to read: it holds answers and reads no more.
      expect(side?.isPaused()).toBe(true);
      expect(side?.writableLength).toBeGreaterThan(0);
      client.socket.destroy();
    },
    60_000,
  );
});

describe('odd heads and bodies: the lean front gives the answer node:http gives for the same bytes', () => {
  /** The same bytes, then FIN, on a connection that is node:http's from its first request (a GET /health). */
  async function viaNode(port: number, bytes: string): Promise<string> {
    const client = new RawClient(port);
    client.socket.write(HEALTH);
    await vi.waitFor(() => expect(client.text()).toContain('\r\n0\r\n\r\n'), { timeout: 10_000, interval: 2 });
    const health = client.text().length;
    client.socket.end(Buffer.from(bytes, 'latin1'));
    return (await client.untilClosed()).slice(health);
  }
  const B = JSON.stringify({ name: 'nowhere' });
  const TARGET = 'X-Amz-Target: SimpleWorkflowService.DescribeDomain\r\n';
  const LENGTH = `Content-Length: ${B.length}\r\n`;
  const HOST = 'Host: 127.0.0.1\r\n';
  const req = (extra = '', length = LENGTH, host = HOST, line = 'POST / HTTP/1.1', body = B): string =>
    `${line}\r\n${host}Content-Type: application/x-amz-json-1.0\r\n${TARGET}${extra}${length}\r\n${body}`;
  const cases: Record<string, string> = {
    'a plain request': req(),
    'Content-Length with leading zeros': req('', `Content-Length: 000${B.length}\r\n`),
    'Content-Length with a +': req('', `Content-Length: +${B.length}\r\n`),
    'Content-Length with spaces around': req('', `Content-Length:   ${B.length}  \r\n`),
    'Content-Length with a space inside': req('', `Content-Length: 1 ${B.length}\r\n`),
    'Content-Length twice, the same': req(LENGTH),
    'Content-Length twice, different': req(`Content-Length: ${B.length + 1}\r\n`),
    'Content-Length too large for a number': req('', 'Content-Length: 99999999999999999999\r\n'),
    'Content-Length and Transfer-Encoding': req('Transfer-Encoding: chunked\r\n'),
    'Content-Length: 0 and no body': req('', 'Content-Length: 0\r\n', HOST, undefined, ''),
    'a body shorter than its Content-Length': req('', `Content-Length: ${B.length + 3}\r\n`),
    'names in odd case': req('', `cONTENT-lENGTH: ${B.length}\r\n`, 'hOST: 127.0.0.1\r\n'),
    'an obs-fold': req('X-Foo: a\r\n  b\r\n'),
    'a NUL in a value': req('X-Foo: a\0b\r\n'),
    'a DEL in a value': req('X-Foo: a\x7fb\r\n'),
    'obs-text in a value': req('X-Foo: a\xe9b\r\n'),
    'tabs in and around a value': req('X-Foo:\ta\tb\t\r\n'),
    'an empty value': req('X-Foo:\r\n'),
    'a bare LF': req('X-Foo: a\n'),
    'a space before the colon': req('X-Foo : a\r\n'),
    'a name inherited by plain objects': req('Constructor: x\r\nToString: y\r\n'),
    'a __proto__ field': req('__proto__: x\r\n'),
    'a field twice': req('X-Amz-Date: 1\r\nx-amz-date: 2\r\n'),
    'X-Amz-Target twice': req(TARGET),
    'X-Amz-Target padded': req().replace(TARGET, 'X-Amz-Target:   SimpleWorkflowService.DescribeDomain \t\r\n'),
    'no Host': req('', LENGTH, ''),
    'an empty Host': req('', LENGTH, 'Host:\r\n'),
    'an absolute-form target': req('', LENGTH, HOST, 'POST http://127.0.0.1/ HTTP/1.1'),
    'a query': req('', LENGTH, HOST, 'POST /?a=1 HTTP/1.1'),
    'HTTP/1.0': req('', LENGTH, HOST, 'POST / HTTP/1.0'),
    'a lower-case method': req('', LENGTH, HOST, 'post / HTTP/1.1'),
    'Connection: close': req('Connection: close\r\n'),
    'Connection: Keep-Alive': req('Connection: Keep-Alive\r\n'),
    'Connection: keep-alive, te': req('Connection: keep-alive, te\r\n'),
    'two pipelined': req() + req(),
    'Connection: close on the second of three': req() + req('Connection: close\r\n') + req(),
    'an empty line between two': `${req()}\r\n${req()}`,
  };
  it.each(Object.keys(cases))('%s', async (name) => {
    const { port } = await start();
    const bytes = cases[name] as string;
    expect(await thenFin(port, bytes)).toBe(await viaNode(port, bytes));
  });

  it('a valid request then bytes that are not HTTP: the request is answered, then 400 (node:http, reading both at once, drops the first answer)', async () => {
    const { port } = await start();
    for (const bytes of [req() + 'GARBAGE\r\n\r\n', req('', `Content-Length: ${B.length - 3}\r\n`)]) {
      const node = await viaNode(port, bytes);
      // The service's answer to what it cannot parse says so (client-errors.ts), where Node's was empty.
      expect(node).toMatch(
        /^HTTP\/1\.1 400 Bad Request\r\n[^]*Connection: close\r\n\r\n[^]*could not read this request/,
      );
      const lean = await thenFin(port, bytes);
      expect([...lean.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => m[1])).toEqual(['400', '400']);
      expect(lean).toMatch(/^HTTP\/1\.1 400 Bad Request\r\ncontent-type: application\/x-amz-json-1.0\r\n/);
      expect(lean.endsWith(node)).toBe(true);
    }
  });
});

describe('a pipeline of lean and node:http requests, split at awkward places', () => {
  it('each split gives the answers of the whole, in order', async () => {
    const { port } = await start();
    const unknown = request('DescribeDomain', JSON.stringify({ name: 'nowhere' }));
    const parts = [unknown, HEALTH, unknown, request('DescribeDomain', '{}', 'chunked'), unknown];
    const all = parts.join('');
    const whole = await thenFin(port, all);
    expect([...whole.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => m[1])).toEqual(['400', '200', '400', '400', '400']);
    // Around each boundary, inside the first head's blank line and in the middle of its Content-Length.
    const ends = parts.map((_, i) => parts.slice(0, i + 1).join('').length);
    const at = [all.indexOf('\r\n\r\n') + 1, all.indexOf('Content-Length') + 10];
    for (const end of ends.slice(0, -1)) at.push(end - 2, end - 1, end, end + 1, end + 2);
    for (const cut of at) {
      const client = new RawClient(port);
      client.socket.write(all.slice(0, cut));
      // The barrier: the answers to the requests whole in the first part have come.
      const whole1 = ends.filter((e) => e <= cut).length;
      await vi.waitFor(() => expect(client.text().match(/HTTP\/1\.1 \d{3} /g)?.length ?? 0).toBe(whole1), {
        timeout: 10_000,
        interval: 2,
      });
      client.socket.end(all.slice(cut));
      expect(await client.untilClosed(), `split at ${cut}`).toBe(whole);
    }
  });
});

describe('a long poll handed a task just as its client half-closes or resets, on each path', () => {
  const poll = JSON.stringify({ domain: 'adv', taskList: { name: 'tl' }, identity: 'raw' });

  it.each([
    ['lean', (p: string) => p],
    [
      'node:http (chunked)',
      (p: string) =>
        p.replace(
          /Content-Length: \d+\r\n\r\n(.*)$/s,
          (_, b: string) => `Transfer-Encoding: chunked\r\n\r\n${b.length.toString(16)}\r\n${b}\r\n0\r\n\r\n`,
        ),
    ],
  ])('%s: FIN with a GET pipelined behind the poll: the task, then the GET, then the end', async (_, frame) => {
    const s = await start({ pollTimeoutMs: 30_000 });
    await setUp(s.port);
    const hold = holdNextHandedPoll(s.service, 'PollForDecisionTask');
    try {
      const client = new RawClient(s.port);
      client.socket.write(frame(request('PollForDecisionTask', poll)) + HEALTH);
      await handToWaitingPoll(s, hold);
      client.socket.end();
      const text = await client.untilClosed();
      expect([...text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => m[1])).toEqual(['200', '200']);
      expect(text).toContain('"workflowId":"w"');
      expect(text).toContain('"status":"ok"');
    } finally {
      hold.restore();
    }
  });

  it('a reset in the window loses that answer only: nothing fails, the server serves on', async () => {
    const s = await start({ pollTimeoutMs: 30_000 });
    await setUp(s.port);
    const errors: unknown[] = [];
    const log = s.service.logger.error.bind(s.service.logger);
    s.service.logger.error = (...args: Parameters<typeof log>) => {
      errors.push(args);
      log(...args);
    };
    const hold = holdNextHandedPoll(s.service, 'PollForDecisionTask');
    try {
      const client = new RawClient(s.port);
      client.socket.write(request('PollForDecisionTask', poll));
      await handToWaitingPoll(s, hold);
      client.socket.resetAndDestroy();
      await client.untilClosed();
      expect(await call(s.port, 'DescribeDomain', { name: 'adv' })).toHaveProperty('domainInfo');
      expect(errors).toEqual([]);
    } finally {
      hold.restore();
    }
  });
});

describe('the keep-alive timeout', () => {
  const first = { lean: request('DescribeDomain', JSON.stringify({ name: 'nowhere' })), 'node:http': HEALTH };

  it.each(Object.keys(first) as (keyof typeof first)[])(
    '%s: idle past the keep-alive timeout after an answer: closed',
    async (path) => {
      const { port } = await start({ keepAliveTimeoutMs: 200 });
      const client = new RawClient(port);
      client.socket.write(first[path]);
      const text = await client.untilClosed();
      expect(text).toContain('Keep-Alive: timeout=0\r\n');
      expect(text.match(/HTTP\/1\.1 \d{3} /g)).toHaveLength(1);
    },
  );
});
