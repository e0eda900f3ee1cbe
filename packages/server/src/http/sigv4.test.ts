import { Hash } from '@smithy/core/serde';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { SwfFault } from '../faults.js';
import { type AccessKey, type SignedRequest, SigV4Verifier, parseAccessKey } from './sigv4.js';

const KEY: AccessKey = { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' };
const NOW = Date.UTC(2026, 11, 2, 10, 0, 0);
const body = '{"registrationStatus":"REGISTERED"}';

/** A request as a client signs it (the SDK's own signer), as the server would receive it. */
async function signed(
  options: { key?: AccessKey; at?: number; region?: string; service?: string; host?: string } = {},
): Promise<SignedRequest> {
  const key = options.key ?? KEY;
  const signer = new SignatureV4({
    service: options.service ?? 'swf',
    region: options.region ?? 'us-east-1',
    credentials: key,
    sha256: Hash.bind(null, 'sha256'),
  });
  const host = options.host ?? '127.0.0.1:8787';
  const out = await signer.sign(
    {
      method: 'POST',
      protocol: 'http:',
      hostname: host.split(':')[0] as string,
      path: '/',
      query: {},
      headers: {
        host,
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'SimpleWorkflowService.ListDomains',
      },
      body,
    },
    { signingDate: new Date(options.at ?? NOW) },
  );
  const headers = Object.fromEntries(Object.entries(out.headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { method: 'POST', url: '/', headers, body: Buffer.from(body), localPort: 8787 };
}

const verifier = new SigV4Verifier([{ accessKeyId: 'OTHER', secretAccessKey: 'x' }, KEY], () => NOW);

async function fault(request: SignedRequest): Promise<SwfFault> {
  const err = await verifier.verify(request).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SwfFault);
  return err as SwfFault;
}

describe('SigV4Verifier', () => {
  it('accepts a request the SDK signed with a known key, in any region', async () => {
    await expect(verifier.verify(await signed())).resolves.toBeUndefined();
    await expect(verifier.verify(await signed({ region: 'eu-west-1' }))).resolves.toBeUndefined();
    await expect(verifier.verify(await signed({ at: NOW - 14 * 60_000 }))).resolves.toBeUndefined();
  });

  it('accepts a client that signed host:port but sent the host alone', async () => {
    const request = await signed();
    request.headers.host = '127.0.0.1';
    await expect(verifier.verify(request)).resolves.toBeUndefined();
  });

  it('refuses an unsigned request: MissingAuthenticationTokenException', async () => {
    const request = await signed();
    delete request.headers.authorization;
    const f = await fault(request);
    expect(f.fault).toBe('MissingAuthenticationTokenException');
    expect(f.wireType).toBe('com.amazon.coral.service#MissingAuthenticationTokenException');
    expect(f.httpStatus).toBe(400);
    expect(f.message).toMatch(/^Request is missing Authentication Token/);
  });

  it.each([
    ['another scheme', 'Basic dXNlcjpwYXNz', /Unsupported signing algorithm 'Basic'/],
    [
      'no Signature',
      'AWS4-HMAC-SHA256 Credential=AKIDLOCAL/20261202/us-east-1/swf/aws4_request, SignedHeaders=host;x-amz-date',
      /requires 'Signature' parameter/,
    ],
    ['a pair without =', 'AWS4-HMAC-SHA256 Credential', /not a valid key=value pair/],
    [
      'a short scope',
      'AWS4-HMAC-SHA256 Credential=AKIDLOCAL/20261202, SignedHeaders=host;x-amz-date, Signature=ab',
      /is not ACCESS_KEY\/YYYYMMDD/,
    ],
    [
      'host not signed',
      'AWS4-HMAC-SHA256 Credential=AKIDLOCAL/20261202/us-east-1/swf/aws4_request, SignedHeaders=x-amz-date, Signature=ab',
      /must include 'host'/,
    ],
  ])('refuses %s: IncompleteSignatureException', async (_what, authorization, message) => {
    const request = await signed();
    request.headers.authorization = authorization;
    const f = await fault(request);
    expect(f.fault).toBe('IncompleteSignatureException');
    expect(f.message).toMatch(message);
  });

  it('refuses an unknown access key: UnrecognizedClientException', async () => {
    const f = await fault(await signed({ key: { accessKeyId: 'AKIDNOBODY', secretAccessKey: 'local-secret' } }));
    expect(f.fault).toBe('UnrecognizedClientException');
    expect(f.message).toBe(
      "The security token included in the request is invalid: this service does not know the access key 'AKIDNOBODY'.",
    );
  });

  it('refuses a wrong secret, a changed body, a changed signed header: InvalidSignatureException', async () => {
    const wrongSecret = await fault(await signed({ key: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'guess' } }));
    expect(wrongSecret.fault).toBe('InvalidSignatureException');
    expect(wrongSecret.message).toMatch(
      /^The request signature we calculated does not match the signature you provided/,
    );
    const changedBody = await signed();
    changedBody.body = Buffer.from('{"registrationStatus":"DEPRECATED"}');
    expect((await fault(changedBody)).fault).toBe('InvalidSignatureException');
    const changedTarget = await signed();
    changedTarget.headers['x-amz-target'] = 'SimpleWorkflowService.RegisterDomain';
    expect((await fault(changedTarget)).fault).toBe('InvalidSignatureException');
    const otherHost = await signed();
    otherHost.headers.host = 'localhost:8787';
    expect((await fault(otherHost)).fault).toBe('InvalidSignatureException');
  });

  it('refuses a request signed more than 15 minutes ago or ahead, saying so', async () => {
    const expired = await fault(await signed({ at: NOW - 16 * 60_000 }));
    expect(expired.fault).toBe('InvalidSignatureException');
    expect(expired.message).toBe(
      'Signature expired: 20261202T094400Z is now earlier than 20261202T094500Z (20261202T100000Z - 15 min.)',
    );
    const ahead = await fault(await signed({ at: NOW + 16 * 60_000 }));
    expect(ahead.message).toBe(
      'Signature not yet current: 20261202T101600Z is still later than 20261202T101500Z (20261202T100000Z + 15 min.)',
    );
  });

  it("accepts the service name a client scoped its signature to (boto 2 derives it from a local endpoint's host)", async () => {
    await expect(verifier.verify(await signed({ service: '127' }))).resolves.toBeUndefined();
  });

  it('refuses a signed x-amz-content-sha256 that is not the body hash', async () => {
    const request = await signed();
    const signer = new SignatureV4({
      service: 'swf',
      region: 'us-east-1',
      credentials: KEY,
      sha256: Hash.bind(null, 'sha256'),
    });
    const forged = await signer.sign(
      {
        method: 'POST',
        protocol: 'http:',
        hostname: '127.0.0.1',
        path: '/',
        query: {},
        headers: { host: '127.0.0.1:8787', 'x-amz-content-sha256': '0'.repeat(64) },
        body: 'something else',
      },
      { signingDate: new Date(NOW) },
    );
    request.headers = Object.fromEntries(Object.entries(forged.headers).map(([k, v]) => [k.toLowerCase(), v]));
    expect((await fault(request)).message).toMatch(/x-amz-content-sha256 header does not match/);
  });
});

describe('parseAccessKey', () => {
  it('reads KEY:SECRET (the secret may hold colons)', () => {
    expect(parseAccessKey('AKID:se:cret/+')).toEqual({ accessKeyId: 'AKID', secretAccessKey: 'se:cret/+' });
  });
  it.each(['AKID', ':secret', 'AKID:', 'AK ID:secret'])('refuses %j', (pair) =>
    expect(() => parseAccessKey(pair)).toThrow(/ACCESS_KEY_ID:SECRET_ACCESS_KEY/),
  );
});
