/**
 * The serialize and deserialize steps of an `SWFClient`, with request writers and response readers
 * compiled once per operation from the SDK's own schemas (`json-writer.ts`, `json-reader.ts`)
 * instead of the SDK's generic walk of the schema on every request, and without copying the
 * client's whole configuration into a context object twice per request. They take the names of the
 * SDK's serde middleware (`serializerMiddleware`, `deserializerMiddleware`, `override: true`: the
 * SDK's own way to replace a step), so everything around them — endpoint resolution, retries,
 * SigV4 signing, the HTTP handler — is the SDK's.
 *
 * The request is the one the SDK's AWS JSON 1.0 protocol builds: `POST` to the endpoint's path
 * (ending in `/`), `content-type: application/x-amz-json-1.0`, `x-amz-target:
 * <serviceTarget>.<operation>`, the same JSON text. The response gives the same output (members,
 * `Date`s, `$metadata`). Whatever the compiled path does not handle goes the SDK's way, through the
 * protocol object the SDK configured: an operation whose schema has a form not recognized
 * (`sdk-schema.ts`), an input the writer leaves to the SDK, an endpoint with a query or headers, an
 * error response (HTTP status ≥ 300: the SDK builds its modeled exception), a body that is not a
 * JSON object.
 *
 * No SDK module is imported (common stays free of SDK code): the protocol object, the URL parser
 * and the stream collector are the client's own, found in its resolved configuration; when they
 * are not what this expects (another protocol, a custom JSON codec), nothing is installed.
 */
import { compileReader, type FallbackReader, type JsonReader } from './json-reader.js';
import { compileWriter, type JsonWriter } from './json-writer.js';
import { deref, knownShape, type KnownShape } from './sdk-schema.js';

/** The parts of the SDK's AWS JSON 1.0 protocol object used here. */
interface JsonRpcProtocol {
  serviceTarget: string;
  awsQueryCompatible?: boolean;
  getShapeId(): string;
  codec?: { settings?: { jsonName?: unknown; timestampFormat?: { useTrait?: unknown; default?: unknown } } };
  deserializer: { readObject(schema: unknown, value: unknown): unknown };
  serializeRequest(operation: unknown, input: unknown, context: unknown): Promise<unknown>;
  deserializeResponse(operation: unknown, context: unknown, response: unknown): Promise<unknown>;
}

/** The parts of a resolved SDK client configuration used here. */
export interface SerdeConfig {
  protocol?: unknown;
  endpoint?: unknown;
  urlParser?: (url: URL) => {
    protocol?: string;
    hostname?: string;
    port?: number;
    path?: string;
    query?: unknown;
    href?: string;
  };
  streamCollector?: (stream: unknown) => Promise<Uint8Array>;
}

/** The part of an SDK client's middleware stack used here (its `add` has one overload per step). */
interface Stack {
  add: unknown;
}
type Add = (middleware: unknown, options: { name: string; step: string; tags: string[]; override: boolean }) => void;

interface HttpResponseLike {
  statusCode: number;
  headers: Record<string, string>;
  body?: unknown;
}

type Handler = (args: { input: unknown; request?: unknown }) => Promise<{ response: unknown; output?: unknown }>;
type Context = Record<string, unknown> & { __smithy_context?: { operationSchema?: unknown }; endpointV2?: unknown };

/** One operation, compiled: its target header and body writer, its output reader. */
interface CompiledOperation {
  target: string;
  write: JsonWriter;
  read: JsonReader;
}

function isJsonRpc10(protocol: unknown): protocol is JsonRpcProtocol {
  const p = protocol as Partial<JsonRpcProtocol> | undefined;
  const settings = p?.codec?.settings;
  return (
    typeof p === 'object' &&
    typeof p.getShapeId === 'function' &&
    p.getShapeId() === 'aws.protocols#awsJson1_0' &&
    typeof p.serviceTarget === 'string' &&
    !p.awsQueryCompatible &&
    typeof p.deserializer?.readObject === 'function' &&
    typeof p.serializeRequest === 'function' &&
    typeof p.deserializeResponse === 'function' &&
    settings?.jsonName === false &&
    settings.timestampFormat?.useTrait === true &&
    settings.timestampFormat.default === 7 // epoch seconds
  );
}

