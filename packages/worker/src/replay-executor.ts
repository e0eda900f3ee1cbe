import type { Decision, HistoryEvent } from '@swf-flow/common';

/** What the replayer returns for one decision task. */
export interface ProcessResult {
  decisions: Decision[];
  executionContext?: string;
  status: string;
  result?: unknown;
  failure?: unknown;
  /** How many sideEffect() functions ran for real (see `checkSameOutcome`). */
  freshSideEffects?: number;
}

/**
 * The part of `WorkflowExecutor` (from `@swf-flow/workflow`) the decider relies on: feed events that
 * continue at `lastEventId + 1`, get the newest decisions.
 */
export interface ReplayExecutor {
  processEvents(events: HistoryEvent[]): Promise<ProcessResult>;
  readonly lastEventId: number;
  readonly lastStartedEventId: number;
  dispose(): void;
}

/**
 * Builds a fresh executor for a run that is not (or no longer) cached; `check` is set for the
 * extra replay that checks a closing decision (its workflow `log` lines are not written again).
 */
export type ExecutorFactory = (execution: { workflowId: string; runId: string }, check?: boolean) => ReplayExecutor;
