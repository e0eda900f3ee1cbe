import { SWFClient, type SWFClientConfig } from '@aws-sdk/client-swf';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { ValidationError } from './errors.js';
import { resolveSwfClient } from './swf-client.js';
import { SWF_CLIENT_CONFIG_KEYS, checkSwfClientConfigKeys } from './swf-config-keys.js';

describe("the swf configuration's keys", () => {
  it("are exactly the keys of the SDK's SWFClientConfig (the type check fails when the SDK changes them)", () => {
    expectTypeOf<keyof typeof SWF_CLIENT_CONFIG_KEYS>().toEqualTypeOf<keyof SWFClientConfig>();
    for (const key of Object.keys(SWF_CLIENT_CONFIG_KEYS))
      expect(() => checkSwfClientConfigKeys({ [key]: 1 })).not.toThrow();
  });

  it('every key the SDK resolves from what it is given is one of them (its own derived values aside)', () => {
    const derived = new Set(['defaultSigningName', 'isCustomEndpoint']);
    const resolved = Object.keys(new SWFClient({ region: 'us-east-1' }).config).filter((key) => !derived.has(key));
    expect(resolved.filter((key) => !Object.hasOwn(SWF_CLIENT_CONFIG_KEYS, key))).toEqual([]);
  });

  it.each([
    ['endpont', 'swf.endpoint'],
    ['Region', 'swf.region'],
    ['max_attempts', 'swf.maxAttempts'],
    ['credential', 'swf.credentials'],
  ])('refuses %s, naming %s', (key, meant) => {
    const build = (): unknown =>
      resolveSwfClient(SWFClient, { region: 'us-east-1', [key]: 'x' } as SWFClientConfig, 'swf');
    expect(build).toThrow(ValidationError);
    expect(build).toThrow(`swf.${key} (did you mean ${meant}?) is not an option of the AWS SDK's SWFClient`);
  });

  it('names every unknown key, and the usual ones when none is near', () => {
    expect(() => checkSwfClientConfigKeys({ endpont: 'x', zzz: 1 }, 'options.swf')).toThrow(
      "options.swf.endpont (did you mean options.swf.endpoint?), options.swf.zzz are not options of the AWS SDK's SWFClient, which would ignore them: " +
        "options.swf takes SWFClientConfig's options (region, credentials, endpoint, maxAttempts, requestHandler, logger, ... as in @aws-sdk/client-swf), or an SWFClient.",
    );
  });

  it('takes a ready SWFClient as it is', () => {
    const client = new SWFClient({ region: 'us-east-1' });
    expect(resolveSwfClient(SWFClient, client)).toBe(client);
  });
});
