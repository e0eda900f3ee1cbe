/**
 * The SDK's two SigV4 middlewares of an `SWFClient`, as steps of the fused chain
 * (`sdk-fused-chain.ts`) rather than middlewares: what `httpAuthSchemeMiddleware` does before it
 * calls the next middleware ({@link selectAuthScheme}) and what `httpSigningMiddleware` with the
 * SDK's `AwsSdkSigV4Signer` does around one attempt ({@link signedAttempt}). The same provider reads
 * in the same order, the same objects set in the context and the signing properties, the SDK's own
 * auth scheme provider, identity provider, signer function and clock-skew handlers; only the async
 * functions between them are gone. {@link canFuseAuth} says whether a client's configuration is
 * the one these steps are written for (the SWF client's single `aws.auth#sigv4` scheme signed by
 * the SDK's `AwsSdkSigV4Signer`).
 */

import { readProvider } from './sdk-provider-memo.js';
import { leanSignerOf } from './sdk-sigv4.js';

/** The resolved configuration's parts these steps read. */
export interface AuthConfig {
  region?: unknown;
  credentials?: unknown;
  httpAuthSchemeProvider?: unknown;
  httpAuthSchemes?: unknown;
  authSchemePreference?: unknown;
  signer?: unknown;
  disableClockSkewCorrection?: unknown;
  systemClockOffset?: unknown;
}

interface AuthOption {
  schemeId: string;
  identityProperties?: Record<string, unknown>;
  signingProperties?: Record<string, unknown>;
  propertiesExtractor?: (
    config: unknown,
    context: unknown,
  ) => { identityProperties?: object; signingProperties?: object };
}
interface SigV4Signer {
  sign(request: unknown, identity: unknown, signingProperties: Record<string, unknown>): Promise<unknown>;
  errorHandler?: (signingProperties: Record<string, unknown>) => (error: unknown) => never;
  successHandler?: (response: unknown, signingProperties: Record<string, unknown>) => void;
}
interface AuthScheme {
  schemeId: string;
  identityProvider(config: { getIdentityProvider(schemeId: string): unknown }): unknown;
  signer: SigV4Signer;
}
interface SelectedScheme {
  httpAuthOption: AuthOption;
  identity: unknown;
  signer: SigV4Signer;
}
type Context = Record<string, unknown> & {
  __smithy_context?: {
    operation?: unknown;
    selectedHttpAuthScheme?: SelectedScheme;
    eventStream?: { output?: boolean };
  };
  endpointV2?: { properties?: { authSchemes?: unknown[] } };
  authSchemes?: Array<{ name?: string; signingRegion?: string; signingName?: string }>;
};

const SIGV4 = 'aws.auth#sigv4';

const SMITHY_CONTEXT_KEY = '__smithy_context';

function isPromise(value: unknown): value is Promise<unknown> {
  return value instanceof Promise;
}

/**
 * Whether `config` is an SWF client's SigV4 configuration as the SDK builds it (see the module's
 * comment): what {@link selectAuthScheme} and {@link signedAttempt} are written for.
 *
 * @example
 * ```ts
 * if (canFuseAuth(client.config)) ...
 * ```
 */
export function canFuseAuth(config: AuthConfig): boolean {
  const schemes = config.httpAuthSchemes as AuthScheme[] | undefined;
  if (!Array.isArray(schemes) || schemes.length !== 1) return false;
  const scheme = schemes[0] as Partial<AuthScheme>;
  const signer = scheme.signer as Partial<SigV4Signer> | undefined;
  return (
    scheme.schemeId === SIGV4 &&
    typeof scheme.identityProvider === 'function' &&
    typeof signer?.sign === 'function' &&
    typeof signer.errorHandler === 'function' &&
    typeof signer.successHandler === 'function' &&
    (signer as object).constructor?.name === 'AwsSdkSigV4Signer' &&
    typeof config.region === 'function' &&
    typeof config.httpAuthSchemeProvider === 'function' &&
    typeof config.signer === 'function'
  );
}

