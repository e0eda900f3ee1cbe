/**
 * SigV4 signing with less work per request, the same signature. For every request the AWS SDK
 * builds a new `SignatureV4` from a copy of the whole client configuration (its `signer` function,
 * called by the SigV4 auth scheme), and that signer, to look up the signing key it caches (keyed by
 * date, region, service and credentials), first computes an HMAC of the credentials. Neither
 * changes a signature: the signer holds only its configuration, and the signing key depends only on
 * the secret, the date, the region and the service.
 *
 * {@link withReusedSigner} wraps the resolved configuration's `signer` function so that it builds
 * one signer (with the SDK's own function) and returns it again for as long as the auth scheme
 * asked for and the client's `credentials` provider are the same, and gives that signer a signing
 * key cache looked up by the credentials object and compared by value (access key, secret, session
 * token), so the key is derived by the SDK once per day, region and service, and a `signRequest`
 * that does the SDK's computation in fewer steps (`sdk-sigv4.ts`). The request, its canonical form
 * and its signature are the SDK's.
 */

import { withLeanSignRequest } from './sdk-sigv4.js';

/** The resolved configuration's parts used here. */
export interface SignerConfig {
  signer?: unknown;
  credentials?: unknown;
}

type SignerFunction = (authScheme?: unknown) => Promise<unknown>;
type GetSigningKey = (
  credentials: Credentials,
  region: string,
  shortDate: string,
  service?: string,
) => Promise<unknown>;

interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** One signing key, the credentials it was derived from, and for which date, region and service. */
interface CachedKey {
  scope: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string | undefined;
  key: Promise<unknown>;
}

/** Gives a `SignatureV4` a signing-key cache without the per-request HMAC of the SDK's. */
function withKeyCache(signer: unknown): unknown {
  const s = signer as { getSigningKey?: GetSigningKey };
  const derive = s?.getSigningKey;
  // The SDK's SignatureV4: getSigningKey(credentials, region, shortDate, service). Anything else is left as it is.
  if (typeof derive !== 'function' || derive.length !== 4) return signer;
  const keys = new WeakMap<object, CachedKey>();
  s.getSigningKey = function (this: unknown, credentials, region, shortDate, service) {
    if (typeof credentials !== 'object' || credentials === null)
      return derive.call(this, credentials, region, shortDate, service);
    const scope = `${shortDate}/${region}/${service}`;
    const cached = keys.get(credentials);
    if (
      cached !== undefined &&
      cached.scope === scope &&
      cached.accessKeyId === credentials.accessKeyId &&
      cached.secretAccessKey === credentials.secretAccessKey &&
      cached.sessionToken === credentials.sessionToken
    )
      return cached.key;
    const key = Promise.resolve(derive.call(this, credentials, region, shortDate, service));
    const entry: CachedKey = {
      scope,
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      sessionToken: credentials.sessionToken,
      key,
    };
    keys.set(credentials, entry);
    // A failed derivation is not kept.
    key.catch(() => {
      if (keys.get(credentials) === entry) keys.delete(credentials);
    });
    return key;
  };
  return signer;
}

/**
 * Makes the resolved configuration's `signer` function reuse one signer (see the module's comment);
 * returns whether it did (a configuration without one is left as it is).
 *
 * @example
 * ```ts
 * const swf = new SWFClient(config);
 * withReusedSigner(swf.config);
 * ```
 */
export function withReusedSigner(config: SignerConfig): boolean {
  const build = config.signer;
  if (typeof build !== 'function') return false;
  let last: { authScheme: string; credentials: unknown; signer: Promise<unknown> } | undefined;
  const signer: SignerFunction = (authScheme) => {
    // Usually undefined (an endpoint without auth schemes); otherwise a small plain object.
    const scheme = authScheme === undefined ? '' : JSON.stringify(authScheme);
    const credentials = config.credentials;
    if (last !== undefined && last.authScheme === scheme && last.credentials === credentials) return last.signer;
    const built = (build as SignerFunction)(authScheme).then((signer) => {
      withLeanSignRequest(signer);
      return withKeyCache(signer);
    });
    const entry = { authScheme: scheme, credentials, signer: built };
    last = entry;
    built.catch(() => {
      if (last === entry) last = undefined;
    });
    return built;
  };
  config.signer = signer;
  return true;
}
