/**
 * A client built by resolveSwfClient resolves its endpoint without copying its configuration per
 * request, and ends up where the stock client does: the same request (host, path, every header,
 * the body, the signature) and the same endpoint, auth schemes, signing properties and user-agent
 * features in the context, for a local endpoint, Amazon SWF's regional, FIPS and dual-stack
 * endpoints, a region given as a function, an endpoint object with headers, an endpoint provider,
 * and an endpoint from `AWS_ENDPOINT_URL_SWF` (also when configured endpoints are ignored).
 */
import {
  PollForDecisionTaskCommand,
  RespondActivityTaskCompletedCommand,
  SWFClient,
  type SWFClientConfig,
} from '@aws-sdk/client-swf';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { withEndpointOnce } from './sdk-endpoint.js';
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
afterEach(() => {
  delete process.env.AWS_ENDPOINT_URL_SWF;
});

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

/** What the endpoint middleware leaves in the context, as plain data. */
type ContextSeen = unknown;

function snapshot(context: Record<string, unknown>): ContextSeen {
  const smithy = context.__smithy_context as
    { features?: object; selectedHttpAuthScheme?: { httpAuthOption?: { signingProperties?: object } } } | undefined;
  const endpoint = context.endpointV2 as { url?: URL; headers?: object; properties?: object } | undefined;
  return JSON.parse(
    JSON.stringify({
      url: endpoint?.url?.href,
      headers: endpoint?.headers,
      properties: endpoint?.properties,
      authSchemes: context.authSchemes,
      signingRegion: context.signing_region,
      signingService: context.signing_service,
      features: smithy?.features,
      signingProperties: Object.entries(smithy?.selectedHttpAuthScheme?.httpAuthOption?.signingProperties ?? {}).filter(
        ([, v]) => typeof v !== 'object' || Array.isArray(v),
      ),
    }),
  ) as ContextSeen;
}

/** Sends the same requests through a client and returns what its handler saw and its contexts. */
async function run(client: SWFClient, seen: SeenRequest[]): Promise<[SeenRequest[], ContextSeen[]]> {
  const contexts: ContextSeen[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      contexts.push(snapshot(context as Record<string, unknown>));
      return next(args);
    },
    { step: 'build', name: 'testContextProbe' },
  );
  const abort = new AbortController();
  try {
    for (let i = 0; i < 2; i++) {
      await client.send(new PollForDecisionTaskCommand({ domain: 'd', taskList: { name: 'tl' } }), {
        abortSignal: abort.signal,
      });
      await client.send(new RespondActivityTaskCompletedCommand({ taskToken: 't', result: `r${i}` }));
    }
    return [seen.slice(), contexts];
  } finally {
    client.destroy();
  }
}

async function bothWays(config: () => SWFClientConfig): Promise<void> {
  const stockCapture = capturingHandler(() => ({ statusCode: 200, body: '{}' }));
  const fastCapture = capturingHandler(() => ({ statusCode: 200, body: '{}' }));
  const stock = new SWFClient({ ...config(), cacheMiddleware: true, requestHandler: stockCapture.handler });
  const fast = resolveSwfClient(SWFClient, { ...config(), requestHandler: fastCapture.handler }, 'swf', {
    debug() {},
  });
  const [stockSeen, stockContexts] = await run(stock, stockCapture.seen);
  const [fastSeen, fastContexts] = await run(fast, fastCapture.seen);
  expect(stockSeen).toHaveLength(4);
  expect(fastSeen).toEqual(stockSeen);
  expect(fastContexts).toEqual(stockContexts);
  expect(stockSeen[0]?.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 /);
}