/** The SDK's `resolveAuthOptions`: the options the preference names first, then the rest. */
function preferred(options: AuthOption[], preference: unknown): AuthOption[] {
  if (!Array.isArray(preference) || preference.length === 0) return options;
  const first: AuthOption[] = [];
  for (const name of preference) {
    for (const option of options) if (option.schemeId.split('#')[1] === name) first.push(option);
  }
  for (const option of options) if (!first.find(({ schemeId }) => schemeId === option.schemeId)) first.push(option);
  return first;
}

/**
 * What the SWF client's `httpAuthSchemeMiddleware` does for a request: the auth scheme's
 * parameters (the operation, the region), the options of the client's auth scheme provider in the
 * order of `authSchemePreference`, the identity from the credentials provider, all set in the
 * context as `selectedHttpAuthScheme` — at once when the providers have answered before
 * (`sdk-provider-memo.ts`), else a promise.
 *
 * @example
 * ```ts
 * await selectAuthScheme(client.config, context);
 * ```
 */
export function selectAuthScheme(config: AuthConfig, context: Context): void | Promise<void> {
  const smithy = (context[SMITHY_CONTEXT_KEY] ??= {}) as NonNullable<Context['__smithy_context']>;
  return then(readProvider(config.region), (read) => {
    const region =
      read ||
      (() => {
        throw new Error('expected `region` to be configured for `aws.auth#sigv4`');
      })();
    const options = (config.httpAuthSchemeProvider as (p: unknown) => AuthOption[])({
      operation: smithy.operation,
      region,
    });
    const preference = config.authSchemePreference ? readProvider(config.authSchemePreference) : [];
    return then(preference, (resolved) => choose(config, context, smithy, preferred(options, resolved)));
  });
}

/** `use(value)`, at once for a value, once it has resolved for a promise. */
function then<T>(value: unknown, use: (value: unknown) => T): T | Promise<Awaited<T>> {
  return isPromise(value) ? (value.then(use) as Promise<Awaited<T>>) : use(value);
}

/** The first option with an enabled scheme and an identity provider, its identity, into the context. */
function choose(
  config: AuthConfig,
  context: Context,
  smithy: NonNullable<Context['__smithy_context']>,
  options: AuthOption[],
): void | Promise<void> {
  const schemes = new Map<string, AuthScheme>();
  for (const scheme of config.httpAuthSchemes as AuthScheme[]) schemes.set(scheme.schemeId, scheme);
  const failureReasons: string[] = [];
  for (const option of options) {
    const scheme = schemes.get(option.schemeId);
    if (!scheme) {
      failureReasons.push(`HttpAuthScheme \`${option.schemeId}\` was not enabled for this service.`);
      continue;
    }
    // the SWF client's identity provider configuration: the credentials provider for SigV4
    const credentials = config.credentials;
    const identityProvider = scheme.identityProvider({
      getIdentityProvider: (schemeId) => (schemeId === SIGV4 ? credentials : undefined),
    }) as ((properties: unknown) => unknown) | undefined;
    if (!identityProvider) {
      failureReasons.push(`HttpAuthScheme \`${option.schemeId}\` did not have an IdentityProvider configured.`);
      continue;
    }
    const { identityProperties = {}, signingProperties = {} } = option.propertiesExtractor?.(config, context) || {};
    option.identityProperties = Object.assign(option.identityProperties || {}, identityProperties);
    option.signingProperties = Object.assign(option.signingProperties || {}, signingProperties);
    return then(readProvider(identityProvider, option.identityProperties), (identity) => {
      smithy.selectedHttpAuthScheme = { httpAuthOption: option, identity, signer: scheme.signer };
    });
  }
  if (!smithy.selectedHttpAuthScheme) throw new Error(failureReasons.join('\n'));
}

function throwIfMissing<T>(name: string, property: T): NonNullable<T> {
  if (!property) throw new Error(`Property \`${name}\` is not resolved for AWS SDK SigV4Auth`);
  return property as NonNullable<T>;
}

