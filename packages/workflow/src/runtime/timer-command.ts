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
  type HistoryEvent,
} from '@swf-flow/common';
import type { CancelListener, CancellationScope } from './cancellation-scope.js';
import type { Command, CommandHandlers } from './command.js';
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

/**
 * One durable timer: its command's handlers, its scope's cancel listener and its promise's
 * settlement in one object (no closure per handler).
 */
class TimerCall implements CommandHandlers, CancelListener {
  private timerId = '';
  private command: Command | undefined;
  private cancelCommand: Command | undefined;
  private done = false;
  private resolve!: () => void;
  private reject!: (reason: unknown) => void;

  constructor(
    private readonly rt: WorkflowRuntime,
    private readonly scope: CancellationScope,
    private readonly ms: number,
  ) {}

  /** Runs in the promise's executor: issues the command, or rejects at once in a cancelled scope. */
  begin(resolve: () => void, reject: (reason: unknown) => void): void {
    this.resolve = resolve;
    this.reject = reject;
    const { rt, scope } = this;
    if (scope.failure) {
      reject(scope.failure);
      return;
    }
    const seconds = toSwfSeconds(this.ms, 'sleep');
    const timerId = (this.timerId = rt.ids.next('timer'));
    this.command = rt.issue({
      kind: 'timer',
      decision: { decisionType: 'StartTimer', startTimerDecisionAttributes: { timerId, startToFireTimeout: seconds } },
      key: '',
      label: `StartTimer (timerId ${timerId}, ${seconds}s)`,
      handlers: this,
    });
    scope.addListener(this);
  }

  /** Ends the timer once (false if it had ended). */
  private finish(): boolean {
    if (this.done) return false;
    this.done = true;
    this.scope.removeListener(this);
    return true;
  }

  recorded(e: HistoryEvent): void {
    this.timerId = e.timerStartedEventAttributes?.timerId ?? this.timerId;
    this.rt.ids.use('timer', this.timerId);
  }

  failed(e: HistoryEvent): void {
    const cause = e.startTimerFailedEventAttributes?.cause ?? 'UNKNOWN';
    if (this.finish())
      this.reject(
        new ApplicationFailure(`StartTimer ${this.timerId} failed: ${cause}`, { type: cause, nonRetryable: true }),
      );
  }

  event(e: HistoryEvent): void {
    if (e.eventType !== 'TimerFired') return; // TimerCanceled, CancelTimerFailed: the scope's rejection stands
    // Fired before a CancelTimer issued in this batch was sent: SWF would refuse it.
    if (this.cancelCommand?.state === 'pending') this.rt.commands.withdraw(this.cancelCommand);
    if (this.finish()) this.resolve();
  }

  scopeCancelled(failure: CancelledFailure): void {
    if (!this.command || !this.finish()) return;
    if (this.command.state === 'pending') this.rt.commands.withdraw(this.command);
    else this.cancelCommand = cancelTimer(this.rt, this.timerId, this.command);
    this.reject(failure);
  }
}

/** Starts a durable timer of `ms` in `scope`; resolves when it fires, rejects when the scope is cancelled. */
export function startTimer(rt: WorkflowRuntime, ms: number, scope: CancellationScope): Promise<void> {
  const timer = new TimerCall(rt, scope, ms);
  return new Promise<void>((resolve, reject) => timer.begin(resolve, reject));
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
