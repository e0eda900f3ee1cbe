/**
 * SigV4 verification: with access keys configured, every SWF request must be signed with one of
 * them, as Amazon SWF requires. The expected signature is computed with the AWS SDK's own signer
 * (`@smithy/signature-v4`) over the request as received, and compared in constant time. Refusals
 * are the faults AWS's JSON services answer with:
 *
 * | request | fault |
 * | --- | --- |
 * | no `Authorization` header | `MissingAuthenticationTokenException` |
 * | a header that is not a complete `AWS4-HMAC-SHA256` signature | `IncompleteSignatureException` |
 * | an access key the service does not know | `UnrecognizedClientException` |
 * | signed more than 15 minutes before or after now | `InvalidSignatureException` (`Signature expired: ...`) |
 * | a signature that does not match (wrong secret, changed body or header) | `InvalidSignatureException` |
 *
 * Any region and service name in the credential scope are accepted and used as signed: clients
 * derive both from the endpoint, and boto 2 reads them from the host name, which for a local
 * endpoint (`127.0.0.1`) is not `swf.<region>.amazonaws.com`.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { Hash } from '@smithy/core/serde';
import { SignatureV4 } from '@smithy/signature-v4';
import { SwfFault } from '../faults.js';

/** One access key the service accepts. */
export interface AccessKey {
  /** The access key id, e.g. `AKIDEXAMPLE`. */
  accessKeyId: string;
  /** Its secret. */
  secretAccessKey: string;
}

/** A request as the verifier needs it. */
export interface SignedRequest {
  method: string;
  /** The path and query as received, e.g. `/`. */
  url: string;
  /** Header values by lower-case name (repeated headers joined with `,`). */
  headers: Record<string, string | string[] | undefined>;
  body: Uint8Array;
  /** The port the request arrived on, for clients that sign `Host` with a port they do not send. */
  localPort?: number;
}

/** How far a request's `X-Amz-Date` may be from now, either way (as AWS: 15 minutes). */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

const ALGORITHM = 'AWS4-HMAC-SHA256';
const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/** Parses `KEY:SECRET` (as `--auth` takes it) into an access key. */
export function parseAccessKey(pair: string): AccessKey {
  const colon = pair.indexOf(':');
  const accessKeyId = colon === -1 ? '' : pair.slice(0, colon).trim();
  const secretAccessKey = colon === -1 ? '' : pair.slice(colon + 1).trim();
  if (!accessKeyId || !secretAccessKey || /[\s/,]/.test(accessKeyId)) {
    throw new RangeError(
      "an access key is written ACCESS_KEY_ID:SECRET_ACCESS_KEY (an id without spaces, '/' or ',', then the secret)",
    );
  }
  return { accessKeyId, secretAccessKey };
}

