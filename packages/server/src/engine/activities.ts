/**
 * Activity tasks: scheduling, the poller hand-off, results, heartbeats, cancel requests and the
 * four activity timeouts.
 */
import { type SwfFault, unknownResource } from '../faults.js';
import { type DeadlineKind, addDeadline, removeDeadlines } from './deadlines.js';
import { scheduleDecision } from './decision-tasks.js';
import { compact, durationMs } from './durations.js';
import { appendEvent } from './history.js';
import { LEGACY_TOKEN_LENGTH, activityTokenTask, malformedTaskToken, newActivityToken } from './ids.js';
import { type ExecRow, getExec, unknownExecution } from './store-executions.js';
import { type Ctx } from './types.js';
import { prep } from './statements.js';

/** An open activity task as stored. */
export interface ActivityRow {
  seq: number;
  run_id: string;
  scheduled_id: number;
  activity_id: string;
  type_name: string;
  type_version: string;
  domain: string;
  task_list: string;
  priority: number;
  input: string | null;
  start_to_close: string;
  heartbeat: string;
  started_id: number;
  token: string | null;
  heartbeat_details: string | null;
  cancel_requested_id: number;
}

/** A fully resolved ScheduleActivityTask. */
export interface ActivitySpec {
  activityType: { name: string; version: string };
  activityId: string;
  input?: string;
  control?: string;
  taskList: string;
  taskPriority?: string;
  scheduleToStartTimeout: string;
  scheduleToCloseTimeout: string;
  startToCloseTimeout: string;
  heartbeatTimeout: string;
}

