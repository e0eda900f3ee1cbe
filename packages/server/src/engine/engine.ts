/**
 * The execution engine: every SWF operation that is not about the registry, over SQLite, with
 * long polls in memory and deadlines on the clock.
 */
import type Database from 'better-sqlite3';
import { consoleLogger, type Logger } from '@swf-flow/common';
import { type Clock } from '../clock.js';
import { type Db, turnBatchOf } from '../db.js';
import { type Batch, type TurnBatch } from '../storage/turn-batch.js';
import { type LambdaInvoker, noLambdaSource } from '../lambda/invoker.js';
import { claimActivity } from './activities.js';
import { type DeadlineRow, Scheduler } from './deadlines.js';
import { claimDecision } from './decision-tasks.js';
import { type RespondDecisionInput, respondDecisionTaskCompleted } from './decisions/respond.js';
import { describeWorkflowExecution } from './describe.js';
import {
  requestCancelWorkflowExecution,
  signalWorkflowExecution,
  startWorkflowExecution,
  terminateWorkflowExecution,
} from './execution-ops.js';
import { getWorkflowExecutionHistory } from './history.js';
import { LambdaDispatch } from './lambda-dispatch.js';
import { allOpenLambdas, finishLambda } from './lambdas.js';
import { enforceHistoryLimit } from './limits.js';
import {
  countClosedWorkflowExecutions,
  countOpenWorkflowExecutions,
  listClosedWorkflowExecutions,
  listOpenWorkflowExecutions,
} from './list-ops.js';
import { longPoll } from './long-poll.js';
import { Waiters, waitKey } from './polls.js';
import { purgeExpired } from './retention.js';
import { migrateEngineSchema } from './schema.js';
import type { PollForActivityTaskInput, PollForDecisionTaskInput } from '../model/wire-types.js';
import type { EngineHandlers, OperationContext, OperationOutput } from '../operation.js';
import {
  countPendingActivityTasks,
  countPendingDecisionTasks,
  decisionTaskAnswer,
  decisionTaskNextPage,
  recordActivityTaskHeartbeat,
  respondActivityTaskCanceled,
  respondActivityTaskCompleted,
  respondActivityTaskFailed,
} from './task-ops.js';
import { fireDeadline } from './timeouts.js';
import { failureMeta } from '../failure-meta.js';
import {
  type Ctx,
  type EngineConfig,
  type EngineServices,
  type RegistryLike,
  type ResolvedConfig,
  type TaskKind,
  newTxState,
} from './types.js';

/** SQLite refused a lock another connection holds (SQLITE_BUSY and its extended codes). */
function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/** A failure of the database rather than of the code: busy, locked, full, read-only, I/O, memory. */
function isStorageFailure(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED|FULL|IOERR|NOMEM|READONLY|CANTOPEN|PROTOCOL)/.test(code);
}

/** Options of {@link Engine}. */
export interface EngineOptions {
  db: Db;
  clock: Clock;
  registry: RegistryLike;
  config?: EngineConfig;
  /**
   * Runs the functions of Lambda tasks.
   * @default none: every function is unknown (`LambdaFunctionFailed`, `ResourceNotFoundException`)
   */
  lambdaInvoker?: LambdaInvoker;
  /** Where failures of background work are reported. @default consoleLogger */
  logger?: Logger;
}

/** The execution engine. Call {@link Engine.start} once to arm stored deadlines. */
export class Engine {
  /** The engine's operations by SWF operation name (every operation that is not the registry's). */
  readonly handlers: EngineHandlers;
  private readonly services: EngineServices;
  private readonly logger: Logger;
  private readonly waiters = new Waiters();
  private readonly scheduler: Scheduler;
  /** One better-sqlite3 transaction function for every request (not one built per call). */
  private readonly transaction: (c: Ctx, fn: (c: Ctx) => unknown) => unknown;
  /**
   * {@link transaction} for a request's own transaction (not a savepoint): hands tasks to waiting
   * polls. Always begun IMMEDIATE (see {@link tx}).
   */
  private readonly outermost: Database.Transaction<(c: Ctx, fn: (c: Ctx) => unknown) => unknown>;
  private readonly lambdas: LambdaDispatch;
  /**
   * The transaction of the turn's requests (`storage/turn-batch.ts`), on a data directory: each
   * request's transaction is a savepoint of it, committed at the end of the turn.
   */
  private readonly batch: TurnBatch | undefined;
  /** The batch the last transaction that was not nested in another joined (undefined: its own). */
  private lastBatch: Batch | undefined;
  /** The context of the transaction running now, if one is: a transaction begun inside it joins it. */
  private current: Ctx | undefined;
  private cancelRetention: (() => void) | undefined;
  private closed = false;

