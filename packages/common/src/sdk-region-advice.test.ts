import { ListDomainsCommand, SWFClient } from '@aws-sdk/client-swf';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { REGION_MISSING_ERROR, withRegionAdvice } from './sdk-region-advice.js';
import { resolveSwfClient } from './swf-client.js';

/** No region anywhere the SDK looks: the environment, the profile, the shared config files. */
function noRegionAnywhere(): void {
  for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_PROFILE', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_SWF'])
    vi.stubEnv(name, undefined);
  const missing = join(tmpdir(), 'swf-flow-no-such-aws-dir', 'config');
  vi.stubEnv('AWS_CONFIG_FILE', missing);
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', missing);
}

describe('a client built with no region says where one comes from', () => {
  beforeEach(noRegionAnywhere);
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("fails its first request with the SDK's words, then what to do for Amazon SWF and for the local service", async () => {
    const swf = resolveSwfClient(SWFClient, {}, 'swf');
    const failure = await swf.send(new ListDomainsCommand({ registrationStatus: 'REGISTERED' })).then(
      () => undefined,
      (err: unknown) => err as Error,
    );
    expect(failure?.name).toBe(REGION_MISSING_ERROR);
    expect(failure?.message).toMatch(/^Region is missing: /);
    expect(failure?.message).toContain("set AWS_REGION (or a profile's region) or pass swf: { region: 'us-east-1' }");
    expect(failure?.message).toContain("pass swf: { endpoint: 'http://127.0.0.1:8787' }");
    expect((failure?.cause as Error | undefined)?.message).toBe('Region is missing');
    swf.destroy();
  });

  it('answers the region of the environment as before, and a region given is left alone', async () => {
    vi.stubEnv('AWS_REGION', 'eu-west-1');
    const fromEnv = resolveSwfClient(SWFClient, {});
    expect(await fromEnv.config.region()).toBe('eu-west-1');
    const given = resolveSwfClient(SWFClient, { region: 'ap-south-1' });
    expect(await given.config.region()).toBe('ap-south-1');
    fromEnv.destroy();
    given.destroy();
  });
});

describe('withRegionAdvice', () => {
  it('passes values and other failures through, sync and async, and explains only the bare SDK error', async () => {
    const config: { region?: unknown } = { region: () => 'us-west-2' };
    withRegionAdvice(config, 'swf');
    expect((config.region as () => unknown)()).toBe('us-west-2');

    const other = new Error('the profile file is unreadable');
    const failing: { region?: unknown } = { region: () => Promise.reject(other) };
    withRegionAdvice(failing, 'swf');
    await expect((failing.region as () => Promise<unknown>)()).rejects.toBe(other);

    const bare: { region?: unknown } = {
      region: () => {
        throw new Error('Region is missing');
      },
    };
    withRegionAdvice(bare, 'client.swf');
    expect(bare.region as () => unknown).toThrow(/^Region is missing: .*pass client\.swf: \{ region: 'us-east-1' \}/);

    const twice: { region?: unknown } = { region: bare.region };
    withRegionAdvice(twice, 'swf');
    expect(twice.region as () => unknown).toThrow(/pass client\.swf: \{ region/); // explained once, not again

    const value: { region?: unknown } = { region: 'us-east-1' };
    withRegionAdvice(value, 'swf');
    expect(value.region).toBe('us-east-1');
  });
});
