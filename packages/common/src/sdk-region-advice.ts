/**
 * The SDK's "Region is missing", with what to do about it. A client built with no region (none
 * given, no `AWS_REGION`, no profile's region) fails its first request with the SDK's bare
 * `Error: Region is missing`, which says neither where a region comes from nor that the local
 * service needs an endpoint rather than a region. {@link withRegionAdvice} wraps the client's
 * region provider so that this failure, wherever the SDK reads the region, says both.
 *
 * The explained error keeps the SDK's words at the start of its message (code that matches
 * `/region is missing/i` still does) and the SDK's error as its `cause`.
 */

/** The name of the error a client without a region fails its requests with. */
export const REGION_MISSING_ERROR = 'RegionMissingError';

const SDK_WORDS = /region is missing/i;

/**
 * The message a client without a region fails with.
 *
 * @param what - names the client's configuration option in the advice (`swf`).
 */
export function regionMissingMessage(what: string): string {
  return (
    "Region is missing: the SWF client has no AWS region. For Amazon SWF set AWS_REGION (or a profile's " +
    `region) or pass ${what}: { region: 'us-east-1' }; for the local service set ` +
    `AWS_ENDPOINT_URL_SWF=http://127.0.0.1:8787 or pass ${what}: { endpoint: 'http://127.0.0.1:8787' } ` +
    '(a loopback endpoint needs no region or credentials).'
  );
}

/** Whether `err` is the SDK's bare "Region is missing" (not one already explained). */
function isBareRegionMissing(err: unknown): err is Error {
  return err instanceof Error && err.name !== REGION_MISSING_ERROR && SDK_WORDS.test(err.message);
}

/**
 * Replaces `config.region` (the resolved configuration's provider) with one that answers the same
 * values and fails as it does, except that the SDK's "Region is missing" becomes an error named
 * {@link REGION_MISSING_ERROR} that says where a region comes from. Call it before the providers
 * are marked constant (`sdk-provider-memo.ts`), so that the wrapper is the one marked.
 *
 * @example
 * ```ts
 * const swf = new SWFClient({});
 * withRegionAdvice(swf.config, 'swf');
 * ```
 */
export function withRegionAdvice(config: { region?: unknown }, what: string): void {
  const region = config.region;
  if (typeof region !== 'function') return;
  const explain = (err: unknown): never => {
    if (!isBareRegionMissing(err)) throw err;
    const explained = new Error(regionMissingMessage(what), { cause: err });
    explained.name = REGION_MISSING_ERROR;
    throw explained;
  };
  config.region = (...args: unknown[]): unknown => {
    let result: unknown;
    try {
      result = (region as (...a: unknown[]) => unknown)(...args);
    } catch (err) {
      return explain(err);
    }
    return result instanceof Promise ? result.catch(explain) : result;
  };
}
