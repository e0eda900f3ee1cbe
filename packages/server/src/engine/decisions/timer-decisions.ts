/** StartTimer, CancelTimer and RecordMarker decisions. */
import { appendEvent } from '../history.js';
import { cancelTimer, countOpenTimers, findTimer, startTimer } from '../timers.js';
import { compact } from '../durations.js';
import { type DecisionRun, failDecision } from './context.js';

/** StartTimer: TimerStarted, or StartTimerFailed (TIMER_ID_ALREADY_IN_USE, OPEN_TIMERS_LIMIT_EXCEEDED). */
export function startTimerDecision(
  run: DecisionRun,
  a: { timerId?: string; control?: string; startToFireTimeout?: string },
): void {
  const timerId = a.timerId ?? '';
  if (findTimer(run.ctx, run.exec.run_id, timerId))
    return failDecision(run, 'StartTimerFailed', { timerId, cause: 'TIMER_ID_ALREADY_IN_USE' });
  if (countOpenTimers(run.ctx, run.exec.run_id) >= run.ctx.config.maxOpenPerExecution) {
    return failDecision(run, 'StartTimerFailed', { timerId, cause: 'OPEN_TIMERS_LIMIT_EXCEEDED' });
  }
  startTimer(
    run.ctx,
    run.exec.run_id,
    { timerId, control: a.control, startToFireTimeout: a.startToFireTimeout ?? '0' },
    run.completedId,
  );
}

/** CancelTimer: TimerCanceled, or CancelTimerFailed (TIMER_ID_UNKNOWN). */
export function cancelTimerDecision(run: DecisionRun, a: { timerId?: string }): void {
  const timerId = a.timerId ?? '';
  const timer = findTimer(run.ctx, run.exec.run_id, timerId);
  if (!timer) return failDecision(run, 'CancelTimerFailed', { timerId, cause: 'TIMER_ID_UNKNOWN' });
  cancelTimer(run.ctx, timer, run.completedId);
}

/** RecordMarker: MarkerRecorded. */
export function recordMarkerDecision(run: DecisionRun, a: { markerName?: string; details?: string }): void {
  appendEvent(
    run.ctx,
    run.exec.run_id,
    'MarkerRecorded',
    compact({ markerName: a.markerName ?? '', details: a.details, decisionTaskCompletedEventId: run.completedId }),
  );
}
