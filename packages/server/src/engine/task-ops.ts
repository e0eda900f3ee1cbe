/**
 * The task operations apart from the long poll itself: building the DecisionTask answer (with its
 * history page), activity responses, heartbeats and pending-task counts.
 */
import { unknownResource } from '../faults.js';
import { type ActivityRow, finishActivity, heartbeat, requireActivityByToken } from './activities.js';
import { type ClaimedDecision } from './decision-tasks.js';
import { decodePageToken } from './ids.js';
import { historyQuery, readHistoryPage } from './history.js';
import { type ExecRow, execRef, getExec, typeRef, unknownExecution } from './store-executions.js';
import { type Ctx } from './types.js';
import type { DecisionTask, History, PollForDecisionTaskInput } from '../model/wire-types.js';
import { prep } from './statements.js';

/**
 * What a PollForDecisionTask page token holds besides the history's position (`r`, `n`: see
 * `readHistoryPage`), in short keys to keep the sealed token short: the task's token, its started
 * event, the previous started event and the first event of the task's pages.
 */
interface DecisionPageToken extends Record<string, unknown> {
  r: string;
  t: string;
  s: number;
  p: number;
  f: number;
}

/** The DecisionTask answer for a claimed task: the first page of its history (up to DecisionTaskStarted). */
export function decisionTaskAnswer(ctx: Ctx, claimed: ClaimedDecision, input: PollForDecisionTaskInput): DecisionTask {
  const fromEventId =
    input.startAtPreviousStartedEvent && claimed.previousStartedEventId > 0 ? claimed.previousStartedEventId : 1;
  const task = {
    taskToken: claimed.token,
    startedEventId: claimed.startedEventId,
    previousStartedEventId: claimed.previousStartedEventId,
  };
  const page = readHistoryPage(ctx, claimed.exec, {
    operation: 'PollForDecisionTask',
    query: historyQuery(input.domain, input.taskList.name, input.reverseOrder),
    maximumPageSize: input.maximumPageSize,
    reverseOrder: input.reverseOrder,
    fromEventId,
    toEventId: claimed.startedEventId,
    tokenExtras: { t: claimed.token, s: claimed.startedEventId, p: claimed.previousStartedEventId, f: fromEventId },
  });
  return answer(claimed.exec, task, page);
}

/** The DecisionTask answer around a history page (the run's id and type never change, so `exec` may be any read of it). */
function answer(
  exec: ExecRow,
  t: { taskToken: string; startedEventId: number; previousStartedEventId: number },
  page: History,
): DecisionTask {
  const out: DecisionTask = {
    taskToken: t.taskToken,
    startedEventId: t.startedEventId,
    workflowExecution: execRef(exec),
    workflowType: typeRef(exec),
    events: page.events,
    previousStartedEventId: t.previousStartedEventId,
  };
  if (page.nextPageToken) out.nextPageToken = page.nextPageToken;
  return out;
}

/** PollForDecisionTask with a `nextPageToken`: the next page of the same task's history. */
export function decisionTaskNextPage(
  ctx: Ctx,
  input: PollForDecisionTaskInput & { nextPageToken: string },
): DecisionTask {
  const query = historyQuery(input.domain, input.taskList.name, input.reverseOrder);
  const token = decodePageToken<DecisionPageToken>(ctx, 'PollForDecisionTask', query, input.nextPageToken);
  const exec = getExec(ctx, String(token.r));
  if (!exec || exec.domain !== input.domain) throw unknownResource('Unknown execution for this page token');
  const page = readHistoryPage(ctx, exec, {
    operation: 'PollForDecisionTask',
    query,
    nextPageToken: input.nextPageToken,
    maximumPageSize: input.maximumPageSize,
    reverseOrder: input.reverseOrder,
    fromEventId: token.f,
    toEventId: token.s,
    tokenExtras: { t: token.t, s: token.s, p: token.p, f: token.f },
  });
  return answer(exec, { taskToken: token.t, startedEventId: token.s, previousStartedEventId: token.p }, page);
}

function openTask(ctx: Ctx, taskToken: string): ActivityRow {
  const task = requireActivityByToken(ctx, taskToken);
  const exec = getExec(ctx, task.run_id);
  if (!exec) throw unknownResource('Unknown activity task: the task token is stale or invalid');
  if (exec.status !== 'OPEN') throw unknownExecution(exec.workflow_id, exec.run_id);
  return task;
}

/** RespondActivityTaskCompleted: ActivityTaskCompleted, then a decision task. */
export function respondActivityTaskCompleted(
  ctx: Ctx,
  input: { taskToken: string; result?: string },
): Record<string, never> {
  finishActivity(ctx, openTask(ctx, input.taskToken), 'ActivityTaskCompleted', { result: input.result });
  return {};
}

/** RespondActivityTaskFailed: ActivityTaskFailed, then a decision task. */
export function respondActivityTaskFailed(
  ctx: Ctx,
  input: { taskToken: string; reason?: string; details?: string },
): Record<string, never> {
  finishActivity(ctx, openTask(ctx, input.taskToken), 'ActivityTaskFailed', {
    reason: input.reason,
    details: input.details,
  });
  return {};
}

/** RespondActivityTaskCanceled: ActivityTaskCanceled (with the latest cancel request), then a decision task. */
export function respondActivityTaskCanceled(
  ctx: Ctx,
  input: { taskToken: string; details?: string },
): Record<string, never> {
  const task = openTask(ctx, input.taskToken);
  finishActivity(ctx, task, 'ActivityTaskCanceled', {
    details: input.details,
    latestCancelRequestedEventId: task.cancel_requested_id !== 0 ? task.cancel_requested_id : undefined,
  });
  return {};
}

/** RecordActivityTaskHeartbeat: `{ cancelRequested }`. */
export function recordActivityTaskHeartbeat(
  ctx: Ctx,
  input: { taskToken: string; details?: string },
): { cancelRequested: boolean } {
  return heartbeat(ctx, openTask(ctx, input.taskToken), input.details);
}

/** CountPendingDecisionTasks: decision tasks scheduled and not started on a task list. */
export function countPendingDecisionTasks(
  ctx: Ctx,
  input: { domain: string; taskList: { name: string } },
): { count: number; truncated: boolean } {
  ctx.registry.requireDomain(input.domain);
  const row = prep(
    ctx.db,
    `SELECT
       (SELECT COUNT(*) FROM executions INDEXED BY executions_ready
          WHERE domain = ? AND dt_task_list = ? AND status = 'OPEN' AND dt_scheduled_id > 0 AND dt_started_id = 0)
     + (SELECT COUNT(*) FROM executions INDEXED BY executions_scheduled_while_started
          WHERE domain = ? AND dt_task_list = ? AND status = 'OPEN' AND dt_scheduled_id > 0 AND dt_started_id > 0)
       AS n`,
  ).get(input.domain, input.taskList.name, input.domain, input.taskList.name) as { n: number };
  return { count: row.n, truncated: false };
}

/** CountPendingActivityTasks: activity tasks scheduled and not started on a task list. */
export function countPendingActivityTasks(
  ctx: Ctx,
  input: { domain: string; taskList: { name: string } },
): { count: number; truncated: boolean } {
  ctx.registry.requireDomain(input.domain);
  const row = prep(
    ctx.db,
    'SELECT COUNT(*) AS n FROM activities INDEXED BY activities_queued WHERE domain = ? AND task_list = ? AND started_id = 0',
  ).get(input.domain, input.taskList.name) as { n: number };
  return { count: row.n, truncated: false };
}
