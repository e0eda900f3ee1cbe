/**
 * The service behind its lean HTTP/1.1 front (`src/http/lean-server.ts`), over raw sockets: a
 * `POST /` served by the lean path answers the bytes `node:http`'s path answers for the same
 * request (the same request sent with a chunked body goes to `node:http`; the request id and the
 * `Date` value aside), on fresh and reused connections and pipelined; a connection that turns to
 * the web UI or `/health` is served by `node:http` as before; a long poll ends when its client
 * goes away; `close()` ends polls waiting on lean connections; `--auth` applies to both paths.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type LocalSwfServer, createServer } from '../src/index.js';
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

async function exchange(port: number, writes: string[], n: number): Promise<string> {
  const client = new RawClient(port);
  for (const w of writes) {
    client.socket.write(w);
    await new Promise((resolve) => setImmediate(resolve));
  }
  const text = await client.answers(n);
  client.socket.destroy();
  return text;
}

const REGISTER = JSON.stringify({ name: 'lean', workflowExecutionRetentionPeriodInDays: '1' });
const LIST = JSON.stringify({ registrationStatus: 'REGISTERED' });
const UNKNOWN = JSON.stringify({ name: 'nowhere' });

describe('the lean front answers what node:http answers', () => {
  it('an answer, a fault and a validation error: fresh, reused and pipelined', async () => {
    const { port } = await start();
    await exchange(port, [request('RegisterDomain', REGISTER)], 1);
    const cases = [request('ListDomains', LIST), request('DescribeDomain', UNKNOWN), request('DescribeDomain', '{}')];
    const chunked = [
      request('ListDomains', LIST, 'chunked'),
      request('DescribeDomain', UNKNOWN, 'chunked'),
      request('DescribeDomain', '{}', 'chunked'),
    ];
    for (const [i, lean] of cases.entries()) {
      const viaNode = chunked[i] as string;
      expect(await exchange(port, [lean], 1)).toBe(await exchange(port, [viaNode], 1));
    }
    const reused = await exchange(port, cases, 3);
    expect(reused).toBe(await exchange(port, chunked, 3));
    const pipelined = await exchange(port, [cases.join('')], 3);
    expect(pipelined).toBe(reused);
    expect(reused).toContain('"name":"lean"');
    expect(reused).toContain('UnknownResourceFault');
    expect(reused).toContain('ValidationException');
  });

  it('a connection that turns to GET /health and the web UI is served by node:http from there on', async () => {
    const { port } = await start();
    const text = await exchange(
      port,
      [
        request('RegisterDomain', REGISTER),
        'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
        request('ListDomains', LIST),
        'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
      ],
      4,
    );
    const statuses = [...text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => m[1]);
    expect(statuses).toEqual(['200', '200', '200', '200']);
    expect(text).toContain('"status":"ok"');
    expect(text).toContain('"name":"lean"');
    expect(text).toContain('<!doctype html>');
  });

  it('a refused Host and a body over the cap get the answers they got before', async () => {
    const { port } = await start({ maxBodyBytes: 1024 });
    const refused = await exchange(
      port,
      [request('ListDomains', LIST).replace('Host: 127.0.0.1', 'Host: evil.example')],
      1,
    );
    expect(refused).toMatch(/^HTTP\/1\.1 400 |^HTTP\/1\.1 403 /);
    expect(refused).toContain('AccessDeniedException');
    const large = await exchange(port, [request('ListDomains', JSON.stringify({ pad: 'x'.repeat(2000) }))], 1);
    expect(large).toMatch(/^HTTP\/1\.1 413 /);
    expect(large).toContain('connection: close');
  });

  it('with --auth, an unsigned request is refused the same on both paths', async () => {
    const { port } = await start({ auth: [{ accessKeyId: 'AKID', secretAccessKey: 'secret' }] });
    const lean = await exchange(port, [request('ListDomains', LIST)], 1);
    expect(lean).toContain('MissingAuthenticationTokenException');
    expect(lean).toBe(await exchange(port, [request('ListDomains', LIST, 'chunked')], 1));
  });
});

describe('slow clients on the lean front', () => {
  const HALF_HEAD = 'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: SimpleWorkflowService.ListDomains\r\n';

  it('half a head, then nothing: 408 and closed', async () => {
    const { port } = await start({ headersTimeoutMs: 150, requestTimeoutMs: 300 });
    const client = new RawClient(port);
    client.socket.write(HALF_HEAD);
    await vi.waitFor(() => expect(client.closed).toBe(true), { timeout: 10_000, interval: 5 });
    expect(client.text()).toBe('HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n');
  });

  it('half a head after an answer, then nothing: closed, as on node:http’s path', async () => {
    // Whether the checks see the half head as a new request (408 at the header timeout) or as
    // bytes of an idle connection (closed at the keep-alive timeout) depends on whether they ran
    // between the answer and those bytes, on both paths alike (`slow-clients.ts`).
    const { port } = await start({ headersTimeoutMs: 150, requestTimeoutMs: 300, keepAliveTimeoutMs: 400 });
    const answers: string[] = [];
    for (const framing of ['length', 'chunked'] as const) {
      const client = new RawClient(port);
      client.socket.write(request('ListDomains', LIST, framing));
      await client.answers(1);
      client.socket.write(HALF_HEAD);
      await vi.waitFor(() => expect(client.closed).toBe(true), { timeout: 10_000, interval: 5 });
      answers.push(client.text().replace('HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n', ''));
    }
    expect(answers[0]).toBe(answers[1]);
    expect(answers[0]).toMatch(/\r\n\r\n\{"domainInfos":\[\]\}$/);
  });

  it('a head, then half the body: 408 and closed', async () => {
    const { port } = await start({ headersTimeoutMs: 150, requestTimeoutMs: 300 });
    const client = new RawClient(port);
    client.socket.write(request('ListDomains', LIST).slice(0, -5));
    await vi.waitFor(() => expect(client.closed).toBe(true), { timeout: 10_000, interval: 5 });
    expect(client.text()).toBe('HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n');
  });
});

describe('long polls on the lean front', () => {
  const poll = (): string =>
    request('PollForDecisionTask', JSON.stringify({ domain: 'lean', taskList: { name: 'tl' }, identity: 'raw' }));

  it('a poll whose client goes away stops waiting', async () => {
    const s = await start({ pollTimeoutMs: 30_000 });
    await exchange(s.port, [request('RegisterDomain', REGISTER)], 1);
    const client = new RawClient(s.port);
    client.socket.write(poll());
    await vi.waitFor(() => expect(s.service.waitingPolls()).toBe(1), { timeout: 10_000, interval: 5 });
    client.socket.destroy();
    await vi.waitFor(() => expect(s.service.waitingPolls()).toBe(0), { timeout: 10_000, interval: 5 });
  });

  it('close() ends the polls waiting on lean connections and closes them', async () => {
    const s = await start({ pollTimeoutMs: 30_000 });
    await exchange(s.port, [request('RegisterDomain', REGISTER)], 1);
    const client = new RawClient(s.port);
    client.socket.write(poll());
    const idle = new RawClient(s.port);
    idle.socket.write(request('ListDomains', LIST));
    await idle.answers(1);
    await vi.waitFor(() => expect(s.service.waitingPolls()).toBe(1), { timeout: 10_000, interval: 5 });
    await s.close();
    server = undefined;
    await vi.waitFor(() => expect(client.closed && idle.closed).toBe(true), { timeout: 10_000, interval: 5 });
    expect(s.service.waitingPolls()).toBe(0);
  });
});
