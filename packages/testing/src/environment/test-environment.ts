/**
 * `TestWorkflowEnvironment`: the local SWF service in this process (no socket, in-memory SQLite),
 * an `SWFClient` and a `WorkflowClient` on it, workers on demand, and time skipping: a workflow
 * that sleeps a day finishes in milliseconds.
 */
import { RegisterDomainCommand, SWFClient } from '@aws-sdk/client-swf';
import {
  ValidationError,
  consoleLogger,
  didYouMean,
  withoutSdkNodeWarning,
  jsonDataConverter,
  parseDuration,
  type DataConverter,
  type Duration,
  type Logger,
} from '@swf-flow/common';
import { ManualClock, localSwfClientConfig, systemClock, type Clock } from '@swf-flow/server';
import { SwfService, createInProcessHandler, outstandingWork, type TaskListWork } from '@swf-flow/server/embedding';
import { Worker, type WorkerOptions } from '@swf-flow/worker';
import { countingHandler, type CountingHandler } from './counting-handler.js';
import { servedTaskLists, type ServedTaskLists } from './served-task-lists.js';
import { TestWorkflowClient } from './test-workflow-client.js';
import { TimeSkipper } from './time-skipper.js';

/** Options of {@link TestWorkflowEnvironment.create}. */
export interface TestWorkflowEnvironmentOptions {
  /**
   * The SWF domain of the client and the workers (registered at once, 90 days of retention).
   * @default 'test'
   */
  domain?: string;
  /**
   * Skip time: the service runs on a manual clock that jumps to the next timer or timeout whenever
   * a `result()` is awaited and the workers have nothing to do; `sleep()` moves it by a duration.
   * With `false` the service runs on real time and `sleep()` waits for real.
   * @default true
   */
  timeSkipping?: boolean;
  /**
   * Where the clock starts with time skipping (a `Date` or ms since the epoch).
   * @default the real current time
   */
  startTime?: Date | number;
  /**
   * Converts arguments, results and signals, for the client and (unless they say otherwise) workers.
   * @default jsonDataConverter
   */
  dataConverter?: DataConverter;
  /**
   * Where workers created by {@link TestWorkflowEnvironment.createWorker} log (unless given their own)
   * and where the service reports internal failures.
   * @default warnings and errors to the console (info and debug dropped)
   */
  logger?: Logger;
}

const ENVIRONMENT_KEYS: readonly string[] = [
  'domain',
  'timeSkipping',
  'startTime',
  'dataConverter',
  'logger',
] satisfies ReadonlyArray<keyof TestWorkflowEnvironmentOptions>;

/** Options of {@link TestWorkflowEnvironment.createWorker}: a worker's options without `swf` and `domain`. */
export type TestWorkerOptions = Omit<WorkerOptions, 'swf' | 'domain'>;

const RETENTION_DAYS = '90';

/** The default logger: what went wrong, without the workers' routine info lines. */
const quietLogger: Logger = { debug: () => {}, info: () => {}, warn: consoleLogger.warn, error: consoleLogger.error };

/**
 * An in-process SWF service with a client and workers on it, for tests.
 *
 * @example
 * ```ts
 * const env = await TestWorkflowEnvironment.create();
 * const worker = await env.createWorker({ taskList: 'orders', workflows: [orderWorkflow], activities: [new OrderActivities()] });
 * const handle = await env.client.start(orderWorkflow, { workflowId: 'order-1', args: [order] });
 * expect(await worker.runUntil(handle.result())).toBe('shipped'); // a day of timers in milliseconds
 * await env.teardown();
 * ```
 */
export class TestWorkflowEnvironment {
  /** The SWF client on the in-process service (no socket). */
  readonly swf: SWFClient;
  /** A workflow client on {@link domain}; its handles skip time in `result()`. */
  readonly client: TestWorkflowClient;
  private readonly workers: { worker: Worker; served: ServedTaskLists }[] = [];
  private tornDown: Promise<void> | undefined;

  private constructor(
    /** The local service (in-memory SQLite). */
    readonly service: SwfService,
    /** The service's clock: a `ManualClock` with time skipping, else the system clock. */
    readonly clock: Clock,
    handler: CountingHandler,
    private readonly skipper: TimeSkipper | undefined,
    /** The domain of the client and the workers. */
    readonly domain: string,
    private readonly dataConverter: DataConverter,
    private readonly logger: Logger,
  ) {
    this.swf = withoutSdkNodeWarning(() => new SWFClient(localSwfClientConfig({ requestHandler: handler })));
    this.client = new TestWorkflowClient({ swf: this.swf, domain, dataConverter }, skipper);
  }

