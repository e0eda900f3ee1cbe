/**
 * The keys of the AWS SDK's `SWFClientConfig`, and the check that refuses any other in the `swf`
 * configuration a worker or client passes on to the SDK. The SDK itself ignores a key it does not
 * know, so `swf: { endpont: 'http://127.0.0.1:8787' }` would quietly talk to Amazon SWF's endpoint
 * (or fail on a missing region) instead of the local service.
 *
 * The set is the SDK's own type: `Record<keyof SWFClientConfig, true>` makes the type check fail
 * when the SDK adds a key this list lacks or drops one it holds, so an SDK upgrade cannot leave it
 * behind (only the type is imported: common loads no SDK code).
 */
import type { SWFClientConfig } from '@aws-sdk/client-swf';
import { didYouMean } from './did-you-mean.js';
import { ValidationError } from './errors.js';

/** Every key `SWFClientConfig` takes (its type checks that the list is whole and holds no other). */
export const SWF_CLIENT_CONFIG_KEYS: Readonly<Record<keyof SWFClientConfig, true>> = {
  apiVersion: true,
  authSchemePreference: true,
  base64Decoder: true,
  base64Encoder: true,
  bodyLengthChecker: true,
  cacheMiddleware: true,
  credentialDefaultProvider: true,
  credentials: true,
  customUserAgent: true,
  defaultUserAgentProvider: true,
  defaultsMode: true,
  disableClockSkewCorrection: true,
  disableHostPrefix: true,
  endpoint: true,
  endpointProvider: true,
  extensions: true,
  httpAuthSchemeProvider: true,
  httpAuthSchemes: true,
  ignoreConfiguredEndpointUrls: true,
  logger: true,
  maxAttempts: true,
  profile: true,
  protocol: true,
  protocolSettings: true,
  region: true,
  requestHandler: true,
  retryMode: true,
  retryStrategy: true,
  runtime: true,
  serviceConfiguredEndpoint: true,
  serviceId: true,
  sha256: true,
  signer: true,
  signerConstructor: true,
  signingEscapePath: true,
  signingRegion: true,
  streamCollector: true,
  systemClockOffset: true,
  tls: true,
  urlParser: true,
  useDualstackEndpoint: true,
  useFipsEndpoint: true,
  userAgentAppId: true,
  utf8Decoder: true,
  utf8Encoder: true,
};

/** The keys most configurations set, named in the refusal. */
const USUAL = ['region', 'credentials', 'endpoint', 'maxAttempts', 'requestHandler', 'logger'];

/**
 * Refuses a key of `config` that `SWFClientConfig` does not take, naming it (`what.key`), the
 * nearest key it does take, and the usual ones.
 *
 * @param what - names the option in the message. @default 'swf'
 * @throws ValidationError
 * @example
 * ```ts
 * checkSwfClientConfigKeys({ endpont: 'http://127.0.0.1:8787' });
 * // ValidationError: swf.endpont is not an option of the AWS SDK's SWFClient (did you mean swf.endpoint?) ...
 * ```
 */
export function checkSwfClientConfigKeys(config: object, what = 'swf'): void {
  const unknown = Object.keys(config).filter((key) => !Object.hasOwn(SWF_CLIENT_CONFIG_KEYS, key));
  if (unknown.length === 0) return;
  const named = unknown
    .slice(0, 5)
    .map((key) => `${what}.${key}${didYouMean(key, Object.keys(SWF_CLIENT_CONFIG_KEYS), (k) => `${what}.${k}`)}`);
  const more = unknown.length > 5 ? ` and ${unknown.length - 5} more` : '';
  throw new ValidationError(
    `${named.join(', ')}${more} ${unknown.length === 1 ? 'is not an option' : 'are not options'} of the AWS SDK's SWFClient, which would ignore ${unknown.length === 1 ? 'it' : 'them'}: ` +
      `${what} takes SWFClientConfig's options (${USUAL.join(', ')}, ... as in @aws-sdk/client-swf), or an SWFClient.`,
  );
}
