/**
 * The fused chain (`sdk-fused-chain.ts`) of a client built by resolveSwfClient: when it runs (only
 * while the client's stack holds what resolveSwfClient put there, so a user's middleware added
 * at any time runs, and a logger's keeps the SDK's chain), and that what it sends and answers is
 * the stock client's for what the wire-identity, response-parity and retry tests do not cover:
 * credentials that change between requests, the SDK's clock-skew correction, aborts before a
 * request and during a retry's delay, a request timeout of the SDK's HTTP handler.
 */
import {
  PollForActivityTaskCommand,
  RespondActivityTaskCompletedCommand,
  SWFClient,
  type SWFClientConfig,
} from '@aws-sdk/client-swf';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fusedRequests } from './sdk-fused-chain.js';
import { capturingHandler, type ScriptedAnswer, type SeenRequest } from './sdk-test-support.js';
import { resolveSwfClient } from './swf-client.js';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const ok: ScriptedAnswer = { statusCode: 200, body: '{}' };
const respond = () => new RespondActivityTaskCompletedCommand({ taskToken: 't', result: 'r' });

let uuids = 0;
beforeEach(() => {
  uuids = 0;
  vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-03T10:00:00Z') });
  vi.spyOn(globalThis.crypto, 'randomUUID').mockImplementation(
    () =>
      `00000000-0000-4000-8000-${String(++uuids).padStart(12, '0')}` as `${string}-${string}-${string}-${string}-${string}`,
  );
  vi.spyOn(Math, 'random').mockReturnValue(0);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const stock = (config: SWFClientConfig) => new SWFClient({ ...config, cacheMiddleware: true });
const fast = (config: SWFClientConfig) => resolveSwfClient(SWFClient, config, 'swf', { debug() {} });

/** What a send ended with, as plain data. */
async function outcome(send: Promise<unknown>): Promise<unknown> {
  try {
    return { output: await send };
  } catch (error) {
    const e = error as Error & { $metadata?: unknown; $fault?: unknown };
    return { name: e.name, message: e.message, fault: e.$fault, metadata: e.$metadata, class: e.constructor };
  }
}

/**
 * Runs `steps` on a stock client and on swf-flow's, each with its own capturing handler answering
 * `script`; returns what each saw and ended with, and how many of swf-flow's requests were fused.
 */
async function both(
  script: (i: number) => ScriptedAnswer | Error,
  steps: (client: SWFClient, seen: SeenRequest[]) => Promise<unknown[]>,
  extra: Partial<SWFClientConfig> = {},
): Promise<{ seen: [SeenRequest[], SeenRequest[]]; outcomes: [unknown[], unknown[]]; fused: number | undefined }> {
  const run = async (make: typeof stock) => {
    uuids = 0;
    vi.setSystemTime(new Date('2026-12-03T10:00:00Z'));
    const capture = capturingHandler(script);
    const client = make({
      endpoint: 'http://127.0.0.1:9',
      region: 'us-east-1',
      credentials,
      requestHandler: capture.handler,
      ...extra,
    });
    try {
      const outcomes = await steps(client, capture.seen);
      return { seen: capture.seen, outcomes, fused: fusedRequests(client.config) };
    } finally {
      client.destroy();
    }
  };
  const a = await run(stock);
  const b = await run(fast);
  return { seen: [a.seen, b.seen], outcomes: [a.outcomes, b.outcomes], fused: b.fused };
}

/** A middleware of the user's: it adds a header (so its running shows on the wire). */
const mine = (value: string) => (next: (args: unknown) => Promise<unknown>) => (args: unknown) => {
  const { request } = args as { request: { headers: Record<string, string> } };
  request.headers['x-mine'] = value;
  return next(args);
};

describe('the fused chain of a client built by resolveSwfClient', () => {
  it('runs while the stack is as built; a middleware the user adds later runs from the next request on', async () => {
    const capture = capturingHandler(() => ok);
    const swf = fast({
      endpoint: 'http://127.0.0.1:9',
      region: 'us-east-1',
      credentials,
      requestHandler: capture.handler,
    });
    try {
      await swf.send(respond());
      await swf.send(respond());
      expect(fusedRequests(swf.config)).toBe(1); // the first went the SDK's way
      swf.middlewareStack.add(mine('added') as never, { step: 'build', name: 'mine' });
      await swf.send(respond());
      await swf.send(new PollForActivityTaskCommand({ domain: 'd', taskList: { name: 'tl' } }));
      expect(capture.seen.map((r) => r.headers['x-mine'])).toEqual([undefined, undefined, 'added', 'added']);
      expect(fusedRequests(swf.config)).toBe(1);
      swf.middlewareStack.remove('mine');
      await swf.send(respond());
      expect(capture.seen[4]?.headers['x-mine']).toBeUndefined();
      expect(fusedRequests(swf.config)).toBe(2);
    } finally {
      swf.destroy();
    }
  });

  it("with the user's middleware: the same requests as the stock client with it", async () => {
    const { seen, outcomes, fused } = await both(
      () => ok,
      async (client) => {
        client.middlewareStack.add(mine('x') as never, { step: 'finalizeRequest', name: 'mine' });
        return [await outcome(client.send(respond())), await outcome(client.send(respond()))];
      },
    );
    expect(seen[1]).toEqual(seen[0]);
    expect(outcomes[1]).toEqual(outcomes[0]);
    expect(seen[1][1]?.headers['x-mine']).toBe('x');
    expect(fused).toBe(0);
  });

  it('a client with an SDK logger keeps the SDK chain, with the same requests', async () => {
    const logger = { debug() {}, info() {}, warn() {}, error() {}, trace() {} };
    const { seen, outcomes, fused } = await both(
      () => ok,
      async (client) => [await outcome(client.send(respond())), await outcome(client.send(respond()))],
      { logger },
    );
    expect(seen[1]).toEqual(seen[0]);
    expect(outcomes[1]).toEqual(outcomes[0]);
    expect(fused).toBeUndefined();
  });

  it('credentials that change between requests: the same signatures as the stock client', async () => {
    let current = { ...credentials, sessionToken: 'token-1' };
    const { seen, outcomes, fused } = await both(
      () => ok,
      async (client) => {
        const out: unknown[] = [];
        for (let i = 0; i < 4; i++) {
          current = { accessKeyId: `AKID${i % 2}`, secretAccessKey: `secret-${i}`, sessionToken: `token-${i}` };
          out.push(await outcome(client.send(respond())));
        }
        return out;
      },
      { credentials: async () => current },
    );
    expect(seen[1]).toEqual(seen[0]);
    expect(outcomes[1]).toEqual(outcomes[0]);
    expect(new Set(seen[0].map((r) => r.headers['authorization'])).size).toBe(4);
    expect(fused).toBe(3);
  });

  it("the server's clock an hour ahead: the same clock-skew correction as the stock client", async () => {
    const ahead = new Date('2026-12-03T11:00:00Z').toUTCString();
    const { seen, outcomes, fused } = await both(
      (i): ScriptedAnswer =>
        i === 2
          ? {
              statusCode: 403,
              headers: { date: new Date('2026-12-03T09:00:00Z').toUTCString(), 'x-amzn-requestid': 'r' },
              body: JSON.stringify({
                __type: 'com.amazonaws.swf.base.model#OperationNotPermittedFault',
                message: 'no',
              }),
            }
          : { ...ok, headers: { date: ahead } },
      async (client) => {
        const out: unknown[] = [];
        for (let i = 0; i < 4; i++) {
          out.push(await outcome(client.send(respond())));
          out.push(client.config.systemClockOffset);
        }
        return out;
      },
    );
    expect(seen[1]).toEqual(seen[0]);
    expect(outcomes[1]).toEqual(outcomes[0]);
    // the second request is signed an hour ahead; the third's refusal with a clock an hour behind
    // corrects the clock, and the SDK retries it (a clock-skew error), signed an hour behind
    expect(seen[0].map((r) => r.headers['x-amz-date'])).toEqual([
      '20261203T100000Z',
      '20261203T110000Z',
      '20261203T110000Z',
      '20261203T090000Z',
      '20261203T110000Z',
    ]);
    expect((outcomes[0][4] as { output: { $metadata: { attempts: number } } }).output.$metadata.attempts).toBe(2);
    expect(outcomes[0][5]).toBe(3_600_000);
    expect(fused).toBe(3);
  });

  it("a signal aborted during a retry's delay: the same attempts and error as the stock client", async () => {
    const abort = new AbortController();
    const { seen, outcomes, fused } = await both(
      (i) => {
        if (i === 0) return ok;
        setImmediate(() => abort.abort()); // while the retry waits the second the server asked for
        return { statusCode: 503, headers: { 'x-amz-retry-after': '1000' }, body: '' };
      },
      async (client) => {
        const warm = await outcome(client.send(respond()));
        const command = new PollForActivityTaskCommand({ domain: 'd', taskList: { name: 'tl' } });
        const aborted = await outcome(client.send(command, { abortSignal: abort.signal }));
        return [warm, aborted];
      },
    );
    expect(seen[1]).toEqual(seen[0]);
    expect(seen[0]).toHaveLength(2);
    expect(outcomes[1]).toEqual(outcomes[0]);
    expect((outcomes[0][1] as { name: string }).name).toBe('AbortError');
    expect(fused).toBe(1);
  });
});

describe("the fused chain and the SDK's HTTP handler", () => {
  let server: Server;
  let endpoint: string;
  const held: Array<() => void> = [];
  beforeEach(() => {
    vi.useRealTimers();
  });
  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      if (String(req.headers['x-amz-target']).endsWith('PollForActivityTask')) {
        held.push(() => res.destroy()); // never answered: the client's request timeout ends it
        return;
      }
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'content-length': 2 });
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const release of held.splice(0)) release();
    await new Promise((resolve) => server.close(resolve));
  });

  it('a request timeout: the same error as the stock client', async () => {
    const ends: unknown[] = [];
    for (const make of [stock, fast]) {
      const client = make({
        endpoint,
        region: 'us-east-1',
        credentials,
        maxAttempts: 1,
        // long enough that the answered requests before the poll never reach it on a loaded machine
        requestHandler: { requestTimeout: 500, throwOnRequestTimeout: true },
      });
      try {
        await client.send(respond()); // the chain, the signer and the user agent are built
        await client.send(respond());
        const command = new PollForActivityTaskCommand({ domain: 'd', taskList: { name: 'tl' } });
        ends.push(await outcome(client.send(command)));
        if (make === fast) expect(fusedRequests(client.config)).toBe(2);
      } finally {
        client.destroy();
      }
    }
    // swf-flow's client sends through its own HTTP handler (sdk-http/): the same error but for the
    // message's wording, which names the handler that raised it
    const [sdk, ours] = ends as { message: string }[];
    expect({ ...ours, message: undefined }).toEqual({ ...sdk, message: undefined });
    expect((ends[0] as { name: string }).name).toBe('TimeoutError');
    expect(sdk?.message).toContain('500 ms requestTimeout');
    expect(ours?.message).toContain('requestTimeout of 500 ms');
  });

  it('a long poll aborted before it is sent and while the server holds it: the same errors as the stock client', async () => {
    const ends: unknown[] = [];
    for (const make of [stock, fast]) {
      const client = make({ endpoint, region: 'us-east-1', credentials });
      try {
        await client.send(respond());
        const poll = () => new PollForActivityTaskCommand({ domain: 'd', taskList: { name: 'tl' } });
        const before = new AbortController();
        before.abort();
        ends.push(await outcome(client.send(poll(), { abortSignal: before.signal })));
        const holding = held.length;
        const during = new AbortController();
        const sent = outcome(client.send(poll(), { abortSignal: during.signal }));
        // bounded: until the server holds the poll
        await vi.waitFor(() => expect(held.length).toBeGreaterThan(holding), { timeout: 20_000 });
        during.abort();
        ends.push(await sent);
        if (make === fast) expect(fusedRequests(client.config)).toBe(2);
      } finally {
        client.destroy();
      }
    }
    expect(ends.slice(2)).toEqual(ends.slice(0, 2));
    expect(ends.map((e) => (e as { name: string }).name)).toEqual([
      'AbortError',
      'AbortError',
      'AbortError',
      'AbortError',
    ]);
  });
});
