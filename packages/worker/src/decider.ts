/** The decider: replays the run of a polled decision task (cached or from its history) and sends its decisions. */
import {
  DeterminismViolationError,
  NonDeterminismError,
  encodeFailure,
  isLevelEnabled,
  fromSwfTimeout,
  type Decision,
  type HistoryEvent,
  type HistoryPages,
  type Logger,
  type ActivationResult,
  type Replayer,
} from '@swf-flow/common';
import { checkReplaysAgain } from '@swf-flow/workflow';
import { type AnswerResult, answerUntilSettled } from './answer-retry.js';
import { checkDecisionLimits, SwfLimitError } from './decision-limits.js';
import {
  fullHistoryPages,
  newEventsOnPage,
  readNewEvents,
  type DecisionTaskHistory,
  type HistoryPageSource,
} from './history-reader.js';
import { KeepingReplayer, KeptHistoryBudget, type KeptHistoryLimits } from './kept-history.js';
import type { ExecutorFactory } from './replay-executor.js';
import type { WorkflowCache } from './workflow-cache.js';

/** A polled decision task (the fields of `PollForDecisionTask`'s output the decider reads). */
export interface DecisionTask {
  taskToken: string;
  workflowExecution: { workflowId: string; runId: string };
  startedEventId: number;
  previousStartedEventId?: number;
  /** The first page of the history, newest first. */
  events: HistoryEvent[];
  nextPageToken?: string;
}

/** What happened to a decision task. */
export type DecisionOutcome = 'completed' | 'nondeterministic' | 'failed';

/** What the decider needs from the worker. */
export interface DeciderDeps {
  newExecutor: ExecutorFactory;
  cache: WorkflowCache;
  history: HistoryPageSource;
  respond(input: { taskToken: string; decisions: Decision[]; executionContext?: string }): Promise<unknown>;
  logger: Logger;
  failWorkflowOnNonDeterminism: boolean;
  historyPageSize: number;
  /** First wait between attempts to deliver an answer, in ms (doubling, jittered). @default 200 */
  answerBackoffInitialMs?: number;
  /** Longest wait between attempts to deliver an answer, in ms. @default 5000 */
  answerBackoffMaxMs?: number;
  /** Aborted when undelivered answers are no longer retried (a shutdown's grace time is over). */
  stopSignal?: AbortSignal;
  /** @default Date.now */
  now?: () => number;
  /** The bounds on the events cached runs keep for the check before closing (`kept-history.ts`). @default KEPT_HISTORY_LIMITS */
  keptHistory?: KeptHistoryLimits;
}

/**
 * The task's start-to-close timeout in ms, read from its `DecisionTaskScheduled` event on the first
 * page (newest first, so it is there); `undefined` when not found or `NONE`.
 */
export function decisionTaskTimeoutMs(task: DecisionTask): number | undefined {
  const started = task.events.find((e) => e.eventId === task.startedEventId);
  const scheduledId = started?.decisionTaskStartedEventAttributes?.scheduledEventId;
  const scheduled = task.events.find((e) => e.eventId === scheduledId);
  return fromSwfTimeout(scheduled?.decisionTaskScheduledEventAttributes?.startToCloseTimeout);
}

/** A replayed task: the executor and its result. */
type Replayed = [Replayer, ActivationResult];

/** What the decider knows of a task's history: its first page, polled newest first. */
function taskHistory(task: DecisionTask): DecisionTaskHistory {
  return {
    execution: task.workflowExecution,
    startedEventId: task.startedEventId,
    firstPage: { events: task.events, nextPageToken: task.nextPageToken },
  };
}

const CLOSING = new Set([
  'CompleteWorkflowExecution',
  'FailWorkflowExecution',
  'CancelWorkflowExecution',
  'ContinueAsNewWorkflowExecution',
]);

/** Whether `decisions` close the run. */
function closes(decisions: readonly Decision[]): boolean {
  for (const d of decisions) if (CLOSING.has(d.decisionType ?? '')) return true;
  return false;
}
/** Distinct task failures remembered so that each is logged as an error once. */
const REPORTED_LIMIT = 1000;

/**
 * Errors that fail the decision task rather than the run: the workflow code no longer matches its
 * history, or it did something replay cannot reproduce and did not catch it.
 */
export function isTaskFailure(err: unknown): err is NonDeterminismError | DeterminismViolationError {
  return err instanceof NonDeterminismError || err instanceof DeterminismViolationError;
}

function failDecision(err: unknown): Decision {
  return { decisionType: 'FailWorkflowExecution', failWorkflowExecutionDecisionAttributes: encodeFailure(err) };
}

/**
 * Answers decision tasks: reads the history (only the new events for a cached run), replays it and
 * responds with the decisions — or, when the code no longer matches the history or broke
 * determinism, responds nothing (unless `failWorkflowOnNonDeterminism`).
 */
