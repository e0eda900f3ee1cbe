/**
 * The checks after a fuzz run: no queue is stuck (every task a poll may take can be polled and
 * answered over HTTP, until none is left), a normal workflow still runs through (in a fresh domain and in
 * a fuzzed one), and the database passes SQLite's integrity and foreign-key checks.
 */
import type Database from 'better-sqlite3';
import { send } from './wire.js';

type Json = Record<string, unknown>;

/** A request that must succeed; throws with the fault otherwise. */
export async function call(url: string, operation: string, input: Json): Promise<Json> {
  const answer = await send(url, {
    target: `SimpleWorkflowService.${operation}`,
    body: JSON.stringify(input),
    operation,
  });
  if (answer.status !== 200 || !answer.output)
    throw new Error(
      `${operation} ${JSON.stringify(input).slice(0, 300)} answered ${answer.status} ${answer.fault ?? ''} ${answer.problem ?? ''}`,
    );
  return answer.output;
}

/** Whether `operation` succeeds (faults such as a deprecated domain are an answer, not a failure). */
async function attempt(url: string, operation: string, input: Json): Promise<Json | undefined> {
  const answer = await send(url, {
    target: `SimpleWorkflowService.${operation}`,
    body: JSON.stringify(input),
    operation,
  });
  if (answer.problem) throw new Error(`${operation}: ${answer.problem}`);
  return answer.output;
}

/** A task list holding a task that a poll may take now. */
interface Claimable {
  kind: 'decision' | 'activity';
  domain: string;
  taskList: string;
}

/**
 * Task lists that hold a task a poll may take now, read from the database: a decision task
 * scheduled while none is started, an activity task not started, of an open run. (SWF records the
 * next DecisionTaskScheduled while a decision task is started, and counts it as pending, though no
 * poll can take it before the started one ends; those are not claimable.)
 */
export function claimable(db: Database.Database): Claimable[] {
  const decisions = db
    .prepare(
      `SELECT DISTINCT domain, dt_task_list AS taskList FROM executions WHERE status = 'OPEN' AND dt_scheduled_id > 0 AND dt_started_id = 0`,
    )
    .all() as Array<{ domain: string; taskList: string }>;
  const activities = db
    .prepare(
      `SELECT DISTINCT a.domain, a.task_list AS taskList FROM activities a JOIN executions e ON e.run_id = a.run_id WHERE a.started_id = 0 AND e.status = 'OPEN'`,
    )
    .all() as Array<{ domain: string; taskList: string }>;
  return [
    ...decisions.map((d) => ({ kind: 'decision' as const, ...d })),
    ...activities.map((a) => ({ kind: 'activity' as const, ...a })),
  ];
}

/** What draining found. */
export interface DrainReport {
  decisionTasksAnswered: number;
  activityTasksAnswered: number;
  /** Task lists still holding a claimable task after the last round (empty when nothing is stuck). */
  stuck: string[];
}

/**
 * Polls every task list that holds a claimable task, over HTTP, until the poll comes back empty,
 * answering each decision task with CompleteWorkflowExecution and each activity task as completed;
 * repeats while tasks remain (a completion refused for an unhandled event schedules one more
 * decision; a timer may fire meanwhile), at most `rounds` times. What is still claimable then is a
 * stuck queue: the database holds a task that polls do not hand out.
 */
export async function drain(url: string, db: Database.Database, rounds = 10): Promise<DrainReport> {
  const report: DrainReport = { decisionTasksAnswered: 0, activityTasksAnswered: 0, stuck: [] };
  for (let round = 0; round < rounds; round++) {
    const lists = claimable(db);
    if (lists.length === 0) return report;
    for (const { kind, domain, taskList: name } of lists) {
      const taskList = { name };
      const operation = kind === 'decision' ? 'PollForDecisionTask' : 'PollForActivityTask';
      for (
        let task = await attempt(url, operation, { domain, taskList });
        task?.taskToken;
        task = await attempt(url, operation, { domain, taskList })
      ) {
        if (kind === 'decision') {
          await attempt(url, 'RespondDecisionTaskCompleted', {
            taskToken: task.taskToken,
            decisions: [{ decisionType: 'CompleteWorkflowExecution', completeWorkflowExecutionDecisionAttributes: {} }],
          });
          report.decisionTasksAnswered += 1;
        } else {
          await attempt(url, 'RespondActivityTaskCompleted', { taskToken: task.taskToken, result: 'drained' });
          report.activityTasksAnswered += 1;
        }
      }
    }
  }
  report.stuck = claimable(db).map(
    (c) => `${c.kind} task on ${JSON.stringify(c.domain)}/${JSON.stringify(c.taskList)}`,
  );
  return report;
}