/**
 * The SDK's `AwsSdkSigV4Signer.sign`: the signed request, at once when the signer function's promise
 * and the clock-skew switch have settled before and the signer is a lean one (`sdk-sigv4.ts`) whose
 * inputs have too; else a promise of it.
 */
function sign(
  request: unknown,
  properties: Record<string, unknown>,
  signers: { get(p: unknown): { value: unknown } | undefined; set(p: unknown, v: unknown): void },
): unknown {
  const context = throwIfMissing('context', properties.context as Context | undefined);
  const config = throwIfMissing('config', properties.config as AuthConfig | undefined);
  const authScheme = context.endpointV2?.properties?.authSchemes?.[0];
  const signerFunction = throwIfMissing('signer', config.signer) as (authScheme: unknown) => Promise<unknown>;
  const pending = signerFunction(authScheme);
  const known = signers.get(pending);
  return then(known ? known.value : pending, (signer) => {
    if (!known) signers.set(pending, signer);
    let signingRegion = properties.signingRegion as string | undefined;
    let signingName = properties.signingName as string | undefined;
    // as the SDK reads it: `length ?? (0 > 1)`, so any scheme list
    if (context.authSchemes?.length ?? 0 > 1) {
      const [first, second] = context.authSchemes as NonNullable<Context['authSchemes']>;
      if (first?.name === 'sigv4a' && second?.name === 'sigv4') {
        signingRegion = second?.signingRegion ?? signingRegion;
        signingName = second?.signingName ?? signingName;
      }
    }
    const skew = config.disableClockSkewCorrection ? readProvider(config.disableClockSkewCorrection) : undefined;
    return then(skew, (read) => {
      const noSkewCorrection = read === true;
      properties._disableClockSkewCorrection = noSkewCorrection;
      const skipSkewSampling =
        noSkewCorrection || (context[SMITHY_CONTEXT_KEY] as Context['__smithy_context'])?.eventStream?.output === true;
      properties._skipClockSkewSampling = skipSkewSampling;
      if (!skipSkewSampling) {
        properties._preRequestSystemClockOffset = config.systemClockOffset;
        properties._requestSentAt = Date.now();
      }
      const options = {
        signingDate: noSkewCorrection ? new Date() : new Date(Date.now() + (config.systemClockOffset as number)),
        signingRegion,
        signingService: signingName,
      };
      const lean = leanSignerOf(signer);
      return lean
        ? lean.call(signer, request, options)
        : (signer as { sign(request: unknown, options: object): Promise<unknown> }).sign(request, options);
    });
  });
}

/**
 * What `httpSigningMiddleware` does around one attempt: the request signed for the auth scheme
 * the context holds, `send` called with it, the signer's error handler on a failure of `send`
 * (the SDK's clock-skew correction) and its success handler on the response.
 *
 * @param signers - remembers the signer the client's signer function handed out (a settled promise).
 * @example
 * ```ts
 * const out = await signedAttempt(context, request, (signed) => handle(signed), settledMemo());
 * ```
 */
export async function signedAttempt<R extends { response: unknown }>(
  context: Context,
  request: unknown,
  send: (signed: unknown) => Promise<R>,
  signers: { get(p: unknown): { value: unknown } | undefined; set(p: unknown, v: unknown): void },
): Promise<R> {
  const scheme = context[SMITHY_CONTEXT_KEY]?.selectedHttpAuthScheme;
  if (!scheme) throw new Error(`No HttpAuthScheme was selected: unable to sign request`);
  const {
    httpAuthOption: { signingProperties = {} },
    signer,
  } = scheme;
  const signing = sign(request, signingProperties, signers);
  const signed = isPromise(signing) ? await signing : signing;
  let output: R;
  try {
    output = await send(signed);
  } catch (error) {
    return (signer.errorHandler as NonNullable<SigV4Signer['errorHandler']>)(signingProperties)(error);
  }
  (signer.successHandler as NonNullable<SigV4Signer['successHandler']>)(output.response, signingProperties);
  return output;
}