/** The SDK's operation object for its protocol (`operation()` of `@smithy/core/schema`). */
function operationOf(schema: unknown): Record<string, unknown> {
  const [, namespace, name, traits, input, output] = schema as unknown[];
  return { name, namespace, traits, input, output };
}

/** The SDK's `toEndpointV1` for an endpoint of the endpoint rules (`{ url, headers? }`). */
function endpointV1(endpoint: unknown, urlParser: NonNullable<SerdeConfig['urlParser']>): unknown {
  if (typeof endpoint !== 'object' || endpoint === null || !('url' in endpoint)) return endpoint;
  const { url, headers } = endpoint as { url: URL; headers?: Record<string, string[]> };
  const v1: Record<string, unknown> = { ...urlParser(url) };
  if (headers) {
    const lower: Record<string, string> = {};
    for (const name of Object.keys(headers)) lower[name.toLowerCase()] = (headers[name] ?? []).join(', ');
    v1.headers = lower;
  }
  return v1;
}

/** The compiled serde of one client, for a caller that runs it without the middleware around it (`sdk-fused-chain.ts`). */
export interface CompiledSerde {
  /** The request for `input` (the compiled one, or a promise of the SDK's): what the serializer middleware hands on. */
  request(context: Record<string, unknown>, input: unknown): unknown;
  /**
   * The output read from `response` (or the error it means): what the deserializer middleware
   * answers; at once for a body of bytes, else a promise. It may throw what a promise would reject with.
   */
  read(
    context: Record<string, unknown>,
    response: unknown,
  ): { response: unknown; output: unknown } | Promise<{ response: unknown; output: unknown }>;
}

const parts = new WeakMap<object, CompiledSerde>();

/**
 * The compiled serde behind a serializer middleware {@link withCompiledSerde} installed; `undefined`
 * for any other function.
 *
 * @example
 * ```ts
 * const serde = compiledSerdeOf(findMiddleware(client.middlewareStack, 'serializerMiddleware')?.middleware);
 * ```
 */
export function compiledSerdeOf(serializer: unknown): CompiledSerde | undefined {
  return typeof serializer === 'function' ? parts.get(serializer) : undefined;
}

/**
 * Replaces the serialize and deserialize steps of an SDK `SWFClient` built with the SDK's AWS JSON
 * 1.0 protocol by compiled ones; returns whether it did (it leaves any other client as it is).
 *
 * @example
 * ```ts
 * const swf = new SWFClient(config);
 * withCompiledSerde(swf.middlewareStack, swf.config);
 * ```
 */
