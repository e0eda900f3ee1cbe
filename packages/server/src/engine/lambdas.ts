/**
 * Lambda tasks as the service runs them: a `ScheduleLambdaFunction` records
 * `LambdaFunctionScheduled`; a run without a `lambdaRole` then gets `StartLambdaFunctionFailed`
 * (`ASSUME_ROLE_FAILED`), any other records `LambdaFunctionStarted`, stores the open task with its
 * start-to-close deadline and, once the transaction is committed, has the function invoked. The
 * outcome (`LambdaFunctionCompleted` / `Failed`) or the deadline (`LambdaFunctionTimedOut`),
 * whichever comes first, closes the task and schedules a decision task.
 */
import { MAX_PAYLOAD_LENGTH, MAX_REASON_LENGTH } from '@swf-flow/common';
import { type LambdaOutcome } from '../lambda/invoker.js';
import { addDeadline, removeDeadlines } from './deadlines.js';
import { scheduleDecision } from './decision-tasks.js';
import { compact } from './durations.js';
import { appendEvent } from './history.js';
import { type ExecRow, getExec } from './store-executions.js';
import { type Ctx, type LambdaTaskRow } from './types.js';
import { prep } from './statements.js';

/** SWF's start-to-close timeout of a Lambda task when the decision sets none, in seconds. */
export const DEFAULT_LAMBDA_TIMEOUT_S = 900;

/** An open (started) Lambda task as stored. */
export type LambdaRow = LambdaTaskRow;

/** What a ScheduleLambdaFunction decision asks for (already validated). */
export interface LambdaSpec {
  id: string;
  name: string;
  input?: string;
  control?: string;
  startToCloseTimeout?: string;
}

/** The open Lambda task with this id in a run, if any. */
export function findLambda(ctx: Ctx, runId: string, lambdaId: string): LambdaRow | undefined {
  return prep(ctx.db, 'SELECT * FROM lambdas WHERE run_id = ? AND lambda_id = ?').get(runId, lambdaId) as
    LambdaRow | undefined;
}

/** How many Lambda tasks are open in a run. */
export function countOpenLambdas(ctx: Ctx, runId: string): number {
  return (prep(ctx.db, 'SELECT COUNT(*) AS n FROM lambdas WHERE run_id = ?').get(runId) as { n: number }).n;
}

/** Every open Lambda task (to invoke again after a restart: an invocation dies with its process). */
export function allOpenLambdas(ctx: Ctx): LambdaRow[] {
  return prep(ctx.db, 'SELECT * FROM lambdas ORDER BY deadline').all() as LambdaRow[];
}

/** Closes a closing run's open Lambda tasks (no event: the run's close says it all) and stops their invocations. */
export function dropRunLambdas(ctx: Ctx, runId: string): void {
  const rows = prep(ctx.db, 'SELECT scheduled_id FROM lambdas WHERE run_id = ?').all(runId) as Array<{
    scheduled_id: number;
  }>;
  if (rows.length === 0) return;
  prep(ctx.db, 'DELETE FROM lambdas WHERE run_id = ?').run(runId);
  for (const r of rows) ctx.abortLambda(runId, r.scheduled_id);
}

/**
 * LambdaFunctionScheduled; returns its id. Call {@link startLambda} for it once the decision
 * task's other decision events are recorded (SWF records a task's decisions together, and what
 * follows from them after them).
 */
export function recordLambdaScheduled(
  ctx: Ctx,
  exec: ExecRow,
  spec: LambdaSpec,
  decisionTaskCompletedEventId: number,
): number {
  return appendEvent(
    ctx,
    exec.run_id,
    'LambdaFunctionScheduled',
    compact({
      id: spec.id,
      name: spec.name,
      control: spec.control,
      input: spec.input,
      startToCloseTimeout: spec.startToCloseTimeout,
      decisionTaskCompletedEventId,
    }),
  );
}

/**
 * Starts a scheduled Lambda task: StartLambdaFunctionFailed (`ASSUME_ROLE_FAILED`) and a decision
 * task for a run without a `lambdaRole`; else LambdaFunctionStarted, the task stored with its
 * start-to-close deadline, and the invocation (after the transaction commits).
 */
