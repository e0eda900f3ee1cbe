/**
 * Decision tasks: at most one started per execution; events arriving meanwhile schedule the next one
 * at once (as SWF records it), which becomes available when the started one is answered or times out.
 */
import { type SwfFault, unknownResource } from '../faults.js';
import { addDeadline, removeDeadlines } from './deadlines.js';
import { compact, durationMs } from './durations.js';
import { appendEvent } from './history.js';
import {
  LEGACY_TOKEN_LENGTH,
  decisionTokenRun,
  decisionTokenScheduledId,
  malformedTaskToken,
  newDecisionToken,
} from './ids.js';
import { type ExecRow, getExec, mustGetExec, noteExec, unknownExecution, updateExec } from './store-executions.js';
import { type Ctx } from './types.js';
import { prep } from './statements.js';

/**
 * Something happened that the decider must see: schedule a decision task unless one is already
 * scheduled. While the run's own decisions are applied, this is deferred to after the last one.
 */
export function scheduleDecision(ctx: Ctx, runId: string): void {
  if (ctx.tx.completing?.runId === runId) {
    ctx.tx.completing.needsDecision = true;
    return;
  }
  scheduleDecisionNow(ctx, runId);
}

/** Records DecisionTaskScheduled now (if the run is open and none is scheduled). */
export function scheduleDecisionNow(ctx: Ctx, runId: string): void {
  const exec = mustGetExec(ctx, runId);
  if (exec.status !== 'OPEN' || exec.dt_scheduled_id !== 0) return;
  const scheduleToStart = exec.dt_schedule_to_start ?? 'NONE';
  const now = ctx.clock.now();
  const id = appendEvent(
    ctx,
    runId,
    'DecisionTaskScheduled',
    compact({
      taskList: { name: exec.dt_task_list },
      taskPriority: exec.task_priority ?? undefined,
      startToCloseTimeout: exec.task_timeout,
      scheduleToStartTimeout: scheduleToStart,
    }),
    (eventId) => ({ dt_scheduled_id: eventId, dt_scheduled_ts: now }),
  );
  const ms = durationMs(scheduleToStart);
  if (ms !== undefined) addDeadline(ctx, now + ms, 'dt-schedule-to-start', runId, String(id));
  if (exec.dt_started_id === 0) ctx.wake('decision', exec.domain, exec.dt_task_list);
}

/** A claimed decision task. */
export interface ClaimedDecision {
  exec: ExecRow;
  token: string;
  startedEventId: number;
  previousStartedEventId: number;
}

/**
 * The next ready decision task of a task list: highest priority, then first scheduled. The
 * executions_ready index holds exactly these rows in this order, so a claim reads its first entry
 * instead of sorting every ready task (draining n queued tasks costs O(n log n), not O(n²)).
 */
export const NEXT_DECISION_SQL = `SELECT * FROM executions INDEXED BY executions_ready
  WHERE domain = ? AND dt_task_list = ? AND status = 'OPEN' AND dt_scheduled_id > 0 AND dt_started_id = 0
  ORDER BY CAST(COALESCE(task_priority, '0') AS INTEGER) DESC, dt_scheduled_ts, rowid LIMIT 1`;

/** Hands the next ready decision task of a task list to one poller (records DecisionTaskStarted). */
export function claimDecision(
  ctx: Ctx,
  domain: string,
  taskList: string,
  identity?: string,
): ClaimedDecision | undefined {
  const exec = prep(ctx.db, NEXT_DECISION_SQL).get(domain, taskList) as ExecRow | undefined;
  if (!exec) return undefined;
  noteExec(ctx, exec);
  const token = newDecisionToken(exec.run_id, exec.dt_scheduled_id);
  const started = (eventId: number): Partial<ExecRow> => ({
    dt_started_id: eventId,
    dt_started_sched_id: exec.dt_scheduled_id,
    dt_scheduled_id: 0,
    dt_token: token,
  });
  const startedEventId = appendEvent(
    ctx,
    exec.run_id,
    'DecisionTaskStarted',
    compact({ identity, scheduledEventId: exec.dt_scheduled_id }),
    started,
  );
  removeDeadlines(ctx, exec.run_id, 'dt-schedule-to-start');
  const ms = durationMs(exec.task_timeout);
  if (ms !== undefined)
    addDeadline(ctx, ctx.clock.now() + ms, 'dt-start-to-close', exec.run_id, String(startedEventId));
  // The row as it is now (the transaction's copy: the event appended, the columns updated above).
  return { exec: mustGetExec(ctx, exec.run_id), token, startedEventId, previousStartedEventId: exec.prev_started_id };
}

