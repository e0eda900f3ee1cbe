/**
 * The embedded local SWF service for development: `createServer` from `@swf-flow/server`,
 * reached over real HTTP by an `SWFClient` configuration that workers and clients share.
 */
import {
  createServer,
  localSwfClientConfig,
  type Clock,
  type LambdaSource,
  type LocalSwfClientConfig,
  type LocalSwfServer,
} from '@swf-flow/server';

/** Options of {@link startLocalService}. */
export interface LocalServiceOptions {
  /** Where the SQLite file lives (a directory, created if needed) or `':memory:'`. @default ':memory:' */
  dataDir?: string;
  /** TCP port; `0` picks a free one. @default 0 */
  port?: number;
  /** How long an empty long poll waits, in ms (SWF: 60 s; shorter makes shutdown snappier). @default 60000 */
  pollTimeoutMs?: number;
  /** The service's time; a test passes a `ManualClock` to fire timers when it chooses. @default the system clock */
  clock?: Clock;
  /** Where Lambda tasks' functions come from: `{ handlers: dir }` or `{ endpoint: url }` (see `@swf-flow/server`). @default none */
  lambdas?: LambdaSource;
}

/** A running local service and the SDK configuration that reaches it over HTTP. */
export interface LocalService {
  /** The server (its `url`, `close()`, ...). */
  server: LocalSwfServer;
  /** `SWFClient` configuration for `Worker.create({ swf })` and `new WorkflowClient({ swf })`. */
  swf: LocalSwfClientConfig;
}

/**
 * Starts the local service on 127.0.0.1 and returns it with an HTTP client configuration.
 * @example
 * ```ts
 * const { server, swf } = await startLocalService({ dataDir: './.swf-flow' });
 * const worker = await Worker.create({ swf, domain: 'examples', taskList: 'default', workflows, activities });
 * ```
 */
export async function startLocalService(options: LocalServiceOptions = {}): Promise<LocalService> {
  const server = await createServer({
    dataDir: options.dataDir ?? ':memory:',
    port: options.port ?? 0,
    ...(options.pollTimeoutMs === undefined ? {} : { pollTimeoutMs: options.pollTimeoutMs }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.lambdas === undefined ? {} : { lambdas: options.lambdas }),
  });
  return { server, swf: localSwfClientConfig(server, { transport: 'http' }) };
}
