/** RespondDecisionTaskCompleted: DecisionTaskCompleted, then the decisions, then the next task. */
import { type Decision } from '@swf-flow/common';
import { removeDeadlines } from '../deadlines.js';
import { findByDecisionToken, scheduleDecisionNow, staleDecisionToken } from '../decision-tasks.js';
import { compact } from '../durations.js';
import { appendEvent } from '../history.js';
import { mustGetExec } from '../store-executions.js';
import { type Ctx } from '../types.js';
import { applyDecisions } from './apply.js';
import { type DecisionRun } from './context.js';
import { validateDecisions } from './validate.js';

/** The input of RespondDecisionTaskCompleted. */
export interface RespondDecisionInput {
  taskToken: string;
  decisions?: Decision[];
  executionContext?: string;
  taskList?: { name?: string };
  taskListScheduleToStartTimeout?: string;
}

/** Handles RespondDecisionTaskCompleted (a stale token is an `UnknownResourceFault` saying why). */
export function respondDecisionTaskCompleted(ctx: Ctx, input: RespondDecisionInput): void {
  const exec = findByDecisionToken(ctx, input.taskToken);
  if (!exec) throw staleDecisionToken(ctx, input.taskToken);
  validateDecisions(input.decisions ?? []);
  const completedId = appendEvent(
    ctx,
    exec.run_id,
    'DecisionTaskCompleted',
    compact({
      executionContext: input.executionContext,
      scheduledEventId: exec.dt_started_sched_id,
      startedEventId: exec.dt_started_id,
      taskList: input.taskList?.name ? { name: input.taskList.name } : undefined,
      taskListScheduleToStartTimeout: input.taskListScheduleToStartTimeout,
    }),
    () => ({
      dt_started_id: 0,
      dt_started_sched_id: 0,
      dt_token: null,
      prev_started_id: exec.dt_started_id,
      latest_context: input.executionContext ?? exec.latest_context,
      dt_task_list: input.taskList?.name ?? exec.dt_task_list,
      dt_schedule_to_start: input.taskListScheduleToStartTimeout ?? exec.dt_schedule_to_start,
    }),
  );
  removeDeadlines(ctx, exec.run_id, 'dt-start-to-close');
  const run: DecisionRun = { ctx, exec, completedId, hadNewEvents: exec.dt_scheduled_id !== 0, followUps: [] };
  const completing = { runId: exec.run_id, needsDecision: false };
  ctx.tx.completing = completing;
  try {
    applyDecisions(run, input.decisions ?? []);
  } finally {
    ctx.tx.completing = undefined;
  }
  const after = mustGetExec(ctx, exec.run_id);
  if (after.status !== 'OPEN') return;
  if (after.dt_scheduled_id !== 0) ctx.wake('decision', after.domain, after.dt_task_list);
  else if (completing.needsDecision) scheduleDecisionNow(ctx, exec.run_id);
}
