/**
 * Where the lean handler goes in (a client whose HTTP the user left to the SDK's defaults) and
 * where not (the user's own handler, agents or configuration provider), and what the SDK's retry
 * strategy makes of its errors with a real client on a real socket: a kept-alive connection the
 * server closes as a request arrives is retried on a fresh one; an abort is not retried.
 */
import { ListDomainsCommand, SWFClient, type SWFClientConfig } from '@aws-sdk/client-swf';
import { Agent } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { LeanHttpHandler } from './handler.js';
import { withLeanHttpHandler } from './install.js';
import { resolveSwfClient } from '../swf-client.js';
import { rawServer } from './raw-server.js';

const credentials = { accessKeyId: 'AKID', secretAccessKey: 'secret' };
const DOMAINS = '{"domainInfos":[{"name":"d","status":"REGISTERED"}]}';
const OK = `HTTP/1.1 200 OK\r\ncontent-type: application/x-amz-json-1.0\r\ncontent-length: ${DOMAINS.length}\r\n\r\n${DOMAINS}`;

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function client(config: SWFClientConfig = {}): SWFClient {
  const swf = new SWFClient({ region: 'us-east-1', credentials, ...config });
  cleanup.push(() => swf.destroy());
  return swf;
}

describe('withLeanHttpHandler', () => {
  const left: [string, SWFClientConfig['requestHandler']][] = [
    ['no requestHandler option', undefined],
    [
      'options that only set timeouts',
      { requestTimeout: 5_000, connectionTimeout: 1_000, throwOnRequestTimeout: true },
    ],
  ];
  for (const [name, requestHandler] of left) {
    it(`replaces the SDK's handler given ${name}`, () => {
      const config = requestHandler === undefined ? {} : { requestHandler };
      const swf = client(config);
      expect(withLeanHttpHandler(swf.config, config.requestHandler)).toBe(true);
      expect(swf.config.requestHandler).toBeInstanceOf(LeanHttpHandler);
    });
  }

  const kept: [string, SWFClientConfig['requestHandler']][] = [
    ['a handler of the user', { handle: async () => ({ response: {} }) } as never],
    ['an agent of the user (a proxy, custom TLS, pool sizes)', { httpAgent: new Agent({ keepAlive: true }) }],
    ['https agent options', { httpsAgent: { maxSockets: 200 } } as never],
    ['a configuration provider', (async () => ({})) as never],
  ];
  for (const [name, requestHandler] of kept) {
    it(`keeps the SDK's handler given ${name}`, () => {
      const swf = client({ requestHandler });
      const before = swf.config.requestHandler;
      expect(withLeanHttpHandler(swf.config, requestHandler)).toBe(false);
      expect(swf.config.requestHandler).toBe(before);
    });
  }

  it('is what resolveSwfClient builds a client with, unless the configuration brings its own', () => {
    const lean = resolveSwfClient(SWFClient, {
      region: 'us-east-1',
      credentials,
      endpoint: 'https://swf.us-east-1.amazonaws.com',
    });
    const own = resolveSwfClient(SWFClient, {
      region: 'us-east-1',
      credentials,
      requestHandler: { httpsAgent: { maxSockets: 5 } } as never,
    });
    cleanup.push(
      () => lean.destroy(),
      () => own.destroy(),
    );
    expect(lean.config.requestHandler).toBeInstanceOf(LeanHttpHandler);
    expect(own.config.requestHandler).not.toBeInstanceOf(LeanHttpHandler);
  });

  it('reads the timeouts the client built its SDK handler with', async () => {
    const server = await rawServer();
    cleanup.push(() => server.close());
    const options = { socketTimeout: 1234, connectionTimeout: 99 };
    const swf = client({ endpoint: `http://127.0.0.1:${server.port}`, requestHandler: options });
    withLeanHttpHandler(swf.config, options);
    const sent = swf.send(new ListDomainsCommand({ registrationStatus: 'REGISTERED' }));
    const conn = await server.nextConnection();
    await conn.nextRequest();
    conn.socket.write(OK);
    await sent;
    expect((swf.config.requestHandler as unknown as LeanHttpHandler).httpHandlerConfigs()).toMatchObject(options);
  });
});

describe('the SDK retry strategy over the lean handler', () => {
  it('retries a request whose kept-alive connection the server closes unanswered, on a fresh connection', async () => {
    const server = await rawServer();
    cleanup.push(() => server.close());
    const swf = client({ endpoint: `http://127.0.0.1:${server.port}` });
    withLeanHttpHandler(swf.config, undefined);

    const first = swf.send(new ListDomainsCommand({ registrationStatus: 'REGISTERED' }));
    const kept = await server.nextConnection();
    await kept.nextRequest();
    kept.socket.write(OK);
    await first;

    const second = swf.send(new ListDomainsCommand({ registrationStatus: 'REGISTERED' }));
    const attempt1 = await kept.nextRequest();
    kept.socket.destroy(); // closed as the request arrived: nothing answered
    const fresh = await server.nextConnection();
    const attempt2 = await fresh.nextRequest();
    fresh.socket.write(OK);
    expect((await second).domainInfos?.[0]?.name).toBe('d');
    expect(attempt1.toString()).toMatch(/amz-sdk-request: attempt=1;/);
    expect(attempt2.toString()).toMatch(/amz-sdk-request: attempt=2;/);
  });

  it('does not retry an aborted request', async () => {
    const server = await rawServer();
    cleanup.push(() => server.close());
    const swf = client({ endpoint: `http://127.0.0.1:${server.port}` });
    withLeanHttpHandler(swf.config, undefined);
    const controller = new AbortController();
    const sent = swf.send(new ListDomainsCommand({ registrationStatus: 'REGISTERED' }), {
      abortSignal: controller.signal,
    });
    const conn = await server.nextConnection();
    await conn.nextRequest();
    controller.abort();
    await expect(sent).rejects.toMatchObject({ name: 'AbortError' });
    expect(server.connections).toHaveLength(1);
    expect(
      conn
        .received()
        .toString()
        .match(/^POST /gm),
    ).toHaveLength(1);
  });
});