/** ActivityTaskScheduled: stores the task, arms its schedule timeouts and wakes a poller. */
export function scheduleActivity(
  ctx: Ctx,
  exec: ExecRow,
  spec: ActivitySpec,
  decisionTaskCompletedEventId: number,
): void {
  const now = ctx.clock.now();
  const id = appendEvent(
    ctx,
    exec.run_id,
    'ActivityTaskScheduled',
    compact({
      activityType: spec.activityType,
      activityId: spec.activityId,
      input: spec.input,
      control: spec.control,
      scheduleToStartTimeout: spec.scheduleToStartTimeout,
      scheduleToCloseTimeout: spec.scheduleToCloseTimeout,
      startToCloseTimeout: spec.startToCloseTimeout,
      taskList: { name: spec.taskList },
      taskPriority: spec.taskPriority,
      decisionTaskCompletedEventId,
      heartbeatTimeout: spec.heartbeatTimeout,
    }),
    () => ({ latest_activity_ts: now }),
  );
  prep(
    ctx.db,
    `INSERT INTO activities (run_id, scheduled_id, activity_id, type_name, type_version, domain, task_list, priority, input, start_to_close, heartbeat)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    exec.run_id,
    id,
    spec.activityId,
    spec.activityType.name,
    spec.activityType.version,
    exec.domain,
    spec.taskList,
    Number(spec.taskPriority ?? 0) || 0,
    spec.input ?? null,
    spec.startToCloseTimeout,
    spec.heartbeatTimeout,
  );
  arm(ctx, exec.run_id, id, 'at-schedule-to-start', spec.scheduleToStartTimeout, now);
  arm(ctx, exec.run_id, id, 'at-schedule-to-close', spec.scheduleToCloseTimeout, now);
  ctx.wake('activity', exec.domain, spec.taskList);
}

function arm(ctx: Ctx, runId: string, scheduledId: number, kind: DeadlineKind, timeout: string, from: number): void {
  const ms = durationMs(timeout);
  if (ms !== undefined) addDeadline(ctx, from + ms, kind, runId, String(scheduledId));
}

/** The open activity with this id in a run, if any. */
export function findActivity(ctx: Ctx, runId: string, activityId: string): ActivityRow | undefined {
  return prep(ctx.db, 'SELECT * FROM activities WHERE run_id = ? AND activity_id = ?').get(runId, activityId) as
    ActivityRow | undefined;
}

/** How many activity tasks are open in a run. */
export function countOpenActivities(ctx: Ctx, runId: string): number {
  return (prep(ctx.db, 'SELECT COUNT(*) AS n FROM activities WHERE run_id = ?').get(runId) as { n: number }).n;
}

/** A claimed activity task, ready to answer the poller with. */
export interface ClaimedActivity {
  taskToken: string;
  activityId: string;
  startedEventId: number;
  workflowExecution: { workflowId: string; runId: string };
  activityType: { name: string; version: string };
  input?: string;
}

/**
 * The next activity task of a task list: highest priority, then first scheduled (seq). Read from
 * the first entry of the activities_queued index, without sorting the queue.
 */
export const NEXT_ACTIVITY_SQL =
  'SELECT * FROM activities INDEXED BY activities_queued WHERE domain = ? AND task_list = ? AND started_id = 0 ORDER BY priority DESC, seq LIMIT 1';

/** Hands the next scheduled activity task of a task list to one poller (ActivityTaskStarted). */
export function claimActivity(
  ctx: Ctx,
  domain: string,
  taskList: string,
  identity?: string,
): ClaimedActivity | undefined {
  const task = prep(ctx.db, NEXT_ACTIVITY_SQL).get(domain, taskList) as ActivityRow | undefined;
  if (!task) return undefined;
  const exec = getExec(ctx, task.run_id);
  if (!exec) return undefined;
  const startedId = appendEvent(
    ctx,
    task.run_id,
    'ActivityTaskStarted',
    compact({ identity, scheduledEventId: task.scheduled_id }),
  );
  const token = newActivityToken(task.run_id, task.scheduled_id);
  prep(ctx.db, 'UPDATE activities SET started_id = ?, token = ? WHERE seq = ?').run(startedId, token, task.seq);
  const ref = String(task.scheduled_id);
  removeDeadlines(ctx, task.run_id, 'at-schedule-to-start', ref);
  const now = ctx.clock.now();
  arm(ctx, task.run_id, task.scheduled_id, 'at-start-to-close', task.start_to_close, now);
  arm(ctx, task.run_id, task.scheduled_id, 'at-heartbeat', task.heartbeat, now);
  return compact({
    taskToken: token,
    activityId: task.activity_id,
    startedEventId: startedId,
    workflowExecution: { workflowId: exec.workflow_id, runId: exec.run_id },
    activityType: { name: task.type_name, version: task.type_version },
    input: task.input ?? undefined,
  });
}

/** A token handed out before tokens named their task: found in the partial index of exactly those. */
const LEGACY_ACTIVITY_TOKEN_SQL = `SELECT * FROM activities INDEXED BY activities_legacy_token
  WHERE token = ? AND length(token) = ${LEGACY_TOKEN_LENGTH}`;

/**
 * The started activity task with this token, or `UnknownResourceFault` (stale token), or
 * `ValidationException` (a string of no token's shape).
 */
export function requireActivityByToken(ctx: Ctx, token: string): ActivityRow {
  const named = activityTokenTask(token);
  const task = (
    named !== undefined
      ? prep(ctx.db, 'SELECT * FROM activities WHERE run_id = ? AND scheduled_id = ?').get(
          named.runId,
          named.scheduledId,
        )
      : prep(ctx.db, LEGACY_ACTIVITY_TOKEN_SQL).get(token)
  ) as ActivityRow | undefined;
  if (!task || task.started_id === 0 || task.token !== token)
    throw malformedTaskToken(token) ?? staleActivityToken(ctx, named);
  return task;
}

/**
 * Why a token names no started activity task, as SWF says it: the task's execution has closed
 * (`Unknown execution: WorkflowExecution=[...]`), or only the task has ended (completed, failed,
 * canceled or timed out: `Unknown activity, scheduledEventId = N`). A token that names no run here
 * (or of the old shape, which names none) is only stale.
 */
function staleActivityToken(ctx: Ctx, named: { runId: string; scheduledId: number } | undefined): SwfFault {
  const exec = named && getExec(ctx, named.runId);
  if (!named || !exec) return unknownResource('Unknown activity task: the task token is stale or invalid');
  if (exec.status !== 'OPEN') return unknownExecution(exec.workflow_id, exec.run_id);
  return unknownResource(`Unknown activity, scheduledEventId = ${named.scheduledId}`);
}

function closeActivity(ctx: Ctx, task: ActivityRow): void {
  prep(ctx.db, 'DELETE FROM activities WHERE seq = ?').run(task.seq);
  prep(ctx.db, REMOVE_ACTIVITY_DEADLINES_SQL).run(task.run_id, String(task.scheduled_id));
}

/** An activity task's four timeouts. */
const ACTIVITY_DEADLINES: readonly DeadlineKind[] = [
  'at-schedule-to-start',
  'at-schedule-to-close',
  'at-start-to-close',
  'at-heartbeat',
];
/** Removes an activity task's timeouts in one statement (the index on (run_id, kind, ref) serves each kind). */
const REMOVE_ACTIVITY_DEADLINES_SQL = `DELETE FROM deadline_queue WHERE run_id = ? AND ref = ? AND kind IN (${ACTIVITY_DEADLINES.map(
  (kind) => `'${kind}'`,
).join(', ')})`;

/** Ends an activity task with its closing event (Completed, Failed, Canceled) and a decision task. */
export function finishActivity(ctx: Ctx, task: ActivityRow, eventType: string, attrs: Record<string, unknown>): void {
  closeActivity(ctx, task);
  appendEvent(
    ctx,
    task.run_id,
    eventType,
    compact({ ...attrs, scheduledEventId: task.scheduled_id, startedEventId: task.started_id }),
  );
  scheduleDecision(ctx, task.run_id);
}

/** RecordActivityTaskHeartbeat: keeps the details, re-arms the heartbeat timeout, tells of a cancel request. */
export function heartbeat(ctx: Ctx, task: ActivityRow, details: string | undefined): { cancelRequested: boolean } {
  prep(ctx.db, 'UPDATE activities SET heartbeat_details = ? WHERE seq = ?').run(
    details ?? task.heartbeat_details,
    task.seq,
  );
  const ref = String(task.scheduled_id);
  removeDeadlines(ctx, task.run_id, 'at-heartbeat', ref);
  arm(ctx, task.run_id, task.scheduled_id, 'at-heartbeat', task.heartbeat, ctx.clock.now());
  return { cancelRequested: task.cancel_requested_id !== 0 };
}

const TIMEOUT_TYPES: Partial<Record<DeadlineKind, string>> = {
  'at-schedule-to-start': 'SCHEDULE_TO_START',
  'at-schedule-to-close': 'SCHEDULE_TO_CLOSE',
  'at-start-to-close': 'START_TO_CLOSE',
  'at-heartbeat': 'HEARTBEAT',
};

/** An activity deadline fell due: ActivityTaskTimedOut (details = last heartbeat's), then a decision task. */
export function timeOutActivity(ctx: Ctx, runId: string, scheduledId: number, kind: DeadlineKind): void {
  const task = prep(ctx.db, 'SELECT * FROM activities WHERE run_id = ? AND scheduled_id = ?').get(
    runId,
    scheduledId,
  ) as ActivityRow | undefined;
  const timeoutType = TIMEOUT_TYPES[kind];
  if (!task || !timeoutType) return;
  closeActivity(ctx, task);
  appendEvent(
    ctx,
    runId,
    'ActivityTaskTimedOut',
    compact({
      timeoutType,
      scheduledEventId: task.scheduled_id,
      startedEventId: task.started_id,
      details: task.heartbeat_details ?? undefined,
    }),
  );
  scheduleDecision(ctx, runId);
}

/**
 * RequestCancelActivityTask for an open activity: ActivityTaskCancelRequested; a task not started
 * yet is canceled at once (ActivityTaskCanceled), a started one learns of it on its next heartbeat.
 */
export function requestCancelActivity(ctx: Ctx, task: ActivityRow, decisionTaskCompletedEventId: number): void {
  const requestedId = appendEvent(ctx, task.run_id, 'ActivityTaskCancelRequested', {
    decisionTaskCompletedEventId,
    activityId: task.activity_id,
  });
  if (task.started_id === 0) {
    finishActivity(ctx, task, 'ActivityTaskCanceled', { latestCancelRequestedEventId: requestedId });
  } else {
    prep(ctx.db, 'UPDATE activities SET cancel_requested_id = ? WHERE seq = ?').run(requestedId, task.seq);
  }
}