export function startLambda(ctx: Ctx, exec: ExecRow, scheduledId: number, spec: LambdaSpec): void {
  const runId = exec.run_id;
  // A close decision later in the same answer closed the run: nothing starts.
  if (getExec(ctx, runId)?.status !== 'OPEN') return;
  if (!exec.lambda_role) {
    appendEvent(ctx, runId, 'StartLambdaFunctionFailed', {
      scheduledEventId: scheduledId,
      cause: 'ASSUME_ROLE_FAILED',
      // Amazon SWF's words, as its histories record them.
      message: 'No IAM role is attached to the current workflow execution.',
    });
    scheduleDecision(ctx, runId);
    return;
  }
  const startedId = appendEvent(ctx, runId, 'LambdaFunctionStarted', { scheduledEventId: scheduledId });
  const seconds = spec.startToCloseTimeout === undefined ? DEFAULT_LAMBDA_TIMEOUT_S : Number(spec.startToCloseTimeout);
  const deadline = ctx.clock.now() + seconds * 1000;
  const task: LambdaRow = {
    run_id: runId,
    scheduled_id: scheduledId,
    started_id: startedId,
    lambda_id: spec.id,
    name: spec.name,
    input: spec.input ?? null,
    deadline,
  };
  prep(
    ctx.db,
    'INSERT INTO lambdas (run_id, scheduled_id, started_id, lambda_id, name, input, deadline) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(task.run_id, task.scheduled_id, task.started_id, task.lambda_id, task.name, task.input, task.deadline);
  addDeadline(ctx, deadline, 'lambda-start-to-close', runId, String(scheduledId));
  ctx.tx.lambdasToStart.push(task);
}

function takeLambda(ctx: Ctx, runId: string, scheduledId: number): LambdaRow | undefined {
  const row = prep(ctx.db, 'SELECT * FROM lambdas WHERE run_id = ? AND scheduled_id = ?').get(runId, scheduledId) as
    LambdaRow | undefined;
  if (!row) return undefined;
  prep(ctx.db, 'DELETE FROM lambdas WHERE run_id = ? AND scheduled_id = ?').run(runId, scheduledId);
  removeDeadlines(ctx, runId, 'lambda-start-to-close', String(scheduledId));
  ctx.abortLambda(runId, scheduledId);
  return row;
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Records an invocation's outcome: LambdaFunctionCompleted (the response as `result`) or
 * LambdaFunctionFailed, then a decision task. An outcome for a task no longer open (it timed out,
 * or its run closed) is dropped, as SWF drops it. Returns whether it was recorded.
 */
export function finishLambda(ctx: Ctx, runId: string, scheduledId: number, outcome: LambdaOutcome): boolean {
  const exec = getExec(ctx, runId);
  if (!exec || exec.status !== 'OPEN') return false;
  const row = takeLambda(ctx, runId, scheduledId);
  if (!row) return false;
  const refs = { scheduledEventId: row.scheduled_id, startedEventId: row.started_id };
  if (outcome.kind === 'completed' && outcome.payload.length <= MAX_PAYLOAD_LENGTH) {
    appendEvent(ctx, runId, 'LambdaFunctionCompleted', { ...refs, result: outcome.payload });
  } else if (outcome.kind === 'completed') {
    appendEvent(ctx, runId, 'LambdaFunctionFailed', {
      ...refs,
      reason: 'ResultTooLarge',
      details: `The function's response is ${outcome.payload.length} characters; SWF records at most ${MAX_PAYLOAD_LENGTH} as a Lambda task's result. Return less (for example a key to where the data is).`,
    });
  } else {
    appendEvent(ctx, runId, 'LambdaFunctionFailed', {
      ...refs,
      reason: cut(outcome.reason, MAX_REASON_LENGTH),
      details: cut(outcome.details, MAX_PAYLOAD_LENGTH),
    });
  }
  scheduleDecision(ctx, runId);
  return true;
}

/** A Lambda task's start-to-close deadline fell due: LambdaFunctionTimedOut, then a decision task. */
export function timeOutLambda(ctx: Ctx, runId: string, scheduledId: number): void {
  const row = takeLambda(ctx, runId, scheduledId);
  if (!row) return;
  appendEvent(ctx, runId, 'LambdaFunctionTimedOut', {
    scheduledEventId: row.scheduled_id,
    startedEventId: row.started_id,
    timeoutType: 'START_TO_CLOSE',
  });
  scheduleDecision(ctx, runId);
}
