/**
 * Local defaults for an `SWFClient` configuration: against a loopback endpoint (the local
 * service) with no credentials configured, placeholder credentials and a region, so that a first
 * program needs no AWS setup. Any other endpoint keeps the standard AWS chain unchanged.
 * Pure: reads only the configuration and the environment it is given.
 */

/** The credentials used for a loopback endpoint when none are configured (the local service does not check them). */
export const PLACEHOLDER_CREDENTIALS: Readonly<{ accessKeyId: string; secretAccessKey: string }> = Object.freeze({
  accessKeyId: 'local',
  secretAccessKey: 'local',
});

/** The region used for a loopback endpoint when none is configured. */
export const PLACEHOLDER_REGION = 'us-east-1';

/** The parts of an `SWFClientConfig` the local defaults look at. */
export interface EndpointConfigLike {
  endpoint?: unknown;
  region?: unknown;
  credentials?: unknown;
  profile?: unknown;
}

/** Environment variables through which the standard AWS chain finds credentials. */
const CREDENTIAL_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_PROFILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
] as const;

function hostOf(endpoint: unknown): string | undefined {
  if (typeof endpoint === 'string') {
    try {
      return new URL(endpoint).hostname;
    } catch {
      return undefined;
    }
  }
  if (endpoint instanceof URL) return endpoint.hostname;
  if (typeof endpoint === 'object' && endpoint !== null) {
    const e = endpoint as { url?: unknown; hostname?: unknown };
    if (e.url instanceof URL) return e.url.hostname; // EndpointV2
    if (typeof e.hostname === 'string') return e.hostname; // Endpoint
  }
  return undefined; // a provider function, or nothing usable: not known to be local
}

/**
 * True when `endpoint` (a URL string, a `URL`, or the SDK's `Endpoint`/`EndpointV2` object) names
 * this machine: `localhost` (and `*.localhost`), `127.0.0.0/8` or `::1`.
 *
 * @example
 * ```ts
 * isLoopbackEndpoint('http://127.0.0.1:8787'); // true
 * isLoopbackEndpoint('https://swf.us-east-1.amazonaws.com'); // false
 * ```
 */
export function isLoopbackEndpoint(endpoint: unknown): boolean {
  const host = hostOf(endpoint)
    ?.toLowerCase()
    .replace(/^\[|\]$/g, '');
  if (host === undefined) return false;
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** What {@link withLocalDefaults} returns. */
export interface LocalDefaults<C> {
  /** The configuration to build the client from (the given object when nothing was added). */
  config: C;
  /** What was added and why, for a debug line; `undefined` when nothing was added. */
  note?: string;
}

/**
 * Fills in placeholder credentials (and `us-east-1` when no region is set) when the endpoint —
 * `config.endpoint`, else `$AWS_ENDPOINT_URL_SWF`, else `$AWS_ENDPOINT_URL` — is a loopback
 * address and neither the configuration nor the environment configures credentials
 * (`credentials`, `profile`, `$AWS_ACCESS_KEY_ID`, `$AWS_PROFILE`, web identity or container
 * credentials). Any other endpoint, or none (Amazon SWF), returns the configuration unchanged.
 *
 * @example
 * ```ts
 * withLocalDefaults({ endpoint: 'http://127.0.0.1:8787' }, {}).config;
 * // { endpoint: 'http://127.0.0.1:8787', region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
 * ```
 */
export function withLocalDefaults<C extends EndpointConfigLike>(
  config: C,
  env: Readonly<Record<string, string | undefined>>,
): LocalDefaults<C> {
  const endpoint = config.endpoint ?? (env.AWS_ENDPOINT_URL_SWF || env.AWS_ENDPOINT_URL || undefined);
  if (!isLoopbackEndpoint(endpoint)) return { config };
  const added: string[] = [];
  const out: C = { ...config };
  const credentialsConfigured =
    config.credentials !== undefined ||
    config.profile !== undefined ||
    CREDENTIAL_VARIABLES.some((v) => Boolean(env[v]));
  if (!credentialsConfigured) {
    out.credentials = { ...PLACEHOLDER_CREDENTIALS };
    added.push(
      `placeholder credentials (${PLACEHOLDER_CREDENTIALS.accessKeyId}/${PLACEHOLDER_CREDENTIALS.secretAccessKey})`,
    );
  }
  if (config.region === undefined && !env.AWS_REGION) {
    out.region = PLACEHOLDER_REGION;
    added.push(`region ${PLACEHOLDER_REGION}`);
  }
  if (added.length === 0) return { config };
  const where = typeof endpoint === 'string' ? endpoint : 'a loopback address';
  return {
    config: out,
    note: `SWF endpoint ${where} is on this machine and nothing configures them: using ${added.join(' and ')}`,
  };
}

let noted = false;

/**
 * {@link withLocalDefaults} with its note said once per process, at debug level, on `logger`.
 *
 * @example
 * ```ts
 * const swf = new SWFClient(applyLocalDefaults({ endpoint: 'http://127.0.0.1:8787' }, consoleLogger));
 * ```
 */
export function applyLocalDefaults<C extends EndpointConfigLike>(
  config: C,
  logger: { debug(message: string): void },
  env: Readonly<Record<string, string | undefined>> = typeof process === 'undefined' ? {} : process.env,
): C {
  const { config: out, note } = withLocalDefaults(config, env);
  if (note !== undefined && !noted) {
    noted = true;
    logger.debug(note);
  }
  return out;
}
