/** `startServerThread`: the local service on a thread of its own, reached over HTTP. */
import { SwfFlowError, type Logger } from '@swf-flow/common';
import type { Worker } from 'node:worker_threads';
import type { CreateServerOptions, LocalSwfEndpoint } from '../create-server.js';
import type { EndpointInvokerOptions } from '../lambda/endpoint-invoker.js';
import { serverThreadData } from './options.js';
import { type FromServerThread, type ToServerThread, errorFromData } from './protocol.js';
import { spawnServerThread } from './spawn.js';

/**
 * Options of {@link startServerThread}: those of `createServer`, less what cannot cross to another
 * thread. A `logger` is kept on the calling thread: the service's lines are sent to it (which levels
 * it writes is asked once, at start).
 */
export interface ServerThreadOptions extends Omit<CreateServerOptions, 'clock' | 'lambdas'> {
  /**
   * Not accepted: a clock's schedule cannot cross threads. Pass a `ManualClock` to `createServer`
   * (the service on the calling thread) instead; only the real-time `systemClock` is accepted here.
   * @default systemClock
   */
  clock?: never;
  /**
   * Where Lambda tasks' functions come from: local handler modules (`{ handlers: './lambdas' }`) or
   * a Lambda-compatible endpoint (`{ endpoint: 'http://127.0.0.1:3001' }`); an invoker object of
   * your own needs `createServer`.
   * @default none: every function is unknown
   */
  lambdas?: { handlers: string } | EndpointInvokerOptions;
}

/**
 * The local service running on a thread of its own: its addresses and `close()`. The service
 * itself and an in-process SDK handler stay on its thread; reach it over HTTP at `url`.
 */
export interface LocalSwfServerThread extends LocalSwfEndpoint {
  /** The thread's id (`worker_threads`' `threadId`), for diagnostics. */
  readonly threadId: number;
  /**
   * Settles when the thread has ended: resolves after {@link LocalSwfEndpoint.close}, rejects with
   * a {@link ServerThreadError} if the thread stopped any other way (an internal failure that
   * escaped the service, the thread's `process.exit()`, running out of memory). Left unhandled, that
   * rejection ends the process, as an uncaught error of a service on the calling thread would; once
   * `close()` was called, `close()`'s own rejection carries the error instead.
   */
  readonly closed: Promise<void>;
  /**
   * How many long polls the service holds open now, asked on its thread (see
   * {@link LocalSwfEndpoint.waitingPolls}). Rejects once the thread is closing or has stopped.
   */
  waitingPolls(): Promise<number>;
}

/** The service's thread stopped without being closed (see {@link LocalSwfServerThread.closed}). */
export class ServerThreadError extends SwfFlowError {
  override readonly name = 'ServerThreadError';
}

/**
 * Starts the local SWF service on a thread of its own (a `node:worker_threads` Worker) and serves it
 * over HTTP, like `createServer` does on the calling thread. The service and the code that calls it
 * (workers, clients) then each have an event loop, and on a machine with two cores or more, a core:
 * a busy worker (a long replay, an activity burning CPU) no longer delays the service's answers, nor
 * the service the worker. What crosses the thread is what its clients need: `url`, `uiUrl`, `port`
 * and `close()`. Tools that need the service object or the in-process `requestHandler`, and tests
 * with a `ManualClock`, use `createServer`.
 *
 * Options are checked on the calling thread with `createServer`'s errors; failures of the start
 * (the port is taken, the data directory is in use by another service, a bad value found by the
 * service) reject with the error `createServer` would throw, with its class and fields.
 *
 * @throws ValidationError when an option cannot cross to a thread (a clock, a Lambda invoker,
 *   functions), saying what to do instead.
 * @example
 * ```ts
 * import { SWFClient } from '@aws-sdk/client-swf';
 * import { localSwfClientConfig, startServerThread } from '@swf-flow/server';
 *
 * const server = await startServerThread({ dataDir: './.swf-flow', port: 0 });
 * const swf = new SWFClient(localSwfClientConfig(server));  // over HTTP to the thread
 * // ... workers and clients on this thread ...
 * await server.close();
 * ```
 */
