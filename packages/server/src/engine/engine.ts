/**
 * The execution engine: every SWF operation that is not about the registry, over SQLite, with
 * long polls in memory and deadlines on the clock.
 */
import { consoleLogger, type Logger } from '@swf-flow/common';
import { type Clock } from '../clock.js';
import { type Db } from '../db.js';
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
import type { EngineHandlers, OperationOutput } from '../operation.js';
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
import { type Ctx, type EngineConfig, type RegistryLike, type ResolvedConfig, type TaskKind } from './types.js';

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
  private readonly ctx: Ctx;
  private readonly waiters = new Waiters();
  private readonly scheduler: Scheduler;
  /** One better-sqlite3 transaction function for every request (not one built per call). */
  private readonly transaction: (fn: () => unknown) => unknown;
  private readonly lambdas: LambdaDispatch;
  private txDepth = 0;
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
    this.scheduler = new Scheduler(opts.db, opts.clock, (due) =>
      this.tx(() => {
        for (let round = 0; round < 1000; round++) {
          const rows = due();
          if (rows.length === 0) break;
          for (const d of rows) this.fireOne(d);
        }
      }),
    );
    this.lambdas = new LambdaDispatch({
      invoker: opts.lambdaInvoker ?? noLambdaSource,
      now: () => opts.clock.now(),
      record: (task, outcome) => this.tx(() => finishLambda(this.ctx, task.run_id, task.scheduled_id, outcome)),
      logger: opts.logger ?? consoleLogger,
    });
    this.ctx = {
      db: opts.db,
      clock: opts.clock,
      registry: opts.registry,
      config,
      wake: (kind: TaskKind, domain: string, taskList: string) => this.waiters.wake(waitKey(kind, domain, taskList)),
      noteDeadline: (at: number) => this.scheduler.note(at),
      invokeLambda: (task) => this.lambdas.queue(task),
      abortLambda: (runId, scheduledId) => this.lambdas.abort(runId, scheduledId),
      completing: undefined,
      touched: new Set(),
    };
    this.transaction = opts.db.transaction((fn: () => unknown) => {
      this.ctx.touched.clear();
      const result = fn();
      enforceHistoryLimit(this.ctx);
      return result;
    });
    const c = this.ctx;
    const sync =
      <I, O>(fn: (ctx: Ctx, input: I) => O): ((input: I) => O) =>
      (input: I) =>
        this.tx(() => fn(c, input));
    this.handlers = {
      StartWorkflowExecution: sync(startWorkflowExecution),
      SignalWorkflowExecution: sync(signalWorkflowExecution),
      RequestCancelWorkflowExecution: sync(requestCancelWorkflowExecution),
      TerminateWorkflowExecution: sync(terminateWorkflowExecution),
      DescribeWorkflowExecution: sync(describeWorkflowExecution),
      GetWorkflowExecutionHistory: sync(getWorkflowExecutionHistory),
      ListOpenWorkflowExecutions: sync(listOpenWorkflowExecutions),
      ListClosedWorkflowExecutions: sync(listClosedWorkflowExecutions),
      CountOpenWorkflowExecutions: sync(countOpenWorkflowExecutions),
      CountClosedWorkflowExecutions: sync(countClosedWorkflowExecutions),
      PollForDecisionTask: (input, octx) => this.pollForDecisionTask(input, octx.signal),
      RespondDecisionTaskCompleted: sync((ctx, input: RespondDecisionInput) => {
        respondDecisionTaskCompleted(ctx, input);
        return {};
      }),
      PollForActivityTask: (input, octx) => this.pollForActivityTask(input, octx.signal),
      RespondActivityTaskCompleted: sync(respondActivityTaskCompleted),
      RespondActivityTaskFailed: sync(respondActivityTaskFailed),
      RespondActivityTaskCanceled: sync(respondActivityTaskCanceled),
      RecordActivityTaskHeartbeat: sync(recordActivityTaskHeartbeat),
      CountPendingDecisionTasks: sync(countPendingDecisionTasks),
      CountPendingActivityTasks: sync(countPendingActivityTasks),
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
    for (const task of allOpenLambdas(this.ctx)) this.lambdas.start(task);
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
    return this.tx(() => purgeExpired(this.ctx));
  }

  private armRetention(): void {
    this.cancelRetention?.();
    const at = this.ctx.clock.now() + this.ctx.config.retentionCheckIntervalMs;
    this.cancelRetention = this.ctx.clock.schedule(at, () => {
      if (this.closed) return;
      try {
        this.purgeExpired();
      } catch (err) {
        // Rolled back; the next sweep purges what this one could not.
        console.error(
          'swf-flow engine: purging closed executions past retention failed; trying again at the next sweep',
          err,
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
  private fireOne(d: DeadlineRow): void {
    try {
      this.ctx.db.transaction(() => fireDeadline(this.ctx, d))();
    } catch (err) {
      if (isStorageFailure(err)) throw err;
      console.error(`swf-flow engine: deadline ${d.kind} of run ${d.run_id} failed and was dropped`, err);
    }
  }

  /**
   * Runs `fn` in one transaction, then enforces the history limit on the runs it touched. Lambda
   * invocations it asked for start once the outermost transaction is committed.
   */
  private tx<T>(fn: () => T): T {
    this.txDepth += 1;
    let result: T;
    try {
      result = this.transaction(fn) as T;
    } catch (err) {
      if (this.txDepth === 1) this.lambdas.discard();
      throw err;
    } finally {
      this.txDepth -= 1;
    }
    if (this.txDepth === 0) this.lambdas.flush();
    return result;
  }

  private async pollForDecisionTask(
    input: PollForDecisionTaskInput,
    signal?: AbortSignal,
  ): Promise<OperationOutput<'PollForDecisionTask'>> {
    const c = this.ctx;
    if (input.nextPageToken) {
      const nextPageToken = input.nextPageToken;
      return this.tx(() => decisionTaskNextPage(c, { ...input, nextPageToken }));
    }
    c.registry.requireDomain(input.domain);
    const task = await longPoll({
      claim: () =>
        this.closed
          ? undefined
          : this.tx(() => {
              const claimed = claimDecision(c, input.domain, input.taskList.name, input.identity);
              return claimed && decisionTaskAnswer(c, claimed, input);
            }),
      waiters: this.waiters,
      key: waitKey('decision', input.domain, input.taskList.name),
      timeoutMs: c.config.pollTimeoutMs,
      signal,
    });
    return task ?? { startedEventId: 0, previousStartedEventId: 0 };
  }

  private async pollForActivityTask(
    input: PollForActivityTaskInput,
    signal?: AbortSignal,
  ): Promise<OperationOutput<'PollForActivityTask'>> {
    const c = this.ctx;
    c.registry.requireDomain(input.domain);
    const task = await longPoll({
      claim: () =>
        this.closed ? undefined : this.tx(() => claimActivity(c, input.domain, input.taskList.name, input.identity)),
      waiters: this.waiters,
      key: waitKey('activity', input.domain, input.taskList.name),
      timeoutMs: c.config.pollTimeoutMs,
      signal,
    });
    return task ?? { startedEventId: 0 };
  }
}
