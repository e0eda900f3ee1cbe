/**
 * A client built by resolveSwfClient reads every answer into what the SDK's stock `SWFClient`
 * reads: the same output (members in the same order, timestamps as `Date`s, absent members absent,
 * `$metadata`), for every operation of the model with every member filled, for odd bodies the
 * compiled reader leaves to the SDK, and the same modeled exception (class, `name`, `$fault`,
 * message, `$metadata`) for every fault. Both clients read from one real `node:http` server.
 * swf-flow's client reads each answer twice: through the SDK's chain (its first request) and
 * through the fused chain (`sdk-fused-chain.ts`), and both must be the stock client's.
 */
import * as sdk from '@aws-sdk/client-swf';
import { SWFClient } from '@aws-sdk/client-swf';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fusedRequests } from '../sdk-fused-chain.js';
import { resolveSwfClient } from '../swf-client.js';
import { modelOperations, wireJson, type ModelOperation } from './test-support.js';

let server: Server;
let endpoint: string;
let answer: { status: number; body: string; headers?: Record<string, string> } = { status: 200, body: '{}' };

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(answer.status, {
        'content-type': 'application/x-amz-json-1.0',
        'content-length': Buffer.byteLength(answer.body),
        'x-amzn-requestid': 'req-1',
        ...answer.headers,
      });
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const config = () => ({
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
  maxAttempts: 1,
});

type Outcome = { ok: true; output: unknown } | { ok: false; error: Record<string, unknown> & Error };

async function outcome(swf: SWFClient, op: ModelOperation): Promise<Outcome> {
  try {
    return { ok: true, output: await swf.send(new op.Command({} as never) as never) };
  } catch (error) {
    return { ok: false, error: error as Record<string, unknown> & Error };
  }
}

/** What each client makes of the current answer: [stock, swf-flow's], and whether the SDK read it. */
async function bothRead(op: ModelOperation): Promise<[Outcome, Outcome, boolean]> {
  const stock = new SWFClient(config());
  const fast = resolveSwfClient(SWFClient, config(), 'swf', { debug() {} });
  const sdkReader = vi.spyOn(
    fast.config.protocol as unknown as { deserializeResponse(): unknown },
    'deserializeResponse',
  );
  try {
    const viaChain = await outcome(fast, op); // the first request goes through the SDK's chain
    sdkReader.mockClear();
    const fused = await outcome(fast, op); // the second through the fused chain
    expect(fusedRequests(fast.config)).toBe(1);
    const stockOutcome = await outcome(stock, op);
    expectSame(viaChain, stockOutcome);
    return [stockOutcome, fused, sdkReader.mock.calls.length > 0];
  } finally {
    stock.destroy();
    fast.destroy();
  }
}

function expectSame(fast: Outcome, stock: Outcome): void {
  if (stock.ok) expectSameOutput(fast, stock);
  else expectSameError(fast, stock);
}

/** The same output, down to key order and the classes of values. */
function expectSameOutput(fast: Outcome, stock: Outcome): void {
  expect(stock.ok).toBe(true);
  expect(fast.ok).toBe(true);
  if (!fast.ok || !stock.ok) return;
  expect(fast.output).toStrictEqual(stock.output);
  expect(JSON.stringify(fast.output)).toBe(JSON.stringify(stock.output));
}

/** The same exception: class, name, fault, message, metadata and every other own property. */
function expectSameError(fast: Outcome, stock: Outcome): void {
  expect(stock.ok).toBe(false);
  expect(fast.ok).toBe(false);
  if (fast.ok || stock.ok) return;
  expect(fast.error.constructor).toBe(stock.error.constructor);
  expect(fast.error.name).toBe(stock.error.name);
  expect(fast.error.message).toBe(stock.error.message);
  expect(fast.error.$fault).toBe(stock.error.$fault);
  expect(fast.error.$metadata).toEqual(stock.error.$metadata);
  expect({ ...fast.error }).toEqual({ ...stock.error });
}

const operations = modelOperations();
const byName = (name: string) => operations.find((op) => op.name === name) as ModelOperation;
const pollDecision = byName('PollForDecisionTask');
const pollActivity = byName('PollForActivityTask');
const heartbeat = byName('RecordActivityTaskHeartbeat');
const history = byName('GetWorkflowExecutionHistory');
const respond = byName('RespondActivityTaskCompleted');

