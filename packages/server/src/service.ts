/**
 * The SWF service without transport: validates each request against the model and dispatches it to
 * the registry or the execution engine. The HTTP front and the in-process SDK handler both call
 * {@link SwfService.handle}.
 */
import { type Logger, consoleLogger } from '@swf-flow/common';
import { type Clock, systemClock } from './clock.js';
import { type Db, type Durability, groupCommitOf, openDatabase, turnBatchOf } from './db.js';
import { Engine, engineSchema } from './engine/index.js';
import { createLambdaInvoker, type LambdaSource } from './lambda/source.js';
import { SwfFault } from './faults.js';
import { isKnownOperation, preview, validateInput } from './model/validate.js';
import type {
  OperationContext,
  OperationHandler,
  OperationHandlers,
  PartialOperationHandlers,
  SwfOperationName,
} from './operation.js';
import { operationTable } from './operation-table.js';
import { Registry, registrySchema } from './registry/index.js';
import { type GroupCommit } from './storage/group-commit.js';
import { type TurnBatch } from './storage/turn-batch.js';

/** A part of the service that implements operations (the registry, the engine). */
export interface ServiceComponent {
  /** Its operations by SWF operation name (together, the parts implement each operation once). */
  handlers: PartialOperationHandlers;
  /** Starts background work (timers, timeouts, retention), if any. */
  start?(): void;
  /** Stops background work and wakes pending polls. */
  close?(): void;
  /** How many long polls it holds open, if it serves any. */
  waitingPolls?(): number;
}

/** Options of {@link SwfService.open}. */
export interface SwfServiceOptions {
  /**
   * Where the state lives: a directory (created if needed; holds `swf.sqlite`) or `':memory:'`.
   * @default ':memory:'
   */
  dataDir?: string;
  /**
   * When an accepted request counts as stored: `'full'` flushes every commit to the disk before
   * answering (survives a power loss); `'normal'` survives a killed process only, and is cheaper.
   * Ignored for `':memory:'`.
   * @default 'full'
   */
  durability?: Durability;
  /**
   * The service's time: timers, timeouts, timestamps. Pass a `ManualClock` to skip time in tests.
   * @default systemClock
   */
  clock?: Clock;
  /**
   * How long a poll waits for a task before answering with an empty task, in ms (SWF: 60 s); from
   * 0 (answer at once) to 2147483647 (the longest a Node.js timer waits).
   * @default 60000
   */
  pollTimeoutMs?: number;
  /**
   * How often closed executions past their domain's retention are purged, in ms.
   * @default 3600000
   */
  retentionCheckIntervalMs?: number;
  /**
   * The region in domain ARNs.
   * @default 'us-east-1'
   */
  region?: string;
  /**
   * The account id in domain ARNs.
   * @default '000000000000'
   */
  accountId?: string;
  /**
   * Where internal failures (bugs, not faults) are reported with their stack.
   * @default consoleLogger
   */
  logger?: Logger;
  /**
   * Where the functions of Lambda tasks (`ScheduleLambdaFunction`) come from: local handler
   * modules (`{ handlers: './lambdas' }`: `<name>.js` or `<name>.ts` exporting
   * `handler(event, context)`, each run in a process of its own), a Lambda-compatible endpoint
   * (`{ endpoint: 'http://127.0.0.1:3001' }`, invoked with the Lambda API's `Invoke`), or an
   * invoker of your own.
   * @default none: every function is unknown (`LambdaFunctionFailed` with `ResourceNotFoundException`)
   */
  lambdas?: LambdaSource;
}

/** What an {@link SwfService} is made of. */
export interface SwfServiceParts {
  /** The open database; closed with the service. */
  db: Db;
  /** The registry. */
  registry: Registry;
  /** Further operation providers (the engine). */
  components?: ServiceComponent[];
  /**
   * Where internal failures are reported.
   * @default consoleLogger
   */
  logger?: Logger;
}

