/**
 * One process for development: start the local service, run your workers
 * against it over HTTP, hand the body a client, and shut everything down whatever happens.
 */
import { WorkflowClient, type WorkflowHandle } from '@swf-flow/client';
import { ValidationError, checkSwfName, didYouMean, shownValue, type HistoryEvent } from '@swf-flow/common';
import type { LambdaSource, LocalSwfClientConfig } from '@swf-flow/server';
import type { Worker } from '@swf-flow/worker';
import { localDataDir } from './data-dir.js';
import { startLocalService } from './local-service.js';
import { followHistory } from './progress.js';
import { runWorkers } from './workers.js';

/** What the body of {@link runLocal} gets. */
export interface LocalSession {
  /** A client on the domain. */
  client: WorkflowClient;
  /** Writes a progress line. */
  print: (line: string) => void;
  /** Prints each event of the handle's run (and the runs it continues as) as it lands; resolves with them once it closes. */
  follow(handle: WorkflowHandle<unknown>): Promise<HistoryEvent[][]>;
  /** {@link LocalSession.follow} and the run's result together. */
  watch<T>(handle: WorkflowHandle<T>): Promise<[HistoryEvent[][], T]>;
}

const KEYS: readonly string[] = ['domain', 'createWorkers', 'dataDir', 'print', 'lambdas'] satisfies ReadonlyArray<
  keyof RunLocalOptions
>;

/** Checks runLocal's options before anything starts (a key it did not know was dropped: `data` wrote ./.swf-flow). */
function checkRunLocalOptions(options: RunLocalOptions): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw new ValidationError(`runLocal needs options like { domain, createWorkers }; got ${shownValue(options)}`);
  for (const key of Object.keys(options))
    if (!KEYS.includes(key))
      throw new ValidationError(
        `runLocal: unknown option '${key}'${didYouMean(key, KEYS, (n) => n)}; the options are ${KEYS.join(', ')}`,
      );
  checkSwfName(options.domain, 'runLocal: domain');
  if (typeof options.createWorkers !== 'function')
    throw new ValidationError(
      `runLocal: createWorkers must be a function (swf) => Promise<Worker[]>; got ${shownValue(options.createWorkers)}`,
    );
  if (options.print !== undefined && typeof options.print !== 'function')
    throw new ValidationError(`runLocal: print must be a function (line) => void; got ${shownValue(options.print)}`);
}

/** Options of {@link runLocal}. */
export interface RunLocalOptions {
  /** The SWF domain. */
  domain: string;
  /** Builds the workers on the given SWF configuration. */
  createWorkers: (swf: LocalSwfClientConfig) => Promise<Worker[]>;
  /** The local service's data directory, or `':memory:'`. @default $SWF_FLOW_DATA or ./.swf-flow */
  dataDir?: string;
  /** Where progress lines go. @default console.log */
  print?: (line: string) => void;
  /** Where the service gets Lambda tasks' functions: `{ handlers: dir }` or `{ endpoint: url }`. @default none */
  lambdas?: LambdaSource;
}

/**
 * Runs `body` with the local service and the workers up; stops the workers (in-flight
 * tasks finish) and the service afterwards, also when `body` throws.
 *
 * @example
 * ```ts
 * const result = await runLocal(
 *   { domain: 'hello', createWorkers: async (swf) => [await Worker.create({ swf, domain: 'hello', taskList: 'default', workflows: [helloWorld], activities: [new EchoActivities()] })] },
 *   async ({ client, watch }) => (await watch(await client.start(helloWorld, { workflowId: 'hello-1', args: ['World'] })))[1],
 * );
 * ```
 */
export async function runLocal<T>(options: RunLocalOptions, body: (session: LocalSession) => Promise<T>): Promise<T> {
  checkRunLocalOptions(options);
  const print = options.print ?? ((line: string) => console.log(line));
  const dataDir = options.dataDir ?? localDataDir();
  const { server, swf } = await startLocalService({
    dataDir,
    ...(options.lambdas === undefined ? {} : { lambdas: options.lambdas }),
  });
  try {
    print(`local SWF service at ${server.url} (data: ${dataDir})`);
    const later = dataDir === ':memory:' ? '' : `; \`npx swf-flow server --data ${dataDir}\` serves it afterwards`;
    print(`web UI at ${server.uiUrl} while this runs${later}`);
    const workers = runWorkers(await options.createWorkers(swf));
    try {
      const client = new WorkflowClient({ swf, domain: options.domain });
      const follow = (handle: WorkflowHandle<unknown>): Promise<HistoryEvent[][]> =>
        followHistory(client, handle.workflowId, handle.runId ?? '', { print });
      return await body({
        client,
        print,
        follow,
        watch: <R>(handle: WorkflowHandle<R>) => Promise.all([follow(handle), handle.result()]),
      });
    } finally {
      await workers.stop();
    }
  } finally {
    await server.close();
  }
}