describe('the answers read by a client built by resolveSwfClient', () => {
  it.each(operations.map((op) => [op.name, op] as const))(
    '%s with every member filled: the same output as the stock SDK client',
    async (_name, op) => {
      for (const variant of [0, 1, 2, 3]) {
        answer = { status: 200, body: JSON.stringify(wireJson(op.schema[5], variant) ?? {}) }; // {} without output
        const [stock, fast, readBySdk] = await bothRead(op);
        expectSameOutput(fast, stock);
        expect(readBySdk).toBe(false);
      }
    },
  );

  const event = { eventType: 'DecisionTaskStarted', eventId: 7, eventTimestamp: 1_700_000_000.1235 };
  it.each([
    ['null members and unknown keys', pollDecision, { taskToken: null, startedEventId: 3, surprise: { a: 1 } }],
    ['an empty page', pollDecision, { events: [] }],
    ['a timestamp with sub-millisecond digits', history, { events: [event] }],
    ['events with null entries and unknown attributes', history, { events: [event, null, { eventId: 1, x: 2 }] }],
    [
      'events with their keys out of the model order, nulls and unknown keys between them',
      history,
      {
        events: [
          {
            activityTaskScheduledEventAttributes: { taskList: { name: 't' }, activityId: 'a', control: null },
            surprise: 1,
            eventId: 9,
            workflowExecutionStartedEventAttributes: null,
            eventType: 'ActivityTaskScheduled',
            eventTimestamp: 1_700_000_000.5,
            decisionTaskStartedEventAttributes: { scheduledEventId: 2 },
          },
          { eventTimestamp: 1_700_000_001, eventType: 'DecisionTaskStarted', eventId: 10 },
        ],
      },
    ],
    ['numbers as strings the SDK converts', history, { events: [{ ...event, eventId: 'NaN' }] }],
    ['a number as a string it keeps', pollActivity, { startedEventId: '12' }],
    ['a timestamp as a numeric string', history, { events: [{ ...event, eventTimestamp: '1700000000.5' }] }],
    ['a structure that carries __type', pollActivity, { workflowExecution: { __type: 'X', workflowId: 'w', more: 1 } }],
    ['an array where a structure belongs', pollActivity, { workflowExecution: ['w'] }],
    ['a string where a list belongs', history, { events: 'none' }],
    ['a boolean as a string', heartbeat, { cancelRequested: 'yes' }],
    ['members of an operation without output', respond, { unexpected: 1 }],
  ])('%s: the same output', async (_what, op, body) => {
    answer = { status: 200, body: JSON.stringify(body) };
    const [stock, fast] = await bothRead(op);
    expectSameOutput(fast, stock);
  });

  it('a page of 3,000 events with multi-byte text (many chunks on the socket): the same output', async () => {
    const events = Array.from({ length: 3_000 }, (_, i) => ({
      ...event,
      eventId: i + 1,
      decisionTaskStartedEventAttributes: { scheduledEventId: i, identity: `wörker-${i} 中文 😀` },
    }));
    answer = { status: 200, body: JSON.stringify({ events }) };
    expect(Buffer.byteLength(answer.body)).toBeGreaterThan(256 * 1024);
    const [stock, fast, readBySdk] = await bothRead(history);
    expectSameOutput(fast, stock);
    expect(readBySdk).toBe(false);
  });

  it.each([
    ['an empty body', ''],
    ['null', 'null'],
    ['an array', '[1]'],
    ['a string', '"s"'],
  ])('%s (read by the SDK): the same output', async (_what, body) => {
    answer = { status: 200, body };
    const [stock, fast, readBySdk] = await bothRead(pollDecision);
    expectSameOutput(fast, stock);
    expect(readBySdk).toBe(body !== '');
  });

  it('a body that is not JSON: the same error', async () => {
    answer = { status: 200, body: '{"taskToken": ' };
    const [stock, fast] = await bothRead(pollDecision);
    expectSameError(fast, stock);
    expect(fast.ok ? undefined : fast.error.message).toMatch(/Deserialization error/);
  });

  const faults = Object.keys(sdk).filter(
    (k) => k.endsWith('Fault') && typeof (sdk as Record<string, unknown>)[k] === 'function',
  );
  it('covers every modeled fault', () => {
    expect(faults.length).toBeGreaterThanOrEqual(10);
  });
  it.each(faults)('%s: the same modeled exception', async (fault) => {
    answer = {
      status: 400,
      body: JSON.stringify({ __type: `com.amazonaws.swf.base.model#${fault}`, message: `no: ${fault}` }),
    };
    const [stock, fast] = await bothRead(respond);
    expectSameError(fast, stock);
    expect(fast.ok ? undefined : fast.error).toBeInstanceOf((sdk as unknown as Record<string, new () => Error>)[fault]);
  });

  it.each([
    ['an unmodeled fault', 400, JSON.stringify({ __type: 'Throttling', message: 'slow down' })],
    ['a server error without a body', 500, ''],
    ['a server error with text', 503, 'Service Unavailable'],
  ])('%s: the same error', async (_what, status, body) => {
    answer = { status, body };
    const [stock, fast] = await bothRead(pollDecision);
    expectSameError(fast, stock);
  });
});