export function withCompiledSerde(stack: Stack, config: SerdeConfig): boolean {
  const { protocol, urlParser, streamCollector } = config;
  if (!isJsonRpc10(protocol) || typeof urlParser !== 'function' || typeof streamCollector !== 'function') {
    return false;
  }
  const fallback: FallbackReader = (raw, value) => protocol.deserializer.readObject(raw, value);
  const shapes = new Map<unknown, KnownShape | null>();
  const writers = new Map<unknown, JsonWriter>();
  const readers = new Map<unknown, JsonReader>();
  const compiled = new WeakMap<object, CompiledOperation | null>();
  const contentType = 'application/x-amz-json-1.0';
  // The endpoint rules' cache gives the same endpoint (and URL object) to every request of a client.
  const parsedUrls = new WeakMap<URL, ReturnType<typeof urlParser>>();
  const parsedUrl = (url: URL) => {
    let parsed = parsedUrls.get(url);
    if (parsed === undefined || parsed.href !== url.href) {
      parsed = { ...urlParser(url), href: url.href };
      parsedUrls.set(url, parsed);
    }
    return parsed;
  };

  const compile = (operationSchema: unknown): CompiledOperation | undefined => {
    if (!Array.isArray(operationSchema)) return undefined;
    const known = compiled.get(operationSchema);
    if (known !== undefined) return known ?? undefined;
    const [code, , name, traits, input, output] = operationSchema as unknown[];
    let result: CompiledOperation | undefined;
    if (code === 9 && typeof name === 'string' && traits === 0) {
      const inShape = knownShape(input, shapes);
      // an operation without output ("unit"): the SDK copies a JSON object's keys as they are
      const outShape = deref(output) === 'unit' ? 'unit' : knownShape(output, shapes);
      if (inShape?.kind === 'struct' && (outShape === 'unit' || outShape?.kind === 'struct')) {
        result = {
          target: `${protocol.serviceTarget}.${name}`,
          write: compileWriter(inShape, writers),
          read: outShape === 'unit' ? (v) => v : compileReader(outShape, fallback, readers),
        };
      }
    }
    compiled.set(operationSchema, result ?? null);
    return result;
  };

  // The SDK's serializer, for what the compiled one leaves to it.
  const sdkRequest = (context: Context, input: unknown): Promise<unknown> => {
    const schema = context.__smithy_context?.operationSchema;
    const endpoint = context.endpointV2 ? async () => endpointV1(context.endpointV2, urlParser) : config.endpoint;
    return protocol.serializeRequest(operationOf(schema), input, { ...config, ...context, endpoint });
  };

  const request = (context: Context, input: unknown): unknown => {
    const op = compile(context.__smithy_context?.operationSchema);
    const endpoint = context.endpointV2 as { url?: URL; headers?: object } | undefined;
    if (
      !op ||
      !endpoint?.url ||
      endpoint.url.search ||
      (endpoint.headers && Object.keys(endpoint.headers).length > 0)
    ) {
      return sdkRequest(context, input);
    }
    const body = op.write(input && typeof input === 'object' ? input : {});
    if (body === undefined) return sdkRequest(context, input);
    const url = parsedUrl(endpoint.url);
    const path = url.path ?? '/';
    return {
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      path: path.endsWith('/') ? path : path + '/',
      query: {},
      headers: { 'content-type': contentType, 'x-amz-target': op.target },
      username: undefined,
      password: undefined,
      fragment: undefined,
      body,
    };
  };

  const serializer =
    (next: Handler, context: Context): Handler =>
    async (args) => {
      const built = request(context, args.input);
      return next({ ...args, request: built instanceof Promise ? await built : built });
    };

  // The SDK's deserializer, for error responses and bodies the compiled one leaves to it.
  const sdkDeserialize = async (context: Context, response: HttpResponseLike) => {
    try {
      const output = await protocol.deserializeResponse(
        operationOf(context.__smithy_context?.operationSchema),
        { ...config, ...context },
        response,
      );
      return { response, output };
    } catch (error) {
      throw decorated(error, response);
    }
  };

  // the output at once for a body of bytes (what swf-flow's HTTP handler hands over), else a promise
  const read = (context: Context, response: HttpResponseLike): unknown => {
    const op = compile(context.__smithy_context?.operationSchema);
    if (!op || typeof response?.statusCode !== 'number' || response.statusCode >= 300) {
      return sdkDeserialize(context, response);
    }
    const body = response.body;
    if (body instanceof Uint8Array) return readBytes(context, response, op, body);
    return collect(body, streamCollector).then((bytes) => readBytes(context, response, op, bytes));
  };

  const readBytes = (
    context: Context,
    response: HttpResponseLike,
    op: CompiledOperation,
    bytes: Uint8Array,
  ): { response: unknown; output: unknown } | Promise<{ response: unknown; output: unknown }> => {
    const headers = lowerCaseHeaders(response);
    let parsed: unknown = {};
    if (bytes.byteLength > 0) {
      try {
        parsed = JSON.parse(asBuffer(bytes).toString()); // the SDK's JSON.parse(buffer) decodes the same way
      } catch {
        parsed = undefined;
      }
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      response.body = bytes; // read again by the SDK, which raises or returns what it would
      return sdkDeserialize(context, response);
    }
    const output = op.read(parsed) as Record<string, unknown>;
    const result: Record<string, unknown> = {};
    Object.assign(result, output);
    result.$metadata = {
      httpStatusCode: response.statusCode,
      requestId: headers['x-amzn-requestid'] ?? headers['x-amzn-request-id'] ?? headers['x-amz-request-id'],
      extendedRequestId: headers['x-amz-id-2'],
      cfId: headers['x-amz-cf-id'],
    };
    return { response, output: result };
  };

  const deserializer =
    (next: Handler, context: Context): Handler =>
    async (args) => {
      const { response } = (await next(args)) as { response: HttpResponseLike };
      return read(context, response) as { response: unknown; output?: unknown };
    };

  parts.set(serializer, { request, read: read as CompiledSerde['read'] });
  const add = (stack.add as Add).bind(stack);
  add(serializer, { name: 'serializerMiddleware', step: 'serialize', tags: ['SERIALIZER'], override: true });
  add(deserializer, { name: 'deserializerMiddleware', step: 'deserialize', tags: ['DESERIALIZER'], override: true });
  return true;
}

