/**
 * The embedded local SWF service for development: by default on a thread of its own
 * (`startServerThread` from `@swf-flow/server`), reached over real HTTP by an `SWFClient`
 * configuration that workers and clients share.
 */
import {
  createServer,
  localSwfClientConfig,
  startServerThread,
  type Clock,
  type LambdaSource,
  type LocalSwfClientConfig,
  type LocalSwfEndpoint,
} from '@swf-flow/server';

/** Options of {@link startLocalService}. */
export interface LocalServiceOptions {
  /** Where the SQLite file lives (a directory, created if needed) or `':memory:'`. @default ':memory:' */
  dataDir?: string;
  /** TCP port; `0` picks a free one. @default 0 */
  port?: number;
  /** How long an empty long poll waits, in ms (SWF: 60 s; shorter makes shutdown snappier). @default 60000 */
  pollTimeoutMs?: number;
  /**
   * The service's time; a test passes a `ManualClock` to fire timers when it chooses. A clock
   * cannot cross to another thread, so with one the service runs on the calling thread.
   * @default the system clock
   */
  clock?: Clock;
  /**
   * Where Lambda tasks' functions come from: `{ handlers: dir }` or `{ endpoint: url }` (see
   * `@swf-flow/server`); an invoker object of your own keeps the service on the calling thread.
   * @default none
   */
  lambdas?: LambdaSource;
  /**
   * Run the service on a thread of its own (`startServerThread`), so that it and your workers each
   * have an event loop (and, with two cores or more, a core); `false` runs it on the calling thread
   * (`createServer`). `true` with a `clock` or a Lambda invoker object is refused: they cannot
   * cross threads.
   * @default true, unless `clock` or a Lambda invoker object is given
   */
  thread?: boolean;
}

/** A running local service and the SDK configuration that reaches it over HTTP. */
export interface LocalService {
  /** The server: its `url`, `uiUrl`, `port` and `close()`. */
  server: LocalSwfEndpoint;
  /** `SWFClient` configuration for `Worker.create({ swf })` and `new WorkflowClient({ swf })`. */
  swf: LocalSwfClientConfig;
}

/** True when `lambdas` is an invoker object (not plain data that can cross to a thread). */
function isInvoker(lambdas: LambdaSource | undefined): boolean {
  return typeof (lambdas as { invoke?: unknown } | undefined)?.invoke === 'function';
}

/**
 * Starts the local service on 127.0.0.1 and returns it with an HTTP client configuration. The
 * service runs on a thread of its own unless `thread: false`, a `clock` or a Lambda invoker object
 * is given (see {@link LocalServiceOptions.thread}).
 * @example
 * ```ts
 * const { server, swf } = await startLocalService({ dataDir: './.swf-flow' });
 * const worker = await Worker.create({ swf, domain: 'examples', taskList: 'default', workflows, activities });
 * ```
 */
export async function startLocalService(options: LocalServiceOptions = {}): Promise<LocalService> {
  const common = {
    dataDir: options.dataDir ?? ':memory:',
    port: options.port ?? 0,
    ...(options.pollTimeoutMs === undefined ? {} : { pollTimeoutMs: options.pollTimeoutMs }),
  };
  const thread = options.thread ?? (options.clock === undefined && !isInvoker(options.lambdas));
  const server: LocalSwfEndpoint = thread
    ? await startServerThread({
        ...common,
        // Refused by startServerThread with a clear error when given with `thread: true`.
        ...(options.clock === undefined ? {} : { clock: options.clock as never }),
        ...(options.lambdas === undefined ? {} : { lambdas: options.lambdas as { handlers: string } }),
      })
    : await createServer({
        ...common,
        ...(options.clock === undefined ? {} : { clock: options.clock }),
        ...(options.lambdas === undefined ? {} : { lambdas: options.lambdas }),
      });
  return { server, swf: localSwfClientConfig(server, { transport: 'http' }) };
}
