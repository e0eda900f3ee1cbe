/** What a due deadline does, by kind. */
import { timeOutActivity } from './activities.js';
import { type DeadlineRow } from './deadlines.js';
import { timeOutScheduledDecision, timeOutStartedDecision } from './decision-tasks.js';
import { timeOutLambda } from './lambdas.js';
import { timeOutRun } from './lifecycle.js';
import { getExec } from './store-executions.js';
import { fireTimer } from './timers.js';
import { type Ctx } from './types.js';

/** Processes one due deadline (inside the scheduler's transaction). Stale deadlines do nothing. */
export function fireDeadline(ctx: Ctx, d: DeadlineRow): void {
  const exec = getExec(ctx, d.run_id);
  if (!exec || exec.status !== 'OPEN') return;
  switch (d.kind) {
    case 'wf-timeout':
      return timeOutRun(ctx, d.run_id);
    case 'dt-start-to-close':
      return timeOutStartedDecision(ctx, d.run_id, Number(d.ref));
    case 'dt-schedule-to-start':
      return timeOutScheduledDecision(ctx, d.run_id, Number(d.ref));
    case 'timer':
      return fireTimer(ctx, d.run_id, d.ref);
    case 'at-schedule-to-start':
    case 'at-schedule-to-close':
    case 'at-start-to-close':
    case 'at-heartbeat':
      return timeOutActivity(ctx, d.run_id, Number(d.ref), d.kind);
    case 'lambda-start-to-close':
      return timeOutLambda(ctx, d.run_id, Number(d.ref));
  }
}
