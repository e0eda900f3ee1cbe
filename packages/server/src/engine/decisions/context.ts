/** What every decision handler gets: the run, the DecisionTaskCompleted id, what happened so far. */
import { scheduleDecision } from '../decision-tasks.js';
import { compact } from '../durations.js';
import { appendEvent } from '../history.js';
import { type ExecRow } from '../store-executions.js';
import { type Ctx } from '../types.js';

/** The state of one RespondDecisionTaskCompleted while its decisions are applied. */
export interface DecisionRun {
  ctx: Ctx;
  /** The run as it was when the task was answered. */
  exec: ExecRow;
  /** The id of the DecisionTaskCompleted event. */
  completedId: number;
  /** Events arrived since the task started (a close decision then fails with UNHANDLED_DECISION). */
  hadNewEvents: boolean;
  /**
   * What happens after the decisions are recorded (a child starts, an external execution gets a
   * signal): SWF records a decision task's events together, and their outcomes after them.
   */
  followUps: Array<() => void>;
}

/**
 * Records a decision's `...Failed` event (with `decisionTaskCompletedEventId`) and asks for a new
 * decision task, as SWF does after a failed decision.
 */
export function failDecision(run: DecisionRun, eventType: string, attrs: Record<string, unknown>): void {
  appendEvent(
    run.ctx,
    run.exec.run_id,
    eventType,
    compact({ ...attrs, decisionTaskCompletedEventId: run.completedId }),
  );
  scheduleDecision(run.ctx, run.exec.run_id);
}