  constructor(opts: EngineOptions) {
    migrateEngineSchema(opts.db);
    const config: ResolvedConfig = {
      pollTimeoutMs: opts.config?.pollTimeoutMs ?? 60_000,
      retentionCheckIntervalMs: opts.config?.retentionCheckIntervalMs ?? 3_600_000,
      maxHistoryEvents: opts.config?.maxHistoryEvents ?? 25_000,
      maxOpenPerExecution: opts.config?.maxOpenPerExecution ?? 1_000,
    };
    this.logger = opts.logger ?? consoleLogger;
    this.batch = turnBatchOf(opts.db);
    this.scheduler = new Scheduler(
      opts.db,
      opts.clock,
      (due) =>
        this.ownTx((c) => {
          for (let round = 0; round < 1000; round++) {
            const rows = due();
            if (rows.length === 0) break;
            for (const d of rows) this.fireOne(c, d);
          }
        }),
      (err, failuresInARow, retryInMs) =>
        this.logger.error(
          `swf-flow engine: processing due deadlines failed (${failuresInARow} in a row); retrying in ${retryInMs} ms`,
          failureMeta(err),
        ),
    );
    this.lambdas = new LambdaDispatch({
      invoker: opts.lambdaInvoker ?? noLambdaSource,
      now: () => opts.clock.now(),
      record: (task, outcome) => this.ownTx((c) => finishLambda(c, task.run_id, task.scheduled_id, outcome)),
      logger: this.logger,
    });
    this.services = {
      db: opts.db,
      clock: opts.clock,
      registry: opts.registry,
      config,
      wake: (kind: TaskKind, domain: string, taskList: string) => {
        const key = waitKey(kind, domain, taskList);
        // Inside a transaction, the pollers of that task list are served when it ends (handOff).
        if (this.current) this.current.tx.wakes.add(key);
        else this.waiters.wake(key);
      },
      noteDeadline: (at: number) => this.scheduler.note(at),
      abortLambda: (runId, scheduledId) => this.lambdas.abort(runId, scheduledId),
    };
    this.transaction = opts.db.transaction((c: Ctx, fn: (c: Ctx) => unknown) => {
      const result = fn(c);
      enforceHistoryLimit(c);
      return result;
    });
    this.outermost = opts.db.transaction((c: Ctx, fn: (c: Ctx) => unknown) => {
      const result = fn(c);
      enforceHistoryLimit(c);
      // Pollers waiting on the task lists this transaction made tasks ready on claim them now, in
      // savepoints of it: one commit (and, with durability full, one flush) for both requests.
      for (const key of c.tx.wakes) c.tx.handOffs.push(...this.waiters.handOff(key));
      return result;
    });
    const sync =
      <I, O>(fn: (ctx: Ctx, input: I) => O): ((input: I) => O) =>
      (input: I) =>
        this.tx((c) => fn(c, input));
    /** An operation that only reads: its transaction takes no write lock (see {@link tx}). */
    const read =
      <I, O>(fn: (ctx: Ctx, input: I) => O): ((input: I) => O) =>
      (input: I) =>
        this.tx((c) => fn(c, input), 'read');
    this.handlers = {
      StartWorkflowExecution: sync(startWorkflowExecution),
      SignalWorkflowExecution: sync(signalWorkflowExecution),
      RequestCancelWorkflowExecution: sync(requestCancelWorkflowExecution),
      TerminateWorkflowExecution: sync(terminateWorkflowExecution),
      DescribeWorkflowExecution: read(describeWorkflowExecution),
      GetWorkflowExecutionHistory: read(getWorkflowExecutionHistory),
      ListOpenWorkflowExecutions: read(listOpenWorkflowExecutions),
      ListClosedWorkflowExecutions: read(listClosedWorkflowExecutions),
      CountOpenWorkflowExecutions: read(countOpenWorkflowExecutions),
      CountClosedWorkflowExecutions: read(countClosedWorkflowExecutions),
      PollForDecisionTask: (input, octx) => this.pollForDecisionTask(input, octx),
      RespondDecisionTaskCompleted: sync((ctx, input: RespondDecisionInput) => {
        respondDecisionTaskCompleted(ctx, input);
        return {};
      }),
      PollForActivityTask: (input, octx) => this.pollForActivityTask(input, octx),
      RespondActivityTaskCompleted: sync(respondActivityTaskCompleted),
      RespondActivityTaskFailed: sync(respondActivityTaskFailed),
      RespondActivityTaskCanceled: sync(respondActivityTaskCanceled),
      RecordActivityTaskHeartbeat: sync(recordActivityTaskHeartbeat),
      CountPendingDecisionTasks: read(countPendingDecisionTasks),
      CountPendingActivityTasks: read(countPendingActivityTasks),
    };
  }

