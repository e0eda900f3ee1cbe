/**
 * A client built by resolveSwfClient retries as the stock client does, request by request and
 * attempt by attempt, for each of the worker's hot operations — every header of every attempt (the invocation id kept across a request's
 * attempts, `amz-sdk-request` counting them, the signature), the body, how many attempts, the
 * delays and the final output or error with its `$metadata` — for HTTP 500, 503 and 429, a
 * throttling fault, a network error, a fault that is not retried, `retry-after` hints, and the
 * strategy's retry quota running out over many failing requests; and a legacy retry strategy
 * still works. All but the first request of each client go through the fused chain
 * (`sdk-fused-chain.ts`).
 */
import {
  GetWorkflowExecutionHistoryCommand,
  PollForActivityTaskCommand,
  PollForDecisionTaskCommand,
  RecordActivityTaskHeartbeatCommand,
  RespondActivityTaskCompletedCommand,
  RespondActivityTaskFailedCommand,
  RespondDecisionTaskCompletedCommand,
  SWFClient,
  type SWFClientConfig,
} from '@aws-sdk/client-swf';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { capturingHandler, type ScriptedAnswer, type SeenRequest } from './sdk-test-support.js';
import { fusedRequests } from './sdk-fused-chain.js';
import { resolveSwfClient } from './swf-client.js';

let uuids = 0;
beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-03T04:00:00Z') });
  vi.spyOn(globalThis.crypto, 'randomUUID').mockImplementation(
    () =>
      `00000000-0000-4000-8000-${String(++uuids).padStart(12, '0')}` as `${string}-${string}-${string}-${string}-${string}`,
  );
  vi.spyOn(Math, 'random').mockReturnValue(0); // no back-off delay but what a retry-after hint asks
});
afterAll(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});
beforeEach(() => {
  uuids = 0;
});

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const ok: ScriptedAnswer = { statusCode: 200, body: '{}' };
const fault = (statusCode: number, type: string, headers?: Record<string, string>): ScriptedAnswer => ({
  statusCode,
  headers: { 'x-amzn-requestid': `req-${type}`, ...headers },
  body: JSON.stringify({ __type: `com.amazonaws.swf.base.model#${type}`, message: `${type} said no` }),
});
const reset = () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });

/** The worker's hot operations, in turn; the long polls with an abort signal, as the worker sends them. */
const hot: Array<(client: SWFClient, signal: AbortSignal) => Promise<unknown>> = [
  (c) => c.send(new RespondActivityTaskCompletedCommand({ taskToken: 't', result: 'r' })),
  (c, abortSignal) =>
    c.send(new PollForDecisionTaskCommand({ domain: 'd', taskList: { name: 'tl' }, reverseOrder: true }), {
      abortSignal,
    }),
  (c) =>
    c.send(
      new RespondDecisionTaskCompletedCommand({
        taskToken: 't',
        decisions: [{ decisionType: 'CompleteWorkflowExecution', completeWorkflowExecutionDecisionAttributes: {} }],
      }),
    ),
  (c, abortSignal) => c.send(new PollForActivityTaskCommand({ domain: 'd', taskList: { name: 'a' } }), { abortSignal }),
  (c) => c.send(new RecordActivityTaskHeartbeatCommand({ taskToken: 't', details: 'd' })),
  (c) => c.send(new RespondActivityTaskFailedCommand({ taskToken: 't', reason: 'r', details: 'd' })),
  (c) =>
    c.send(
      new GetWorkflowExecutionHistoryCommand({
        domain: 'd',
        execution: { workflowId: 'w', runId: 'r' },
        reverseOrder: true,
      }),
    ),
];

/** What a request ended with, as plain data. */
function outcome(result: PromiseSettledResult<unknown>): unknown {
  if (result.status === 'fulfilled') return { output: result.value };
  const e = result.reason as Error & { $metadata?: unknown; $fault?: unknown; code?: unknown };
  return { name: e.name, message: e.message, code: e.code, fault: e.$fault, metadata: e.$metadata };
}

/** Runs `requests` through a client answering with `script`; returns every attempt seen and each outcome. */
async function run(
  make: (config: SWFClientConfig) => SWFClient,
  script: (i: number) => ScriptedAnswer | Error,
  requests: number,
  extra: Partial<SWFClientConfig> = {},
): Promise<[SeenRequest[], unknown[], number | undefined]> {
  uuids = 0;
  const capture = capturingHandler(script);
  const client = make({
    endpoint: 'http://127.0.0.1:9',
    region: 'us-east-1',
    credentials,
    requestHandler: capture.handler,
    ...extra,
  });
  const outcomes: unknown[] = [];
  const abort = new AbortController();
  try {
    for (let i = 0; i < requests; i++) {
      const send = hot[i % hot.length]?.(client, abort.signal);
      outcomes.push(outcome((await Promise.allSettled([send]))[0] as PromiseSettledResult<unknown>));
    }
    return [capture.seen, outcomes, fusedRequests(client.config)];
  } finally {
    client.destroy();
  }
}

