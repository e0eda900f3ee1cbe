/**
 * The replayer: runs a workflow function against its history, batch by batch, and returns the
 * decisions of the newest decision task. Feed it the whole history once, or (the worker's cache)
 * the history in slices that continue where the previous call stopped.
 */
import {
  eventTimestampMillis,
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
import { closeCompletion } from './runtime/apply-event.js';
import { completeRun, failRun } from './runtime/closing.js';
import { DecisionWindow } from './runtime/decision-window.js';
import { EventIdTable } from './event-id-table.js';
import { HistoryOrderCheck } from './history-order.js';
import { replayablePrefix } from './replayable-prefix.js';
import { installDeterminismPatches, nextMacrotask, settled } from './runtime/determinism.js';
import { PATCH_MARKER, patchIdOf } from './runtime/markers.js';
import { holdJobCount, releaseJobCount } from './runtime/quiescence.js';
import { WorkflowRuntime } from './runtime/runtime.js';
import { indexWorkflows, type WorkflowsInput, type WorkflowTypeInfo } from './workflow-type.js';

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
}

/**
 * The `Date` constructor before the determinism patches replace the global with a proxy (they are
 * installed by the first executor, after this module loads): `instanceof` through the proxy is slow.
 */
const RealDate = Date;

/** An event's timestamp as epoch milliseconds (see `eventTimestampMillis`). */
function toMillis(event: HistoryEvent): number {
  const ts: unknown = event.eventTimestamp;
  if (ts instanceof RealDate) return ts.getTime(); // the SDK's shape: no message to build
  return eventTimestampMillis(ts, `event ${String(event.eventId)} (${String(event.eventType)})`);
}

