/**
 * Endpoint resolution with less work per request, the same endpoint. The SDK's endpoint middleware
 * (`endpointV2Middleware`, added by every command) copies the client's whole resolved configuration
 * (~80 keys) into a new object on every request, only so that an endpoint found in the environment
 * or the shared config file (`AWS_ENDPOINT_URL_SWF`) can be set on the copy; and a client given a
 * fixed `endpoint` parses that URL twice per request (once for the `Endpoint` parameter of the
 * endpoint rules, once to look for custom headers).
 *
 * {@link endpointMiddleware} is the SDK's middleware (`getEndpointFromInstructions` and
 * `resolveParams` of `@smithy/core/endpoints`) without the copy: the parameters come from the same
 * configuration values in the same order, an endpoint from the environment goes onto a view of the
 * configuration that reads through to it, the endpoint comes from the client's own
 * `endpointProvider` (the SDK's rules and cache), and the context gets the same `endpointV2`,
 * `authSchemes` and signing properties. {@link withEndpointOnce} makes the configuration's custom
 * endpoint provider give one parsed endpoint again when the endpoint was configured as a value (a
 * URL string or object, not a function): nothing can change it afterwards. S3's extra parameter
 * rules are not reproduced: another client is left as it is.
 */
import { markConstant, readProvider } from './sdk-provider-memo.js';
import { settledMemo } from './sdk-stack.js';

/** The resolved configuration's parts the endpoint resolution reads. */
export interface EndpointConfig {
  serviceId?: unknown;
  isCustomEndpoint?: boolean;
  ignoreConfiguredEndpointUrls?: boolean;
  serviceConfiguredEndpoint?: () => Promise<unknown>;
  endpointProvider?: unknown;
  endpoint?: unknown;
  urlParser?: unknown;
  clientContextParams?: Record<string, unknown>;
  credentials?: unknown;
  [key: string]: unknown;
}

/** One endpoint rule parameter instruction, as a command's `getEndpointParameterInstructions()` gives it. */
interface Instruction {
  type: string;
  name: string;
  value?: unknown;
  get?: (input: unknown) => unknown;
}

type Handler = (args: { input?: unknown; request?: unknown }) => Promise<unknown>;
type Context = Record<string, unknown>;

interface EndpointV2 {
  url?: unknown;
  headers?: Record<string, string[]>;
  properties?: { authSchemes?: AuthScheme[] };
}
interface AuthScheme {
  signingRegion?: unknown;
  signingName?: unknown;
  signingRegionSet?: unknown;
  properties?: object;
}

const SMITHY_CONTEXT_KEY = '__smithy_context';

/** The SDK's `setFeature` (`@smithy/core`): records a feature the user agent reports. */
function setFeature(context: Context, feature: string, value: string): void {
  const smithy = context[SMITHY_CONTEXT_KEY] as { features?: Record<string, string> } | undefined;
  if (!smithy) context[SMITHY_CONTEXT_KEY] = { features: { [feature]: value } };
  else (smithy.features ??= {})[feature] = value;
}

/**
 * A parameter's configuration value (called, when it is a provider), as the SDK's `configProvider`
 * reads it: the value, or the provider's promise of it (awaited by the caller, not wrapped again).
 */
function readConfig(
  config: EndpointConfig,
  configKey: string,
  paramName: string,
  isClientContextParam: boolean,
): unknown {
  const value = isClientContextParam
    ? (config.clientContextParams?.[configKey] ?? config[configKey] ?? config[paramName])
    : (config[configKey] ?? config[paramName]);
  return typeof value === 'function' ? readProvider(value) : value;
}

/**
 * The SDK's `createConfigValueProvider`, called at once: one parameter's value from the
 * configuration, or a promise of it where a provider answers with one (awaited by the caller).
 */
function configValue(
  configKey: string,
  paramName: string,
  config: EndpointConfig,
  isClientContextParam: boolean,
): unknown {
  if (
    configKey === 'credentialScope' ||
    paramName === 'CredentialScope' ||
    configKey === 'accountId' ||
    paramName === 'AccountId' ||
    configKey === 'endpoint' ||
    paramName === 'endpoint'
  ) {
    if ((configKey === 'endpoint' || paramName === 'endpoint') && config.isCustomEndpoint !== false) {
      // the endpoint read once per client is there without waiting after the first request
      const endpoint = readConfig(config, configKey, paramName, isClientContextParam);
      if (!isThenable(endpoint)) return endpointParam(endpoint);
    }
    return specialConfigValue(configKey, paramName, config, isClientContextParam);
  }
  return readConfig(config, configKey, paramName, isClientContextParam);
}