function header(headers: SignedRequest['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** The parts of an `Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...` header. */
function parseAuthorization(value: string): {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
} {
  const space = value.indexOf(' ');
  const algorithm = space === -1 ? value : value.slice(0, space);
  if (algorithm !== ALGORITHM) {
    throw new SwfFault(
      'IncompleteSignatureException',
      `Unsupported signing algorithm '${algorithm.slice(0, 64)}': sign requests with Signature Version 4 (${ALGORITHM}).`,
    );
  }
  const params = new Map<string, string>();
  for (const part of value.slice(space + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq === -1)
      throw new SwfFault(
        'IncompleteSignatureException',
        `'${part.trim().slice(0, 128)}' not a valid key=value pair (missing equal-sign) in Authorization header.`,
      );
    params.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const missing = ['Credential', 'SignedHeaders', 'Signature']
    .filter((k) => !params.get(k))
    .map((k) => `Authorization header requires '${k}' parameter.`);
  if (missing.length > 0) throw new SwfFault('IncompleteSignatureException', missing.join(' '));
  const scope = (params.get('Credential') as string).split('/');
  const [accessKeyId, date, region, service, terminator] = scope;
  if (
    scope.length !== 5 ||
    !accessKeyId ||
    !/^\d{8}$/.test(date ?? '') ||
    !region ||
    !service ||
    terminator !== 'aws4_request'
  ) {
    throw new SwfFault(
      'IncompleteSignatureException',
      `Credential '${(params.get('Credential') as string).slice(0, 128)}' is not ACCESS_KEY/YYYYMMDD/REGION/SERVICE/aws4_request.`,
    );
  }
  const signedHeaders = (params.get('SignedHeaders') as string).split(';');
  return {
    accessKeyId,
    date: date as string,
    region,
    service,
    signedHeaders,
    signature: params.get('Signature') as string,
  };
}

/** `20260102T030405Z` as a time, or undefined. */
function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

const amz = (ms: number): string =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** Verifies SigV4 signatures against a fixed set of access keys. */
export class SigV4Verifier {
  private readonly keys = new Map<string, string>();

  /**
   * @param keys - the access keys accepted (at least one)
   * @param now - the current time in ms (the wall clock: clients sign with theirs)
   */
  constructor(
    keys: readonly AccessKey[],
    private readonly now: () => number = Date.now,
  ) {
    if (keys.length === 0) throw new RangeError('auth: give at least one access key (ACCESS_KEY_ID:SECRET_ACCESS_KEY)');
    for (const key of keys) this.keys.set(key.accessKeyId, key.secretAccessKey);
  }

  /** Resolves when `request` is signed with a known key; rejects with the fault to answer otherwise. */
  async verify(request: SignedRequest): Promise<void> {
    const authorization = header(request.headers, 'authorization');
    if (!authorization) {
      throw new SwfFault(
        'MissingAuthenticationTokenException',
        'Request is missing Authentication Token: this service requires requests signed with Signature Version 4 by one of its access keys (it was started with --auth).',
      );
    }
    const auth = parseAuthorization(authorization);
    const signed = new Set(auth.signedHeaders);
    for (const required of ['host', 'x-amz-date']) {
      if (!signed.has(required))
        throw new SwfFault('IncompleteSignatureException', `SignedHeaders must include '${required}'.`);
    }
    const amzDate = header(request.headers, 'x-amz-date') ?? '';
    const signingDate = parseAmzDate(amzDate);
    if (!signingDate) {
      throw new SwfFault(
        'IncompleteSignatureException',
        `X-Amz-Date '${amzDate.slice(0, 64)}' is not an ISO 8601 basic date such as 20260102T030405Z.`,
      );
    }
    const secret = this.keys.get(auth.accessKeyId);
    if (secret === undefined) {
      throw new SwfFault(
        'UnrecognizedClientException',
        `The security token included in the request is invalid: this service does not know the access key '${auth.accessKeyId.slice(0, 128)}'.`,
      );
    }
    const now = this.now();
    if (signingDate.getTime() < now - MAX_CLOCK_SKEW_MS) {
      throw new SwfFault(
        'InvalidSignatureException',
        `Signature expired: ${amzDate} is now earlier than ${amz(now - MAX_CLOCK_SKEW_MS)} (${amz(now)} - 15 min.)`,
      );
    }
    if (signingDate.getTime() > now + MAX_CLOCK_SKEW_MS) {
      throw new SwfFault(
        'InvalidSignatureException',
        `Signature not yet current: ${amzDate} is still later than ${amz(now + MAX_CLOCK_SKEW_MS)} (${amz(now)} + 15 min.)`,
      );
    }
    if (auth.date !== amzDate.slice(0, 8)) {
      throw new SwfFault(
        'InvalidSignatureException',
        `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.date}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
      );
    }
    const contentSha = header(request.headers, 'x-amz-content-sha256');
    if (signed.has('x-amz-content-sha256') && contentSha !== createHash('sha256').update(request.body).digest('hex')) {
      throw new SwfFault(
        'InvalidSignatureException',
        'The provided x-amz-content-sha256 header does not match the SHA-256 of the request body.',
      );
    }
    const host = header(request.headers, 'host') ?? '';
    const hosts = [host];
    // A client may sign `host:port` and send `host` alone (or the other way round); only the holder
    // of the secret can make either signature, so both readings are tried.
    if (request.localPort !== undefined && !/:\d+$/.test(host)) hosts.push(`${host}:${request.localPort}`);
    for (const candidate of hosts) {
      const expected = await this.expectedSignature(request, auth, signingDate, secret, candidate);
      const given = Buffer.from(auth.signature, 'utf8');
      const want = Buffer.from(expected, 'utf8');
      if (given.length === want.length && timingSafeEqual(given, want)) return;
    }
    throw new SwfFault('InvalidSignatureException', MISMATCH);
  }

  private async expectedSignature(
    request: SignedRequest,
    auth: ReturnType<typeof parseAuthorization>,
    signingDate: Date,
    secretAccessKey: string,
    host: string,
  ): Promise<string> {
    const headers: Record<string, string> = {};
    for (const name of auth.signedHeaders) {
      const value = name === 'host' ? host : header(request.headers, name);
      if (value !== undefined) headers[name] = value;
    }
    const queryAt = request.url.indexOf('?');
    const path = queryAt === -1 ? request.url : request.url.slice(0, queryAt);
    const query: Record<string, string> = {};
    if (queryAt !== -1) for (const [k, v] of new URLSearchParams(request.url.slice(queryAt + 1))) query[k] = v;
    const signer = new SignatureV4({
      service: auth.service,
      region: auth.region,
      credentials: { accessKeyId: auth.accessKeyId, secretAccessKey },
      sha256: Hash.bind(null, 'sha256'),
      applyChecksum: false,
    });
    const signedRequest = await signer.sign(
      { method: request.method, protocol: 'http:', hostname: host, path, query, headers, body: request.body },
      { signingDate, signableHeaders: new Set(auth.signedHeaders) },
    );
    const authorization = String(signedRequest.headers.authorization ?? '');
    return authorization.slice(authorization.lastIndexOf('Signature=') + 'Signature='.length);
  }
}
