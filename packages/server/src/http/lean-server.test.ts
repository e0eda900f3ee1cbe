/**
 * The lean front against `node:http`, on raw sockets: the same handler answers through both, and
 * every byte each writes must be the same (the `Date` value aside), on fresh and reused connections
 * and for pipelined requests; requests split at every byte, bodies in pieces, half heads, heads over
 * the limit and a connection that turns to a GET; what goes to `node:http` is served there.
 */
import { type Server, createServer as createHttpServer } from 'node:http';
import { type AddressInfo, type Socket, connect, createServer as createNetServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LeanHttpServer, type LeanReply } from './lean-server.js';
import { answerClientErrors, clientErrorAnswer } from './client-errors.js';

/** What the service's node:http answers a request cut short by a FIN (client-errors.ts); the lean front gives the same. */
const CUT_SHORT = clientErrorAnswer('HPE_INVALID_EOF_STATE', 'Parse Error');

/** An answer a test asks for, by the request's `x-answer` header. */
interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}
const ANSWERS: Record<string, Answer> = {
  ok: {
    status: 200,
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amzn-requestid': '4f0c8a54-0c1b-4a43-9a3e-0b2f1ef0a0a1',
      'content-length': '2',
    },
    body: '{}',
  },
  fault: {
    status: 400,
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amzn-requestid': '8d2e5b1c-0000-4000-8000-000000000000',
      'x-amzn-errortype': 'UnknownResourceFault',
      'content-length': String(Buffer.byteLength('{"__type":"x#UnknownResourceFault","message":"Unknown domain: ï"}')),
    },
    body: '{"__type":"x#UnknownResourceFault","message":"Unknown domain: ï"}',
  },
  internal: { status: 500, headers: { 'content-type': 'text/plain' }, body: 'Internal error\n' },
  empty: { status: 200, headers: { 'content-type': 'application/x-amz-json-1.0', 'content-length': '0' }, body: '' },
  latin1: {
    status: 200,
    headers: { 'x-note': 'café', 'content-length': String(Buffer.byteLength('{"s":"✓ 𝄞"}')) },
    body: '{"s":"✓ 𝄞"}',
  },
  unsized: { status: 413, headers: { 'content-type': 'application/json' }, body: '' },
};

/** A wait for sockets and handlers bounds a hang, not their speed (a loaded machine may take seconds). */
const HANG_BOUND = { timeout: 20_000, interval: 2 };

/** What each front served, and the waits a test holds open. */
const served: { front: 'lean' | 'node'; body: string }[] = [];
/** The last connection the lean front served a request on (its server side). */
let leanSocket: Socket | undefined;
const held = new Map<string, () => void>();
const goneSeen: string[] = [];

function answerFor(headers: Record<string, string | string[] | undefined>, body: string, send: (a: Answer) => void) {
  const answer = ANSWERS[String(headers['x-answer'] ?? 'ok')] ?? ANSWERS.ok!;
  const hold = headers['x-hold'];
  const echo = { ...answer };
  if (answer === ANSWERS.ok && body.length > 2) {
    // the ok answer echoes the body, so that pieces put together wrong show
    echo.body = body;
    echo.headers = { ...answer.headers, 'content-length': String(Buffer.byteLength(body)) };
  }
  if (typeof hold === 'string') held.set(hold, () => send(echo));
  else send(echo);
}

let node: Server;
let nodePort = 0;
let leanPort = 0;
let leanNet: Server | ReturnType<typeof createNetServer>;

beforeAll(async () => {
  node = createHttpServer({ keepAliveTimeout: 65_000 }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      served.push({ front: 'node', body });
      answerFor(req.headers, body, (a) => {
        res.writeHead(a.status, a.headers);
        res.end(a.body);
      });
    });
  });
  (node as Server & { httpAllowHalfOpen: boolean }).httpAllowHalfOpen = true;
  answerClientErrors(node); // as createServer configures it
  const lean = new LeanHttpServer({
    keepAliveTimeoutMs: 65_000,
    maxBodyBytes: 64 * 1024,
    handOff: (socket) => node.emit('connection', socket),
    serve(request, reply: LeanReply) {
      const body = request.body.toString();
      served.push({ front: 'lean', body });
      leanSocket = request.socket;
      reply.onGone(() => goneSeen.push(body));
      answerFor(request.headers, body, (a) => reply.send(a.status, a.headers, a.body));
    },
  });
  await new Promise<void>((resolve) => node.listen(0, '127.0.0.1', resolve));
  leanNet = createNetServer({ allowHalfOpen: true }, (socket) => lean.accept(socket));
  await new Promise<void>((resolve) => leanNet.listen(0, '127.0.0.1', resolve));
  nodePort = (node.address() as AddressInfo).port;
  leanPort = (leanNet.address() as AddressInfo).port;
});
afterAll(async () => {
  node.closeAllConnections();
  await new Promise((resolve) => node.close(resolve));
  await new Promise((resolve) => leanNet.close(resolve));
});

