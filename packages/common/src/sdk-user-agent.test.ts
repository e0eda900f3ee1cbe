/**
 * A client built by resolveSwfClient sends the stock client's user-agent headers — the same bytes
 * in every request, every header compared — while the SDK computes them once per distinct input:
 * with a custom user agent, an app id that needs escaping and one that changes between requests,
 * credentials that report their source (a user-agent feature), and a header set before the
 * middleware runs.
 */
import {
  PollForActivityTaskCommand,
  RespondActivityTaskCompletedCommand,
  SWFClient,
  type SWFClientConfig,
} from '@aws-sdk/client-swf';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { capturingHandler, type SeenRequest } from './sdk-test-support.js';
import { resolveSwfClient } from './swf-client.js';

beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-03T04:00:00Z') });
  vi.spyOn(globalThis.crypto, 'randomUUID').mockReturnValue('00000000-1111-4222-8333-444444444444');
});
afterAll(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

/** Sends `n` rounds of an activity poll and an answer; returns what the handler saw. */
async function send(client: SWFClient, seen: SeenRequest[], n: number, between?: (i: number) => void) {
  try {
    for (let i = 0; i < n; i++) {
      between?.(i);
      await client.send(new PollForActivityTaskCommand({ domain: 'd', taskList: { name: 'tl' } }));
      await client.send(new RespondActivityTaskCompletedCommand({ taskToken: 't', result: String(i) }));
    }
    return seen.slice();
  } finally {
    client.destroy();
  }
}

/** Both clients from one configuration; `providerCalls` counts the default user-agent provider's calls. */
function both(config: () => SWFClientConfig) {
  const stockCapture = capturingHandler(() => ({ statusCode: 200, body: '{}' }));
  const fastCapture = capturingHandler(() => ({ statusCode: 200, body: '{}' }));
  const stock = new SWFClient({ ...config(), cacheMiddleware: true, requestHandler: stockCapture.handler });
  const fast = resolveSwfClient(SWFClient, { ...config(), requestHandler: fastCapture.handler }, 'swf', {
    debug() {},
  });
  const providerCalls = { stock: 0, fast: 0 };
  for (const [client, key] of [
    [stock, 'stock'],
    [fast, 'fast'],
  ] as const) {
    const provider = client.config.defaultUserAgentProvider;
    client.config.defaultUserAgentProvider = () => {
      providerCalls[key]++;
      return provider();
    };
  }
  return { stock, fast, stockSeen: stockCapture.seen, fastSeen: fastCapture.seen, providerCalls };
}

describe('the user-agent headers of a client built by resolveSwfClient', () => {
  it("are the stock client's on every request, computed by the SDK once per distinct input", async () => {
    const { stock, fast, stockSeen, fastSeen, providerCalls } = both(() => ({
      endpoint: 'http://127.0.0.1:9',
      region: 'us-east-1',
      credentials,
      customUserAgent: [['my-app', '1.0 beta']],
    }));
    const a = await send(stock, stockSeen, 10);
    const b = await send(fast, fastSeen, 10);
    expect(b).toEqual(a);
    expect(a[0]?.headers['user-agent']).toMatch(/ my-app\/1\.0-beta$/);
    expect(providerCalls.stock).toBe(20);
    // the first request of each chain records the retry mode feature: a second key, then none
    expect(providerCalls.fast).toBeLessThanOrEqual(4);
  });

  it('follow an app id that changes between requests, escaped as the SDK does', async () => {
    let appId = 'first app';
    const config = () => ({
      endpoint: 'http://127.0.0.1:9',
      region: 'us-east-1',
      credentials,
      userAgentAppId: async () => appId,
    });
    const { stock, fast, stockSeen, fastSeen } = both(config);
    const change = (i: number) => (appId = i < 3 ? 'first app' : 'second/app é');
    const a = await send(stock, stockSeen, 6, change);
    const b = await send(fast, fastSeen, 6, change);
    expect(b).toEqual(a);
    expect(new Set(a.map((r) => r.headers['user-agent'])).size).toBeGreaterThan(1);
  });

  it("report the credentials' source as the stock client does, also when it changes", async () => {
    let source = 'g';
    const config = () => ({
      endpoint: 'http://127.0.0.1:9',
      region: 'us-east-1',
      // expiring at once: the SDK asks the provider again on every request
      credentials: async () => ({
        ...credentials,
        expiration: new Date(Date.now() + 1000),
        $source: { CREDENTIALS_ENV_VARS: source },
      }),
    });
    const { stock, fast, stockSeen, fastSeen } = both(config);
    const change = (i: number) => (source = i < 2 ? 'g' : 'h');
    const a = await send(stock, stockSeen, 4, change);
    const b = await send(fast, fastSeen, 4, change);
    expect(b).toEqual(a);
    expect(a[0]?.headers['user-agent']).toMatch(/ m\/[^ ]*g/);
    expect(a.at(-1)?.headers['user-agent']).toMatch(/ m\/[^ ]*h/);
  });

  it('leave a request whose user agent is already set to the SDK', async () => {
    const { stock, fast, stockSeen, fastSeen } = both(() => ({
      endpoint: 'http://127.0.0.1:9',
      region: 'us-east-1',
      credentials,
    }));
    for (const client of [stock, fast]) {
      client.middlewareStack.add(
        (next) => async (args) => {
          (args.request as { headers: Record<string, string> }).headers['x-amz-user-agent'] = 'preset';
          return next(args);
        },
        { step: 'build', priority: 'high', name: 'testPresetUserAgent' },
      );
    }
    const a = await send(stock, stockSeen, 3);
    const b = await send(fast, fastSeen, 3);
    expect(b).toEqual(a);
  });
});
