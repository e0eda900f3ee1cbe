/**
 * Configuration providers read once per client where their value cannot change
 * (`sdk-provider-memo.ts`): a marked provider is called until it has answered, then not again; a
 * failed read, a refused value or a refresh is read again; what a client built from plain values
 * marks, and that a client whose region and credentials come from functions, or whose credentials
 * are replaced later, still sends what the stock client sends.
 */
import { RespondActivityTaskCompletedCommand, SWFClient, type SWFClientConfig } from '@aws-sdk/client-swf';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { markConstant, markConstantProviders, readProvider } from './sdk-provider-memo.js';
import { capturingHandler, type SeenRequest } from './sdk-test-support.js';
import { resolveSwfClient } from './swf-client.js';

describe('readProvider', () => {
  it('calls a marked provider until it has answered, then answers its value without a call', async () => {
    const provider = vi.fn(async () => 'us-west-2');
    markConstant(provider);
    const first = readProvider(provider);
    expect(first).toBeInstanceOf(Promise);
    expect(readProvider(provider)).toBeInstanceOf(Promise); // not answered yet: called again
    expect(await first).toBe('us-west-2');
    expect(readProvider(provider)).toBe('us-west-2');
    expect(readProvider(provider)).toBe('us-west-2');
    expect(provider).toHaveBeenCalledTimes(2);
  });

  it('calls an unmarked provider every time', async () => {
    let n = 0;
    const provider = vi.fn(async () => ++n);
    for (let i = 1; i <= 3; i++) expect(await readProvider(provider)).toBe(i);
    expect(provider).toHaveBeenCalledTimes(3);
  });

  it('reads again after a failure, a value it may not keep, and a call that asks for a refresh', async () => {
    let calls = 0;
    const failsOnce = async () => {
      if (++calls === 1) throw new Error('not yet');
      return 'ok';
    };
    markConstant(failsOnce);
    await expect(readProvider(failsOnce) as Promise<unknown>).rejects.toThrow('not yet');
    expect(await readProvider(failsOnce)).toBe('ok');
    expect(readProvider(failsOnce)).toBe('ok');

    const appId = vi.fn(async () => 'x'.repeat(51));
    markConstant(appId, (v) => typeof v === 'string' && v.length <= 50);
    await readProvider(appId);
    await readProvider(appId);
    expect(appId).toHaveBeenCalledTimes(2);

    const credentials = vi.fn(async () => ({ accessKeyId: 'a' }));
    markConstant(credentials);
    await readProvider(credentials);
    readProvider(credentials);
    await readProvider(credentials, { forceRefresh: true });
    expect(credentials).toHaveBeenCalledTimes(2);
  });

  it('marks what a configuration of plain values fixes, and nothing the user gave as a function', () => {
    const config: Record<string, unknown> = {};
    for (const key of ['region', 'useFipsEndpoint', 'useDualstackEndpoint', 'maxAttempts', 'credentials']) {
      config[key] = vi.fn(async () => key);
    }
    markConstantProviders(config, { region: () => 'eu-west-1', credentials: { accessKeyId: 'a' }, maxAttempts: 3 });
    for (const key of Object.keys(config)) void readProvider(config[key]);
    return Promise.resolve().then(() => {
      const called = (key: string) => (config[key] as ReturnType<typeof vi.fn>).mock.calls.length;
      for (const key of Object.keys(config)) void readProvider(config[key]);
      expect(called('region')).toBe(2); // a function of the user's: read every time
      expect(called('useFipsEndpoint')).toBe(2); // it depends on the region
      expect(called('useDualstackEndpoint')).toBe(1);
      expect(called('maxAttempts')).toBe(1);
      expect(called('credentials')).toBe(1);
    });
  });
});

describe('a client built by resolveSwfClient, with providers that change', () => {
  let uuids = 0;
  beforeEach(() => {
    uuids = 0;
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-03T10:00:00Z') });
    vi.spyOn(globalThis.crypto, 'randomUUID').mockImplementation(
      () =>
        `00000000-0000-4000-8000-${String(++uuids).padStart(12, '0')}` as `${string}-${string}-${string}-${string}-${string}`,
    );
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  /** Four requests, `between(client, i)` before each; every request the client's handler saw. */
  async function sent(
    make: (config: SWFClientConfig) => SWFClient,
    config: Partial<SWFClientConfig>,
    between: (client: SWFClient, i: number) => void,
  ): Promise<SeenRequest[]> {
    uuids = 0;
    const capture = capturingHandler(() => ({ statusCode: 200, body: '{}' }));
    const client = make({ endpoint: 'http://127.0.0.1:9', requestHandler: capture.handler, ...config });
    try {
      for (let i = 0; i < 4; i++) {
        between(client, i);
        await client.send(new RespondActivityTaskCompletedCommand({ taskToken: 't' }));
      }
      return capture.seen;
    } finally {
      client.destroy();
    }
  }
  const stock = (config: SWFClientConfig) => new SWFClient({ ...config, cacheMiddleware: true });
  const fast = (config: SWFClientConfig) => resolveSwfClient(SWFClient, config, 'swf', { debug() {} });

  it('a region from a function that changes: the same requests as the stock client', async () => {
    const regions = ['us-east-1', 'eu-west-1', 'eu-west-1', 'ap-south-1'];
    let region = regions[0] as string;
    const config = {
      endpoint: undefined, // Amazon SWF's regional endpoints (nothing goes to the network)
      region: async () => region,
      credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
    };
    const between = (_c: SWFClient, i: number) => (region = regions[i] as string);
    const seen = await sent(fast, config, between);
    expect(seen).toEqual(await sent(stock, config, between));
    expect(seen.map((r) => r.hostname)).toEqual(regions.map((r) => `swf.${r}.amazonaws.com`));
  });

  it('credentials replaced on the configuration between requests: the same requests as the stock client', async () => {
    const config = { region: 'us-east-1', credentials: { accessKeyId: 'AKID0', secretAccessKey: 'secret0' } };
    const between = (client: SWFClient, i: number) => {
      if (i === 2) client.config.credentials = { accessKeyId: 'AKID2', secretAccessKey: 'secret2' } as never;
    };
    const seen = await sent(fast, config, between);
    expect(seen).toEqual(await sent(stock, config, between));
    expect(seen.map((r) => /Credential=(AKID\d)/.exec(r.headers['authorization'] ?? '')?.[1])).toEqual([
      'AKID0',
      'AKID0',
      'AKID2',
      'AKID2',
    ]);
  });
});
