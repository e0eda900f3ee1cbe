/** How the decider gets a replayer (`WorkflowExecutor`) for a run: the factory the worker gives it. */
import type { Replayer } from '@swf-flow/common';

/**
 * Builds a fresh executor for a run that is not (or no longer) cached; `check` is set for the
 * extra replay that checks a closing decision (its workflow `log` lines are not written again).
 */
export type ExecutorFactory = (execution: { workflowId: string; runId: string }, check?: boolean) => Replayer;