export class Decider {
  /** `runId|error` of task failures already logged as errors, with how often each was seen. */
  private readonly reported = new Map<string, number>();
  /** The events the cached runs keep for the check before closing. */
  readonly keptHistory: KeptHistoryBudget;

  constructor(private readonly deps: DeciderDeps) {
    this.keptHistory = new KeptHistoryBudget(deps.keptHistory);
  }

  /** Handles one decision task end to end; never throws. */
  async handle(task: DecisionTask): Promise<DecisionOutcome> {
    const receivedAt = (this.deps.now ?? Date.now)();
    const timeout = decisionTaskTimeoutMs(task);
    const deadline = timeout === undefined ? undefined : receivedAt + timeout;
    const { workflowId, runId } = task.workflowExecution;
    const meta = (): Record<string, unknown> => ({ workflowId, runId, startedEventId: task.startedEventId });
    let executor: Replayer | undefined;
    let result: ActivationResult;
    try {
      [executor, result] = await this.replay(task);
      // Only before a closing decision (awaited only then: a promise and a turn less per task).
      if (closes(result.decisions)) {
        await this.replayAgainBeforeClosing(task, result, executor).catch((err: unknown) => {
          executor?.dispose();
          throw err;
        });
      }
    } catch (err) {
      if (isTaskFailure(err)) return this.onTaskFailure(task, err, deadline);
      this.deps.logger.error('decision task failed; it is left to time out and will be retried', {
        ...meta(),
        error: String(err),
        stack: (err as Error)?.stack,
      });
      return 'failed';
    }
    let decisions = result.decisions;
    let executionContext = result.executionContext;
    try {
      checkDecisionLimits(decisions, executionContext);
    } catch (err) {
      if (!(err instanceof SwfLimitError)) throw err;
      this.deps.logger.error(`workflow's decisions break an SWF limit; failing the workflow: ${err.message}`, meta());
      executor.dispose();
      executor = undefined;
      decisions = [failDecision(err)];
      executionContext = undefined;
    }
    const answered = await this.answer(task, deadline, { taskToken: task.taskToken, decisions, executionContext });
    if (answered !== 'accepted') {
      // Not recorded: the task times out (or is gone) and SWF schedules another, replayed afresh.
      executor?.dispose();
      return 'failed';
    }
    const closing = closes(decisions);
    if (executor) {
      if (closing) executor.dispose();
      else this.deps.cache.put(runId, executor);
    }
    // One line per task: built only for a logger that would write it.
    if (isLevelEnabled(this.deps.logger, 'debug')) {
      this.deps.logger.debug('decision task answered', {
        ...meta(),
        decisions: decisions.map((d) => d.decisionType),
        closing,
      });
    }
    return 'completed';
  }

  /**
   * Before a decision that closes the run, replays the run once more in a fresh executor: the two
   * must decide the same, or the code depends on state outside its history (module-level state
   * shared by the runs of this process), which fails the task with a DeterminismViolationError.
   * It replays the events the run kept (`kept-history.ts`); a run that kept none (past the bounds
   * on kept events) has its history read again, page by page as the replay goes. Once per run, so a
   * run's decisions stay O(new events) and the check costs one replay of the whole run at its end.
   */
  private async replayAgainBeforeClosing(
    task: DecisionTask,
    result: ActivationResult,
    executor: Replayer,
  ): Promise<void> {
    const history = taskHistory(task);
    const { workflowId, runId } = task.workflowExecution;
    const kept = executor instanceof KeepingReplayer ? executor.history(task.startedEventId) : undefined;
    const pages: HistoryPages = kept ? () => [kept] : () => fullHistoryPages(history, this.deps.history);
    await checkReplaysAgain(
      result,
      async () => {
        const again = this.deps.newExecutor(task.workflowExecution, true);
        try {
          return await again.processPages(pages);
        } finally {
          again.dispose();
        }
      },
      `workflow run ${workflowId} (runId ${runId})`,
    );
  }

  /** Delivers the task's decisions, retrying through connection failures until the service settles them. */
  private answer(
    task: DecisionTask,
    deadline: number | undefined,
    input: { taskToken: string; decisions: Decision[]; executionContext?: string },
  ): Promise<AnswerResult> {
    const { workflowId, runId } = task.workflowExecution;
    return answerUntilSettled(() => this.deps.respond(input), {
      what: 'RespondDecisionTaskCompleted',
      ...(deadline !== undefined ? { deadline } : {}),
      ...(this.deps.stopSignal ? { signal: this.deps.stopSignal } : {}),
      backoffInitialMs: this.deps.answerBackoffInitialMs ?? 200,
      backoffMaxMs: this.deps.answerBackoffMaxMs ?? 5_000,
      logger: this.deps.logger,
      meta: { workflowId, runId, startedEventId: task.startedEventId },
      ...(this.deps.now ? { now: this.deps.now } : {}),
    });
  }

