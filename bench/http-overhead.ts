/**
 * What the service's HTTP front and request path add to a request beyond Node's own HTTP server:
 * the same keep-alive `node:http` client sends the same SDK-shaped request (the headers
 * `@aws-sdk/client-swf` sends, SigV4 `Authorization` included; not verified, as the service runs
 * by default) to a bare `node:http` server that parses the JSON body and answers a small JSON
 * body, and to the real server (`createServer`, durability `normal`, in memory) answering
 * `CountPendingActivityTasks` (validation, a domain lookup, one read transaction): CPU per request,
 * client and server together, in one process, the two taking rounds of 1,000 in turn, medians of 8.
 * The difference is the service's listener, dispatch, validation and a minimal read.
 *
 *     npx tsx bench/http-overhead.ts
 *
 * Prints one JSON line (`bench: 'http-overhead'`).
 */
import { Agent, createServer as createHttpServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer } from '@swf-flow/server';
const HEADERS: Record<string, string> = {
  'content-type': 'application/x-amz-json-1.0',
  'x-amz-target': 'SimpleWorkflowService.CountPendingActivityTasks',
  'x-amz-user-agent': 'aws-sdk-js/3.700.0',
  'user-agent': 'aws-sdk-js/3.700.0 ua/2.1 os/linux#6.1 lang/js md/nodejs#20.20.2 api/swf#3.700.0 m/E',
  'amz-sdk-invocation-id': '4f0c8a54-0c1b-4a43-9a3e-0b2f1ef0a0a1',
  'amz-sdk-request': 'attempt=1; max=3',
  'x-amz-date': '20261203T035000Z',
  authorization:
    'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261203/us-east-1/swf/aws4_request, SignedHeaders=amz-sdk-invocation-id;amz-sdk-request;content-length;content-type;host;x-amz-date;x-amz-target;x-amz-user-agent, Signature=3b7a1f9e2c2d8f6a0e5c4b3a29181706f5e4d3c2b1a0f9e8d7c6b5a493827160',
};
const BODY = JSON.stringify({ domain: 'bench', taskList: { name: 'nothing-here' } });
function client(port: number, agent: Agent) {
  return () =>
    new Promise<void>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/',
          agent,
          headers: { ...HEADERS, 'content-length': Buffer.byteLength(BODY) },
        },
        (res) => {
          res.on('data', () => {});
          res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(String(res.statusCode)))));
        },
      );
      req.on('error', reject);
      req.end(BODY);
    });
}
const bare = createHttpServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = JSON.stringify({ count: 0, truncated: false, echo: JSON.parse(Buffer.concat(chunks).toString()) });
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});
await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
const ours = await createServer({ dataDir: ':memory:', port: 0, durability: 'normal' });
const svc = ours.service;
await svc.handle('RegisterDomain', { name: 'bench', workflowExecutionRetentionPeriodInDays: '1' });
const ports = { bare: (bare.address() as AddressInfo).port, ours: Number(new URL(ours.url).port) };
const agents = {
  bare: new Agent({ keepAlive: true, maxSockets: 1 }),
  ours: new Agent({ keepAlive: true, maxSockets: 1 }),
};
const res: Record<'bare' | 'ours', number[]> = { bare: [], ours: [] };
for (let r = 0; r < 9; r++)
  for (const k of (r % 2 ? ['bare', 'ours'] : ['ours', 'bare']) as Array<'bare' | 'ours'>) {
    const call = client(ports[k], agents[k]);
    const c0 = process.cpuUsage();
    for (let i = 0; i < 1000; i++) await call();
    const c = process.cpuUsage(c0);
    if (r > 0) res[k].push((c.user + c.system) / 1000);
  }
const med = (xs: number[]): number => xs.sort((a, b) => a - b)[xs.length >> 1] ?? Number.NaN;
const [b, o] = [med(res.bare), med(res.ours)];
console.log(
  JSON.stringify({
    bench: 'http-overhead',
    bareCpuUsPerRequest: Math.round(b),
    serviceCpuUsPerRequest: Math.round(o),
    addedUs: Math.round(o - b),
  }),
);
agents.bare.destroy();
agents.ours.destroy();
bare.close();
await ours.close();
