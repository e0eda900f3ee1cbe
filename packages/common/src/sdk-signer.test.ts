/**
 * A client built by resolveSwfClient reuses one SigV4 signer and looks its signing key up without
 * the SDK's HMAC of the credentials; its signatures stay the stock client's across many requests,
 * a change of day (a new signing key), credentials that change between requests and an abort
 * signal. Both clients send to one real `node:http` server under a fixed clock.
 */
import { PollForDecisionTaskCommand, RespondActivityTaskCompletedCommand, SWFClient } from '@aws-sdk/client-swf';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { withReusedSigner } from './sdk-signer.js';
import { resolveSwfClient } from './swf-client.js';

let server: Server;
let endpoint: string;
const seen: string[][] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      seen.push(req.rawHeaders);
      res.sendDate = false;
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'content-length': 2 });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-02T23:59:58Z') });
  vi.spyOn(globalThis.crypto, 'randomUUID').mockReturnValue('00000000-1111-4222-8333-444444444444');
});
afterAll(async () => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  await new Promise((resolve) => server.close(resolve));
});

/** The secret the credentials provider hands out now. */
let secret = 'secret-0';

/** Credentials that expire at once, so the SDK asks the provider again on every request. */
const rotating = async (): Promise<{ accessKeyId: string; secretAccessKey: string; expiration: Date }> => ({
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: secret,
  expiration: new Date(Date.now() + 1000),
});

async function authorizationOf(client: SWFClient, send: (c: SWFClient) => Promise<unknown>): Promise<string> {
  seen.length = 0;
  await send(client);
  const headers = seen[0] ?? [];
  return headers[headers.findIndex((h) => h.toLowerCase() === 'authorization') + 1] ?? '';
}

describe('the reused SigV4 signer', () => {
  it('signs every request as the stock client does: repeated, with an abort signal, over midnight', async () => {
    const config = {
      endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
      maxAttempts: 1,
    };
    const stock = new SWFClient(config);
    const fast = resolveSwfClient(SWFClient, config, 'swf', { debug() {} });
    const abortSignal = new AbortController().signal;
    const poll = (c: SWFClient) =>
      c.send(new PollForDecisionTaskCommand({ domain: 'd', taskList: { name: 'tl' } }), { abortSignal });
    const respond = (c: SWFClient) =>
      c.send(new RespondActivityTaskCompletedCommand({ taskToken: 't', result: '"r"' }));
    const signatures = new Set<string>();
    try {
      for (const send of [poll, respond, poll, respond]) {
        const expected = await authorizationOf(stock, send);
        expect(await authorizationOf(fast, send)).toBe(expected);
        signatures.add(expected);
      }
      vi.setSystemTime(new Date('2026-12-03T00:00:03Z')); // a new day: a new signing key
      for (const send of [respond, poll]) {
        const expected = await authorizationOf(stock, send);
        expect(expected).toContain('/20261203/eu-west-1/swf/aws4_request');
        expect(await authorizationOf(fast, send)).toBe(expected);
        signatures.add(expected);
      }
      expect(signatures.size).toBeGreaterThanOrEqual(4);
    } finally {
      stock.destroy();
      fast.destroy();
    }
  });

  it('follows credentials that change between requests', async () => {
    const config = { endpoint, region: 'us-east-1', credentials: rotating, maxAttempts: 1 };
    const stock = new SWFClient(config);
    const fast = resolveSwfClient(SWFClient, config, 'swf', { debug() {} });
    const respond = (c: SWFClient) =>
      c.send(new RespondActivityTaskCompletedCommand({ taskToken: 't', result: '"r"' }));
    try {
      const stockSigs: string[] = [];
      const fastSigs: string[] = [];
      for (let i = 0; i < 3; i++) {
        secret = `secret-${i}`;
        stockSigs.push(await authorizationOf(stock, respond));
        fastSigs.push(await authorizationOf(fast, respond));
      }
      expect(fastSigs).toEqual(stockSigs);
      expect(new Set(stockSigs).size).toBe(3);
    } finally {
      stock.destroy();
      fast.destroy();
    }
  });

  it('builds the signer once while the auth scheme and the credentials provider stay the same', async () => {
    let built = 0;
    const config: { signer?: unknown; credentials?: unknown } = {
      credentials: async () => ({}),
      signer: async () => ({ built: ++built }),
    };
    expect(withReusedSigner(config)).toBe(true);
    const signer = config.signer as (scheme?: unknown) => Promise<unknown>;
    const first = await signer();
    expect(await signer()).toBe(first);
    expect(await signer({ name: 'sigv4', signingRegion: 'us-west-2' })).not.toBe(first);
    config.credentials = async () => ({});
    await signer({ name: 'sigv4', signingRegion: 'us-west-2' });
    expect(built).toBe(3);
    expect(withReusedSigner({})).toBe(false);
  });
});
