/**
 * What the replay of a decision task reads ahead of it, from the events after its
 * DecisionTaskStarted: whether the history shows how the task ended (it completed, or it timed out
 * and a later task completed, sending its decisions: replaying, not the newest task), and the
 * markers its decisions recorded — `sideEffect()` replays recorded values, `patched()` asks which
 * patches the task recorded (a task that timed out sent its decisions with the next one that
 * completed). A task that timed out with no task completed after it is not replayed: its commands
 * are the newest task's decisions, as its own decider made them.
 */
import type { HistoryEvent } from '@swf-flow/common';
import { EventIdTable } from './event-id-table.js';
import { DECISION_EVENTS } from './runtime/decision-events.js';
import { PATCH_MARKER, patchIdOf } from './runtime/markers.js';
import type { WorkflowRuntime } from './runtime/runtime.js';

/**
 * Decision events by which SWF refused a decision other than a close (see `PatchBook.refusedIn`; a
 * close is a task's last decision, and it is refused for new events far more often than any other).
 */
const REFUSALS: ReadonlySet<string | undefined> = new Set(
  Object.entries(DECISION_EVENTS)
    .filter(([, spec]) => spec?.failed && spec.kind !== 'close')
    .map(([type]) => type),
);

/** Scans events as they arrive (a whole call's, or page by page) before any of them is replayed. */
export class TaskLookahead {
  /**
   * The DecisionTaskStarted id(s) whose decisions the scanned events record: the last completed
   * task's, with those of the tasks that timed out before it (their decisions were sent with it).
   */
  private scanActivation: number | number[] = [];
  private timedOutStarts: number[] = [];
  /**
   * DecisionTaskStarted ids of the tasks this call's events (all pages of `processPages`) show
   * completed, or timed out before a task that completed.
   */
  private closed = new EventIdTable<true>();

  /**
   * Whether the scanned events include a WorkflowExecutionFailed: only then can a replayed task be
   * one whose answer was replaced by a failure for breaking SWF's limits (see
   * `runtime/decision-limits.ts`), which its replay must reproduce.
   */
  runFailed = false;

  /** A new call of the executor: only its own events tell which tasks are closed. */
  beginCall(): void {
    this.closed = new EventIdTable();
  }

  /** Whether the events scanned in this call show how the task started at `startedEventId` ended. */
  isClosed(startedEventId: number): boolean {
    return this.closed.get(startedEventId) === true;
  }

  /** Notes the closed tasks and the recorded markers of `events`, in order. */
  scan(rt: WorkflowRuntime, events: readonly HistoryEvent[]): void {
    for (const e of events) {
      if (e.eventType === 'WorkflowExecutionFailed') this.runFailed = true;
      if (e.eventType === 'DecisionTaskTimedOut') {
        // Closed only once a later task completes: until then its commands are still to be sent
        // (by the newest task), as its own decider decided them, not replayed.
        this.timedOutStarts.push(e.decisionTaskTimedOutEventAttributes?.startedEventId ?? 0);
      }
      if (e.eventType === 'DecisionTaskCompleted') {
        const started = e.decisionTaskCompletedEventAttributes?.startedEventId ?? 0;
        // An array per completed task only when tasks timed out before it (rare): one per event otherwise.
        if (this.timedOutStarts.length === 0) this.scanActivation = started;
        else {
          this.scanActivation = [started, ...this.timedOutStarts];
          for (const timedOut of this.timedOutStarts) this.closed.set(timedOut, true);
          this.timedOutStarts = [];
        }
        this.closed.set(started, true);
      } else if (REFUSALS.has(e.eventType)) {
        const activations = this.scanActivation;
        if (typeof activations === 'number') rt.patches.refusedIn(activations);
        else for (const activation of activations) rt.patches.refusedIn(activation);
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
}
