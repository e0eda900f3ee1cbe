/**
 * What Node's HTTP server costs per SWF-sized request on the server side, beside a lean HTTP/1.1
 * reader on a bare `net.Server`: both answer the same request (the head the AWS SDK sends, a
 * ~300-byte JSON body) with the same bytes (the service's head: content-type, x-amzn-requestid,
 * content-length, then Date, Connection and Keep-Alive as Node writes them, and a ~300-byte JSON
 * body), after parsing the body and serializing an answer. The client, in a child process, is one
 * raw keep-alive socket per server that writes canned request bytes and reads the answer to its
 * end, so the parent's CPU is the servers' alone: CPU per exchange, rounds of 2,000 exchanges
 * taking turns, medians of 8.
 *
 *     npx tsx bench/http-server.ts [--rounds 8] [--per-round 2000]
 *
 * Prints one JSON line (`bench: 'http-server'`).
 */
import { createServer as createHttpServer } from 'node:http';
import { type AddressInfo, type Socket, connect, createServer as createNetServer } from 'node:net';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { LeanHttpServer } from '../packages/server/src/http/lean-server.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '8' },
    'per-round': { type: 'string', default: '2000' },
    client: { type: 'boolean', default: false },
  },
  allowPositionals: true,
});
const rounds = Number(values.rounds);
const perRound = Number(values['per-round']);

const BODY = JSON.stringify({
  domain: 'bench',
  taskList: { name: 'decisions-0001' },
  identity: 'worker-12345@host',
  maximumPageSize: 25,
  reverseOrder: true,
  nextPageToken: 'x'.repeat(120),
});
function requestBytes(port: number): Buffer {
  const head =
    'POST / HTTP/1.1\r\n' +
    'content-type: application/x-amz-json-1.0\r\n' +
    'x-amz-target: SimpleWorkflowService.PollForDecisionTask\r\n' +
    'x-amz-user-agent: aws-sdk-js/3.700.0\r\n' +
    'user-agent: aws-sdk-js/3.700.0 ua/2.1 os/linux#6.1 lang/js md/nodejs#20.20.2 api/swf#3.700.0 m/E\r\n' +
    'amz-sdk-invocation-id: 4f0c8a54-0c1b-4a43-9a3e-0b2f1ef0a0a1\r\n' +
    'amz-sdk-request: attempt=1; max=3\r\n' +
    'x-amz-date: 20261203T035000Z\r\n' +
    'authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261203/us-east-1/swf/aws4_request, SignedHeaders=amz-sdk-invocation-id;amz-sdk-request;content-length;content-type;host;x-amz-date;x-amz-target;x-amz-user-agent, Signature=3b7a1f9e2c2d8f6a0e5c4b3a29181706f5e4d3c2b1a0f9e8d7c6b5a493827160\r\n' +
    `host: 127.0.0.1:${port}\r\n` +
    `content-length: ${Buffer.byteLength(BODY)}\r\n` +
    'Connection: keep-alive\r\n\r\n';
  return Buffer.concat([Buffer.from(head, 'latin1'), Buffer.from(BODY)]);
}

/** The answer's body: what a handler computes from the request's (~300 bytes of JSON). */
function answer(body: Buffer): string {
  const input = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  return JSON.stringify({ echo: input, startedEventId: 0, previousStartedEventId: 0, events: [] });
}
const HEADERS = (body: string): Record<string, string> => ({
  'content-type': 'application/x-amz-json-1.0',
  'x-amzn-requestid': '4f0c8a54-0c1b-4a43-9a3e-0b2f1ef0a0a1',
  'content-length': String(Buffer.byteLength(body)),
});

