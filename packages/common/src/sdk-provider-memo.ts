/**
 * Configuration providers read once per client where their value cannot change. The SDK turns
 * every configuration value into a provider — an `async` function called on every request (the
 * region twice, the credentials twice, the FIPS and dual-stack flags, the retry attempts, the
 * app id, the auth scheme preference, the clock-skew switch): ~20 promises per request, each of
 * which also runs every process-wide async hook of a worker, for values that are the same on every
 * request of a client built from plain values.
 *
 * {@link markConstantProviders} marks the providers of a resolved configuration whose value is
 * fixed once read: those the SDK built from a value the user gave (not a function), or from its
 * own defaults, which it reads from the environment and the shared config files once and memoizes
 * (`loadConfig`); the credentials provider when the credentials were given as an object.
 * {@link readProvider} answers a marked provider's value, once it has resolved, without calling it
 * again; anything else (an unmarked provider, a failed read, a call that asks for a refresh) is
 * called as the SDK calls it. A provider replaced on the configuration later is a different
 * function, not marked.
 */

interface Entry {
  has: boolean;
  value: unknown;
  keep: (value: unknown) => boolean;
}

const constants = new WeakMap<object, Entry>();
const always = () => true;

/**
 * Marks `provider` as one whose value never changes once read (see the module's comment); `keep`
 * says which values may be kept (a value it refuses is read again next time).
 *
 * @example
 * ```ts
 * markConstant(client.config.maxAttempts);
 * ```
 */
export function markConstant(provider: unknown, keep: (value: unknown) => boolean = always): void {
  if (typeof provider === 'function' && !constants.has(provider))
    constants.set(provider, { has: false, value: undefined, keep });
}

/**
 * The provider's value: at once (not a promise) when it is marked constant and has resolved
 * before, else what calling it gives (a promise, mostly).
 *
 * @example
 * ```ts
 * const read = readProvider(config.region);
 * const region = read instanceof Promise ? await read : read;
 * ```
 */
export function readProvider(provider: unknown, options?: unknown): unknown {
  const entry = typeof provider === 'function' ? constants.get(provider) : undefined;
  const refresh = (options as { forceRefresh?: unknown } | undefined)?.forceRefresh;
  if (entry?.has && !refresh) return entry.value;
  const result = (provider as (options?: unknown) => unknown)(options);
  if (entry === undefined || refresh) return result;
  const keep = (value: unknown) => {
    if (!entry.keep(value)) return;
    entry.has = true;
    entry.value = value;
  };
  if (result instanceof Promise) result.then(keep, () => {});
  else keep(result);
  return result;
}

/** The SDK's check of an app id: what it warns about on every read is never kept. */
const validAppId = (value: unknown) => value === undefined || (typeof value === 'string' && value.length <= 50);

/**
 * Marks the providers of a client's resolved configuration whose value cannot change (see the
 * module's comment), from `given`, the configuration the client was built from.
 *
 * @example
 * ```ts
 * const swf = new SWFClient(config);
 * markConstantProviders(swf.config, config);
 * ```
 */
export function markConstantProviders(config: Record<string, unknown>, given: Record<string, unknown>): void {
  const value = (key: string) => typeof given[key] !== 'function';
  if (value('region')) markConstant(config.region);
  if (value('region') && value('useFipsEndpoint')) markConstant(config.useFipsEndpoint);
  for (const key of ['useDualstackEndpoint', 'authSchemePreference', 'maxAttempts', 'disableClockSkewCorrection']) {
    if (value(key)) markConstant(config[key]);
  }
  if (value('userAgentAppId')) markConstant(config.userAgentAppId, validAppId);
  if (typeof given.credentials === 'object' && given.credentials !== null) markConstant(config.credentials);
}
