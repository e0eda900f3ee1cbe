/**
 * The SDK's HTTP handler alone against swf-flow's (`packages/common/src/sdk-http/`): each sends
 * the same signed-request shape (the headers `@aws-sdk/client-swf` sends) to a raw TCP server in
 * the process that answers every request with the same canned bytes at once (no `node:http`
 * server: nearly all the CPU is the handler's, the kernel's socket calls and the server's
 * `write`), and the body is read to the end as the SDK's deserializer reads it. CPU per exchange,
 * the two taking rounds in turn (medians of 7 rounds of 3,000), for a small answer and for a
 * ~20 KB one (a history page).
 *
 *     npx tsx bench/http-handler.ts [--rounds 7] [--calls 3000]
 *
 * Prints one JSON line (`bench: 'http-handler'`).
 */
import { SWFClient } from '@aws-sdk/client-swf';
import { createServer, type AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { LeanHttpHandler, type SdkNodeHttpHandler } from '../packages/common/src/sdk-http/handler.js';

interface Handler {
  handle(request: unknown): Promise<{ response: { body: unknown } }>;
  destroy(): void;
}

const argv = process.argv.slice(2);
const option = (name: string, fallback: number) =>
  argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : fallback;
const rounds = option('--rounds', 7);
const calls = option('--calls', 3000);

function answerOf(bodyBytes: number): Buffer {
  const body = `{"a":"${'x'.repeat(Math.max(0, bodyBytes - 8))}"}`;
  return Buffer.from(
    'HTTP/1.1 200 OK\r\nx-amzn-requestid: 0f6c2d0e-1b1a-4b7b-9f0e-2f8a7a6c0f11\r\n' +
      `content-type: application/x-amz-json-1.0\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
      'Date: Thu, 03 Dec 2026 10:00:00 GMT\r\nConnection: keep-alive\r\nKeep-Alive: timeout=65\r\n\r\n' +
      body,
  );
}

let answer = answerOf(2);
const server = createServer((socket) => {
  let pending: Buffer = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    for (;;) {
      const head = pending.indexOf('\r\n\r\n');
      if (head < 0) return;
      const length = Number(/content-length: (\d+)/i.exec(pending.toString('latin1', 0, head))?.[1] ?? 0);
      if (pending.length < head + 4 + length) return;
      pending = pending.subarray(head + 4 + length);
      socket.write(answer);
    }
  });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = (server.address() as AddressInfo).port;

const body = '{"domain":"bench","taskList":{"name":"bench"},"identity":"12345@bench-host"}';
const request = () => ({
  method: 'POST',
  protocol: 'http:',
  hostname: '127.0.0.1',
  port,
  path: '/',
  query: {},
  headers: {
    'content-type': 'application/x-amz-json-1.0',
    'x-amz-target': 'SimpleWorkflowService.PollForActivityTask',
    'content-length': String(Buffer.byteLength(body)),
    'x-amz-user-agent': 'aws-sdk-js/3.1048.0',
    'user-agent': 'aws-sdk-js/3.1048.0 ua/2.1 os/linux#6.1 lang/js md/nodejs#20.20.2 api/swf#3.1048.0 m/N,E,e',
    host: `127.0.0.1:${port}`,
    'amz-sdk-invocation-id': '75f250e7-11e5-44d8-be2a-ba857be41d0b',
    'amz-sdk-request': 'attempt=1; max=3',
    'x-amz-date': '20261203T101528Z',
    'x-amz-content-sha256': 'e9895248125c903d21bd0976f2afb0e9e684ff5facfd3a003e8568329d72cc0b',
    authorization:
      'AWS4-HMAC-SHA256 Credential=AKID/20261203/us-east-1/swf/aws4_request, SignedHeaders=amz-sdk-invocation-id;amz-sdk-request;content-length;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-target;x-amz-user-agent, Signature=2382baed18cb7867a5baead6e8fac64915b5a6720b180fb3cbf8d5f39d2ea72a',
  },
  body,
});

const sdkHandler = () =>
  new SWFClient({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } }).config
    .requestHandler as unknown as SdkNodeHttpHandler & Handler;
const sdk = sdkHandler();
const lean = new LeanHttpHandler(sdkHandler()) as unknown as Handler;

/** The body's bytes, as the SDK's deserializer reads them (a stream to its end, or bytes as they are). */
async function read(b: unknown): Promise<number> {
  if (b instanceof Uint8Array) return b.byteLength;
  let n = 0;
  for await (const chunk of b as Readable) n += (chunk as Buffer).length;
  return n;
}

async function cpuPerCall(handler: Handler, n: number): Promise<number> {
  const c0 = process.cpuUsage();
  for (let i = 0; i < n; i++) await read((await handler.handle(request())).response.body);
  const d = process.cpuUsage(c0);
  return (d.user + d.system) / 1000 / n;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const results: Record<string, { sdkMs: number; leanMs: number; ratio: number }> = {};
for (const [name, size] of [
  ['small answer', 2],
  ['20 KB answer', 20_000],
] as const) {
  answer = answerOf(size);
  await cpuPerCall(sdk, 1000);
  await cpuPerCall(lean, 1000);
  const a: number[] = [];
  const b: number[] = [];
  for (let r = 0; r < rounds; r++) {
    a.push(await cpuPerCall(sdk, calls));
    b.push(await cpuPerCall(lean, calls));
  }
  const sdkMs = median(a);
  const leanMs = median(b);
  results[name] = { sdkMs: +sdkMs.toFixed(4), leanMs: +leanMs.toFixed(4), ratio: +(leanMs / sdkMs).toFixed(2) };
}
console.log(JSON.stringify({ bench: 'http-handler', rounds, calls, results }));
sdk.destroy();
lean.destroy();
server.close();