function post(body: string, extra: Record<string, string> = {}): string {
  const fields = Object.entries(extra).map(([k, v]) => `${k}: ${v}\r\n`);
  return (
    'POST / HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/x-amz-json-1.0\r\n' +
    `${fields.join('')}content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  );
}

/** A raw client: writes what it is given, collects every byte, says when `n` answers are in. */
class RawClient {
  readonly socket: Socket;
  private bytes = Buffer.alloc(0);
  closed = false;
  constructor(port: number) {
    this.socket = connect(port, '127.0.0.1');
    this.socket.setNoDelay(true);
    this.socket.on('data', (chunk: Buffer) => (this.bytes = Buffer.concat([this.bytes, chunk])));
    this.socket.on('error', () => {});
    this.socket.on('close', () => (this.closed = true));
  }
  /** Everything received, as it came. */
  raw(): string {
    return this.bytes.toString('latin1');
  }
  /** Everything received, the `Date` values replaced. */
  text(): string {
    return this.bytes
      .toString('latin1')
      .replace(/\r\nDate: [A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT/g, '\r\nDate: X');
  }
  count(): number {
    return (this.text().match(/HTTP\/1\.1 \d{3} /g) ?? []).length;
  }
  async answers(n: number): Promise<string> {
    await vi.waitFor(() => expect(this.count() >= n && this.complete()).toBe(true), HANG_BOUND);
    return this.text();
  }
  /** Whether the last answer's body is whole (by its content-length, or a chunked body's end). */
  private complete(): boolean {
    const text = this.text();
    const at = text.lastIndexOf('HTTP/1.1 ');
    const end = text.indexOf('\r\n\r\n', at);
    if (end === -1) return false;
    const length = /\r\ncontent-length: (\d+)/i.exec(text.slice(at, end));
    if (length) return Buffer.byteLength(text.slice(end + 4), 'latin1') >= Number(length[1]);
    return /Transfer-Encoding: chunked/.test(text.slice(at, end)) ? text.endsWith('0\r\n\r\n') : true;
  }
  async whenClosed(): Promise<void> {
    await vi.waitFor(() => expect(this.closed).toBe(true), HANG_BOUND);
  }
}

/** Runs the same writes against both fronts; returns both byte streams (`Date` masked). */
async function both(
  writes: string[],
  n: number,
  between?: () => Promise<void>,
): Promise<{ lean: string; node: string }> {
  const out: Record<string, string> = {};
  for (const [name, port] of [
    ['lean', leanPort],
    ['node', nodePort],
  ] as const) {
    const client = new RawClient(port);
    for (const w of writes) {
      client.socket.write(Buffer.from(w, 'latin1'));
      await between?.();
    }
    out[name] = await client.answers(n);
    client.socket.destroy();
  }
  return { lean: out.lean as string, node: out.node as string };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const utf8 = (s: string): string => Buffer.from(s).toString('latin1');

describe('the lean front writes the bytes node:http writes', () => {
  for (const name of Object.keys(ANSWERS)) {
    it(`${name}: on a fresh connection, on a reused one, and pipelined`, async () => {
      const request = utf8(post('{}', { 'x-answer': name }));
      const fresh = await both([request], 1);
      expect(fresh.lean).toBe(fresh.node);
      expect(fresh.lean).toMatch(/^HTTP\/1\.1 \d{3} /);
      const reused = await both([request, request, request], 3, tick);
      expect(reused.lean).toBe(reused.node);
      const pipelined = await both([request + request + request], 3);
      expect(pipelined.lean).toBe(pipelined.node);
    });
  }

  it('a Date of the form node:http writes, refreshed each second', async () => {
    const client = new RawClient(leanPort);
    client.socket.write(post('{}'));
    await client.answers(1);
    const raw = /\r\nDate: ([^\r]*)\r\n/.exec(client.raw())?.[1];
    client.socket.destroy();
    expect(new Date(raw as string).toUTCString()).toBe(raw);
    expect(Math.abs(Date.parse(raw as string) - Date.now())).toBeLessThan(60_000);
  });

  it('answers pipelined requests in order when a later one is answered first', async () => {
    const order = (front: number): Promise<string> => {
      const name = front === leanPort ? 'lean' : 'node';
      served.length = 0;
      const client = new RawClient(front);
      client.socket.write(
        post('{"n":1}', { 'x-hold': `first-${front}` }) + post('{"n":2}') + post('{"n":3}', { 'x-answer': 'fault' }),
      );
      return (async () => {
        await vi.waitFor(() => expect(held.has(`first-${front}`)).toBe(true), HANG_BOUND);
        // The later ones are answered meanwhile (their handler has sent), and nothing is written yet.
        await vi.waitFor(
          () => expect(served.some((r) => r.front === name && r.body === '{"n":3}')).toBe(true),
          HANG_BOUND,
        );
        expect(client.count()).toBe(0);
        held.get(`first-${front}`)?.();
        const text = await client.answers(3);
        client.socket.destroy();
        return text;
      })();
    };
    const lean = await order(leanPort);
    expect(lean).toBe(await order(nodePort));
    expect(lean.indexOf('{"n":1}')).toBeLessThan(lean.indexOf('{"n":2}'));
  });
});

describe('the lean front reads what arrives in pieces', () => {
  const request = post('{"domain":"d","taskList":{"name":"tl"},"identity":"worker-1"}', { 'x-amz-target': 'T' });

  it('a request split at every byte is served here, the same answer each time', async () => {
    const whole = await both([request], 1);
    for (let at = 1; at < request.length; at++) {
      served.length = 0;
      const client = new RawClient(leanPort);
      client.socket.write(request.slice(0, at));
      await tick();
      client.socket.write(request.slice(at));
      expect(await client.answers(1)).toBe(whole.lean);
      client.socket.destroy();
      expect(served).toEqual([{ front: 'lean', body: request.slice(request.indexOf('\r\n\r\n') + 4) }]);
    }
  });

  it('a body arriving a byte at a time', async () => {
    const client = new RawClient(leanPort);
    const split = request.indexOf('\r\n\r\n') + 4;
    client.socket.write(request.slice(0, split));
    for (const c of request.slice(split)) {
      await tick();
      client.socket.write(c);
    }
    const text = await client.answers(1);
    client.socket.destroy();
    expect(text).toContain('"identity":"worker-1"');
  });

  it('half a head, then nothing: no answer and the connection stays open (the slow-client checks cut it)', async () => {
    const client = new RawClient(leanPort);
    client.socket.write(request.slice(0, 40));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(client.count()).toBe(0);
    expect(client.closed).toBe(false);
    client.socket.destroy();
  });
});

describe('what the lean front leaves to node:http', () => {
  it('a head over its limit goes to node:http, which serves it', async () => {
    served.length = 0;
    const long = post('{}', { 'x-long': 'a'.repeat(10_000) });
    const answers = await both([long], 1);
    expect(answers.lean).toBe(answers.node);
    expect(served.map((s) => s.front)).toEqual(['node', 'node']);
  });

  it('a head over node:http limit gets its 431, as before', async () => {
    const answers = await both([post('{}', { 'x-long': 'a'.repeat(20_000) })], 1);
    expect(answers.lean).toBe(answers.node);
    expect(answers.lean).toMatch(/^HTTP\/1\.1 431 /);
  });

  it.each([
    ['a chunked body', 'POST / HTTP/1.1\r\nhost: x\r\ntransfer-encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n'],
    ['Expect: 100-continue', post('{}', { expect: '100-continue' })],
    ['HTTP/1.0', 'POST / HTTP/1.0\r\nhost: x\r\ncontent-length: 2\r\n\r\n{}'],
    ['a GET', 'GET /health HTTP/1.1\r\nhost: x\r\n\r\n'],
    ['Connection: close', post('{}', { connection: 'close' })],
    ['a malformed head', 'POST / HTTP/1.1\r\nhost: x\r\nbad header\r\n\r\n'],
    ['a body over the cap', post('x'.repeat(65 * 1024))],
  ])('%s: the same bytes as node:http alone', async (_name, request) => {
    served.length = 0;
    const answers = await both([request], 1);
    expect(answers.lean).toBe(answers.node);
    expect(served.every((s) => s.front === 'node')).toBe(true);
  });

  it('a connection that turns from POST / to a GET is node:http’s from the GET on', async () => {
    served.length = 0;
    const get = 'GET /page HTTP/1.1\r\nhost: x\r\n\r\n';
    const answers = await both([post('{"n":1}'), get, post('{"n":2}')], 3, tick);
    expect(answers.lean).toBe(answers.node);
    expect(served.filter((_, i) => i < 3).map((s) => s.front)).toEqual(['lean', 'node', 'node']);
    served.length = 0;
    const pipelined = await both([post('{"n":1}') + get + post('{"n":2}')], 3);
    expect(pipelined.lean).toBe(pipelined.node);
    expect(served.map((s) => s.front)).toEqual(['lean', 'node', 'node', 'node', 'node', 'node']);
  });
});

describe('a client that sends and does not read', () => {
  it('stops being read while its answers wait to drain, and gets them all once it reads', async () => {
    const client = new RawClient(leanPort);
    client.socket.pause();
    const body = JSON.stringify({ pad: 'x'.repeat(32 * 1024) });
    const count = 300; // ~9.8 MB of answers, far beyond what the sockets' buffers hold
    for (let i = 0; i < count; i++) client.socket.write(post(body));
    await vi.waitFor(() => expect(leanSocket?.isPaused() && leanSocket.writableNeedDrain).toBe(true), {
      timeout: 10_000,
      interval: 5,
    });
    client.socket.resume();
    await vi.waitFor(() => expect(client.count()).toBe(count), { timeout: 20_000, interval: 20 });
    client.socket.destroy();
  });
});

describe('a client that half-closes or goes away', () => {
  it('FIN after a request: the request hears it, its answer is still written, then the connection ends', async () => {
    goneSeen.length = 0;
    const texts: string[] = [];
    for (const port of [leanPort, nodePort]) {
      const client = new RawClient(port);
      client.socket.end(post('{"fin":1}', { 'x-hold': `fin-${port}` }));
      await vi.waitFor(() => expect(held.has(`fin-${port}`)).toBe(true), HANG_BOUND);
      if (port === leanPort) await vi.waitFor(() => expect(goneSeen).toEqual(['{"fin":1}']), HANG_BOUND);
      held.get(`fin-${port}`)?.();
      await client.whenClosed();
      texts.push(client.text());
    }
    expect(texts[0]).toBe(texts[1]);
    expect(texts[0]).toMatch(/^HTTP\/1\.1 200 /);
  });

  it.each([
    ['in the middle of a head', 'POST / HTTP/1.1\r\nhost: x\r\n'],
    ['in the middle of a body', 'POST / HTTP/1.1\r\nhost: x\r\ncontent-length: 5\r\n\r\n{}'],
    // the first request still being served at the FIN, as the service's always are (they are async)
    ['after a request and half of the next', `${post('{}', { 'x-hold': 'half-next' })}POST / HTTP/1.1\r\nho`],
  ])("FIN %s: node:http's 400, then closed", async (_name, bytes) => {
    const texts: string[] = [];
    for (const port of [leanPort, nodePort]) {
      const client = new RawClient(port);
      client.socket.end(bytes);
      await client.whenClosed();
      held.get('half-next')?.(); // too late: nothing more is written
      texts.push(client.text());
    }
    expect(texts[0]).toBe(texts[1]);
    expect(texts[0]).toBe(CUT_SHORT);
  });

  it('a connection reset while a request is served: the request hears its client is gone', async () => {
    goneSeen.length = 0;
    const client = new RawClient(leanPort);
    client.socket.write(post('{"reset":1}', { 'x-hold': 'reset' }));
    await vi.waitFor(() => expect(held.has('reset')).toBe(true), HANG_BOUND);
    client.socket.resetAndDestroy();
    await vi.waitFor(() => expect(goneSeen).toEqual(['{"reset":1}']), HANG_BOUND);
    held.get('reset')?.(); // answering a request whose client is gone writes nothing, throws nothing
  });
});