/** The longest a Node.js timer waits, in ms (about 24.8 days): a longer delay fires at once. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Refuses the options a timer cannot keep: a poll time out of 0..{@link MAX_TIMER_MS} (a longer one
 * would end every poll at once, and NaN too), a retention check interval that is not positive.
 * @throws RangeError naming the option and what it must be.
 */
function checkTimerOptions(options: SwfServiceOptions): void {
  const poll = options.pollTimeoutMs;
  if (poll !== undefined && !(Number.isFinite(poll) && poll >= 0 && poll <= MAX_TIMER_MS))
    throw new RangeError(
      `pollTimeoutMs must be a number of milliseconds from 0 to ${MAX_TIMER_MS} (about 24.8 days, the longest a Node.js timer waits); got ${poll}`,
    );
  const retention = options.retentionCheckIntervalMs;
  if (retention !== undefined && !(Number.isFinite(retention) && retention > 0))
    throw new RangeError(`retentionCheckIntervalMs must be a positive number of milliseconds; got ${retention}`);
}

/**
 * The local SWF service: every one of the 39 operations of the model, over SQLite.
 *
 * @example
 * ```ts
 * const service = SwfService.open({ dataDir: ':memory:' });
 * await service.handle('RegisterDomain', { name: 'sample', workflowExecutionRetentionPeriodInDays: '1' });
 * await service.handle('DescribeDomain', { name: 'sample' });
 * service.close();
 * ```
 */
export class SwfService {
  /** The database (for tools and tests; requests go through {@link SwfService.handle}). */
  readonly db: Db;
  /** The registry of domains and types. */
  readonly registry: Registry;
  private readonly handlers: OperationHandlers;
  private readonly components: ServiceComponent[];
  /** Where internal failures are reported (the service's and its HTTP front's). */
  readonly logger: Logger;
  private closed = false;
  /** With durability `full`: answers wait for the shared flush of what was committed before them. */
  private readonly commits: GroupCommit | undefined;
  /** On a data directory: the transaction of the turn's requests, committed at the end of the turn. */
  private readonly batches: TurnBatch | undefined;

  /**
   * Opens the database in `dataDir`, creates the registry and the engine and starts them.
   * @example
   * ```ts
   * const service = SwfService.open({ dataDir: ':memory:' });
   * const swf = new SWFClient(localSwfClientConfig({ requestHandler: createInProcessHandler(service) }));
   * ```
   */
  static open(options: SwfServiceOptions = {}): SwfService {
    checkTimerOptions(options);
    const clock = options.clock ?? systemClock;
    const logger = options.logger ?? consoleLogger;
    const lambdaInvoker = options.lambdas === undefined ? undefined : createLambdaInvoker(options.lambdas, logger);
    let db: Db;
    try {
      db = openDatabase(options.dataDir ?? ':memory:', [...registrySchema, ...engineSchema], {
        groupCommit: true,
        logger,
        ...(options.durability ? { durability: options.durability } : {}),
      });
    } catch (err) {
      lambdaInvoker?.close();
      throw err;
    }
    try {
      const registry = new Registry({ db, clock, region: options.region, accountId: options.accountId });
      const engine = new Engine({
        db,
        clock,
        registry,
        logger,
        ...(lambdaInvoker ? { lambdaInvoker } : {}),
        config: {
          ...(options.pollTimeoutMs !== undefined ? { pollTimeoutMs: options.pollTimeoutMs } : {}),
          ...(options.retentionCheckIntervalMs !== undefined
            ? { retentionCheckIntervalMs: options.retentionCheckIntervalMs }
            : {}),
        },
      });
      const service = new SwfService({
        db,
        registry,
        components: [engine],
        ...(options.logger ? { logger: options.logger } : {}),
      });
      service.start();
      return service;
    } catch (err) {
      lambdaInvoker?.close();
      db.close();
      throw err;
    }
  }

  constructor(parts: SwfServiceParts) {
    this.db = parts.db;
    this.registry = parts.registry;
    this.logger = parts.logger ?? consoleLogger;
    this.commits = groupCommitOf(parts.db);
    this.batches = turnBatchOf(parts.db);
    this.components = [{ handlers: parts.registry.handlers }, ...(parts.components ?? [])];
    this.handlers = operationTable(this.components.map((c) => c.handlers));
  }

