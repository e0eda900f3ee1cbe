/**
 * The SDK's SigV4 `signRequest` with less work per request, the same signed request. The SDK's
 * `SignatureV4` (`@smithy/signature-v4`) formats the date with two regular expressions, sorts the
 * headers twice and runs three regular expressions over every header value, escapes the path,
 * converts each string to bytes before hashing it and each digest to hex one byte at a time — for
 * requests whose headers are mostly the same from one request to the next.
 *
 * {@link withLeanSignRequest} gives one signer instance a `signRequest` that computes the same
 * thing in fewer steps: the date strings kept per second, a header value normalized only when it
 * holds what the SDK's normalization changes (a CR, LF or tab, two spaces, a space at either end),
 * the canonical path kept per path, the digests turned to hex by `Buffer`. The hashes are the
 * signer's own (`sha256`, the SDK's hash constructor; the signing key from its `getSigningKey`), the
 * request is cloned with the SDK's `HttpRequest.clone` and gets the same headers in the same order.
 * A request or options the lean path does not cover — a query string, `signableHeaders` or
 * `unsignableHeaders`, a signing date that is not a `Date`, a signer whose path escaping is off, a
 * header named like `__proto__` — goes to the SDK's `signRequest`, and so does the first request
 * of each signer (it shows the `HttpRequest` class the SDK clones with).
 *
 * When the signer's hash constructor is the SDK's own Node `Hash` for SHA-256 (what every client
 * gets unless it is configured with a `sha256` of its own; recognized by an instance of it, see
 * {@link isSdkNodeSha256}), the three hashes of a request — the payload's, the canonical
 * request's and the signature's HMAC — are computed with `node:crypto` directly, the same
 * algorithm over the same bytes: without a wrapper object and a Node `Hash` object per hash, the
 * conversions of each input to a `Uint8Array` and of each digest to hex. In a worker that is ~70 µs
 * of a request's critical path on this project's benchmark machine (the signing's hashes, in
 * situ), twice per sequential step.
 */

import * as nodeCrypto from 'node:crypto';
import { readProvider } from './sdk-provider-memo.js';
import { canonicalHeadersWith } from './sdk-sigv4-headers.js';
import { settledMemo } from './sdk-stack.js';

/** The parts of the SDK's `SignatureV4` used here. */
interface SignatureV4Like {
  service: string;
  sha256: HashConstructor;
  uriEscapePath: boolean;
  applyChecksum: boolean;
  credentialProvider: () => Promise<Credentials>;
  regionProvider: () => Promise<string>;
  validateResolvedCredentials(credentials: unknown): void;
  getSigningKey(credentials: Credentials, region: string, shortDate: string, service?: string): Promise<Uint8Array>;
  signRequest(request: Request, options?: SignOptions): Promise<Request>;
}

type HashConstructor = new (secret?: Uint8Array | string) => {
  update(data: Uint8Array | string): void;
  digest(): Promise<Uint8Array>;
};

interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

interface Request {
  method: string;
  path: string;
  query?: Record<string, unknown>;
  headers: Record<string, unknown>;
  body?: unknown;
}

interface SignOptions {
  signingDate?: unknown;
  signableHeaders?: unknown;
  unsignableHeaders?: unknown;
  signingRegion?: string;
  signingService?: string;
  [key: string]: unknown;
}

