import { describe, expect, it } from 'vitest';
import { swfClientConfig } from './swf-options.js';

describe('swfClientConfig', () => {
  it.each([
    ['an endpoint flag, nothing in the environment: us-east-1 and dummy credentials', { endpoint: 'http://127.0.0.1:8787' }, {}, {
      endpoint: 'http://127.0.0.1:8787',
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }],
    ['$AWS_ENDPOINT_URL_SWF and $AWS_REGION', {}, { AWS_ENDPOINT_URL_SWF: 'http://localhost:9000', AWS_REGION: 'eu-west-1' }, {
      endpoint: 'http://localhost:9000',
      region: 'eu-west-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }],
    ['flags win over the environment', { endpoint: 'http://a:1', region: 'ap-south-1' }, { AWS_ENDPOINT_URL_SWF: 'http://b:2', AWS_REGION: 'eu-west-1' }, {
      endpoint: 'http://a:1',
      region: 'ap-south-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }],
    ['credentials in the environment are used as they are', { endpoint: 'http://a:1' }, { AWS_ACCESS_KEY_ID: 'AKIA', AWS_SECRET_ACCESS_KEY: 's' }, { endpoint: 'http://a:1', region: 'us-east-1' }],
    ['a profile is used as it is', { endpoint: 'http://a:1' }, { AWS_PROFILE: 'dev' }, { endpoint: 'http://a:1', region: 'us-east-1' }],
    ['no endpoint: the standard AWS chain decides (Amazon SWF)', {}, {}, {}],
    ['no endpoint, a region', {}, { AWS_REGION: 'eu-west-1' }, { region: 'eu-west-1' }],
  ])('%s', (_what, flags, env, expected) => {
    expect(swfClientConfig('swf-flow x', flags, env)).toEqual(expected);
  });

  it('rejects an endpoint that is not an http(s) URL', () => {
    expect(() => swfClientConfig('swf-flow x', { endpoint: '127.0.0.1:8787' }, {})).toThrow(
      "swf-flow x: --endpoint must be an http(s) URL like http://127.0.0.1:8787; got '127.0.0.1:8787'",
    );
  });
});