  /**
   * Starts the in-process service and registers the domain.
   * @throws ValidationError for wrong options.
   * @example
   * ```ts
   * const env = await TestWorkflowEnvironment.create({ domain: 'orders' });
   * const worker = await env.createWorker({ taskList: 'orders', workflows: [orderWorkflow], activities: [new OrderActivities()] });
   * const handle = await env.client.start(orderWorkflow, { workflowId: 'order-1', args: [order] });
   * expect(await worker.runUntil(handle.result())).toBe('ch_1');
   * await env.teardown();
   * ```
   */
  static async create(options: TestWorkflowEnvironmentOptions = {}): Promise<TestWorkflowEnvironment> {
    if (typeof options !== 'object' || options === null)
      throw new ValidationError('TestWorkflowEnvironment.create takes an options object');
    for (const key of Object.keys(options))
      if (!ENVIRONMENT_KEYS.includes(key))
        throw new ValidationError(
          `TestWorkflowEnvironment.create: unknown option '${key}'${didYouMean(key, ENVIRONMENT_KEYS, (n) => n)}; the options are ${ENVIRONMENT_KEYS.join(', ')}`,
        );
    const domain = options.domain ?? 'test';
    const timeSkipping = options.timeSkipping ?? true;
    if (typeof timeSkipping !== 'boolean')
      throw new ValidationError(`timeSkipping must be true or false; got ${String(timeSkipping)}`);
    if (typeof domain !== 'string') throw new ValidationError(`domain must be a string; got ${typeof domain}`);
    const logger = options.logger ?? quietLogger;
    if (
      ['debug', 'info', 'warn', 'error'].some(
        (level) => typeof (logger as unknown as Record<string, unknown>)[level] !== 'function',
      )
    ) {
      throw new ValidationError('logger must have debug, info, warn and error methods');
    }
    const dataConverter = options.dataConverter ?? jsonDataConverter;
    if (typeof dataConverter?.toPayload !== 'function' || typeof dataConverter?.fromPayload !== 'function') {
      throw new ValidationError('dataConverter must have toPayload(value) and fromPayload(payload) methods');
    }
    const clock = timeSkipping ? new ManualClock(startMs(options.startTime)) : systemClock;
    const service = SwfService.open({ dataDir: ':memory:', clock, logger });
    const handler = countingHandler(createInProcessHandler(service));
    let env: TestWorkflowEnvironment | undefined;
    const skipper = !(clock instanceof ManualClock)
      ? undefined
      : new TimeSkipper({
          clock,
          work: () => outstandingWork(service),
          isServed: (task) => env?.isServed(task) ?? false,
          writesInFlight: () => handler.writesInFlight,
          logger,
        });
    env = new TestWorkflowEnvironment(service, clock, handler, skipper, domain, dataConverter, logger);
    try {
      await env.swf.send(
        new RegisterDomainCommand({ name: domain, workflowExecutionRetentionPeriodInDays: RETENTION_DAYS }),
      );
    } catch (err) {
      await env.teardown();
      throw new ValidationError(
        `TestWorkflowEnvironment could not register domain ${JSON.stringify(domain)}: ${(err as Error).message}`,
        { cause: err },
      );
    }
    return env;
  }

  /** Whether time skips (the `timeSkipping` option). */
  get timeSkipping(): boolean {
    return this.skipper !== undefined;
  }

  /**
   * Creates a worker on the environment's service and domain (registering its types; `run()` or
   * `runUntil()` it). The environment's logger and data converter are its defaults, signal handling
   * is off, a `NonDeterminismError` fails the workflow (`failWorkflowOnNonDeterminism` defaults to
   * `true` here, so that the test fails instead of waiting for a decision task timeout), and
   * {@link teardown} shuts it down.
   * @throws ValidationError for wrong options, `swf` or `domain` among them, or after teardown.
   */
  async createWorker(options: TestWorkerOptions): Promise<Worker> {
    if (this.tornDown) throw new ValidationError('createWorker: the test environment is torn down');
    if (typeof options !== 'object' || options === null)
      throw new ValidationError('createWorker needs worker options with at least a taskList');
    for (const key of ['swf', 'domain'] as const) {
      if (key in options)
        throw new ValidationError(
          `createWorker: do not pass ${key}; the worker uses the environment's (domain ${this.domain})`,
        );
    }
    const worker = await Worker.create({
      logger: this.logger,
      dataConverter: this.dataConverter,
      handleSignals: false,
      failWorkflowOnNonDeterminism: true,
      ...options,
      swf: this.swf,
      domain: this.domain,
    });
    this.workers.push({ worker, served: servedTaskLists(options) });
    return worker;
  }

  /** The service's current time, in ms since the epoch (what workflows see as `Date.now()`). */
  now(): number {
    return this.clock.now();
  }

  /**
   * Lets `duration` pass. With time skipping, moves the clock deadline by deadline (timers fire and
   * the workers react to each in turn) and returns within milliseconds; without, waits for real.
   */
  async sleep(duration: Duration): Promise<void> {
    const ms = parseDuration(duration, 'sleep duration');
    if (this.skipper) await this.skipper.sleep(ms);
    else await new Promise((resolve) => setTimeout(resolve, ms));
  }

  /**
   * Shuts down every worker created here (letting tasks in flight finish), then closes the client and
   * the service. Safe to call twice.
   */
  teardown(): Promise<void> {
    return (this.tornDown ??= (async () => {
      this.skipper?.close();
      await Promise.allSettled(this.workers.map(({ worker }) => worker.shutdown()));
      this.swf.destroy();
      this.service.close();
    })());
  }

  private isServed(task: TaskListWork): boolean {
    if (task.domain !== this.domain) return false;
    return this.workers.some(
      ({ worker, served }) => worker.state === 'RUNNING' && served[task.kind].has(task.taskList),
    );
  }
}

function startMs(start: Date | number | undefined): number {
  if (start === undefined) return Date.now();
  const ms = start instanceof Date ? start.getTime() : start;
  if (!Number.isFinite(ms))
    throw new ValidationError(`startTime must be a Date or ms since the epoch; got ${String(start)}`);
  return ms;
}
