/**
 * The lean `signRequest` signs every request as the SDK's `SignatureV4` does — the same headers in
 * the same order, the same `authorization`, the same class — for requests shaped as the SDK sends
 * them and for odd ones (names in any case, values to normalize, unsignable and generated headers,
 * every body type, paths to normalize and escape), with session tokens, across midnight and with
 * credentials that change between requests; what it does not cover goes to the SDK's own method.
 * The SDK's class and hash constructor come from a stock client's own signer.
 */
import { SWFClient } from '@aws-sdk/client-swf';
import * as vm from 'node:vm';
import { describe, expect, it, vi } from 'vitest';
import { markConstant } from './sdk-provider-memo.js';
import { leanSignerOf, withLeanSignRequest } from './sdk-sigv4.js';

interface Signer {
  signRequest(request: object, options?: object): Promise<{ headers: Record<string, unknown> }>;
  sha256: unknown;
}
type SignerClass = new (params: object) => Signer;

interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

async function sdkSignerClass(): Promise<{ Class: SignerClass; sha256: unknown }> {
  const client = new SWFClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
  });
  try {
    const signer = (await (client.config.signer as unknown as () => Promise<Signer>)()) as Signer;
    return { Class: signer.constructor as SignerClass, sha256: signer.sha256 };
  } finally {
    client.destroy();
  }
}

/** Two signers of the SDK's class over the same credentials: one as it comes, one made lean. */
async function pair(credentials: () => Promise<Credentials>, params: object = {}) {
  const { Class, sha256 } = await sdkSignerClass();
  const make = () => new Class({ credentials, region: 'eu-west-1', service: 'swf', sha256, ...params });
  const sdk = make();
  const lean = make();
  let sdkCalls = 0;
  const original = lean.signRequest;
  lean.signRequest = function (this: Signer, ...args: Parameters<Signer['signRequest']>) {
    sdkCalls++;
    return original.apply(this, args);
  };
  expect(withLeanSignRequest(lean)).toBe(true);
  return { sdk, lean, sdkCalls: () => sdkCalls };
}

const swfRequest = (headers: Record<string, unknown> = {}, rest: object = {}) => ({
  method: 'POST',
  protocol: 'https:',
  hostname: 'swf.eu-west-1.amazonaws.com',
  port: undefined,
  path: '/',
  query: {},
  headers: {
    'content-type': 'application/x-amz-json-1.0',
    'x-amz-target': 'SimpleWorkflowService.PollForDecisionTask',
    'content-length': '42',
    'x-amz-user-agent': 'aws-sdk-js/3.0.0 ua/2.1 os/linux#6.1 lang/js md/nodejs#20.20.2 api/swf#3.0.0 m/E,N',
    'user-agent': 'aws-sdk-js/3.0.0 ua/2.1 os/linux#6.1 lang/js md/nodejs#20.20.2 api/swf#3.0.0 m/E,N',
    host: 'swf.eu-west-1.amazonaws.com',
    'amz-sdk-invocation-id': '00000000-1111-4222-8333-444444444444',
    'amz-sdk-request': 'attempt=1; max=3',
    ...headers,
  },
  body: '{"domain":"d","taskList":{"name":"tl"}}',
  ...rest,
});

/** Signs `request` with both and expects the same result. */
async function same(signers: { sdk: Signer; lean: Signer }, request: object, options: object) {
  const copy = () => ({ ...request, headers: { ...(request as { headers: object }).headers } });
  const expected = await signers.sdk.signRequest(copy(), options);
  const got = await signers.lean.signRequest(copy(), options);
  expect(Object.entries(got.headers)).toEqual(Object.entries(expected.headers));
  expect(got).toEqual(expected);
  expect(got.constructor).toBe(expected.constructor);
  return String(expected.headers.authorization);
}

const fixed = async (): Promise<Credentials> => ({
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
});

