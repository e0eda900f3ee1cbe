/**
 * The replayer: runs a workflow function against its history, batch by batch, and returns the
 * decisions of the newest decision task. Feed it the whole history once, or (the worker's cache)
 * the history in slices that continue where the previous call stopped.
 */
import {
  jsonDataConverter,
  NonDeterminismError,
  silentLogger,
  ValidationError,
  type DataConverter,
  type HistoryEvent,
  type Logger,
  type ActivationResult,
  type HistoryPages,
  type Replayer,
} from '@swf-flow/common';
import { BatchReplay } from './batch-replay.js';
import { HistoryOrderCheck } from './history-order.js';
import { replayPages } from './paged-replay.js';
import { installDeterminismPatches } from './runtime/determinism.js';
import { WorkflowRuntime } from './runtime/runtime.js';
import { TaskLookahead } from './task-lookahead.js';
import { indexWorkflows, type WorkflowsInput } from './workflow-type.js';

export type { ActivationResult };

export type { HistoryPages };

/** Options of a {@link WorkflowExecutor}. */
export interface WorkflowExecutorOptions {
  /** The workflow functions, looked up by the history's workflow type (name and version, or name). */
  workflows: WorkflowsInput;
  /** Serializes input, results, signals and markers. @default jsonDataConverter */
  dataConverter?: DataConverter;
  /** Receives the workflow's `log` lines (silent while replaying). @default silentLogger */
  logger?: Logger;
  /**
   * The execution's ids (the history does not contain them): `workflowInfo()` shows them and the
   * run id seeds `Math.random()`. Pass the poll response's `workflowExecution`.
   * @default { workflowId: 'unknown-workflow-id', runId: 'unknown-run-id' }
   */
  execution?: { workflowId: string; runId: string };
  /**
   * Whether the decisions a call returns, and every command of a later call (a run continued slice
   * by slice), record where the workflow code issued them: a stack capture per command, kept for a
   * NonDeterminismError that a later call may raise. `false` captures no stack on the normal path;
   * a NonDeterminismError of a call from event 1 is still located (its second pass records every
   * command's line), the error of a later call then names none. For a caller that replays such a
   * run from its first event before it reports anything, as the worker does with a cached run.
   * @default true
   */
  recordDecisionSites?: boolean;
}

/** What a disposed executor answers (made when it is used, not when it is disposed). */
function disposedError(): ValidationError {
  return new ValidationError('this WorkflowExecutor was disposed: create a new one');
}

/**
 * Replays one workflow run.
 *
 * @example
 * ```ts
 * const executor = new WorkflowExecutor({ workflows: [orderWorkflow], execution: task.workflowExecution });
 * const { decisions } = await executor.processEvents(task.events);
 * ```
 */
export class WorkflowExecutor implements Replayer {
  private readonly options: WorkflowExecutorOptions;
  private readonly converter: DataConverter;
  private readonly logger: Logger;
  private readonly execution: { workflowId: string; runId: string };
  private rt: WorkflowRuntime | undefined;
  private broken: Error | undefined;
  /** Set by {@link WorkflowExecutor.dispose}; its error is made only if the executor is used again (a worker's cache disposes every evicted run). */
  private disposed = false;
  private busy = false;
  private readonly executionGiven: boolean;
  private readonly order = new HistoryOrderCheck();
  private readonly lookahead = new TaskLookahead();
  private readonly batches: BatchReplay;
  /** Every command records its call site (the second pass that locates a NonDeterminismError). */
  private sitesOfAll = false;
  /** The second pass: what the first pass's sideEffect() functions returned, handed back in order. */
  private sideEffectsRan: readonly unknown[] | undefined;

