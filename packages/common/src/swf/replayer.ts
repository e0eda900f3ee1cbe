/**
 * The replayer's interface: what `WorkflowExecutor` (in `@swf-flow/workflow`) implements and what
 * the worker's decider, its workflow cache and the testing package rely on. Declared once here so
 * that a change to the replayer's answer is a compile error in every package that reads it.
 */
import type { Decision, HistoryEvent } from '../history.js';

/** A run's status after a replay: `OPEN`, or how the run closed (in the history) or closes (by the decisions). */
export type RunStatus = 'OPEN' | 'COMPLETED' | 'FAILED' | 'CANCELED' | 'CONTINUED_AS_NEW' | 'TERMINATED' | 'TIMED_OUT';

/** What one call of {@link Replayer.processEvents} decided. */
export interface ActivationResult {
  /** The decisions for the newest decision task (a workflow-closing decision is last). */
  decisions: Decision[];
  /** The state published with `setExecutionState()`, for RespondDecisionTaskCompleted. */
  executionContext?: string;
  /** `OPEN`, or how the run closed (in the history) or closes (by these decisions). */
  status: RunStatus;
  /** The workflow's return value, when it completed. */
  result?: unknown;
  /** The error the workflow failed (or was cancelled) with. */
  failure?: Error;
  /**
   * How many `sideEffect()` functions of the newest decision task ran for real in this call (their
   * values are in these decisions, not in the history): two replays of one history may then
   * legitimately differ. The same for a whole history, its pages, or its tasks fed call by call
   * (side effects of a task an earlier call answered are recorded by then). Absent when none did.
   */
  freshSideEffects?: number;
}

/**
 * A history's pages, oldest first, for {@link Replayer.processPages}: a function that starts
 * reading them (again, when the replayer needs a second pass).
 */
export type HistoryPages = () => Iterable<readonly HistoryEvent[]> | AsyncIterable<readonly HistoryEvent[]>;

/**
 * A replayer of one workflow run: feed it events that continue at `lastEventId + 1` (the first call
 * starts with WorkflowExecutionStarted), get the decisions of the newest decision task. A decider
 * keeps one per cached run and feeds it only the new events of the next task.
 */
export interface Replayer {
  /**
   * Applies `events` and returns what the newest decision task decides. Rejects with
   * `NonDeterminismError` when the code no longer matches the history.
   */
  processEvents(events: readonly HistoryEvent[]): Promise<ActivationResult>;
  /**
   * Replays a whole history (a new replayer, from event 1) as its pages arrive, deciding as
   * `processEvents` of all of it would, without holding every event at once.
   */
  processPages(pages: HistoryPages): Promise<ActivationResult>;
  /** The id of the last event applied (0 before the first call). */
  readonly lastEventId: number;
  /** The id of the last DecisionTaskStarted applied: where the next poll's new events begin. */
  readonly lastStartedEventId: number;
  /** Releases the run's state; the replayer is not used again. */
  dispose(): void;
}