/** The `Endpoint` parameter from the configured endpoint, as the SDK writes it. */
function endpointParam(endpoint: unknown): unknown {
  if (endpoint && typeof endpoint === 'object') {
    if ('url' in endpoint) return (endpoint as { url: URL }).url.href;
    if ('hostname' in endpoint) {
      const { protocol, hostname, port, path } = endpoint as Record<string, unknown>;
      return `${String(protocol)}//${String(hostname)}${port ? ':' + String(port) : ''}${String(path)}`;
    }
  }
  return endpoint;
}

/** {@link configValue} for the parameters the SDK reads specially. */
async function specialConfigValue(
  configKey: string,
  paramName: string,
  config: EndpointConfig,
  isClientContextParam: boolean,
): Promise<unknown> {
  if (configKey === 'credentialScope' || paramName === 'CredentialScope') {
    const c = (typeof config.credentials === 'function' ? await config.credentials() : config.credentials) as
      Record<string, unknown> | undefined;
    return c?.credentialScope ?? c?.CredentialScope;
  }
  if (configKey === 'accountId' || paramName === 'AccountId') {
    const c = (typeof config.credentials === 'function' ? await config.credentials() : config.credentials) as
      Record<string, unknown> | undefined;
    return c?.accountId ?? c?.AccountId;
  }
  if (configKey === 'endpoint' || paramName === 'endpoint') {
    if (config.isCustomEndpoint === false) return undefined;
    const endpoint = await readConfig(config, configKey, paramName, isClientContextParam);
    return endpointParam(endpoint);
  }
  return readConfig(config, configKey, paramName, isClientContextParam);
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * The SDK's endpoint middleware for one command class, without the per-request copy of the
 * configuration (see the module's comment). Add it with the SDK's options for it (name
 * `endpointV2Middleware`, before `serializerMiddleware`, `override: true`).
 *
 * @param config - the client's resolved configuration.
 * @param instructions - the command class's `getEndpointParameterInstructions()`.
 * @example
 * ```ts
 * stack.addRelativeTo(endpointMiddleware(client.config, Command.getEndpointParameterInstructions()), {
 *   name: 'endpointV2Middleware', relation: 'before', toMiddleware: 'serializerMiddleware', override: true,
 * });
 * ```
 */
export function endpointMiddleware(
  config: EndpointConfig,
  instructions: Record<string, Instruction>,
): (next: Handler, context: Context) => Handler {
  const entries = Object.entries(instructions);
  const parse = config.urlParser as (url: string) => object;

  type Params = Record<string, unknown>;
  /**
   * The endpoint parameters in the instructions' order, each provider's promise awaited before the
   * next is read (as the SDK does); at once when every value is there without waiting.
   */
  const resolveParams = (input: Params, cfg: EndpointConfig): Params | Promise<Params> => {
    const params: Params = {};
    const from = (start: number): Params | Promise<Params> => {
      for (let i = start; i < entries.length; i++) {
        const [name, instruction] = entries[i] as [string, Instruction];
        switch (instruction.type) {
          case 'staticContextParams':
            params[name] = instruction.value;
            break;
          case 'contextParams':
            params[name] = input[instruction.name];
            break;
          case 'clientContextParams':
          case 'builtInParams': {
            // a provider's promise is awaited once, here; a plain value is taken as it is
            const value = configValue(instruction.name, name, cfg, instruction.type !== 'builtInParams');
            if (isThenable(value)) {
              return Promise.resolve(value).then((resolved) => {
                params[name] = resolved;
                return from(i + 1);
              });
            }
            params[name] = value;
            break;
          }
          case 'operationContextParams':
            params[name] = (instruction.get as (input: unknown) => unknown)(input);
            break;
          default:
            throw new Error('Unrecognized endpoint parameter instruction: ' + JSON.stringify(instruction));
        }
      }
      if (entries.length === 0) Object.assign(params, cfg);
      return params;
    };
    return from(0);
  };

  /** An endpoint from the environment or the shared config file, on a view of the configuration. */
  const configured = async (context: Context): Promise<EndpointConfig> => {
    const fromConfig = await (config.serviceConfiguredEndpoint as () => Promise<unknown>)();
    if (!fromConfig) return config;
    // What the SDK sets on its copy of the configuration; this view reads everything else through.
    const v1 = parse(fromConfig as string);
    (context.logger as { debug?: (m: string) => void } | undefined)?.debug?.(
      `@smithy/core/endpoints - resolved endpoint from config: ${String(fromConfig)}`,
    );
    return Object.create(config, {
      endpoint: { value: () => Promise.resolve(v1), enumerable: true },
      isCustomEndpoint: { value: true, enumerable: true },
    }) as EndpointConfig;
  };

  const customEndpoints = settledMemo();
  const endpointFor = (params: Params, cfg: EndpointConfig, context: Context): EndpointV2 | Promise<EndpointV2> => {
    if (typeof cfg.endpointProvider !== 'function') throw new Error('config.endpointProvider is not set.');
    const endpoint = (cfg.endpointProvider as (p: unknown, c: unknown) => EndpointV2)(params, context);
    if (!cfg.isCustomEndpoint || !cfg.endpoint) return endpoint;
    // The endpoint read once per client (withEndpointOnce) is the same promise on every request:
    // what it resolved to is taken without waiting for it again.
    const pending = (cfg.endpoint as () => unknown)();
    const known = customEndpoints.get(pending);
    const withHeaders = (custom: { headers?: Record<string, unknown> } | undefined) => {
      if (custom?.headers) {
        endpoint.headers ??= {};
        for (const [name, value] of Object.entries(custom.headers)) {
          endpoint.headers[name] = Array.isArray(value) ? (value as string[]) : [value as string];
        }
      }
      return endpoint;
    };
    if (known) return withHeaders(known.value as { headers?: Record<string, unknown> } | undefined);
    return Promise.resolve(pending).then((resolved) => {
      const custom = (resolved ?? undefined) as { headers?: Record<string, unknown> } | undefined;
      customEndpoints.set(pending, custom);
      return withHeaders(custom);
    });
  };

  const resolveEndpoint = (input: Params, context: Context): EndpointV2 | Promise<EndpointV2> => {
    if (!config.isCustomEndpoint && !config.ignoreConfiguredEndpointUrls) {
      return configured(context).then(async (cfg) => endpointFor(await resolveParams(input, cfg), cfg, context));
    }
    const params = resolveParams(input, config);
    return params instanceof Promise
      ? params.then((p) => endpointFor(p, config, context))
      : endpointFor(params, config, context);
  };

  const into = (context: Context, endpoint: EndpointV2): void => {
    context.endpointV2 = endpoint;
    const authSchemes = endpoint.properties?.authSchemes;
    context.authSchemes = authSchemes;
    const authScheme = authSchemes?.[0];
    if (authScheme) {
      context['signing_region'] = authScheme.signingRegion;
      context['signing_service'] = authScheme.signingName;
      const smithy = (context[SMITHY_CONTEXT_KEY] ??= {}) as {
        selectedHttpAuthScheme?: { httpAuthOption?: { signingProperties?: object } };
      };
      const httpAuthOption = smithy.selectedHttpAuthScheme?.httpAuthOption;
      if (httpAuthOption) {
        httpAuthOption.signingProperties = Object.assign(
          httpAuthOption.signingProperties || {},
          {
            signing_region: authScheme.signingRegion,
            signingRegion: authScheme.signingRegion,
            signing_service: authScheme.signingName,
            signingName: authScheme.signingName,
            signingRegionSet: authScheme.signingRegionSet,
          },
          authScheme.properties,
        );
      }
    }
  };

  const resolveInto: EndpointResolver = (input, context) => {
    if (config.isCustomEndpoint) setFeature(context, 'ENDPOINT_OVERRIDE', 'N');
    const endpoint = resolveEndpoint(input as Params, context);
    if (endpoint instanceof Promise) return endpoint.then((e) => into(context, e));
    into(context, endpoint);
  };

  const middleware =
    (next: Handler, context: Context): Handler =>
    async (args) => {
      const resolving = resolveInto(args.input, context);
      if (resolving) await resolving;
      return next({ ...args });
    };
  resolvers.set(middleware, resolveInto);
  return middleware;
}

/** What {@link endpointMiddleware} does before it calls the next middleware: the endpoint into the context (a promise when it had to wait). */
export type EndpointResolver = (input: unknown, context: Context) => void | Promise<void>;

const resolvers = new WeakMap<object, EndpointResolver>();

/**
 * The endpoint resolution of a middleware {@link endpointMiddleware} built, for a caller that runs
 * it without the middleware around it (`sdk-fused-chain.ts`); `undefined` for any other function.
 *
 * @example
 * ```ts
 * const resolve = endpointResolverOf(entry.middleware);
 * if (resolve) await resolve(command.input, context);
 * ```
 */
export function endpointResolverOf(middleware: unknown): EndpointResolver | undefined {
  return typeof middleware === 'function' ? resolvers.get(middleware) : undefined;
}

/** The SDK's options for the endpoint middleware (`endpointMiddlewareOptions` of `@smithy/core/endpoints`). */
export const ENDPOINT_MIDDLEWARE_OPTIONS = {
  step: 'serialize',
  tags: ['ENDPOINT_PARAMETERS', 'ENDPOINT_V2', 'ENDPOINT'],
  name: 'endpointV2Middleware',
  override: true,
  relation: 'before',
  toMiddleware: 'serializerMiddleware',
} as const;

/**
 * Whether {@link endpointMiddleware} can stand in for the SDK's on this client: its configuration
 * has what the middleware reads, and the client is not S3 (whose parameters the SDK rewrites).
 *
 * @example
 * ```ts
 * if (canResolveEndpoints(client.config)) stack.addRelativeTo(endpointMiddleware(...), ENDPOINT_MIDDLEWARE_OPTIONS);
 * ```
 */
export function canResolveEndpoints(config: EndpointConfig): boolean {
  return (
    typeof config.endpointProvider === 'function' &&
    typeof config.serviceConfiguredEndpoint === 'function' &&
    typeof config.urlParser === 'function' &&
    String(config.serviceId).toLowerCase() !== 's3'
  );
}

/**
 * Makes the resolved configuration's custom endpoint provider (`config.endpoint`, which parses the
 * configured URL on every call) give one parsed endpoint again, when the endpoint the user
 * configured is a value rather than a provider function; returns whether it did. A failed
 * resolution is not kept.
 *
 * @param config - the client's resolved configuration.
 * @param given - the `endpoint` option as the user gave it.
 * @example
 * ```ts
 * const swf = new SWFClient({ endpoint: 'http://127.0.0.1:8787' });
 * withEndpointOnce(swf.config, 'http://127.0.0.1:8787');
 * ```
 */
export function withEndpointOnce(config: { endpoint?: unknown }, given: unknown): boolean {
  const provider = config.endpoint;
  if (given === undefined || given === null || typeof given === 'function' || typeof provider !== 'function') {
    return false;
  }
  let once: Promise<unknown> | undefined;
  const endpointOnce = () => {
    if (once === undefined) {
      const resolved = Promise.resolve((provider as () => unknown)());
      once = resolved;
      resolved.catch(() => {
        if (once === resolved) once = undefined;
      });
    }
    return once;
  };
  config.endpoint = endpointOnce;
  markConstant(endpointOnce);
  return true;
}

/** The parts of a resolved middleware stack {@link replaceEndpointMiddleware} uses. */
interface ChainStack {
  remove(name: string): boolean;
  addRelativeTo(middleware: unknown, options: object): void;
}

/**
 * For `withHandlerCache`'s `extendChain`: puts {@link endpointMiddleware} in place of the SDK's in
 * the stack of a chain, when the command added one (a command class with endpoint parameter
 * instructions) and the configuration allows it ({@link canResolveEndpoints}).
 *
 * @param config - the client's resolved configuration.
 * @example
 * ```ts
 * withHandlerCache(client, replaceEndpointMiddleware(client.config));
 * ```
 */
export function replaceEndpointMiddleware(config: EndpointConfig): (stack: unknown, Command: object) => void {
  return (stack, Command) => {
    if (!canResolveEndpoints(config)) return;
    const instructionsOf = (Command as { getEndpointParameterInstructions?: () => unknown })
      .getEndpointParameterInstructions;
    const s = stack as Partial<ChainStack>;
    if (typeof instructionsOf !== 'function' || typeof s.remove !== 'function' || !s.addRelativeTo) return;
    const instructions = instructionsOf.call(Command);
    if (typeof instructions !== 'object' || instructions === null) return;
    if (!s.remove(ENDPOINT_MIDDLEWARE_OPTIONS.name)) return;
    s.addRelativeTo(
      endpointMiddleware(config, instructions as Record<string, Instruction>),
      ENDPOINT_MIDDLEWARE_OPTIONS,
    );
  };
}