  constructor(options: WorkflowExecutorOptions) {
    if (typeof options !== 'object' || options === null)
      throw new ValidationError(
        'new WorkflowExecutor(options): options must be an object like { workflows: [myWorkflow] }',
      );
    this.options = options;
    this.batches = new BatchReplay(indexWorkflows(options.workflows), this.lookahead);
    this.converter = options.dataConverter ?? jsonDataConverter;
    this.logger = options.logger ?? silentLogger;
    const ex = options.execution;
    if (ex !== undefined && (typeof ex.workflowId !== 'string' || typeof ex.runId !== 'string')) {
      throw new ValidationError(
        'execution must be { workflowId: string, runId: string } (the poll response workflowExecution)',
      );
    }
    this.executionGiven = ex !== undefined;
    this.execution = ex
      ? { workflowId: ex.workflowId, runId: ex.runId }
      : { workflowId: 'unknown-workflow-id', runId: 'unknown-run-id' };
    installDeterminismPatches();
  }

  /** The id of the last event applied (0 before the first call). */
  get lastEventId(): number {
    return this.batches.eventCount;
  }

  /** The id of the last DecisionTaskStarted applied (0 if none). */
  get lastStartedEventId(): number {
    return this.batches.startedCount;
  }

  /**
   * Applies events that continue at `lastEventId + 1` (the first call starts with
   * WorkflowExecutionStarted, event 1) and returns the decisions for the newest decision task.
   * A slice ends at a DecisionTaskStarted (what a worker's decision task reads) or is the end of
   * the history.
   *
   * Rejects with NonDeterminismError when the code no longer matches the history, and with
   * DeterminismViolationError when workflow code did something replay cannot reproduce and did
   * not catch it (the run is not closed for it: no decision may be sent for this task). The
   * executor is then unusable.
   *
   * Replayed commands do not record where the code issued them (that costs more than the rest of a
   * replay); a NonDeterminismError raised by a call that started at event 1 is therefore located by
   * replaying its events once more, in a fresh executor that records every call site (the workflow
   * code runs twice on that error path only, silently: no log lines, and a `sideEffect()` function
   * that ran for real gets the first pass's value back instead of running again). A later call (a cached run fed the next task's events)
   * cannot replay what it was not given: its error names the lines of the commands issued by
   * non-replayed batches, i.e. the decisions earlier calls returned; a worker replays such a run in
   * full anyway before it reports a failure.
   */
  async processEvents(events: readonly HistoryEvent[]): Promise<ActivationResult> {
    if (this.disposed) throw disposedError();
    if (this.broken) throw this.broken;
    if (this.busy)
      throw new ValidationError('processEvents is already running on this executor: await the previous call first');
    if (!Array.isArray(events))
      throw new ValidationError('processEvents(events): events must be an array of SWF history events');
    this.busy = true;
    const after = this.batches.eventCount;
    const fromStart = after === 0;
    try {
      this.order.check(events, after, after);
      const rt = (this.rt ??= this.newRuntime());
      const newSites = this.options.recordDecisionSites !== false;
      rt.captureAllSites(this.sitesOfAll || (!fromStart && newSites));
      rt.captureNewSites(newSites);
      rt.markers.beginCall();
      this.lookahead.beginCall();
      this.lookahead.scan(rt, events);
      await this.batches.apply(rt, events);
      return this.result(rt);
    } catch (err) {
      const thrown =
        err instanceof NonDeterminismError && fromStart && !this.sitesOfAll
          ? await this.locate((again) => again.processEvents(events), err)
          : err;
      this.broken = thrown instanceof Error ? thrown : new Error(String(thrown));
      throw thrown;
    } finally {
      this.busy = false;
    }
  }