const stock = (config: SWFClientConfig) => new SWFClient({ ...config, cacheMiddleware: true });
const fast = (config: SWFClientConfig) => resolveSwfClient(SWFClient, config, 'swf', { debug() {} });

async function sameBothWays(
  script: (i: number) => ScriptedAnswer | Error,
  requests: number,
  extra?: Partial<SWFClientConfig>,
): Promise<[SeenRequest[], unknown[]]> {
  const [stockSeen, stockOutcomes] = await run(stock, script, requests, extra);
  const [fastSeen, fastOutcomes, fused] = await run(fast, script, requests, extra);
  expect(fastSeen).toEqual(stockSeen);
  expect(fastOutcomes).toEqual(stockOutcomes);
  // the client's first request goes through the SDK's chain, the others through the fused one
  // (a legacy strategy: all through the SDK's chain)
  expect(fused).toBe(extra?.retryStrategy ? 0 : requests - 1);
  return [stockSeen, stockOutcomes];
}

describe('the retries of a client built by resolveSwfClient', () => {
  it.each<[string, (i: number) => ScriptedAnswer | Error]>([
    ['HTTP 500, then success', (i) => (i % 2 === 0 ? fault(500, 'InternalFailure') : ok)],
    ['HTTP 503 until the attempts run out', () => fault(503, 'ServiceUnavailable')],
    ['HTTP 429', (i) => (i % 3 < 2 ? fault(429, 'TooManyRequests') : ok)],
    ['a throttling fault', (i) => (i % 2 === 0 ? fault(400, 'ThrottlingException') : ok)],
    ['a network error', (i) => (i % 2 === 0 ? reset() : ok)],
    ['a fault that is not retried', () => fault(400, 'UnknownResourceFault')],
    [
      'a retry-after hint in milliseconds',
      (i) => (i % 2 === 0 ? fault(503, 'Busy', { 'x-amz-retry-after': '7' }) : ok),
    ],
    [
      'a retry-after date',
      (i) => (i % 2 === 0 ? fault(503, 'Busy', { 'retry-after': 'Thu, 03 Dec 2026 04:00:00 GMT' }) : ok),
    ],
  ])('%s: the same attempts, headers and outcomes as the stock client', async (_what, script) => {
    const [seen, outcomes] = await sameBothWays(script, 7);
    expect(seen.length).toBeGreaterThanOrEqual(7);
    // the invocation id is the request's: one per request, the same across its attempts
    const ids = seen.map((r) => r.headers['amz-sdk-invocation-id']);
    expect(new Set(ids).size).toBe(outcomes.length);
  });

  it('the retry quota running out over many failing requests: the same', async () => {
    const [seen] = await sameBothWays(() => fault(500, 'InternalFailure'), 40);
    expect(seen.length).toBeLessThan(40 * 3); // the quota stopped retrying before the last requests
  });

  it('builds no Error for a request that succeeds (the stock client builds one per request)', async () => {
    const errorsBuilt = async (make: typeof stock) => {
      const capture = capturingHandler(() => ok);
      const client = make({
        endpoint: 'http://127.0.0.1:9',
        region: 'us-east-1',
        credentials,
        requestHandler: capture.handler,
      });
      const send = () => client.send(new RespondActivityTaskCompletedCommand({ taskToken: 't' }));
      await send(); // the chain, the signer and the user agent are built on the first request
      const RealError = globalThis.Error;
      let built = 0;
      globalThis.Error = new Proxy(RealError, {
        construct(target, args, newTarget) {
          built++;
          return Reflect.construct(target, args, newTarget) as object;
        },
      });
      try {
        for (let i = 0; i < 5; i++) await send();
      } finally {
        globalThis.Error = RealError;
        client.destroy();
      }
      return built;
    };
    expect(await errorsBuilt(stock)).toBeGreaterThanOrEqual(5);
    expect(await errorsBuilt(fast)).toBe(0);
  });

  it('a legacy (v1) retry strategy: the SDK retries with it as before', async () => {
    /** A v1 strategy: it drives the attempts itself (here: one more after a failure). */
    const legacy = () => ({
      mode: 'custom',
      retry: async (next: (args: unknown) => Promise<unknown>, args: unknown) => {
        try {
          return await next(args);
        } catch {
          return next(args);
        }
      },
    });
    const [seen] = await sameBothWays((i) => (i % 2 === 0 ? fault(500, 'InternalFailure') : ok), 2, {
      retryStrategy: legacy() as never,
    });
    expect(seen).toHaveLength(4);
  });
});