describe('the lean SigV4 signRequest', () => {
  it('signs as the SDK does, request after request, across midnight', async () => {
    const signers = await pair(fixed);
    const at = (iso: string) => ({ signingDate: new Date(iso) });
    await same(signers, swfRequest(), at('2026-12-02T23:59:58.100Z')); // the first: the SDK's own way
    const calls = signers.sdkCalls();
    const seen = new Set<string>();
    for (const iso of [
      '2026-12-02T23:59:58.900Z',
      '2026-12-02T23:59:59.999Z',
      '2026-12-03T00:00:00.000Z',
      '2026-12-03T00:00:00.001Z',
      '2026-12-03T00:00:01.000Z',
      '2026-12-02T23:59:59.000Z', // back again: a clock corrected backwards
    ]) {
      seen.add(await same(signers, swfRequest(), at(iso)));
      seen.add(await same(signers, swfRequest({ 'amz-sdk-request': 'attempt=2; max=3' }), at(iso)));
    }
    expect(seen.size).toBeGreaterThanOrEqual(8);
    expect([...seen].some((a) => a.includes('/20261203/eu-west-1/swf/aws4_request'))).toBe(true);
    expect(signers.sdkCalls()).toBe(calls); // all of them the lean way
  });

  it("takes the SDK's hash digests at once, and waits for a hash of one's own, with the same signatures", async () => {
    const { sha256 } = await sdkSignerClass();
    const Sdk = sha256 as new (secret?: unknown) => { update(d: unknown): void; digest(): Promise<Uint8Array> };
    let awaited = 0;
    /** A hash of one's own: the same bytes, a digest that is only a promise. */
    class OwnHash {
      private readonly inner: InstanceType<typeof Sdk>;
      constructor(secret?: unknown) {
        this.inner = new Sdk(secret);
      }
      update(data: unknown): void {
        this.inner.update(data);
      }
      async digest(): Promise<Uint8Array> {
        awaited++;
        return this.inner.digest();
      }
    }
    const sdkWay = await pair(fixed);
    const ownWay = await pair(fixed, { sha256: OwnHash });
    const options = { signingDate: new Date('2026-12-03T10:00:00Z') };
    for (let i = 0; i < 3; i++) {
      const signed = await same(sdkWay, swfRequest(), options);
      expect(await same(ownWay, swfRequest(), options)).toBe(signed);
    }
    const digests = vi.spyOn(Object.getPrototypeOf(new Sdk()) as { digest(): unknown }, 'digest');
    await sdkWay.lean.signRequest(swfRequest() as never, options);
    // only the SDK's signing-key lookup (it hashes the credentials to find the key) awaits a digest;
    // the payload's, the canonical request's and the signature's are read from the Node hash at once
    expect(digests).toHaveBeenCalledTimes(1);
    digests.mockRestore();
    const before = awaited;
    await ownWay.lean.signRequest(swfRequest() as never, options);
    expect(awaited - before).toBe(4); // the key lookup, the payload, the canonical request, the signature
  });

  it("hashes with node:crypto directly when the hash is the SDK's own SHA-256, with the same signatures", async () => {
    const { sha256 } = await sdkSignerClass();
    const proto = Object.getPrototypeOf(new (sha256 as new () => object)()) as { reset(): void };
    const signers = await pair(fixed);
    const options = { signingDate: new Date('2026-12-03T10:00:00Z') };
    await same(signers, swfRequest(), options); // the first: the SDK's own way
    await same(signers, swfRequest(), options); // the lean way (it reads the hash's class before it is counted)
    const reset = proto.reset;
    let made = 0;
    proto.reset = function (this: unknown) {
      made++;
      reset.call(this);
    };
    try {
      for (const body of [
        '{"a":1}',
        new TextEncoder().encode('{"b":2}'),
        new Uint16Array([1, 2]),
        new ArrayBuffer(3),
        '',
      ]) {
        made = 0;
        await signers.lean.signRequest(swfRequest({}, { body }) as never, options);
        // only the SDK's signing-key lookup makes one (it hashes the credentials to find the key);
        // the payload's, the canonical request's and the signature's hashes make none
        expect(made).toBe(1);
        await same(signers, swfRequest({}, { body }), options);
      }
    } finally {
      proto.reset = reset;
    }
  });

  it('signs odd headers, bodies and paths as the SDK does', async () => {
    const signers = await pair(fixed);
    const options = { signingDate: new Date('2026-12-03T06:00:00Z') };
    await same(signers, swfRequest(), options);
    const calls = signers.sdkCalls();
    const headerCases: Array<Record<string, unknown>> = [
      { 'X-Amz-Target': 'SimpleWorkflowService.RespondActivityTaskCompleted', 'Content-Type': 'a/b' },
      { 'x-custom': '  two  leading, \t tab,\r\nnewline  ', 'x-other': ' ', 'x-empty': '', 'x-single': ' a ' },
      { 'x-undefined': undefined, 'x-null': null },
      { Connection: 'keep-alive', 'proxy-authorization': 'p', 'Sec-Fetch-Mode': 'cors', 'X-Amzn-Trace-Id': 'Root=1' },
      { Authorization: 'old', 'X-Amz-Date': '20000101T000000Z', Date: 'yesterday' },
      { 'X-Amz-Content-Sha256': 'UNSIGNED-PAYLOAD' },
      { 'x-amz-content-sha256': 'abc', 'X-Amz-Content-SHA256': 'def' },
      { '10': 'ten', '9': 'nine', 'x-a': 'A', 'X-A': 'upper' },
      { 'x-amz-security-token': 'from-the-request' },
      { 'X-Amz-Content-Sha256': undefined, 'x-amz-content-sha256': 'second' },
    ];
    for (const headers of headerCases) await same(signers, swfRequest(headers), options);
    const bodies: unknown[] = [
      undefined,
      null,
      '',
      '{"input":"ünïcödé ✓"}',
      new TextEncoder().encode('{"a":1}'),
      Buffer.from('{"b":2}'),
      new Uint16Array([1, 2, 3]),
      new Uint8Array([0, 1, 2, 3, 4, 5]).subarray(2, 5),
      new Uint8Array([9, 8, 7]).buffer,
      { pipe() {} }, // a stream: UNSIGNED-PAYLOAD
    ];
    for (const body of bodies) await same(signers, swfRequest({}, { body }), options);
    for (const path of ['/', '', '/a/b/../c/./d/', '//x//y', '/with space/ü/(x)*', '/..', '/a/..', '/.'])
      await same(signers, swfRequest({}, { path }), options);
    await same(
      signers,
      swfRequest({}, { body: new (vm.runInNewContext('ArrayBuffer') as ArrayBufferConstructor)(4) }),
      options,
    );
    await same(signers, swfRequest({}, { method: 'GET' }), options);
    await same(signers, swfRequest(), { ...options, signingRegion: 'us-west-2', signingService: 'other' });
    expect(signers.sdkCalls()).toBe(calls);
  });

  it('signs with session tokens and credentials that change between requests', async () => {
    let current: Credentials = { accessKeyId: 'AKID0', secretAccessKey: 'secret-0' };
    const signers = await pair(async () => current);
    const options = { signingDate: new Date('2026-12-03T06:00:00Z') };
    await same(signers, swfRequest(), options);
    const calls = signers.sdkCalls();
    const signatures = new Set<string>();
    for (let i = 0; i < 6; i++) {
      current = {
        accessKeyId: `AKID${i % 3}`,
        secretAccessKey: `secret-${i % 3}`,
        sessionToken: i % 2 ? `token-${i}` : undefined,
      };
      signatures.add(await same(signers, swfRequest(), options));
    }
    expect(signatures.size).toBe(6);
    expect(signers.sdkCalls()).toBe(calls);
  });

  it('signs without the checksum header when the signer applies none, as the SDK does', async () => {
    for (const applyChecksum of [true, false]) {
      const signers = await pair(fixed, { applyChecksum });
      const options = { signingDate: new Date('2026-12-03T06:00:00Z') };
      await same(signers, swfRequest(), options);
      const signed = await signers.lean.signRequest(swfRequest(), options);
      expect('x-amz-content-sha256' in signed.headers).toBe(applyChecksum);
    }
  });

  it('leaves to the SDK a query string, signable or unsignable headers and a date that is not a Date', async () => {
    const signers = await pair(fixed);
    const options = { signingDate: new Date('2026-12-03T06:00:00Z') };
    await same(signers, swfRequest(), options);
    const calls = signers.sdkCalls();
    await same(signers, swfRequest({}, { query: { b: '2', a: ['x y', 'z'] } }), options);
    await same(signers, swfRequest({ 'user-agent': 'ua' }), { ...options, signableHeaders: new Set(['user-agent']) });
    await same(signers, swfRequest(), { ...options, unsignableHeaders: new Set(['x-amz-target']) });
    await same(signers, swfRequest(), { signingDate: 1796277600 });
    expect(signers.sdkCalls()).toBe(calls + 4);
  });

  it('signs a request handed to sign() the lean way, and leaves strings to the SDK', async () => {
    const signers = await pair(fixed);
    const options = { signingDate: new Date('2026-12-03T06:00:00Z') };
    await same(signers, swfRequest(), options);
    const calls = signers.sdkCalls();
    const sign = (s: Signer, what: unknown) =>
      (s as unknown as { sign(t: unknown, o: object): Promise<unknown> }).sign(what, options);
    const expected = (await sign(signers.sdk, swfRequest())) as { headers: object };
    const got = (await sign(signers.lean, swfRequest())) as { headers: object };
    expect(Object.entries(got.headers)).toEqual(Object.entries(expected.headers));
    expect(signers.sdkCalls()).toBe(calls); // through the lean signRequest
    expect(await sign(signers.lean, 'a string to sign')).toBe(await sign(signers.sdk, 'a string to sign'));
  });

  it('fails as the SDK does on credentials it cannot sign with', async () => {
    let current: Credentials = { accessKeyId: 'AKID', secretAccessKey: 'secret' };
    const signers = await pair(async () => current);
    const options = { signingDate: new Date('2026-12-03T06:00:00Z') };
    await same(signers, swfRequest(), options);
    const calls = signers.sdkCalls();
    current = { accessKeyId: 'AKID' } as Credentials;
    await expect(signers.sdk.signRequest(swfRequest(), options)).rejects.toThrow(
      'Resolved credential object is not valid',
    );
    await expect(signers.lean.signRequest(swfRequest(), options)).rejects.toThrow(
      'Resolved credential object is not valid',
    );
    expect(signers.sdkCalls()).toBe(calls);
    expect(withLeanSignRequest({})).toBe(false);
    expect(withLeanSignRequest(null)).toBe(false);
  });

  it('hands the signed request back at once, as the SDK signs it, when its inputs have settled before', async () => {
    // credentials given as an object: the client reads them once (sdk-provider-memo.ts)
    const credentials = () => fixed();
    markConstant(credentials);
    const signers = await pair(credentials);
    // what the client's key cache does (sdk-signer.ts): one promise per key
    const lean = signers.lean as Signer & { getSigningKey(...args: unknown[]): Promise<unknown> };
    const derive = lean.getSigningKey.bind(lean);
    const keys = new Map<string, Promise<unknown>>();
    lean.getSigningKey = (...args: unknown[]) => {
      const key = JSON.stringify(args);
      if (!keys.has(key)) keys.set(key, derive(...args));
      return keys.get(key) as Promise<unknown>;
    };
    const signNow = leanSignerOf(lean);
    expect(signNow).toBeTypeOf('function');
    const now = (request: object, options: Record<string, unknown>) =>
      (signNow as NonNullable<typeof signNow>).call(lean, request, options);
    const at = (iso: string) => ({ signingDate: new Date(iso), signingRegion: 'eu-west-1', signingService: 'swf' });
    await same(signers, swfRequest(), at('2026-12-02T23:59:58.100Z')); // the first: the SDK's own way
    const calls = signers.sdkCalls();
    for (const iso of ['2026-12-02T23:59:59.000Z', '2026-12-03T00:00:00.500Z']) {
      expect(await now(swfRequest(), at(iso))).toBeInstanceOf(Object); // a new day's key: waited for once
      // the same names again with other values, a value missing, two names that lower-case alike
      for (const headers of [
        {},
        { 'amz-sdk-request': 'attempt=2; max=3' },
        { 'X-Odd': ' a  b ' },
        { 'X-Odd': 'c' },
        { 'X-Odd': undefined },
        { 'X-Odd': 'd', 'x-odd': 'e' },
        { 'X-Odd': 'd', 'x-odd': undefined },
        { 'X-Odd': 'd', 'x-odd': 'f\tg' },
      ]) {
        const got = now(swfRequest(headers), at(iso));
        expect(got).not.toBeInstanceOf(Promise);
        const expected = await signers.sdk.signRequest(swfRequest(headers), at(iso));
        expect(Object.entries((got as { headers: object }).headers)).toEqual(Object.entries(expected.headers));
        expect((got as object).constructor).toBe(expected.constructor);
      }
    }
    expect(signers.sdkCalls()).toBe(calls);
    // a signRequest replaced after: the lean signing is no longer offered
    lean.signRequest = lean.signRequest.bind(lean);
    expect(leanSignerOf(lean)).toBeUndefined();
    expect(leanSignerOf({})).toBeUndefined();
  });
});
