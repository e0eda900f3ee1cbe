import { NonDeterminismError, encodeFailure, type Decision, type HistoryEvent, type Logger } from '@swf-flow/common';
import { checkDecisionLimits, SwfLimitError } from './decision-limits.js';
import { readFullHistory, readNewEvents, type DecisionTaskHistory, type HistoryPageSource } from './history-reader.js';
import type { ExecutorFactory, ProcessResult, ReplayExecutor } from './replay-executor.js';
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
  respond(input: { taskToken: string; decisions: Decision[]; executionContext?: string }): Promise<void>;
  logger: Logger;
  failWorkflowOnNonDeterminism: boolean;
  historyPageSize: number;
}

const CLOSING = new Set(['CompleteWorkflowExecution', 'FailWorkflowExecution', 'CancelWorkflowExecution', 'ContinueAsNewWorkflowExecution']);

function failDecision(err: unknown): Decision {
  return { decisionType: 'FailWorkflowExecution', failWorkflowExecutionDecisionAttributes: encodeFailure(err) };
}

/**
 * Answers decision tasks: reads the history (only the new events for a cached run), replays it and
 * responds with the decisions — or, when the code no longer matches the history, responds nothing.
 */
export class Decider {
  constructor(private readonly deps: DeciderDeps) {}

  /** Handles one decision task end to end; never throws. */
  async handle(task: DecisionTask): Promise<DecisionOutcome> {
    const { workflowId, runId } = task.workflowExecution;
    const meta = { workflowId, runId, startedEventId: task.startedEventId };
    let executor: ReplayExecutor | undefined;
    let result: ProcessResult;
    try {
      [executor, result] = await this.replay(task);
    } catch (err) {
      if (err instanceof NonDeterminismError) return this.onNonDeterminism(task, err);
      this.deps.logger.error('decision task failed; it is left to time out and will be retried', { ...meta, error: String(err), stack: (err as Error)?.stack });
      return 'failed';
    }
    let decisions = result.decisions;
    let executionContext = result.executionContext;
    try {
      checkDecisionLimits(decisions, executionContext);
    } catch (err) {
      if (!(err instanceof SwfLimitError)) throw err;
      this.deps.logger.error(`workflow's decisions break an SWF limit; failing the workflow: ${err.message}`, meta);
      executor.dispose();
      executor = undefined;
      decisions = [failDecision(err)];
      executionContext = undefined;
    }
    try {
      await this.deps.respond({ taskToken: task.taskToken, decisions, executionContext });
    } catch (err) {
      executor?.dispose();
      this.deps.logger.error('RespondDecisionTaskCompleted failed (the task may have timed out)', { ...meta, error: String(err) });
      return 'failed';
    }
    const closing = decisions.some((d) => CLOSING.has(d.decisionType ?? ''));
    if (executor) {
      if (closing) executor.dispose();
      else this.deps.cache.put(runId, executor);
    }
    this.deps.logger.debug('decision task answered', { ...meta, decisions: decisions.map((d) => d.decisionType), closing });
    return 'completed';
  }

  /** Continues a cached run with the new events if it lines up; otherwise replays from the start. */
  private async replay(task: DecisionTask): Promise<[ReplayExecutor, ProcessResult]> {
    const { cache, logger } = this.deps;
    const history: DecisionTaskHistory = {
      execution: task.workflowExecution,
      startedEventId: task.startedEventId,
      firstPage: { events: task.events, nextPageToken: task.nextPageToken },
    };
    const cached = cache.take(task.workflowExecution.runId);
    if (cached) {
      if (cached.lastStartedEventId > 0 && task.previousStartedEventId === cached.lastStartedEventId) {
        let events: HistoryEvent[] | undefined;
        try {
          events = await readNewEvents(history, cached.lastEventId, this.deps.history, this.deps.historyPageSize);
        } catch (err) {
          logger.debug('cached run could not be continued; replaying in full', { runId: task.workflowExecution.runId, error: String(err) });
        }
        if (events) {
          try {
            const result = await cached.processEvents(events);
            cache.recordHit();
            return [cached, result];
          } catch (err) {
            cached.dispose();
            if (err instanceof NonDeterminismError) throw err;
            logger.debug('cached run failed on the new events; replaying in full', { runId: task.workflowExecution.runId, error: String(err) });
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

  private async replayInFull(task: DecisionTask, history: DecisionTaskHistory): Promise<[ReplayExecutor, ProcessResult]> {
    this.deps.cache.recordMiss();
    const events = await readFullHistory(history, this.deps.history);
    const executor = this.deps.newExecutor(task.workflowExecution);
    try {
      return [executor, await executor.processEvents(events)];
    } catch (err) {
      executor.dispose();
      throw err;
    }
  }

  private async onNonDeterminism(task: DecisionTask, err: NonDeterminismError): Promise<DecisionOutcome> {
    const { workflowId, runId } = task.workflowExecution;
    const meta = { workflowId, runId, eventId: err.eventId, recorded: err.recorded, attempted: err.attempted, location: err.location };
    if (!this.deps.failWorkflowOnNonDeterminism) {
      this.deps.logger.error(
        `${err.message} No decision was sent: the decision task will time out and be retried, so a worker running fixed code can continue the workflow.`,
        meta,
      );
      return 'nondeterministic';
    }
    this.deps.logger.error(`${err.message} Failing the workflow execution (failWorkflowOnNonDeterminism is set).`, meta);
    try {
      await this.deps.respond({ taskToken: task.taskToken, decisions: [failDecision(err)] });
    } catch (respondErr) {
      this.deps.logger.error('could not fail the nondeterministic workflow', { ...meta, error: String(respondErr) });
    }
    return 'nondeterministic';
  }
}
