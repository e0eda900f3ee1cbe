/** Timers: TimerStarted, TimerFired (then a decision task), TimerCanceled. */
import { addDeadline, removeDeadlines } from './deadlines.js';
import { scheduleDecision } from './decision-tasks.js';
import { compact, durationMs } from './durations.js';
import { appendEvent } from './history.js';
import { type Ctx } from './types.js';
import { prep } from './statements.js';

interface TimerRow {
  run_id: string;
  timer_id: string;
  started_id: number;
  fire_at: number;
}

/** The open timer with this id, if any. */
export function findTimer(ctx: Ctx, runId: string, timerId: string): TimerRow | undefined {
  return prep(ctx.db, 'SELECT * FROM timers WHERE run_id = ? AND timer_id = ?').get(runId, timerId) as
    TimerRow | undefined;
}

/** How many timers are open in a run. */
export function countOpenTimers(ctx: Ctx, runId: string): number {
  return (prep(ctx.db, 'SELECT COUNT(*) AS n FROM timers WHERE run_id = ?').get(runId) as { n: number }).n;
}

/** TimerStarted, with its deadline. */
export function startTimer(
  ctx: Ctx,
  runId: string,
  attrs: { timerId: string; control?: string; startToFireTimeout: string },
  decisionTaskCompletedEventId: number,
): void {
  const startedId = appendEvent(
    ctx,
    runId,
    'TimerStarted',
    compact({
      timerId: attrs.timerId,
      control: attrs.control,
      startToFireTimeout: attrs.startToFireTimeout,
      decisionTaskCompletedEventId,
    }),
  );
  const fireAt = ctx.clock.now() + (durationMs(attrs.startToFireTimeout) ?? 0);
  prep(ctx.db, 'INSERT INTO timers (run_id, timer_id, started_id, fire_at) VALUES (?, ?, ?, ?)').run(
    runId,
    attrs.timerId,
    startedId,
    fireAt,
  );
  addDeadline(ctx, fireAt, 'timer', runId, attrs.timerId);
}

/** TimerCanceled for an open timer. */
export function cancelTimer(ctx: Ctx, timer: TimerRow, decisionTaskCompletedEventId: number): void {
  prep(ctx.db, 'DELETE FROM timers WHERE run_id = ? AND timer_id = ?').run(timer.run_id, timer.timer_id);
  removeDeadlines(ctx, timer.run_id, 'timer', timer.timer_id);
  appendEvent(ctx, timer.run_id, 'TimerCanceled', {
    timerId: timer.timer_id,
    startedEventId: timer.started_id,
    decisionTaskCompletedEventId,
  });
}

/** A timer's deadline fell due: TimerFired, then a decision task. */
export function fireTimer(ctx: Ctx, runId: string, timerId: string): void {
  const timer = findTimer(ctx, runId, timerId);
  if (!timer) return;
  prep(ctx.db, 'DELETE FROM timers WHERE run_id = ? AND timer_id = ?').run(runId, timerId);
  appendEvent(ctx, runId, 'TimerFired', { timerId, startedEventId: timer.started_id });
  scheduleDecision(ctx, runId);
}
