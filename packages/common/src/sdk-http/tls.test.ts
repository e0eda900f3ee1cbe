/**
 * `https:` endpoints (Amazon SWF's): the lean handler connects with TLS as `https.request` does by
 * default — the certificate checked against the trusted CAs and the host name, the host name sent
 * as SNI (not an IP address) — and writes, inside TLS, the bytes the SDK's handler writes.
 * The certificate is a self-signed test certificate for `localhost` in `fixtures/` (valid until
 * 2126; its key protects nothing).
 */
import { SWFClient } from '@aws-sdk/client-swf';
import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { LeanHttpHandler, type SdkNodeHttpHandler } from './handler.js';
import { rawServer, type RawServer } from './raw-server.js';
import type { WireRequest } from './request-bytes.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const cert = fixture('localhost-cert.pem');
const key = fixture('localhost-key.pem');
const OK = 'HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}';
const credentials = { accessKeyId: 'AKID', secretAccessKey: 'secret' };

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function tlsServer(): Promise<RawServer> {
  const s = await rawServer({ cert, key });
  cleanup.push(() => s.close());
  return s;
}

function sdkHandler(options?: object): SdkNodeHttpHandler {
  const handler = new SWFClient({ region: 'us-east-1', credentials, ...(options ? { requestHandler: options } : {}) })
    .config.requestHandler as unknown as SdkNodeHttpHandler;
  cleanup.push(() => handler.destroy?.());
  return handler;
}

function lean(trustTestCa: boolean): LeanHttpHandler {
  const handler = new LeanHttpHandler(sdkHandler(), trustTestCa ? { ca: cert } : undefined);
  cleanup.push(() => handler.destroy());
  return handler;
}

function request(hostname: string, port: number): WireRequest {
  return {
    method: 'POST',
    protocol: 'https:',
    hostname,
    port,
    path: '/',
    query: {},
    headers: { 'content-type': 'application/x-amz-json-1.0', host: `${hostname}:${port}`, 'content-length': '2' },
    body: '{}',
  };
}

describe('https endpoints', () => {
  it('connects with SNI and a checked certificate, and reuses the connection', async () => {
    const s = await tlsServer();
    const handler = lean(true);
    for (let i = 0; i < 2; i++) {
      const answered = handler.handle(request('localhost', s.port));
      const conn = s.connections[0] ?? (await s.nextConnection());
      await conn.nextRequest();
      conn.socket.write(OK);
      expect((await answered).response.statusCode).toBe(200);
      expect((conn.socket as TLSSocket).servername).toBe('localhost');
    }
    expect(s.connections).toHaveLength(1);
  });

  it('refuses a certificate no trusted CA signed, as https.request does', async () => {
    const s = await tlsServer();
    await expect(lean(false).handle(request('localhost', s.port))).rejects.toMatchObject({
      code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    });
  });

  it('refuses a certificate for another host name', async () => {
    const s = await tlsServer();
    await expect(lean(true).handle(request('127.0.0.1', s.port))).rejects.toMatchObject({
      code: 'ERR_TLS_CERT_ALTNAME_INVALID',
    });
  });

  it('sends no SNI for an IP address', async () => {
    const s = await tlsServer();
    // the name check is waived here only to see what arrives at the server
    const handler = new LeanHttpHandler(sdkHandler(), { ca: cert, checkServerIdentity: () => undefined });
    cleanup.push(() => handler.destroy());
    const answered = handler.handle(request('127.0.0.1', s.port));
    const conn = await s.nextConnection();
    await conn.nextRequest();
    conn.socket.write(OK);
    expect((await answered).response.statusCode).toBe(200);
    expect((conn.socket as TLSSocket).servername).toBeFalsy();
  });

  it('writes inside TLS the bytes the SDK handler writes', async () => {
    const s = await tlsServer();
    const sdk = sdkHandler({ httpsAgent: new Agent({ ca: cert, keepAlive: true }) });
    const send = async (handler: { handle(r: WireRequest): Promise<{ response: unknown }> }) => {
      const answered = handler.handle(request('localhost', s.port));
      const conn = await s.nextConnection();
      await conn.nextRequest();
      conn.socket.write(OK);
      const { response } = (await answered) as { response: { body: AsyncIterable<unknown> | Uint8Array } };
      if (!(response.body instanceof Uint8Array)) for await (const _ of response.body);
      return conn.received();
    };
    const expected = await send(sdk);
    const actual = await send(lean(true));
    expect(actual.toString('latin1')).toBe(expected.toString('latin1'));
  });
});