const MAX_DRAIN_ROUNDS = 100_000;

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
  private readonly types: Map<string, WorkflowTypeInfo>;
  private readonly converter: DataConverter;
  private readonly logger: Logger;
  private readonly execution: { workflowId: string; runId: string };
  private rt: WorkflowRuntime | undefined;
  private fnStarted = false;
  private broken: Error | undefined;
  /**
   * The DecisionTaskStarted id(s) whose decisions the scanned events record: the last completed
   * task's, with those of the tasks that timed out before it (their decisions were sent with it).
   */
  private scanActivation: number | number[] = [];
  private timedOutStarts: number[] = [];
  private busy = false;
  private eventCount = 0;
  private readonly executionGiven: boolean;
  private startedCount = 0;
  private readonly window = new DecisionWindow();
  private readonly order = new HistoryOrderCheck();
  /** DecisionTaskStarted ids of the tasks this call's events (all pages of `processPages`) show completed or timed out. */
  private closedTasks = new EventIdTable<true>();
  /** Every command records its call site (the second pass that locates a NonDeterminismError). */
  private sitesOfAll = false;

  constructor(options: WorkflowExecutorOptions) {
    if (typeof options !== 'object' || options === null)
      throw new ValidationError(
        'new WorkflowExecutor(options): options must be an object like { workflows: [myWorkflow] }',
      );
    this.options = options;
    this.types = indexWorkflows(options.workflows);
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
    return this.eventCount;
  }

  /** The id of the last DecisionTaskStarted applied (0 if none). */
  get lastStartedEventId(): number {
    return this.startedCount;
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
   * code runs twice on that error path only). A later call (a cached run fed the next task's events)
   * cannot replay what it was not given: its error names the lines of the commands issued by
   * non-replayed batches, i.e. the decisions earlier calls returned; a worker replays such a run in
   * full anyway before it reports a failure.
   */
  async processEvents(events: readonly HistoryEvent[]): Promise<ActivationResult> {
    if (this.broken) throw this.broken;
    if (this.busy)
      throw new ValidationError('processEvents is already running on this executor: await the previous call first');
    if (!Array.isArray(events))
      throw new ValidationError('processEvents(events): events must be an array of SWF history events');
    this.busy = true;
    const fromStart = this.eventCount === 0;
    try {
      this.order.check(events, this.eventCount, this.eventCount);
      const rt = (this.rt ??= this.newRuntime());
      rt.captureAllSites(this.sitesOfAll || !fromStart);
      this.closedTasks = new EventIdTable();
      this.prescan(rt, events);
      await this.apply(rt, events);
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
    if (this.broken) throw this.broken;
    if (this.busy)
      throw new ValidationError('processPages: this executor is already replaying: await the previous call first');
    if (this.eventCount !== 0)
      throw new ValidationError(
        'processPages replays a history from its first event, on a new executor; continue a run with processEvents',
      );
    if (typeof pages !== 'function')
      throw new ValidationError('processPages(pages): pages must be a function that returns the pages, oldest first');
    this.busy = true;
    try {
      const rt = (this.rt ??= this.newRuntime());
      rt.captureAllSites(this.sitesOfAll);
      this.closedTasks = new EventIdTable();
      await this.replayPages(rt, pages);
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
   * The body of `processPages`. After an error it goes on reading the pages, without replaying
   * them, so that it throws what `processEvents` of all the events would: that checks every event's
   * id and references before it replays any, so a gap or a broken reference in a later page is
   * reported before a divergence of the code in an earlier one (and an error of the pages'
   * reader, which a caller reading every page first would have met, before either).
   */
  private async replayPages(rt: WorkflowRuntime, pages: HistoryPages): Promise<void> {
    let pending: HistoryEvent[] = [];
    let checked = 0; // events whose ids and references have been checked
    let checking = true; // until a check fails
    let failure: { error: unknown } | undefined;
    for await (const page of pages()) {
      if (!Array.isArray(page))
        throw new ValidationError('processPages: each page must be an array of SWF history events');
      let replaying = false;
      try {
        if (checking) {
          this.order.check(page, checked, 0);
          checked += page.length;
        }
        if (failure) continue;
        replaying = true;
        this.prescan(rt, page);
        for (const e of page) pending.push(e);
        const ready = replayablePrefix(pending);
        if (ready === 0) continue;
        await this.apply(rt, ready === pending.length ? pending : pending.slice(0, ready));
        pending = pending.slice(ready);
      } catch (err) {
        // The first failed check is what processEvents reports, even after a failed replay.
        if (!replaying) checking = false;
        failure = { error: err };
      }
    }
    if (failure) throw failure.error;
    await this.apply(rt, pending);
  }

  /** Applies events that continue the run, batch by batch, with the run's code sealed while it runs. */
  private async apply(rt: WorkflowRuntime, events: readonly HistoryEvent[]): Promise<void> {
    // Workflow code that resumed since the last call (something outside the workflow settled what it awaited).
    if (rt.escapes.violation) throw rt.escapes.violation;
    const scope = rt.escapes.begin();
    holdJobCount(); // once per call, not per drain (see quiescence.ts)
    try {
      await scope.runInAsyncScope(() => this.applyBatches(rt, events));
    } finally {
      releaseJobCount();
      rt.escapes.end();
    }
  }

  /**
   * The second pass: replays the same events (a whole call from event 1) in a fresh executor that
   * records every command's call site, silently. Replay is deterministic, so it raises the same
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
    return new WorkflowRuntime(
      this.converter,
      this.logger,
      this.execution,
      this.executionGiven ? undefined : this.execution.workflowId,
    );
  }

  /** Releases the run's state. */
  dispose(): void {
    this.rt = undefined;
    this.broken = new ValidationError('this WorkflowExecutor was disposed: create a new one');
  }

  /**
   * Looks ahead for markers: sideEffect() replays recorded values, patched() asks which patches
   * the decision task recorded (a task that timed out sent its decisions with the next one).
   */
  private prescan(rt: WorkflowRuntime, events: readonly HistoryEvent[]): void {
    for (const e of events) {
      if (e.eventType === 'DecisionTaskTimedOut') {
        const started = e.decisionTaskTimedOutEventAttributes?.startedEventId ?? 0;
        this.timedOutStarts.push(started);
        this.closedTasks.set(started, true);
      }
      if (e.eventType === 'DecisionTaskCompleted') {
        const started = e.decisionTaskCompletedEventAttributes?.startedEventId ?? 0;
        // An array per completed task only when tasks timed out before it (rare): one per event otherwise.
        if (this.timedOutStarts.length === 0) this.scanActivation = started;
        else {
          this.scanActivation = [started, ...this.timedOutStarts];
          this.timedOutStarts = [];
        }
        this.closedTasks.set(started, true);
      }
      const a = e.markerRecordedEventAttributes ?? e.recordMarkerFailedEventAttributes;
      if (!a) continue;
      if (a.markerName !== PATCH_MARKER) {
        rt.markers.noteRecorded(e);
        continue;
      }
      const id = patchIdOf(e.markerRecordedEventAttributes?.details);
      if (id === undefined) continue;
      const activations = this.scanActivation;
      if (typeof activations === 'number') rt.patches.recordedIn(activations, id);
      else for (const activation of activations) rt.patches.recordedIn(activation, id);
    }
  }

  /**
   * Applies the events batch by batch; a batch ends at a DecisionTaskStarted, where the code runs
   * to quiescence. Events of a task's decision window are held back (see `decision-window.ts`).
   */
  private async applyBatches(rt: WorkflowRuntime, events: readonly HistoryEvent[]): Promise<void> {
    let i = 0;
    let last = 0;
    let hasStart = false;
    let boundary = events[0] as HistoryEvent;
    // Made once per call, not per batch: it reads the batch's bounds from the variables above.
    const feedBatch = (): void => {
      for (let k = i; k <= last; k++) {
        const e = events[k] as HistoryEvent;
        this.window.feed(rt, e);
        if (e.eventType === 'WorkflowExecutionStarted') this.workflowType(rt);
      }
      // The end of a history that does not end at a DecisionTaskStarted: its last task's matching ends here.
      if (!hasStart) {
        rt.commands.checkNotCut(boundary);
        closeCompletion(rt);
      }
    };
    while (i < events.length) {
      let end = i;
      while (end < events.length && events[end]?.eventType !== 'DecisionTaskStarted') end++;
      hasStart = end < events.length;
      last = hasStart ? end : events.length - 1;
      boundary = events[last] as HistoryEvent;
      rt.beginBatch({
        now: toMillis(boundary),
        taskStarted: hasStart,
        // Replaying: the history shows how this task ended (its decisions are recorded, or it timed out).
        replaying: hasStart && this.closedTasks.get(boundary.eventId ?? 0) === true,
        activation: hasStart ? (boundary.eventId ?? 0) : this.eventCount + (last - i) + 2,
      });
      rt.run(feedBatch);
      this.eventCount = boundary.eventId ?? this.eventCount;
      if (hasStart) this.startedCount = boundary.eventId ?? this.startedCount;
      if ((hasStart || rt.newInfo) && !rt.closed) {
        this.startWorkflow(rt);
        // The code runs until it waits on the history again (no microtask left); conditions that
        // hold now run it again. Awaited here, not in a helper: one async call less per batch.
        let rounds = 0;
        do {
          if (++rounds > MAX_DRAIN_ROUNDS) {
            throw new ValidationError(
              `workflow code did not settle after ${MAX_DRAIN_ROUNDS} condition rounds: a condition() predicate keeps changing state`,
            );
          }
          await settled();
        } while (rt.checkConditions());
      }
      if (rt.escapes.hasForeign) await rt.escapes.checkForeign(nextMacrotask);
      const failure = rt.taskFailure ?? rt.escapes.violation;
      if (failure) throw failure;
      if (hasStart) this.window.started(boundary.eventId ?? 0);
      i = last + 1;
    }
  }

  private workflowType(rt: WorkflowRuntime): WorkflowTypeInfo {
    const t = rt.started?.workflowType ?? { name: '?', version: '?' };
    const info = this.types.get(`${t.name}@${t.version}`) ?? this.types.get(t.name);
    if (!info) {
      const known = [...this.types.keys()].filter((k) => k.includes('@')).join(', ');
      throw new ValidationError(
        `no workflow function for workflow type ${t.name} ${t.version}; this executor knows ${known}: pass it in workflows (a record key names the type)`,
      );
    }
    return info;
  }

  private startWorkflow(rt: WorkflowRuntime): void {
    if (this.fnStarted || !rt.started) return;
    this.fnStarted = true;
    const { fn } = this.workflowType(rt);
    const args = rt.started.args;
    rt.run(() => {
      let promise: Promise<unknown>;
      try {
        promise = Promise.resolve(fn(...args));
      } catch (err) {
        promise = Promise.reject(err);
      }
      promise.then(
        (value) => completeRun(rt, value),
        (err: unknown) => failRun(rt, err),
      );
    });
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