export async function startServerThread(options: ServerThreadOptions = {}): Promise<LocalSwfServerThread> {
  const { data, logger } = serverThreadData(options as CreateServerOptions);
  const worker = await spawnServerThread(data);
  const { url, port } = await started(worker, logger);
  return running(worker, url, port);
}

/** Sends the thread's log lines to `logger` for as long as the thread runs. */
function forwardLogs(worker: Worker, logger: Logger | undefined): void {
  if (!logger) return;
  worker.on('message', (message: FromServerThread) => {
    if (message.type === 'log') logger[message.level](message.message, message.meta);
  });
}

/** Resolves when the thread listens; rejects with its start's failure, or if it stops first. */
function started(worker: Worker, logger: Logger | undefined): Promise<{ url: string; port: number }> {
  forwardLogs(worker, logger);
  return new Promise((resolve, reject) => {
    const settle = (): void => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (message: FromServerThread): void => {
      if (message.type === 'listening') {
        settle();
        resolve({ url: message.url, port: message.port });
      } else if (message.type === 'failed') {
        settle();
        // The thread ends on its own after a failed start; end it for sure, so that nothing it
        // started keeps this process alive.
        void worker.terminate();
        reject(errorFromData(message.error));
      }
    };
    const onError = (err: Error): void => {
      settle();
      reject(new ServerThreadError(`the local SWF service's thread failed to start: ${err.message}`, { cause: err }));
    };
    const onExit = (code: number): void => {
      settle();
      reject(new ServerThreadError(`the local SWF service's thread exited with code ${code} before it listened`));
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
  });
}

/** The Worker behind each handle (internal: tests end a thread with it; not exported from the package). */
const workers = new WeakMap<LocalSwfServerThread, Worker>();

/** The `worker_threads` Worker that runs `server` (internal, for tests). */
export function serverThreadWorker(server: LocalSwfServerThread): Worker | undefined {
  return workers.get(server);
}

/** The handle of a thread that listens on `url`. */
function running(worker: Worker, url: string, port: number): LocalSwfServerThread {
  let closeAsked = false;
  let closeError: Error | undefined;
  let crash: Error | undefined;
  let asked = 0;
  /** `waitingPolls()` calls waiting for their answer. */
  const questions = new Map<number, { resolve: (count: number) => void; reject: (err: Error) => void }>();
  worker.on('message', (message: FromServerThread) => {
    if (message.type === 'waiting-polls') questions.get(message.id)?.resolve(message.count);
    else if (message.type === 'closed') {
      if (message.error) closeError = errorFromData(message.error);
      void worker.terminate();
    }
  });
  worker.on('error', (err) => {
    crash ??= new ServerThreadError(
      `the local SWF service's thread (${url}) stopped: ${err.message}; requests to it fail from now on`,
      { cause: err },
    );
  });
  const closed = new Promise<void>((resolve, reject) => {
    worker.on('exit', (code) => {
      for (const { reject: answer } of questions.values())
        answer(crash ?? new ServerThreadError(`the local SWF service at ${url} closed before answering`));
      if (closeAsked && !crash) return resolve();
      crash ??= new ServerThreadError(
        `the local SWF service's thread (${url}) exited with code ${code} without being closed; requests to it fail from now on`,
      );
      reject(crash);
    });
  });
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      closeAsked = true;
      closed.catch(() => undefined); // close()'s own rejection carries the error from here on
      if (!crash) worker.postMessage({ type: 'close' } satisfies ToServerThread);
      await closed;
      if (closeError) throw closeError;
    })());
  const waitingPolls = (): Promise<number> => {
    if (closeAsked || crash)
      return Promise.reject(crash ?? new ServerThreadError(`the local SWF service at ${url} is closed`));
    const id = ++asked;
    return new Promise<number>((resolve, reject) => {
      questions.set(id, { resolve, reject });
      worker.postMessage({ type: 'waiting-polls', id } satisfies ToServerThread);
    }).finally(() => questions.delete(id));
  };
  const server: LocalSwfServerThread = {
    url,
    uiUrl: `${url}/`,
    port,
    threadId: worker.threadId,
    closed,
    close,
    waitingPolls,
  };
  workers.set(server, worker);
  return server;
}
