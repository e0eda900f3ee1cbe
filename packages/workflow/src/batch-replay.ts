/**
 * The replay of a run's events, batch by batch: a batch ends at each DecisionTaskStarted, where the
 * workflow code runs to quiescence with the clock at that event's time; the events of a task's
 * decision window are held back (see `runtime/decision-window.ts`). The executor feeds it what it
 * checked and scanned ahead (`task-lookahead.ts`).
 */
import { eventTimestampMillis, ValidationError, type HistoryEvent } from '@swf-flow/common';
import { closeCompletion } from './runtime/apply-event.js';
import { completeRun, failRun } from './runtime/closing.js';
import { enforceDecisionLimits } from './runtime/decision-limits.js';
import { DecisionWindow } from './runtime/decision-window.js';
import { nextMacrotask, settled } from './runtime/determinism.js';
import { holdJobCount, releaseJobCount } from './runtime/quiescence.js';
import type { WorkflowRuntime } from './runtime/runtime.js';
import type { TaskLookahead } from './task-lookahead.js';
import type { WorkflowTypeInfo } from './workflow-type.js';

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

/** Replays one run's events in the order they come, call after call; counts what it applied. */
export class BatchReplay {
  /** The id of the last event applied (0 before the first). */
  eventCount = 0;
  /** The id of the last DecisionTaskStarted applied (0 if none). */
  startedCount = 0;
  private fnStarted = false;
  private readonly window = new DecisionWindow();

  constructor(
    private readonly types: Map<string, WorkflowTypeInfo>,
    private readonly lookahead: TaskLookahead,
  ) {}

  /** Applies events that continue the run, batch by batch, with the run's code sealed while it runs. */
  async apply(rt: WorkflowRuntime, events: readonly HistoryEvent[]): Promise<void> {
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
        replaying: hasStart && this.lookahead.isClosed(boundary.eventId ?? 0),
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
        // A task's answer that SWF would refuse fails the run instead; a replayed task can only have
        // done so in a history where the run failed (checking every replayed task measured ~20 % more replay CPU).
        if (!rt.replaying || this.lookahead.runFailed) enforceDecisionLimits(rt);
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
}
