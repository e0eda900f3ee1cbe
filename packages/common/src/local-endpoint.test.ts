import { describe, expect, it } from 'vitest';
import { applyLocalDefaults, isLoopbackEndpoint, withLocalDefaults } from './local-endpoint.js';

const LOCAL = { accessKeyId: 'local', secretAccessKey: 'local' };

describe('isLoopbackEndpoint', () => {
  it.each([
    ['http://127.0.0.1:8787', true],
    ['http://127.1.2.3', true],
    ['http://localhost:8787/', true],
    ['http://swf.localhost:1', true],
    ['http://[::1]:8787', true],
    [new URL('http://127.0.0.1:9'), true],
    [{ url: new URL('http://localhost:9') }, true], // EndpointV2
    [{ protocol: 'http:', hostname: '127.0.0.1', port: 9, path: '/' }, true], // Endpoint
    ['https://swf.us-east-1.amazonaws.com', false],
    ['http://10.0.0.5:8787', false],
    ['http://127.0.0.1.example.com', false],
    ['http://0.0.0.0:8787', false],
    ['not a url', false],
    [undefined, false],
    [async () => ({ url: new URL('http://127.0.0.1') }), false], // a provider cannot be read synchronously
  ])('%s -> %s', (endpoint, expected) => {
    expect(isLoopbackEndpoint(endpoint)).toBe(expected);
  });
});

describe('withLocalDefaults', () => {
  it.each([
    [
      'loopback, nothing configured: placeholders and us-east-1',
      { endpoint: 'http://127.0.0.1:8787' },
      {},
      { endpoint: 'http://127.0.0.1:8787', region: 'us-east-1', credentials: LOCAL },
    ],
    [
      'loopback with a region: only credentials',
      { endpoint: 'http://localhost:1', region: 'eu-west-1' },
      {},
      { endpoint: 'http://localhost:1', region: 'eu-west-1', credentials: LOCAL },
    ],
    [
      'loopback, $AWS_REGION: the SDK reads it',
      { endpoint: 'http://localhost:1' },
      { AWS_REGION: 'eu-west-1' },
      { endpoint: 'http://localhost:1', credentials: LOCAL },
    ],
    [
      'loopback, credentials given: kept',
      { endpoint: 'http://127.0.0.1:1', credentials: { accessKeyId: 'A', secretAccessKey: 'B' } },
      {},
      { endpoint: 'http://127.0.0.1:1', credentials: { accessKeyId: 'A', secretAccessKey: 'B' }, region: 'us-east-1' },
    ],
    [
      'loopback, a profile option: the chain decides',
      { endpoint: 'http://127.0.0.1:1', profile: 'dev', region: 'x' },
      {},
      { endpoint: 'http://127.0.0.1:1', profile: 'dev', region: 'x' },
    ],
    [
      'loopback, $AWS_ACCESS_KEY_ID: the chain decides',
      { endpoint: 'http://127.0.0.1:1', region: 'x' },
      { AWS_ACCESS_KEY_ID: 'AKIA' },
      { endpoint: 'http://127.0.0.1:1', region: 'x' },
    ],
    [
      'loopback, $AWS_PROFILE: the chain decides',
      { endpoint: 'http://127.0.0.1:1', region: 'x' },
      { AWS_PROFILE: 'dev' },
      { endpoint: 'http://127.0.0.1:1', region: 'x' },
    ],
    [
      'loopback, container credentials: the chain decides',
      { endpoint: 'http://127.0.0.1:1', region: 'x' },
      { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2' },
      { endpoint: 'http://127.0.0.1:1', region: 'x' },
    ],
    [
      'no endpoint, $AWS_ENDPOINT_URL_SWF loopback',
      {},
      { AWS_ENDPOINT_URL_SWF: 'http://127.0.0.1:8787' },
      { region: 'us-east-1', credentials: LOCAL },
    ],
    [
      'no endpoint, $AWS_ENDPOINT_URL loopback',
      {},
      { AWS_ENDPOINT_URL: 'http://localhost:8787' },
      { region: 'us-east-1', credentials: LOCAL },
    ],
    ['Amazon SWF (no endpoint): unchanged', {}, {}, {}],
    [
      'a remote endpoint: unchanged',
      { endpoint: 'https://swf.eu-west-1.amazonaws.com' },
      {},
      { endpoint: 'https://swf.eu-west-1.amazonaws.com' },
    ],
    [
      'a private-network endpoint is not loopback: unchanged',
      { endpoint: 'http://192.168.1.2:8787' },
      {},
      { endpoint: 'http://192.168.1.2:8787' },
    ],
  ])('%s', (_what, config, env, expected) => {
    expect(withLocalDefaults(config as Record<string, unknown>, env).config).toEqual(expected);
  });

  it('returns the very object when nothing is added, and never changes the given one', () => {
    const remote = { endpoint: 'https://swf.us-east-1.amazonaws.com' };
    expect(withLocalDefaults(remote, {}).config).toBe(remote);
    const local = { endpoint: 'http://127.0.0.1:1' };
    withLocalDefaults(local, {});
    expect(local).toEqual({ endpoint: 'http://127.0.0.1:1' });
  });

  it('says what it added', () => {
    expect(withLocalDefaults({ endpoint: 'http://127.0.0.1:8787' }, {}).note).toBe(
      'SWF endpoint http://127.0.0.1:8787 is on this machine and nothing configures them: using placeholder credentials (local/local) and region us-east-1',
    );
    expect(withLocalDefaults({ endpoint: 'https://swf.us-east-1.amazonaws.com' }, {}).note).toBeUndefined();
  });
});

describe('applyLocalDefaults', () => {
  it('says so once per process, at debug level', () => {
    const lines: string[] = [];
    const logger = { debug: (m: string) => lines.push(m) };
    const first = applyLocalDefaults<{ endpoint: string; credentials?: unknown }>(
      { endpoint: 'http://127.0.0.1:8787' },
      logger,
      {},
    );
    const second = applyLocalDefaults<{ endpoint: string; credentials?: unknown }>(
      { endpoint: 'http://127.0.0.1:8788' },
      logger,
      {},
    );
    expect(first.credentials).toEqual(LOCAL);
    expect(second.credentials).toEqual(LOCAL);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('placeholder credentials');
  });
});