  /**
   * Continues a cached run with the new events if it lines up; otherwise replays from the start.
   * Also gives the whole history when it read it (a full replay), for the check before closing.
   */
  private async replay(task: DecisionTask): Promise<Replayed> {
    const { cache, logger } = this.deps;
    const history = taskHistory(task);
    const cached = cache.take(task.workflowExecution.runId);
    if (cached) {
      if (cached.lastStartedEventId > 0 && task.previousStartedEventId === cached.lastStartedEventId) {
        let events: HistoryEvent[] | undefined;
        try {
          // The poll's page usually holds them all: then nothing is read and nothing awaited.
          events =
            newEventsOnPage(history, cached.lastEventId) ??
            (await readNewEvents(history, cached.lastEventId, this.deps.history, this.deps.historyPageSize));
        } catch (err) {
          logger.debug('cached run could not be continued; replaying in full', {
            runId: task.workflowExecution.runId,
            error: String(err),
          });
        }
        if (events) {
          try {
            const result = await cached.processEvents(events);
            cache.recordHit();
            return [cached, result];
          } catch (err) {
            // Any failure of a cached run is checked by a replay from the first event (DESIGN.md):
            // only what a fresh replay reproduces fails the task.
            cached.dispose();
            logger.debug('cached run failed on the new events; replaying in full', {
              runId: task.workflowExecution.runId,
              error: String(err),
            });
            return this.replayInFull(task, history);
          }
        }
      } else {
        logger.debug('cached run is not where this task continues; replaying in full', {
          runId: task.workflowExecution.runId,
          cachedStartedEventId: cached.lastStartedEventId,
          previousStartedEventId: task.previousStartedEventId,
        });
      }
      cached.dispose();
    }
    return this.replayInFull(task, history);
  }

  /**
   * Replays the run from its first event, the history streamed into the executor page by page as
   * it is read (`processPages`): a long history is never held whole (a 25,000-event run is 25
   * pages, each let go once its decision tasks are replayed).
   */
  private async replayInFull(task: DecisionTask, history: DecisionTaskHistory): Promise<Replayed> {
    this.deps.cache.recordMiss();
    const executor = new KeepingReplayer(this.deps.newExecutor(task.workflowExecution), this.keptHistory);
    try {
      return [executor, await executor.processPages(() => fullHistoryPages(history, this.deps.history))];
    } catch (err) {
      executor.dispose();
      throw err;
    }
  }

  /**
   * The code no longer matches the history, or broke determinism. By default the task is left
   * unanswered (SWF has no way to fail a decision task; it times out and is scheduled again), so
   * the run stays open for a deployment of fixed code. Each distinct failure of a run is logged as
   * an error once; its repeats (the task coming back) at debug level.
   */
  private async onTaskFailure(
    task: DecisionTask,
    err: NonDeterminismError | DeterminismViolationError,
    deadline: number | undefined,
  ): Promise<DecisionOutcome> {
    const { workflowId, runId } = task.workflowExecution;
    const meta: Record<string, unknown> = { workflowId, runId, startedEventId: task.startedEventId, error: err.name };
    if (err instanceof NonDeterminismError)
      Object.assign(meta, {
        eventId: err.eventId,
        recorded: err.recorded,
        attempted: err.attempted,
        location: err.location,
      });
    const what =
      err instanceof NonDeterminismError
        ? err.message
        : `Workflow code broke determinism (${err.name}): ${err.message}`;
    if (this.deps.failWorkflowOnNonDeterminism) {
      this.deps.logger.error(`${what} Failing the workflow execution (failWorkflowOnNonDeterminism is set).`, meta);
      await this.answer(task, deadline, { taskToken: task.taskToken, decisions: [failDecision(err)] });
      return 'nondeterministic';
    }
    const key = `${runId}|${err.name}|${err.message}`;
    const seen = (this.reported.get(key) ?? 0) + 1;
    this.reported.delete(key);
    this.reported.set(key, seen);
    if (this.reported.size > REPORTED_LIMIT) this.reported.delete(this.reported.keys().next().value as string);
    if (seen === 1) {
      this.deps.logger.error(
        `${what} The decision task was failed: no decision was sent, so it times out (the workflow's taskStartToCloseTimeout) ` +
          'and SWF schedules it again; the run stays open until a worker running fixed code continues it. ' +
          '(failWorkflowOnNonDeterminism: true fails the execution instead.)',
        meta,
      );
    } else {
      this.deps.logger.debug(`decision task failed again with the error logged before (${seen} times)`, meta);
    }
    return 'nondeterministic';
  }
}
