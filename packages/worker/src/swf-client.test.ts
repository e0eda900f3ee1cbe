/**
 * The clients the worker builds drop the SDK's idle logger middleware (and compile their serde:
 * common's sdk-serde tests compare them with the stock client): requests stay SigV4 signed AWS
 * JSON 1.0, answers parse as before, and a configured SDK logger still logs.
 */
import { CountPendingDecisionTasksCommand, SWFClient } from '@aws-sdk/client-swf';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveSwfClient } from '@swf-flow/common';

let server: Server;
let endpoint: string;
const seen: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
beforeEach(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ headers: req.headers, body: Buffer.concat(chunks).toString() });
      const body = JSON.stringify({ count: 7, truncated: false });
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  seen.length = 0;
  await new Promise((resolve) => server.close(resolve));
});

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };
const quiet = { debug() {} };
const count = new CountPendingDecisionTasksCommand({ domain: 'd', taskList: { name: 'tl' } });

describe('resolveSwfClient', () => {
  it('builds a client without the logger middleware whose requests are signed as before', async () => {
    const swf = resolveSwfClient(SWFClient, { endpoint, region: 'eu-west-1', credentials }, 'swf', quiet);
    try {
      expect(swf.middlewareStack.identify().some((m) => m.startsWith('loggerMiddleware'))).toBe(false);
      expect(swf.middlewareStack.identify().some((m) => m.startsWith('httpSigningMiddleware'))).toBe(true);
      await expect(swf.send(count)).resolves.toMatchObject({ count: 7, truncated: false });
      const [request] = seen;
      expect(request?.headers['x-amz-target']).toBe('SimpleWorkflowService.CountPendingDecisionTasks');
      expect(request?.headers['content-type']).toBe('application/x-amz-json-1.0');
      expect(request?.headers.authorization).toMatch(
        /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/swf\/aws4_request, SignedHeaders=\S*x-amz-target\S*, Signature=[0-9a-f]{64}$/,
      );
      expect(request?.headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
      expect(JSON.parse(request?.body ?? '')).toEqual({ domain: 'd', taskList: { name: 'tl' } });
    } finally {
      swf.destroy();
    }
  });

  it('keeps the logger middleware when the configuration names an SDK logger, which then logs', async () => {
    const logged: unknown[] = [];
    const logger = { debug() {}, info: (entry: unknown) => logged.push(entry), warn() {}, error() {} };
    const swf = resolveSwfClient(SWFClient, { endpoint, region: 'eu-west-1', credentials, logger }, 'swf', quiet);
    try {
      expect(swf.middlewareStack.identify().some((m) => m.startsWith('loggerMiddleware'))).toBe(true);
      await swf.send(count);
      expect(logged).toMatchObject([{ commandName: 'CountPendingDecisionTasksCommand', output: { count: 7 } }]);
    } finally {
      swf.destroy();
    }
  });
});