describe('endpoint resolution of a client built by resolveSwfClient', () => {
  it.each<[string, () => SWFClientConfig]>([
    ['a local endpoint', () => ({ endpoint: 'http://127.0.0.1:9/base', region: 'eu-west-1', credentials })],
    ["Amazon SWF's regional endpoint", () => ({ region: 'us-east-1', credentials })],
    ['a FIPS endpoint', () => ({ region: 'us-gov-west-1', useFipsEndpoint: true, credentials })],
    ['a dual-stack endpoint', () => ({ region: 'eu-central-1', useDualstackEndpoint: true, credentials })],
    ['a region given as a function', () => ({ region: async () => 'ap-southeast-2', credentials })],
    [
      'an endpoint object with headers',
      () => ({
        endpoint: { url: new URL('https://swf.example.com/base/'), headers: { 'x-extra': ['a', 'b'] } },
        region: 'us-west-2',
        credentials,
      }),
    ],
    [
      'an endpoint provider',
      () => ({
        endpoint: async () => ({ protocol: 'https:', hostname: 'swf.example.org', port: 8443, path: '/' }),
        region: 'us-west-2',
        credentials,
      }),
    ],
  ])('%s: the same requests and context as the stock client', async (_what, config) => {
    await bothWays(config);
  });

  it('an endpoint from AWS_ENDPOINT_URL_SWF: the same requests and context', async () => {
    process.env.AWS_ENDPOINT_URL_SWF = 'http://localhost:7777/from-env';
    await bothWays(() => ({ region: 'us-east-2', credentials }));
    process.env.AWS_ENDPOINT_URL_SWF = 'http://localhost:7777/from-env';
    await bothWays(() => ({ region: 'us-east-2', credentials, ignoreConfiguredEndpointUrls: true }));
  });

  it('does not copy the configuration per request (the stock client does)', async () => {
    const reads = { stock: 0, fast: 0 };
    const probe = (client: SWFClient, key: 'stock' | 'fast') =>
      Object.defineProperty(client.config, 'testProbe', {
        enumerable: true,
        get: () => ++reads[key],
      });
    const config = () => ({
      endpoint: 'http://127.0.0.1:9',
      region: 'us-east-1',
      credentials,
      requestHandler: capturingHandler(() => ({ statusCode: 200, body: '{}' })).handler,
    });
    const stock = new SWFClient({ ...config(), cacheMiddleware: true });
    const fast = resolveSwfClient(SWFClient, config(), 'swf', { debug() {} });
    probe(stock, 'stock');
    probe(fast, 'fast');
    const send3 = async (client: SWFClient) => {
      for (let i = 0; i < 3; i++) await client.send(new RespondActivityTaskCompletedCommand({ taskToken: 't' }));
    };
    await send3(stock);
    await send3(fast); // the first requests build the chain and the signer (which copies the configuration once)
    const before = { ...reads };
    await send3(stock);
    await send3(fast);
    stock.destroy();
    fast.destroy();
    expect(reads.stock - before.stock).toBeGreaterThanOrEqual(3);
    expect(reads.fast - before.fast).toBe(0);
  });
});

describe('withEndpointOnce', () => {
  it('gives one parsed endpoint again when the endpoint was configured as a value', async () => {
    const provider = vi.fn(async () => ({ hostname: 'h', path: '/' }));
    const config: { endpoint?: unknown } = { endpoint: provider };
    expect(withEndpointOnce(config, 'http://h')).toBe(true);
    const get = config.endpoint as () => Promise<unknown>;
    const [a, b] = [await get(), await get()];
    expect(a).toBe(b);
    expect(provider).toHaveBeenCalledTimes(1);
  });

  it('leaves a provider function alone, and does not keep a failure', async () => {
    const config: { endpoint?: unknown } = { endpoint: async () => ({}) };
    expect(withEndpointOnce(config, async () => 'x')).toBe(false);
    let calls = 0;
    const failing: { endpoint?: unknown } = {
      endpoint: async () => {
        if (++calls === 1) throw new Error('first fails');
        return { hostname: 'h' };
      },
    };
    withEndpointOnce(failing, 'http://h');
    const get = failing.endpoint as () => Promise<unknown>;
    await expect(get()).rejects.toThrow('first fails');
    await expect(get()).resolves.toEqual({ hostname: 'h' });
  });
});