/** The client side (a child process): a raw keep-alive socket, one request at a time. */
async function rawClient(port: number): Promise<{ exchange(): Promise<Buffer>; socket: Socket }> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((r) => socket.once('connect', r));
  socket.setNoDelay(true);
  const bytes = requestBytes(port);
  let buffered: Buffer = Buffer.alloc(0);
  let waiting: ((b: Buffer) => void) | undefined;
  socket.on('data', (chunk: Buffer) => {
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
    const end = buffered.indexOf('\r\n\r\n');
    if (end === -1) return;
    const m = /content-length: (\d+)/i.exec(buffered.toString('latin1', 0, end));
    const total = end + 4 + Number(m?.[1] ?? 0);
    if (buffered.length < total) return;
    const whole = buffered.subarray(0, total);
    buffered = buffered.subarray(total);
    const w = waiting;
    waiting = undefined;
    w?.(whole);
  });
  return {
    socket,
    exchange: () =>
      new Promise<Buffer>((resolve) => {
        waiting = resolve;
        socket.write(bytes);
      }),
  };
}

type Side = 'node' | 'lean';
type ToClient = { side: Side; count: number } | { stop: true };

if (process.argv.includes('--client')) {
  const [nodePort, leanPort] = process.argv.slice(-2).map(Number) as [number, number];
  const clients = { node: await rawClient(nodePort), lean: await rawClient(leanPort) };
  const first = { node: await clients.node.exchange(), lean: await clients.lean.exchange() };
  // The two answers must be the same bytes but for the Date header's value.
  const strip = (x: Buffer): string => x.toString('latin1').replace(/\r\nDate: [^\r]*/, '');
  if (strip(first.node) !== strip(first.lean))
    throw new Error(`the two servers answer differently:\n${strip(first.node)}\n---\n${strip(first.lean)}`);
  process.send?.({ ready: true, answerBytes: first.node.length });
  process.on('message', (m: ToClient) => {
    if ('stop' in m) {
      for (const c of Object.values(clients)) c.socket.destroy();
      process.disconnect();
      return;
    }
    void (async () => {
      for (let i = 0; i < m.count; i++) await clients[m.side].exchange();
      process.send?.({ done: true });
    })();
  });
} else {
  const node = createHttpServer({ keepAliveTimeout: 65_000 }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = answer(Buffer.concat(chunks));
      res.writeHead(200, HEADERS(body));
      res.end(body);
    });
  });
  const lean = new LeanHttpServer({
    keepAliveTimeoutMs: 65_000,
    handOff: () => {
      throw new Error('the bench sends only requests the lean path serves');
    },
    serve(request, reply) {
      const body = answer(request.body);
      reply.send(200, HEADERS(body), body);
    },
  });
  const leanNet = createNetServer({ allowHalfOpen: true }, (socket) => lean.accept(socket));
  await new Promise<void>((r) => node.listen(0, '127.0.0.1', r));
  await new Promise<void>((r) => leanNet.listen(0, '127.0.0.1', r));
  const ports = [(node.address() as AddressInfo).port, (leanNet.address() as AddressInfo).port];
  const child = fork(fileURLToPath(import.meta.url), ['--client', ...ports.map(String)]);
  const next = (): Promise<{ answerBytes?: number }> => new Promise((r) => child.once('message', r));
  const { answerBytes } = await next();
  const cpu: Record<Side, number[]> = { node: [], lean: [] };
  for (let r = 0; r <= rounds; r++)
    for (const side of (r % 2 ? ['node', 'lean'] : ['lean', 'node']) as Side[]) {
      const c0 = process.cpuUsage();
      child.send({ side, count: perRound } satisfies ToClient);
      await next();
      const c = process.cpuUsage(c0);
      if (r > 0) cpu[side].push((c.user + c.system) / 1000 / perRound);
    }
  child.send({ stop: true } satisfies ToClient);
  const med = (xs: number[]): number => [...xs].sort((x, y) => x - y)[xs.length >> 1] ?? Number.NaN;
  const [n, l] = [med(cpu.node), med(cpu.lean)];
  console.log(
    JSON.stringify({
      bench: 'http-server',
      requestBytes: requestBytes(0).length,
      answerBytes,
      nodeHttpServerCpuMsPerRequest: Number(n.toFixed(4)),
      leanServerCpuMsPerRequest: Number(l.toFixed(4)),
      savedMsPerRequest: Number((n - l).toFixed(4)),
      leanOverNode: Number((l / n).toFixed(3)),
    }),
  );
  node.close();
  leanNet.close();
}
