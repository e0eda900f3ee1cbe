import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServer } from '@swf-flow/server';
import { requireDomain, swfClientConfig } from './swf-options.js';

const LOCAL = { accessKeyId: 'local', secretAccessKey: 'local' };

describe('swfClientConfig', () => {
  it.each([
    [
      'a loopback --endpoint, nothing in the environment: us-east-1 and placeholder credentials',
      { endpoint: 'http://127.0.0.1:8787' },
      {},
      {
        endpoint: 'http://127.0.0.1:8787',
        region: 'us-east-1',
        credentials: LOCAL,
      },
    ],
    [
      '$AWS_ENDPOINT_URL_SWF (localhost) and $AWS_REGION',
      {},
      { AWS_ENDPOINT_URL_SWF: 'http://localhost:9000', AWS_REGION: 'eu-west-1' },
      {
        endpoint: 'http://localhost:9000',
        credentials: LOCAL,
      },
    ],
    [
      '$SWF_FLOW_ENDPOINT wins over $AWS_ENDPOINT_URL_SWF',
      {},
      { SWF_FLOW_ENDPOINT: 'http://[::1]:1', AWS_ENDPOINT_URL_SWF: 'http://127.0.0.1:2' },
      {
        endpoint: 'http://[::1]:1',
        region: 'us-east-1',
        credentials: LOCAL,
      },
    ],
    [
      'flags win over the environment',
      { endpoint: 'http://127.0.0.2:1', region: 'ap-south-1' },
      { SWF_FLOW_ENDPOINT: 'http://b:2', AWS_REGION: 'eu-west-1' },
      {
        endpoint: 'http://127.0.0.2:1',
        region: 'ap-south-1',
        credentials: LOCAL,
      },
    ],
    [
      'a remote endpoint gets no placeholder credentials: the standard chain decides',
      { endpoint: 'https://swf.example.com' },
      {},
      { endpoint: 'https://swf.example.com' },
    ],
    [
      'a remote endpoint from the environment neither',
      {},
      { SWF_FLOW_ENDPOINT: 'http://10.0.0.5:8787' },
      { endpoint: 'http://10.0.0.5:8787' },
    ],
    [
      'credentials in the environment are used as they are',
      { endpoint: 'http://127.0.0.1:1' },
      { AWS_ACCESS_KEY_ID: 'AKIA', AWS_SECRET_ACCESS_KEY: 's' },
      {
        endpoint: 'http://127.0.0.1:1',
        region: 'us-east-1',
      },
    ],
    [
      'a profile is used as it is',
      { endpoint: 'http://localhost:1' },
      { AWS_PROFILE: 'dev' },
      { endpoint: 'http://localhost:1', region: 'us-east-1' },
    ],
    ['no endpoint: the standard AWS chain decides (Amazon SWF)', {}, {}, {}],
    ['no endpoint, a region', { region: 'eu-west-1' }, {}, { region: 'eu-west-1' }],
    [
      '--endpoint aws: Amazon SWF, and the SDK may not read $AWS_ENDPOINT_URL_SWF',
      { endpoint: 'aws' },
      { AWS_ENDPOINT_URL_SWF: 'http://127.0.0.1:1' },
      {
        ignoreConfiguredEndpointUrls: true,
      },
    ],
    [
      'SWF_FLOW_ENDPOINT=aws likewise',
      {},
      { SWF_FLOW_ENDPOINT: 'AWS', AWS_ENDPOINT_URL_SWF: 'http://127.0.0.1:1' },
      { ignoreConfiguredEndpointUrls: true },
    ],
  ])('%s', (_what, flags, env, expected) => {
    expect(swfClientConfig('swf-flow x', flags, { env })).toEqual(expected);
  });

  it.each([
    [
      { endpoint: '127.0.0.1:8787' },
      {},
      "swf-flow x: --endpoint must be an http(s) URL like http://127.0.0.1:8787 (or 'aws' for Amazon SWF); got '127.0.0.1:8787'",
    ],
    [{}, { SWF_FLOW_ENDPOINT: 'localhost' }, 'swf-flow x: $SWF_FLOW_ENDPOINT must be an http(s) URL'],
    [{}, { AWS_ENDPOINT_URL_SWF: 'ftp://x' }, 'swf-flow x: $AWS_ENDPOINT_URL_SWF must be an http(s) URL'],
  ])('rejects an endpoint that is not an http(s) URL, naming where it came from: %j %j', (flags, env, message) => {
    expect(() => swfClientConfig('swf-flow x', flags, { env })).toThrow(message);
  });

  it('finds the service running on .swf-flow in the working directory or a parent, and not once it stopped', async () => {
    const project = mkdtempSync(join(tmpdir(), 'swf-flow-cli-project-'));
    const deep = join(project, 'src', 'deep');
    mkdirSync(deep, { recursive: true });
    expect(swfClientConfig('swf-flow x', {}, { env: {}, cwd: deep })).toEqual({}); // no .swf-flow: Amazon SWF
    const server = await createServer({ dataDir: join(project, '.swf-flow'), port: 0 });
    try {
      expect(swfClientConfig('swf-flow x', {}, { env: {}, cwd: deep })).toEqual({
        endpoint: server.url,
        region: 'us-east-1',
        credentials: LOCAL,
      });
      expect(
        swfClientConfig('swf-flow x', {}, { env: { SWF_FLOW_ENDPOINT: 'http://127.0.0.1:1' }, cwd: deep }).endpoint,
      ).toBe('http://127.0.0.1:1');
      expect(swfClientConfig('swf-flow x', { endpoint: 'aws' }, { env: {}, cwd: deep })).toEqual({
        ignoreConfiguredEndpointUrls: true,
      });
    } finally {
      await server.close();
    }
    expect(swfClientConfig('swf-flow x', {}, { env: {}, cwd: deep })).toEqual({});
  });
});

describe('requireDomain', () => {
  it('takes --domain, else $SWF_FLOW_DOMAIN, else says how to give one', () => {
    expect(requireDomain('swf-flow x', { domain: 'a' }, { SWF_FLOW_DOMAIN: 'b' })).toBe('a');
    expect(requireDomain('swf-flow x', {}, { SWF_FLOW_DOMAIN: 'b' })).toBe('b');
    expect(() => requireDomain('swf-flow x', {}, { SWF_FLOW_DOMAIN: '' })).toThrow(
      "swf-flow x: --domain is required (the SWF domain the workflows run in), or set $SWF_FLOW_DOMAIN; see 'swf-flow x --help'",
    );
  });
});
