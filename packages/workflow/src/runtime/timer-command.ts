/**
 * Timers: `sleep(duration)` and the internal `startTimer` behind it, `condition(fn, timeout)` and
 * scope timeouts. One `StartTimer` decision, settled by `TimerFired`; cancelling the scope cancels
 * the timer (`CancelTimer`).
 */
import {
  ApplicationFailure,
  parseDuration,
  toSwfSeconds,
  type CancelledFailure,
  type Duration,
} from '@swf-flow/common';
import type { CancellationScope } from './cancellation-scope.js';
import type { Command } from './command.js';
import type { WorkflowRuntime } from './runtime.js';
import { currentStore } from './storage.js';

function cancelTimer(rt: WorkflowRuntime, timerId: string, timer: Command): Command {
  return rt.issue({
    kind: 'cancelTimer',
    decision: { decisionType: 'CancelTimer', cancelTimerDecisionAttributes: { timerId } },
    key: timerId,
    label: `CancelTimer ${timerId}`,
    handlers: {},
    origin: timer,
  });
}

/** Starts a durable timer of `ms` in `scope`; resolves when it fires, rejects when the scope is cancelled. */
export function startTimer(rt: WorkflowRuntime, ms: number, scope: CancellationScope): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (scope.failure) {
      reject(scope.failure);
      return;
    }
    const seconds = toSwfSeconds(ms, 'sleep');
    let timerId = rt.ids.next('timer');
    let done = false;
    let cancelCmd: Command | undefined;
    const finish = (): boolean => {
      if (done) return false;
      done = true;
      unsubscribe();
      return true;
    };
    const cmd = rt.issue({
      kind: 'timer',
      decision: { decisionType: 'StartTimer', startTimerDecisionAttributes: { timerId, startToFireTimeout: seconds } },
      key: '',
      label: `StartTimer (timerId ${timerId}, ${seconds}s)`,
      handlers: {
        recorded: (e) => {
          timerId = e.timerStartedEventAttributes?.timerId ?? timerId;
          rt.ids.use('timer', timerId);
        },
        failed: (e) => {
          const cause = e.startTimerFailedEventAttributes?.cause ?? 'UNKNOWN';
          if (finish())
            reject(
              new ApplicationFailure(`StartTimer ${timerId} failed: ${cause}`, { type: cause, nonRetryable: true }),
            );
        },
        events: {
          TimerFired: () => {
            // Fired before a CancelTimer issued in this batch was sent: SWF would refuse it.
            if (cancelCmd?.state === 'pending') rt.commands.withdraw(cancelCmd);
            if (finish()) resolve();
          },
        },
      },
    });
    const unsubscribe = scope.onCancel((failure: CancelledFailure) => {
      if (!finish()) return;
      if (cmd.state === 'pending') rt.commands.withdraw(cmd);
      else cancelCmd = cancelTimer(rt, timerId, cmd);
      reject(failure);
    });
  });
}

/**
 * Waits for `duration` with a durable SWF timer (one `StartTimer` decision; SWF counts whole
 * seconds, so durations round up). Cancelling the current scope cancels the timer
 * (`CancelTimer`) and rejects with a `CancelledFailure`.
 *
 * @example
 * ```ts
 * await sleep('5 minutes');
 * ```
 */
export function sleep(duration: Duration): Promise<void> {
  const { runtime, scope } = currentStore('sleep()');
  return startTimer(runtime, parseDuration(duration, 'sleep duration'), scope);
}