/** The SDK's `HttpRequest` class, as far as cloning goes. */
interface HttpRequestClass {
  clone(request: Request): Request;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';
const AUTH_HEADER = 'authorization';
const AMZ_DATE_HEADER = 'x-amz-date';
const DATE_HEADER = 'date';
const TOKEN_HEADER = 'x-amz-security-token';
const SHA256_HEADER = 'x-amz-content-sha256';
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
const MAX_PATHS = 64;

function isLeanRequest(request: unknown): request is Request {
  if (typeof request !== 'object' || request === null) return false;
  const r = request as Partial<Request>;
  if (typeof r.method !== 'string' || typeof r.path !== 'string') return false;
  if (typeof r.headers !== 'object' || r.headers === null) return false;
  if (r.query !== undefined && (typeof r.query !== 'object' || r.query === null)) return false;
  for (const _ in r.query) return false; // a query string: the SDK's way
  return true;
}

/** The SDK's `escapeUri`. */
function escapeUri(uri: string): string {
  return encodeURIComponent(uri).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The SDK's `getCanonicalPath` with `uriEscapePath` on. */
function canonicalPath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment.length === 0 || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const normalized = `${path.startsWith('/') ? '/' : ''}${segments.join('/')}${segments.length > 0 && path.endsWith('/') ? '/' : ''}`;
  return escapeUri(normalized).replace(/%2F/g, '/');
}

/** `use(value)`: at once for a value, once it has resolved for a promise. */
function then<T>(value: unknown, use: (value: unknown) => T | Promise<T>): T | Promise<T> {
  return value instanceof Promise ? value.then(use) : use(value);
}

/** `hash` after `update(data)`. */
function updated<H extends { update(data: string): void }>(hash: H, data: string): H {
  hash.update(data);
  return hash;
}

/** A signer's lean signing: the signed request, at once when nothing it waits for is pending. */
export type LeanSign = (this: unknown, request: unknown, options?: Record<string, unknown>) => unknown;

/** A lean signer's signing, and the two methods it installed (the signing is offered while they are in place). */
const leanSigners = new WeakMap<object, { signNow: LeanSign; signRequest: unknown; sign: unknown }>();

/**
 * The lean signing {@link withLeanSignRequest} gave `signer` (called with the signer as `this`):
 * the same signed request its `signRequest` resolves with, handed back at once (not a promise) when
 * the credentials, the region and the signing key have been read before. `undefined` for a signer
 * it did not take.
 *
 * @example
 * ```ts
 * const signNow = leanSignerOf(signer);
 * const signed = signNow ? signNow.call(signer, request, options) : await signer.sign(request, options);
 * ```
 */
export function leanSignerOf(signer: unknown): LeanSign | undefined {
  const lean = typeof signer === 'object' && signer !== null ? leanSigners.get(signer) : undefined;
  if (lean === undefined) return undefined;
  const s = signer as { signRequest?: unknown; sign?: unknown };
  return s.signRequest === lean.signRequest && s.sign === lean.sign ? lean.signNow : undefined;
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/** The SDK's `isArrayBuffer` (an `ArrayBuffer` of this realm or another). */
function isArrayBuffer(value: unknown): value is ArrayBuffer {
  return value instanceof ArrayBuffer || Object.prototype.toString.call(value) === '[object ArrayBuffer]';
}

/** SHA-256 of `data` (UTF-8 for a string) as hex: `crypto.hash` where Node has it (20.12+), else a `Hash`. */
const sha256Hex: (data: string | Uint8Array) => string =
  typeof (nodeCrypto as { hash?: unknown }).hash === 'function'
    ? (data) => nodeCrypto.hash('sha256', data, 'hex')
    : (data) => nodeCrypto.createHash('sha256').update(data).digest('hex');

/** The SDK's Node `Hash` (`@smithy/core`'s serde) methods, as their source reads. */
const SDK_HASH_UPDATE =
  /^update\(toHash, encoding\)\s*\{\s*this\.hash\.update\(toUint8Array\(castSourceData\(toHash, encoding\)\)\);?\s*\}$/;
const SDK_HASH_RESET =
  /^reset\(\)\s*\{\s*this\.hash = this\.secret\s*\?\s*createHmac\(this\.algorithmIdentifier, castSourceData\(this\.secret\)\)\s*:\s*createHash\(this\.algorithmIdentifier\);?\s*\}$/;
const sdkNodeSha256 = new WeakMap<HashConstructor, boolean>();

function sourceMatches(fn: unknown, pattern: RegExp): boolean {
  return typeof fn === 'function' && pattern.test(Function.prototype.toString.call(fn));
}

/**
 * Whether `Sha256` is the SDK's Node `Hash` bound to `sha256` (the client's default): an instance
 * of it names the algorithm `sha256`, holds a Node `crypto.Hash`, and its `update`, `digest` and
 * `reset` are the SDK's (by their source) — so its digest of some bytes is Node's SHA-256 of those
 * bytes, and with a secret Node's HMAC-SHA-256. Anything else (a `sha256` of the user's, another
 * build of the SDK) keeps being used as it is. Probed once per constructor.
 */
function isSdkNodeSha256(Sha256: HashConstructor): boolean {
  let known = sdkNodeSha256.get(Sha256);
  if (known !== undefined) return known;
  known = false;
  try {
    const probe = new Sha256() as unknown as { algorithmIdentifier?: unknown; secret?: unknown; hash?: unknown };
    const proto = Object.getPrototypeOf(probe) as Record<string, unknown> | null;
    known =
      proto !== null &&
      probe.algorithmIdentifier === 'sha256' &&
      probe.secret === undefined &&
      probe.hash instanceof nodeCrypto.Hash &&
      sourceMatches(proto.update, SDK_HASH_UPDATE) &&
      sourceMatches(proto.reset, SDK_HASH_RESET) &&
      sourceMatches(proto.digest, SDK_DIGEST);
  } catch {
    known = false;
  }
  sdkNodeSha256.set(Sha256, known);
  return known;
}

/**
 * The SDK's `getPayloadHash` for a request without an `x-amz-content-sha256` header: the hash's
 * hex, or a promise of it when the body is hashed by a hash of one's own (`direct`: the SDK's
 * Node SHA-256, computed here at once).
 */
function payloadHash(body: unknown, Sha256: HashConstructor, direct: boolean): string | Promise<string> {
  if (body === undefined || body === null) return EMPTY_SHA256;
  if (typeof body === 'string' || ArrayBuffer.isView(body) || isArrayBuffer(body)) {
    const data =
      typeof body === 'string' || body instanceof Uint8Array
        ? body
        : ArrayBuffer.isView(body)
          ? new Uint8Array(body.buffer, body.byteOffset, body.byteLength)
          : new Uint8Array(body);
    if (direct) return sha256Hex(data);
    const hash = new Sha256();
    hash.update(data);
    const digest = digestOf(hash);
    return digest instanceof Promise ? digest.then(hex) : hex(digest);
  }
  return UNSIGNED_PAYLOAD;
}

/** The source of the SDK's Node `Hash#digest`: the Node hash's digest, wrapped in a promise. */
const SDK_DIGEST = /^digest\(\)\s*\{\s*return Promise\.resolve\(this\.hash\.digest\(\)\);?\s*\}$/;
const syncDigests = new WeakMap<object, boolean>();

/**
 * A hash's digest: at once when the hash is the SDK's Node `Hash`, whose `digest()` only hands its
 * Node hash's digest back in a promise (the same bytes, a promise and a hop fewer); else its promise.
 */
function digestOf(hash: { digest(): Promise<Uint8Array> }): Uint8Array | Promise<Uint8Array> {
  const proto = Object.getPrototypeOf(hash) as object | null;
  if (proto === null) return hash.digest();
  let sync = syncDigests.get(proto);
  if (sync === undefined) {
    const digest = (proto as { digest?: unknown }).digest;
    sync = typeof digest === 'function' && SDK_DIGEST.test(Function.prototype.toString.call(digest));
    syncDigests.set(proto, sync);
  }
  const inner = (hash as { hash?: { digest?: () => Uint8Array } }).hash;
  return sync && typeof inner?.digest === 'function' ? inner.digest() : hash.digest();
}

/**
 * Gives `signer` (the SDK's `SignatureV4`) the lean `signRequest` (see the module's comment);
 * returns whether it did (anything else, or a signer with path escaping off, is left as it is).
 *
 * @example
 * ```ts
 * const signer = await client.config.signer();
 * withLeanSignRequest(signer);
 * ```
 */
export function withLeanSignRequest(signer: unknown): boolean {
  const s = signer as Partial<SignatureV4Like> | null;
  if (
    typeof s !== 'object' ||
    s === null ||
    typeof s.signRequest !== 'function' ||
    typeof s.sha256 !== 'function' ||
    typeof s.credentialProvider !== 'function' ||
    typeof s.regionProvider !== 'function' ||
    typeof s.validateResolvedCredentials !== 'function' ||
    typeof s.getSigningKey !== 'function' ||
    typeof s.service !== 'string' ||
    s.uriEscapePath !== true
  ) {
    return false;
  }
  const sdkSignRequest = s.signRequest;
  let HttpRequest: HttpRequestClass | undefined;
  let second = -Infinity;
  let longDate = '';
  let shortDate = '';
  const paths = new Map<string, string>();
  const signingKeys = settledMemo();
  const canonicalHeaders = canonicalHeadersWith(new Map());

  const regions = settledMemo();

  /**
   * The lean signing: the signed request at once when every input it waits for has settled before
   * (the credentials, the region, the signing key; the SDK's Node SHA-256), else a promise of it.
   */
  function signNow(
    this: SignatureV4Like,
    requestToSign: Request,
    options: SignOptions = {},
  ): Request | Promise<Request> {
    const { signingDate = new Date(), signableHeaders, unsignableHeaders, signingRegion } = options;
    if (
      HttpRequest === undefined ||
      signableHeaders !== undefined ||
      unsignableHeaders !== undefined ||
      !(signingDate instanceof Date) ||
      !isLeanRequest(requestToSign)
    ) {
      return sdkSignRequest.call(this, requestToSign, options).then((signed) => {
        const Class = (signed as { constructor?: Partial<HttpRequestClass> } | null)?.constructor;
        if (HttpRequest === undefined && typeof Class?.clone === 'function') HttpRequest = Class as HttpRequestClass;
        return signed;
      });
    }
    return then(readProvider(this.credentialProvider), (read) => {
      const credentials = read as Credentials;
      this.validateResolvedCredentials(credentials);
      if (signingRegion !== undefined)
        return signWith(this, requestToSign, options, signingDate, credentials, signingRegion);
      // the signer's region provider hands out one settled promise (the SDK's `normalizeProvider` of a string)
      const pending = this.regionProvider();
      const known = regions.get(pending);
      if (known) return signWith(this, requestToSign, options, signingDate, credentials, known.value as string);
      return pending.then((region) => {
        regions.set(pending, region);
        return signWith(this, requestToSign, options, signingDate, credentials, region);
      });
    });
  }

  function signWith(
    signer: SignatureV4Like,
    requestToSign: Request,
    options: SignOptions,
    signingDate: Date,
    credentials: Credentials,
    region: string,
  ): Request | Promise<Request> {
    const { signingService } = options;
    const Class = HttpRequest as HttpRequestClass;
    // The SDK's prepareRequest: a clone without the headers signing generates.
    const request = Class.clone(requestToSign);
    const headers = request.headers;
    for (const name in headers) {
      if (!Object.prototype.hasOwnProperty.call(headers, name)) continue;
      const lower = name.toLowerCase();
      if (lower === AUTH_HEADER || lower === AMZ_DATE_HEADER || lower === DATE_HEADER) delete headers[name];
    }
    const time = signingDate.getTime();
    const thisSecond = Math.floor(time / 1000);
    if (thisSecond !== second || Number.isNaN(time)) {
      longDate = signingDate
        .toISOString()
        .replace(/\.\d{3}Z$/, 'Z')
        .replace(/[-:]/g, '');
      shortDate = longDate.slice(0, 8);
      second = thisSecond;
    }
    const scope = `${shortDate}/${region}/${signingService ?? signer.service}/aws4_request`;
    headers[AMZ_DATE_HEADER] = longDate;
    if (credentials.sessionToken) headers[TOKEN_HEADER] = credentials.sessionToken;
    // the first header named x-amz-content-sha256 in any case gives the payload's hash, whatever its value
    let payload: string | undefined;
    let hasSha256Header = false;
    for (const name in headers) {
      if (!Object.prototype.hasOwnProperty.call(headers, name)) continue;
      if (!hasSha256Header && name.toLowerCase() === SHA256_HEADER) {
        payload = headers[name] as string;
        hasSha256Header = true;
      }
    }
    const hashed = hasSha256Header ? payload : payloadHash(request.body, signer.sha256, isSdkNodeSha256(signer.sha256));
    return then(hashed, (payloadHex) => {
      if (!hasSha256Header && signer.applyChecksum) headers[SHA256_HEADER] = payloadHex as string;
      return canonicalAndSign(
        signer,
        requestToSign,
        options,
        request,
        credentials,
        region,
        scope,
        payloadHex as string,
      );
    });
  }

  function canonicalAndSign(
    signer: SignatureV4Like,
    requestToSign: Request,
    options: SignOptions,
    request: Request,
    credentials: Credentials,
    region: string,
    scope: string,
    payload: string,
  ): Request | Promise<Request> {
    const { signingService } = options;
    const headers = request.headers;

    const canonical = canonicalHeaders(headers);
    if (canonical === undefined) return sdkSignRequest.call(signer, requestToSign, options);
    const { lines, signedHeaders } = canonical;
    let path = paths.get(request.path);
    if (path === undefined) {
      path = canonicalPath(request.path);
      if (paths.size < MAX_PATHS) paths.set(request.path, path);
    }
    const canonicalRequest = `${request.method}\n${path}\n\n${lines}\n${signedHeaders}\n${payload}`;

    const key = signer.getSigningKey(credentials, region, scope.slice(0, 8), signingService);
    const direct = isSdkNodeSha256(signer.sha256);
    const requestHex: string | Promise<string> = direct
      ? sha256Hex(canonicalRequest)
      : then(digestOf(updated(new signer.sha256(), canonicalRequest)), (digest) => hex(digest as Uint8Array));
    return then(requestHex, (hashHex) => {
      const stringToSign = `${ALGORITHM}\n${headers[AMZ_DATE_HEADER] as string}\n${scope}\n${hashHex as string}`;
      // the signing key cache hands out one promise per key: once settled, taken without a hop
      const knownKey = signingKeys.get(key);
      return then(knownKey ? knownKey.value : key, (signingKey) => {
        if (!knownKey) signingKeys.set(key, signingKey);
        const signature: string | Promise<string> = direct
          ? nodeCrypto
              .createHmac('sha256', signingKey as Uint8Array)
              .update(stringToSign)
              .digest('hex')
          : then(digestOf(updated(new signer.sha256(signingKey as Uint8Array), stringToSign)), (digest) =>
              hex(digest as Uint8Array),
            );
        return then(signature, (sig) => {
          headers[AUTH_HEADER] =
            `${ALGORITHM} Credential=${credentials.accessKeyId}/${scope}, ` +
            `SignedHeaders=${signedHeaders}, Signature=${sig as string}`;
          return request;
        });
      });
    });
  }

  /** The SDK's `signRequest` contract (a promise), computed by {@link signNow}. */
  function signRequest(this: SignatureV4Like, requestToSign: Request, options?: SignOptions): Promise<Request> {
    try {
      return Promise.resolve(signNow.call(this, requestToSign, options));
    } catch (error) {
      return Promise.reject(error);
    }
  }
  s.signRequest = signRequest;
  // The SDK's `sign` dispatches a request to `signRequest` from an async function of its own (one
  // promise more per request); this one hands back `signRequest`'s promise and leaves strings,
  // events and messages to the SDK's.
  const sdkSign = (s as { sign?: unknown }).sign;
  if (typeof sdkSign === 'function') {
    (s as { sign: unknown }).sign = function (this: SignatureV4Like, toSign: unknown, options?: SignOptions) {
      const t = toSign as { headers?: unknown; payload?: unknown; message?: unknown } | null;
      if (typeof t === 'object' && t !== null && !(t.headers && t.payload) && !t.message) {
        return this.signRequest(t as Request, options);
      }
      return (sdkSign as (toSign: unknown, options?: SignOptions) => Promise<unknown>).call(this, toSign, options);
    };
  }
  leanSigners.set(s as object, { signNow: signNow as LeanSign, signRequest, sign: (s as { sign?: unknown }).sign });
  return true;
}