async function pollUntilTask(url: string, operation: string, input: Json): Promise<Json> {
  for (let i = 0; i < 200; i++) {
    const task = await call(url, operation, input);
    if (task.taskToken) return task;
  }
  throw new Error(`${operation} found no task in 200 polls`);
}

/** Runs one workflow (one activity, then complete) through `domain` on fresh task lists; returns its close status. */
export async function runThrough(url: string, domain: string, tag: string): Promise<string> {
  await attempt(url, 'RegisterDomain', { name: domain, workflowExecutionRetentionPeriodInDays: '1' });
  const workflowType = { name: `After-${tag}`, version: '1' };
  const activityType = { name: `AfterAct-${tag}`, version: '1' };
  const decisions = { name: `after-d-${tag}` };
  const activities = { name: `after-a-${tag}` };
  await call(url, 'RegisterWorkflowType', {
    domain,
    ...workflowType,
    defaultTaskList: decisions,
    defaultTaskStartToCloseTimeout: '60',
    defaultExecutionStartToCloseTimeout: '600',
    defaultChildPolicy: 'TERMINATE',
  });
  await call(url, 'RegisterActivityType', {
    domain,
    ...activityType,
    defaultTaskList: activities,
    defaultTaskScheduleToStartTimeout: '60',
    defaultTaskScheduleToCloseTimeout: '120',
    defaultTaskStartToCloseTimeout: '60',
    defaultTaskHeartbeatTimeout: 'NONE',
  });
  const workflowId = `after-${tag}`;
  const { runId } = await call(url, 'StartWorkflowExecution', { domain, workflowId, workflowType, input: '21' });
  const first = await pollUntilTask(url, 'PollForDecisionTask', { domain, taskList: decisions });
  await call(url, 'RespondDecisionTaskCompleted', {
    taskToken: first.taskToken,
    decisions: [
      {
        decisionType: 'ScheduleActivityTask',
        scheduleActivityTaskDecisionAttributes: { activityId: 'double', activityType, input: '21' },
      },
    ],
  });
  const activity = await pollUntilTask(url, 'PollForActivityTask', { domain, taskList: activities });
  await call(url, 'RespondActivityTaskCompleted', {
    taskToken: activity.taskToken,
    result: String(Number(activity.input) * 2),
  });
  const second = await pollUntilTask(url, 'PollForDecisionTask', { domain, taskList: decisions });
  const completed = (
    second.events as Array<{ eventType: string; activityTaskCompletedEventAttributes?: { result?: string } }>
  ).find((e) => e.eventType === 'ActivityTaskCompleted');
  await call(url, 'RespondDecisionTaskCompleted', {
    taskToken: second.taskToken,
    decisions: [
      {
        decisionType: 'CompleteWorkflowExecution',
        completeWorkflowExecutionDecisionAttributes: {
          result: completed?.activityTaskCompletedEventAttributes?.result ?? 'missing',
        },
      },
    ],
  });
  const described = await call(url, 'DescribeWorkflowExecution', { domain, execution: { workflowId, runId } });
  const info = described.executionInfo as { closeStatus?: string };
  const history = await call(url, 'GetWorkflowExecutionHistory', {
    domain,
    execution: { workflowId, runId },
    reverseOrder: true,
    maximumPageSize: 1,
  });
  const last = (history.events as Array<{ workflowExecutionCompletedEventAttributes?: { result?: string } }>)[0];
  return `${info.closeStatus ?? 'OPEN'} ${last?.workflowExecutionCompletedEventAttributes?.result ?? ''}`;
}

/** SQLite's own checks of the database file: `['ok']` and no foreign-key violations when healthy. */
export function databaseChecks(db: Database.Database): { integrity: string[]; foreignKeyViolations: number } {
  const integrity = (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map(
    (row) => row.integrity_check,
  );
  const foreignKeyViolations = (db.pragma('foreign_key_check') as unknown[]).length;
  return { integrity, foreignKeyViolations };
}
