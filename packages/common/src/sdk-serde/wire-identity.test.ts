/**
 * A client built by resolveSwfClient puts on the wire exactly what the SDK's stock `SWFClient`
 * puts there: the same method, path, headers (in order, the SigV4 `authorization` included) and
 * body bytes, for every operation of the model with every member filled, and for the inputs the
 * compiled writer leaves to the SDK. Both clients send to one real `node:http` server; the clock is
 * fixed and the SDK's invocation id (random per request) is the same on both sides. swf-flow's
 * client sends twice: its first request goes through the SDK's chain (with swf-flow's middlewares),
 * the second through the fused chain (`sdk-fused-chain.ts`); both must be the stock client's.
 */
import { SWFClient } from '@aws-sdk/client-swf';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fusedRequests } from '../sdk-fused-chain.js';
import { resolveSwfClient } from '../swf-client.js';
import { deref } from './sdk-schema.js';
import { fill, modelOperations, type ModelOperation } from './test-support.js';

interface Captured {
  method: string | undefined;
  url: string | undefined;
  rawHeaders: string[];
  body: string;
}

let server: Server;
let endpoint: string;
const captured: Captured[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      captured.push({
        method: req.method,
        url: req.url,
        rawHeaders: req.rawHeaders,
        body: Buffer.concat(chunks).toString('latin1'), // the bytes, one char each
      });
      res.sendDate = false; // a Date header far from the fixed clock would make the SDK correct its clock
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'content-length': 2 });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-02T17:30:00Z') });
  vi.spyOn(globalThis.crypto, 'randomUUID').mockReturnValue('00000000-1111-4222-8333-444444444444');
});
afterAll(async () => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  await new Promise((resolve) => server.close(resolve));
});

const config = () => ({
  endpoint,
  region: 'eu-west-1',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
  maxAttempts: 1,
});

/**
 * What each client sends for `input`: [stock, swf-flow's], and whether swf-flow's client left the
 * request to the SDK's serializer.
 */
async function bothSend(op: ModelOperation, input: unknown): Promise<[Captured, Captured, boolean]> {
  const stock = new SWFClient(config());
  const fast = resolveSwfClient(SWFClient, config(), 'swf', { debug() {} });
  const sdkSerializer = vi.spyOn(
    fast.config.protocol as unknown as { serializeRequest(): unknown },
    'serializeRequest',
  );
  try {
    captured.length = 0;
    await stock.send(new op.Command(input as never) as never);
    await fast.send(new op.Command(input as never) as never);
    // once more: the cached chain, now the fused function (the first request went the SDK's way)
    await fast.send(new op.Command(input as never) as never);
    expect(fusedRequests(fast.config)).toBe(1);
    expect(captured).toHaveLength(3);
    expect(captured[2]).toEqual(captured[1]);
    return [captured[0] as Captured, captured[1] as Captured, sdkSerializer.mock.calls.length > 0];
  } finally {
    stock.destroy();
    fast.destroy();
  }
}

const operations = modelOperations();

describe('the requests of a client built by resolveSwfClient', () => {
  it('covers every operation of the model', () => {
    expect(operations.length).toBe(39);
  });

  it.each(operations.map((op) => [op.name, op] as const))(
    '%s with every member filled: the same bytes as the stock SDK client',
    async (_name, op) => {
      for (const variant of [0, 1, 3, 4]) {
        const [stock, fast, leftToSdk] = await bothSend(op, fill(op.schema[4], variant));
        expect(fast).toEqual(stock);
        expect(leftToSdk).toBe(false);
        expect(stock.rawHeaders).toContain('authorization');
        expect(stock.rawHeaders).toContain(`SimpleWorkflowService.${op.name}`);
      }
    },
  );

  it.each(operations.map((op) => [op.name, op] as const))(
    '%s with no members, null members and unknown keys: the same bytes',
    async (_name, op) => {
      const names = (deref(op.schema[4]) as unknown[])[4] as string[];
      const withNulls = Object.fromEntries(names.map((n, i) => [n, i % 2 === 0 ? null : undefined]));
      for (const input of [{}, withNulls, { unknownKey: 'x', ...(fill(op.schema[4], 2) as object) }]) {
        const [stock, fast, leftToSdk] = await bothSend(op, input);
        expect(fast).toEqual(stock);
        expect(leftToSdk).toBe(false);
      }
    },
  );

  const poll = operations.find((op) => op.name === 'PollForDecisionTask') as ModelOperation;
  const respond = operations.find((op) => op.name === 'RespondDecisionTaskCompleted') as ModelOperation;
  const listClosed = operations.find((op) => op.name === 'ListClosedWorkflowExecutions') as ModelOperation;
  const start = operations.find((op) => op.name === 'StartWorkflowExecution') as ModelOperation;
  it.each([
    ['a number where a string belongs', poll, { domain: 7, taskList: { name: 'tl' } }],
    ['a string where a number belongs', poll, { domain: 'd', taskList: { name: 'tl' }, maximumPageSize: '10' }],
    ['NaN and Infinity', poll, { domain: 'd', taskList: { name: 'tl' }, maximumPageSize: Number.NaN }],
    ['a __type key', poll, { domain: 'd', taskList: { name: 'tl', __type: 'X', extra: 1 } }],
    ['a hole in a list', respond, { taskToken: 't', decisions: [null, { decisionType: 'CancelTimer' }] }],
    ['a number as a timestamp', listClosed, { domain: 'd', startTimeFilter: { oldestDate: 1_700_000_000 } }],
    ['an invalid Date', listClosed, { domain: 'd', startTimeFilter: { oldestDate: new Date(Number.NaN) } }],
    ['a string list with a number', start, { domain: 'd', workflowId: 'w', tagList: ['a', 5] }],
  ])('%s (left to the SDK): the same bytes', async (_what, op, input) => {
    const [stock, fast, leftToSdk] = await bothSend(op, input);
    expect(fast).toEqual(stock);
    expect(leftToSdk).toBe(true);
  });
});