  /**
   * Arms the stored deadlines (their original times) and the retention sweep, and invokes again
   * the functions of Lambda tasks left open by a previous process (their deadlines stand).
   */
  start(): void {
    this.closed = false;
    this.scheduler.start();
    this.armRetention();
    for (const task of allOpenLambdas(this.context())) this.lambdas.start(task);
  }

  /** Stops timers and ends waiting polls with empty answers. Stored state stays. */
  close(): void {
    this.closed = true;
    this.scheduler.close();
    this.cancelRetention?.();
    this.cancelRetention = undefined;
    this.waiters.close();
    this.lambdas.close();
  }

  /** How many Lambda functions run now (for tests and diagnostics). */
  runningLambdas(): number {
    return this.lambdas.runningCount();
  }

  /** How many long polls are waiting for a task right now (for tests and diagnostics). */
  waitingPolls(): number {
    return this.waiters.total();
  }

  /** Purges closed runs past retention now (also runs every `retentionCheckIntervalMs`). */
  purgeExpired(): number {
    return this.ownTx((c) => purgeExpired(c));
  }

  /** A context with a transaction state of its own. */
  private context(): Ctx {
    return { ...this.services, tx: newTxState() };
  }

  private armRetention(): void {
    this.cancelRetention?.();
    const at = this.services.clock.now() + this.services.config.retentionCheckIntervalMs;
    this.cancelRetention = this.services.clock.schedule(at, () => {
      if (this.closed) return;
      try {
        this.purgeExpired();
      } catch (err) {
        // Rolled back; the next sweep purges what this one could not.
        this.logger.error(
          'swf-flow engine: purging closed executions past retention failed; trying again at the next sweep',
          failureMeta(err),
        );
      }
      this.armRetention();
    });
  }

  /**
   * Processes one due deadline in a savepoint: a deadline whose processing fails (a bug) is dropped
   * (and reported) rather than retried in a hot loop, and the others still fire. A failure of the
   * database itself (busy, full, I/O) fails the whole run instead, which the scheduler retries.
   */
  private fireOne(c: Ctx, d: DeadlineRow): void {
    try {
      c.db.transaction(() => fireDeadline(c, d))();
    } catch (err) {
      c.tx.execs.clear(); // rows the rolled-back savepoint wrote: read them again
      if (isStorageFailure(err)) throw err;
      this.logger.error(
        `swf-flow engine: deadline ${d.kind} of run ${d.run_id} failed and was dropped`,
        failureMeta(err),
      );
    }
  }

  /**
   * Runs `fn` in one transaction with a context of its own, then enforces the history limit on the
   * runs it touched. Lambda invocations it asked for start once it is committed, and tasks it
   * claimed for waiting polls are handed to them then; a rolled-back transaction starts and hands
   * none. On a data directory, a request's transaction is a savepoint of its turn's batch
   * (`storage/turn-batch.ts`), committed at the end of the turn: a failure rolls back its
   * savepoint only, and what it hands over waits for the batch's commit. Begun inside another
   * transaction, it runs in a savepoint of that one and shares its context. `access: 'read'`
   * begins deferred when it is a transaction of its own, for an operation that never writes (no
   * write lock) or a poll's claim, which writes only when it found a task ({@link claimTx}).
   */
  private tx<T>(fn: (c: Ctx) => T, access: 'read' | 'write' = 'write', own = false): T {
    const outer = this.current;
    if (outer) {
      try {
        return this.transaction(outer, fn) as T;
      } catch (err) {
        outer.tx.execs.clear(); // rows the rolled-back savepoint wrote: read them again
        throw err;
      }
    }
    const batch = own ? undefined : this.batch?.join(access);
    this.lastBatch = batch;
    const c = this.context();
    this.current = c;
    let result: T;
    try {
      // One that may write begins IMMEDIATE: the write lock is taken at BEGIN, where SQLite waits
      // for it (busy_timeout) if another connection holds it for a moment (the checkpoint thread's
      // may, to recover the WAL index). A deferred transaction that read first and then writes is
      // refused at once instead (SQLITE_BUSY: no busy handler for a lock upgrade), a request failing
      // for nothing. One that only reads stays deferred and needs no write lock. In a batch (begun
      // IMMEDIATE), it is a savepoint.
      result = (batch || access === 'read' ? this.outermost(c, fn) : this.outermost.immediate(c, fn)) as T;
    } catch (err) {
      if (batch) {
        this.batch?.memberFailed(batch, err);
        this.batch?.memberDone(batch);
      } else if (!own) this.batch?.ownDone();
      this.rolledBack(c);
      throw err;
    } finally {
      this.current = undefined;
    }
    if (batch) {
      this.batch?.memberDone(batch);
      batch.afterCommit(() => this.committed(c));
      batch.afterRollback(() => this.rolledBack(c));
    } else {
      if (!own) this.batch?.ownDone();
      this.committed(c);
    }
    return result;
  }