  /**
   * Replays a whole history that arrives in pages, oldest first, each continuing the one before
   * (pages of any size: a page of `GetWorkflowExecutionHistory`, a page parsed from a history's
   * JSON text), and returns what the newest decision task decides — the same as `processEvents`
   * of all the events at once, without holding them all: each decision task is replayed as soon
   * as the pages have shown how it ended (see `replayable-prefix.ts`), and its events are let go.
   * Only for a new executor (the history from event 1); afterwards `processEvents` continues it.
   *
   * Errors are those of `processEvents` of all the events, the same error for every page size: a
   * gap or an event that refers to one that is missing is reported even when the code diverged or
   * failed in an earlier page, because after an error the remaining pages are still read and
   * checked (not replayed) — an error of the pages themselves (a reader that throws) is reported
   * before either. A NonDeterminismError is located by calling `pages()` again for the second pass.
   *
   * @example
   * ```ts
   * const executor = new WorkflowExecutor({ workflows: [orderWorkflow] });
   * const { decisions } = await executor.processPages(() => pagesOf(history));
   * ```
   */
  async processPages(pages: HistoryPages): Promise<ActivationResult> {
    if (this.disposed) throw disposedError();
    if (this.broken) throw this.broken;
    if (this.busy)
      throw new ValidationError('processPages: this executor is already replaying: await the previous call first');
    if (this.batches.eventCount !== 0)
      throw new ValidationError(
        'processPages replays a history from its first event, on a new executor; continue a run with processEvents',
      );
    if (typeof pages !== 'function')
      throw new ValidationError('processPages(pages): pages must be a function that returns the pages, oldest first');
    this.busy = true;
    try {
      const rt = (this.rt ??= this.newRuntime());
      rt.captureAllSites(this.sitesOfAll);
      rt.captureNewSites(this.options.recordDecisionSites !== false);
      rt.markers.beginCall();
      this.lookahead.beginCall();
      await replayPages(pages, {
        check: (page, checked) => this.order.check(page, checked, 0),
        scan: (page) => this.lookahead.scan(rt, page),
        apply: (events) => this.batches.apply(rt, events),
      });
      return this.result(rt);
    } catch (err) {
      const thrown =
        err instanceof NonDeterminismError && !this.sitesOfAll
          ? await this.locate((again) => again.processPages(pages), err)
          : err;
      this.broken = thrown instanceof Error ? thrown : new Error(String(thrown));
      throw thrown;
    } finally {
      this.busy = false;
    }
  }

  /**
   * The second pass: replays the same events (a whole call from event 1) in a fresh executor that
   * records every command's call site, silently (no log lines; the `sideEffect()` functions the
   * first pass ran for real are not run again: their values are handed back in order). Replay is
   * deterministic, so it raises the same
   * divergence (same event, same recorded decision, same command), now naming the lines of
   * workflow code; if it does not (the code reads state outside its run), the first error is kept
   * as it is.
   */
  private async locate(
    replay: (again: WorkflowExecutor) => Promise<unknown>,
    first: NonDeterminismError,
  ): Promise<NonDeterminismError> {
    const again = new WorkflowExecutor({ ...this.options, logger: silentLogger });
    again.sitesOfAll = true;
    again.sideEffectsRan = this.rt?.markers.ranValues; // not run again: no effect of the user's twice
    try {
      await replay(again);
    } catch (err) {
      const was = this.rt?.commands.divergence;
      const now = again.rt?.commands.divergence;
      if (
        err instanceof NonDeterminismError &&
        was !== undefined &&
        now?.eventId === was.eventId &&
        now.recorded === was.recorded &&
        now.attempted === was.attempted
      )
        return err;
    } finally {
      again.dispose();
    }
    return first;
  }

  private newRuntime(): WorkflowRuntime {
    const rt = new WorkflowRuntime(
      this.converter,
      this.logger,
      this.execution,
      this.executionGiven ? undefined : this.execution.workflowId,
    );
    if (this.sideEffectsRan) rt.markers.reuse(this.sideEffectsRan);
    return rt;
  }

  /** Releases the run's state. */
  dispose(): void {
    this.rt = undefined;
    this.disposed = true;
  }

  private result(rt: WorkflowRuntime): ActivationResult {
    const closing = rt.closed ?? rt.closing;
    const out: ActivationResult = {
      decisions: rt.closed ? [] : rt.commands.decisions(),
      status: closing?.status ?? 'OPEN',
    };
    if (rt.markers.fresh > 0) out.freshSideEffects = rt.markers.fresh;
    if (rt.executionContext !== undefined) out.executionContext = rt.executionContext;
    if (closing && 'result' in closing) out.result = closing.result;
    if (closing?.failure) out.failure = closing.failure;
    return out;
  }
}
