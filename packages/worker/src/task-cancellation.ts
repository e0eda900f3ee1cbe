/**
 * An activity task's cancellation signal, made only when the activity reads it. Creating an
 * `AbortSignal` costs ~5 µs on Node 20 and listening to the worker's shutdown signal ~1 µs more,
 * per task, and most activities never look at their signal. What an activity sees is the same as
 * with a signal made at the start of the task: a cancel request, a task gone or a shutdown that
 * came before the first read is already on the signal when it is made (the first of them is its
 * reason), one that comes after aborts it.
 */
import { ApplicationFailure } from '@swf-flow/common';

/** One task's cancellation (see the file's comment). */
export class TaskCancellation {
  private controller: AbortController | undefined;
  /** The reason of an abort that came before the signal was made (the first one wins). */
  private earlyReason: unknown;
  private aborted = false;
  private listening = false;
  private finished = false;
  private readonly onShutdown = (): void => this.controller?.abort(this.shutdownFailure());

  /**
   * @param identity the worker's identity, named in the shutdown's reason.
   * @param shutdownSignal aborted when a shutdown's grace time is over: the activity is asked to stop.
   */
  constructor(
    private readonly identity: string,
    private readonly shutdownSignal: AbortSignal | undefined,
  ) {}

  /** The activity's `cancellationSignal`: made on the first read. */
  get signal(): AbortSignal {
    const made = this.controller;
    if (made) return made.signal;
    const controller = new AbortController();
    this.controller = controller;
    if (this.aborted) controller.abort(this.earlyReason);
    else if (this.finished)
      return controller.signal; // read after the task: what happens later is not its
    else if (this.shutdownSignal?.aborted) controller.abort(this.shutdownFailure());
    else if (this.shutdownSignal) {
      this.shutdownSignal.addEventListener('abort', this.onShutdown, { once: true });
      this.listening = true;
    }
    return controller.signal;
  }

  /** Aborts the signal (or the one it will make) with `reason`, unless something aborted it first. */
  abort(reason: unknown): void {
    if (this.controller) {
      this.controller.abort(reason);
      return;
    }
    if (this.aborted) return;
    this.aborted = true;
    // A shutdown that came first (nobody listened yet) is the reason, as it would have been.
    this.earlyReason = this.shutdownSignal?.aborted ? this.shutdownFailure() : reason;
  }

  /** The task is over: a shutdown from now on no longer concerns it. */
  done(): void {
    if (!this.controller && !this.aborted && this.shutdownSignal?.aborted) this.abort(this.shutdownFailure());
    this.finished = true;
    if (this.listening) this.shutdownSignal?.removeEventListener('abort', this.onShutdown);
    this.listening = false;
  }

  private shutdownFailure(): ApplicationFailure {
    return ApplicationFailure.retryable(`the worker (${this.identity}) is shutting down`, 'WorkerShutdown');
  }
}