  /**
   * A transaction of its own for work that is not a request (due deadlines, a Lambda task's
   * outcome, the retention sweep): the turn's batch, if one is open, is committed first, so that
   * this work commits (or fails and is retried) on its own, as its callers expect.
   */
  private ownTx<T>(fn: (c: Ctx) => T): T {
    if (!this.current) this.batch?.commitNow();
    return this.tx(fn, 'write', true);
  }

  /** A transaction committed: its waiting polls get their tasks, its Lambda tasks start. */
  private committed(c: Ctx): void {
    for (const handOff of c.tx.handOffs) handOff.deliver();
    for (const task of c.tx.lambdasToStart) this.lambdas.start(task);
  }

  /** A transaction rolled back: pollers that were claimed for (or due a wake-up) claim for themselves. */
  private rolledBack(c: Ctx): void {
    for (const handOff of c.tx.handOffs) handOff.retry();
    for (const key of c.tx.wakes) this.waiters.wake(key);
  }

  /**
   * A poll's claim of the next task, in a transaction of its own or, while the poll waits, in a
   * savepoint of the transaction that made a task ready (`Waiters.handOff`). Its own transaction
   * begins deferred: a poll that finds no task reads and parks without ever taking the write lock,
   * and one that finds a task takes it at its first write. Should another connection hold the lock
   * at that moment, SQLite refuses the upgrade at once (SQLITE_BUSY, no busy handler for it); the
   * claim, rolled back with nothing done, then runs again begun IMMEDIATE, which waits for the lock
   * (busy_timeout) as every other write transaction does (see {@link tx}).
   */
  private claimTx<T>(fn: (c: Ctx) => T | undefined): T | undefined {
    if (this.closed) return undefined;
    if (this.current) return this.tx(fn);
    try {
      return this.tx(fn, 'read');
    } catch (err) {
      if (!isBusy(err)) throw err;
      return this.tx(fn, 'write');
    }
  }

  /**
   * A poll's domain check, made in its first claim's transaction rather than in one of its own
   * (`UnknownResourceFault` before anything is claimed, as before); later claims skip it.
   */
  private knownDomain(name: string): { check: () => void } {
    let known = false;
    return {
      check: () => {
        if (known) return;
        this.services.registry.requireDomain(name);
        known = true;
      },
    };
  }

  /**
   * A poll's claims: remembers the turn batch its successful claim ran in (a claim of its own, not
   * one made for it inside another request's transaction, which is handed over only once that
   * commits), so that the poll answers only once that batch has committed.
   */
  private claims(): { claim<T>(fn: () => T | undefined): T | undefined; committed(): Promise<void> | undefined } {
    let batch: Batch | undefined;
    return {
      claim: (fn) => {
        const nested = this.current !== undefined;
        const task = fn();
        if (task !== undefined && !nested) batch = this.lastBatch;
        return task;
      },
      committed: () => batch?.outcome,
    };
  }

  private async pollForDecisionTask(
    input: PollForDecisionTaskInput,
    context?: OperationContext,
  ): Promise<OperationOutput<'PollForDecisionTask'>> {
    if (input.nextPageToken) {
      const nextPageToken = input.nextPageToken;
      return this.tx((c) => decisionTaskNextPage(c, { ...input, nextPageToken }), 'read');
    }
    const domain = this.knownDomain(input.domain);
    const claims = this.claims();
    const task = await longPoll({
      claim: () =>
        claims.claim(() =>
          this.claimTx((c) => {
            domain.check();
            const claimed = claimDecision(c, input.domain, input.taskList.name, input.identity);
            return claimed && decisionTaskAnswer(c, claimed, input);
          }),
        ),
      waiters: this.waiters,
      key: waitKey('decision', input.domain, input.taskList.name),
      timeoutMs: this.services.config.pollTimeoutMs,
      context,
    });
    const claimed = claims.committed();
    if (claimed) await claimed;
    return task ?? { startedEventId: 0, previousStartedEventId: 0 };
  }

  private async pollForActivityTask(
    input: PollForActivityTaskInput,
    context?: OperationContext,
  ): Promise<OperationOutput<'PollForActivityTask'>> {
    const domain = this.knownDomain(input.domain);
    const claims = this.claims();
    const task = await longPoll({
      claim: () =>
        claims.claim(() =>
          this.claimTx((c) => {
            domain.check();
            return claimActivity(c, input.domain, input.taskList.name, input.identity);
          }),
        ),
      waiters: this.waiters,
      key: waitKey('activity', input.domain, input.taskList.name),
      timeoutMs: this.services.config.pollTimeoutMs,
      context,
    });
    const claimed = claims.committed();
    if (claimed) await claimed;
    return task ?? { startedEventId: 0 };
  }
}