/** A token handed out before tokens named their run: found in the partial index of exactly those. */
const LEGACY_DECISION_TOKEN_SQL = `SELECT * FROM executions INDEXED BY executions_legacy_token
  WHERE dt_token = ? AND length(dt_token) = ${LEGACY_TOKEN_LENGTH}`;

/** The open execution whose started decision task has this token, or undefined (stale token). */
export function findByDecisionToken(ctx: Ctx, token: string): ExecRow | undefined {
  const runId = decisionTokenRun(token);
  const exec =
    runId !== undefined
      ? getExec(ctx, runId)
      : (prep(ctx.db, LEGACY_DECISION_TOKEN_SQL).get(token) as ExecRow | undefined);
  return exec && exec.status === 'OPEN' && exec.dt_started_id !== 0 && exec.dt_token === token ? exec : undefined;
}

/**
 * Why a token names no started decision task, as SWF says it: the execution it names has closed
 * (`Unknown execution: WorkflowExecution=[...]`), or its task was answered or timed out
 * (`Unknown decision task, scheduledEventId = N`). A token that names no run here (or of an older
 * shape, which names no task) is only stale; a string of no token's shape is malformed
 * (`ValidationException`).
 */
export function staleDecisionToken(ctx: Ctx, token: string): SwfFault {
  const malformed = malformedTaskToken(token);
  if (malformed) return malformed;
  const runId = decisionTokenRun(token);
  const exec = runId !== undefined ? getExec(ctx, runId) : undefined;
  if (exec && exec.status !== 'OPEN') return unknownExecution(exec.workflow_id, exec.run_id);
  const scheduledId = decisionTokenScheduledId(token);
  if (exec && scheduledId !== undefined)
    return unknownResource(`Unknown decision task, scheduledEventId = ${scheduledId}`);
  return unknownResource('Unknown decision task: the task token is stale or invalid');
}

/** A decision task's start-to-close deadline fell due: DecisionTaskTimedOut, then a new task. */
export function timeOutStartedDecision(ctx: Ctx, runId: string, startedEventId: number): void {
  const exec = mustGetExec(ctx, runId);
  if (exec.status !== 'OPEN' || exec.dt_started_id !== startedEventId) return;
  appendEvent(ctx, runId, 'DecisionTaskTimedOut', {
    timeoutType: 'START_TO_CLOSE',
    scheduledEventId: exec.dt_started_sched_id,
    startedEventId: exec.dt_started_id,
  });
  updateExec(ctx, runId, { dt_started_id: 0, dt_started_sched_id: 0, dt_token: null });
  if (exec.dt_scheduled_id !== 0) ctx.wake('decision', exec.domain, exec.dt_task_list);
  else scheduleDecisionNow(ctx, runId);
}

/** A scheduled decision task was not picked up in time: DecisionTaskTimedOut, then a new one. */
export function timeOutScheduledDecision(ctx: Ctx, runId: string, scheduledEventId: number): void {
  const exec = mustGetExec(ctx, runId);
  if (exec.status !== 'OPEN' || exec.dt_scheduled_id !== scheduledEventId) return;
  appendEvent(ctx, runId, 'DecisionTaskTimedOut', {
    timeoutType: 'SCHEDULE_TO_START',
    scheduledEventId,
    startedEventId: 0,
  });
  updateExec(ctx, runId, { dt_scheduled_id: 0 });
  scheduleDecisionNow(ctx, runId);
}
