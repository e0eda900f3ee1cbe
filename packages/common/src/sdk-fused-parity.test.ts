/**
 * A client built by resolveSwfClient (the fused chain, the reused signer, the lean HTTP handler)
 * against the SDK's own client on a real HTTP server, where a value may change between requests:
 * a credentials provider whose credentials expire is called again as the SDK calls it, and each
 * request is signed with the credentials the SDK's client would sign it with; the Lambda trace
 * header follows the environment of each request.
 */
import { ListDomainsCommand, SWFClient, type SWFClientConfig } from '@aws-sdk/client-swf';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fusedRequests } from './sdk-fused-chain.js';
import { resolveSwfClient } from './swf-client.js';

let server: Server;
let port = 0;
const keys: string[] = [];
const traces: string[] = [];
/** The requests the last client sent through the fused chain. */
let fused = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      keys.push(/Credential=([^/]+)\//.exec(req.headers.authorization ?? '')?.[1] ?? '-');
      traces.push(String(req.headers['x-amzn-trace-id']));
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      res.end('{"domainInfos":[]}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** The access keys the server saw for three requests of a client made by `make`, and the provider's calls. */
async function keysSeen(make: (config: SWFClientConfig) => SWFClient, minutesValid: number): Promise<string[]> {
  keys.length = 0;
  fused = 0;
  let calls = 0;
  const credentials = async () => {
    calls++;
    return {
      accessKeyId: `AK${calls}`,
      secretAccessKey: `secret${calls}`,
      sessionToken: `token${calls}`,
      expiration: new Date(Date.now() + minutesValid * 60_000),
    };
  };
  const client = make({ region: 'us-east-1', endpoint: `http://127.0.0.1:${port}`, credentials });
  try {
    for (let i = 0; i < 3; i++) await client.send(new ListDomainsCommand({ registrationStatus: 'REGISTERED' }));
    fused = fusedRequests(client.config) ?? 0;
  } finally {
    client.destroy();
  }
  return [...keys, `calls ${calls}`];
}

describe('temporary credentials', () => {
  for (const minutes of [1, 60]) {
    it(`valid ${minutes} min: signed with the same credentials as the SDK's client, the provider called as often`, async () => {
      const expected = await keysSeen((config) => new SWFClient(config), minutes);
      const actual = await keysSeen((config) => resolveSwfClient(SWFClient, config, 'swf', { debug() {} }), minutes);
      expect(fused, 'the requests after the first took the fused chain').toBe(2);
      expect(actual).toEqual(expected);
    });
  }
});

describe('the Lambda trace header (recursion detection)', () => {
  const saved = { name: process.env.AWS_LAMBDA_FUNCTION_NAME, trace: process.env._X_AMZN_TRACE_ID };
  const restore = (key: string, value: string | undefined) =>
    value === undefined ? delete process.env[key] : (process.env[key] = value);
  afterAll(() => {
    restore('AWS_LAMBDA_FUNCTION_NAME', saved.name);
    restore('_X_AMZN_TRACE_ID', saved.trace);
  });

  /** The trace headers the server saw for requests sent while the environment changes. */
  async function tracesSeen(make: (config: SWFClientConfig) => SWFClient): Promise<string[]> {
    traces.length = 0;
    const client = make({
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${port}`,
      credentials: { accessKeyId: 'A', secretAccessKey: 'S' },
    });
    const send = () => client.send(new ListDomainsCommand({ registrationStatus: 'REGISTERED' }));
    try {
      delete process.env.AWS_LAMBDA_FUNCTION_NAME;
      process.env._X_AMZN_TRACE_ID = 'Root=1-a';
      await send();
      await send();
      process.env.AWS_LAMBDA_FUNCTION_NAME = 'fn';
      await send();
      process.env._X_AMZN_TRACE_ID = 'Root=1-b';
      await send();
      fused = fusedRequests(client.config) ?? 0;
    } finally {
      client.destroy();
    }
    return [...traces];
  }

  it("is set from the environment of each request, as the SDK's client sets it", async () => {
    const expected = await tracesSeen((config) => new SWFClient(config));
    const actual = await tracesSeen((config) => resolveSwfClient(SWFClient, config, 'swf', { debug() {} }));
    expect(fused, 'the requests after the first took the fused chain').toBe(3);
    expect(expected).toEqual(['undefined', 'undefined', 'Root=1-a', 'Root=1-b']);
    expect(actual).toEqual(expected);
  });
});