  /** Starts the components' background work (called by {@link SwfService.open}). */
  start(): void {
    for (const c of this.components) c.start?.();
  }

  /**
   * Runs one operation: validates `input` against the model, dispatches, and returns the output in
   * wire form (`{}` for operations without output). Throws an `SwfFault` for every error; anything
   * else becomes an `InternalFailure`.
   */
  async handle(operation: string, input: unknown, ctx: OperationContext = {}): Promise<unknown> {
    return this.handleAndRender(operation, input, ctx, (output) => output);
  }

  /**
   * Runs one operation as {@link SwfService.handle} does and turns its output into an answer with
   * `render` (the wire protocol serializes it) while the flush of what the answer may show is under
   * way; resolves with what `render` made only once that flush is done (durability `full`). Faults
   * are thrown as by `handle`, and a flush that fails turns the answer into an `InternalFailure`.
   */
  async handleAndRender<T>(
    operation: string,
    input: unknown,
    ctx: OperationContext,
    render: (output: unknown) => T,
  ): Promise<T> {
    if (this.closed) throw new SwfFault('InternalFailure', 'The service is shut down.');
    if (!isKnownOperation(operation))
      throw new SwfFault('UnknownOperationException', `Unknown operation: ${preview(operation)}`);
    return this.run(operation, input, ctx, render);
  }

  /** Validates `input` as operation `K`'s input and runs its handler: typed from here on. */
  private async run<K extends SwfOperationName, T>(
    operation: K,
    input: unknown,
    ctx: OperationContext,
    render: (output: unknown) => T,
  ): Promise<T> {
    const valid = validateInput(operation, input);
    const handler: OperationHandler<K> = this.handlers[operation];
    let output: unknown;
    let failed = false;
    let failure: unknown;
    // The turn's transaction (storage/turn-batch.ts) the handler read or wrote in, if any: open
    // right after its synchronous part, which is where every handler reads and writes (a long poll
    // that claims later waits for the commit of its claim in the engine). It commits at the end of
    // the turn; the answer, or the fault, waits for that commit, and a commit that fails fails it.
    let batch: Promise<void> | undefined;
    try {
      const pending = handler(valid, ctx);
      batch = this.batches?.pending();
      output = (await pending) ?? {};
    } catch (err) {
      batch ??= this.batches?.pending();
      failed = true;
      failure = err;
    }
    try {
      if (batch) await batch;
      if (failed) throw failure;
      // No answer leaves before what it may have seen is on the disk (durability full); it is
      // rendered while the flush runs, and handed over once it is done.
      const flushed = this.commits?.durable();
      let answer: T;
      try {
        answer = render(output);
      } finally {
        await flushed;
      }
      return answer;
    } catch (err) {
      if (err instanceof SwfFault) {
        await this.commits?.durable();
        throw err;
      }
      const message = err instanceof Error ? err.message : String(err);
      this.logger.error(`internal failure in ${operation}: ${message}`, {
        stack: err instanceof Error ? err.stack : undefined,
      });
      const internal = new SwfFault('InternalFailure', `Internal failure in ${operation}: ${message}`);
      internal.cause = err;
      throw internal;
    }
  }

  /**
   * How many long polls (PollForDecisionTask, PollForActivityTask) are waiting for a task right
   * now. Lets a test wait until a poller is really waiting, or really gone, instead of sleeping.
   */
  waitingPolls(): number {
    return this.components.reduce((sum, c) => sum + (c.waitingPolls?.() ?? 0), 0);
  }

  /** Whether {@link close} was called: a closed service answers nothing again. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Stops the components and closes the database. Safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    // The turn's requests are committed first, so that polls handed tasks in it get them before
    // the engine ends the waiting ones.
    this.batches?.commitNow();
    for (const c of [...this.components].reverse()) c.close?.();
    this.db.close();
  }
}