/** Lower-cases the response's header names in place, as the SDK's RPC protocol does; returns them. */
function lowerCaseHeaders(response: HttpResponseLike): Record<string, string> {
  const headers = response.headers;
  for (const name of Object.keys(headers)) {
    const lower = name.toLowerCase();
    if (lower === name) continue;
    const value = headers[name] as string;
    delete headers[name];
    headers[lower] = value;
  }
  return headers;
}

/** The parts of a Node `Readable` (an `IncomingMessage`, what the SDK's Node HTTP handler answers with) used here. */
interface NodeReadable {
  on(event: 'data', listener: (chunk: Uint8Array | string) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'error', listener: (err: unknown) => void): unknown;
  pipe: unknown;
  readable: boolean;
}

function isNodeReadable(body: unknown): body is NodeReadable {
  const b = body as Partial<NodeReadable> | null;
  return (
    typeof b === 'object' &&
    b !== null &&
    typeof b.on === 'function' &&
    typeof b.pipe === 'function' &&
    typeof b.readable === 'boolean'
  );
}

/**
 * The body's bytes. A Node stream is read with its own events (what the SDK's stream collector
 * does through a `Writable` it builds and pipes into per response: the same bytes, without the
 * extra stream); anything else goes to the SDK's collector.
 */
async function collect(
  body: unknown,
  streamCollector: NonNullable<SerdeConfig['streamCollector']>,
): Promise<Uint8Array> {
  if (body instanceof Uint8Array) return body;
  if (!body) return new Uint8Array();
  if (!isNodeReadable(body)) return streamCollector(body);
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let length = 0;
    body.on('data', (chunk) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      chunks.push(bytes);
      length += bytes.byteLength;
    });
    body.on('end', () => resolve(chunks.length === 1 ? (chunks[0] as Uint8Array) : Buffer.concat(chunks, length)));
    body.on('error', reject);
  });
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** What the SDK's deserializer middleware adds to an error raised while reading a response. */
function decorated(error: unknown, response: HttpResponseLike): unknown {
  if (typeof error !== 'object' || error === null) return error;
  const e = error as Record<string, unknown> & { message?: string };
  Object.defineProperty(e, '$response', { value: response, enumerable: false, writable: false, configurable: false });
  if (!('$metadata' in e)) {
    try {
      e.message +=
        '\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.';
    } catch {
      // a read-only message stays as it is
    }
    if (typeof e.$responseBodyText !== 'undefined') response.body = e.$responseBodyText;
    if (typeof response?.statusCode !== 'number' || typeof response.headers !== 'object') return e;
    const entries = Object.entries(response.headers ?? {});
    const find = (pattern: RegExp) => entries.find(([k]) => pattern.test(k))?.[1];
    e.$metadata = {
      httpStatusCode: response.statusCode,
      requestId: find(/^x-[\w-]+-request-?id$/),
      extendedRequestId: find(/^x-[\w-]+-id-2$/),
      cfId: find(/^x-[\w-]+-cf-id$/),
    };
  }
  return e;
}
