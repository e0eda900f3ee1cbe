/**
 * A long poll's end by its client or the service's shutdown, with the `AbortSignal` made only when
 * something waits on it. Node 20 takes ~5 µs to make an `AbortSignal` (its prototype is set on an
 * `EventTarget` after the fact) and ~1 µs more to listen to it; most polls of a busy worker claim a
 * task at once and never wait, so neither is paid for them. What a poll sees is the same as with a
 * signal made up front: made after an abort, the signal is already aborted.
 */
import type { OperationContext } from '../operation.js';

/** One long poll's abort, and the operation context the poll runs with (see the file's comment). */
export class PollAbort implements OperationContext {
  private controller: AbortController | undefined;
  private ended = false;

  /** Whether the poll was ended (its client went away, or the service is closing). */
  get aborted(): boolean {
    return this.ended;
  }

  /** The same, as the engine asks it (`OperationContext.gone`): no signal is made to answer. */
  gone(): boolean {
    return this.ended;
  }

  /** The poll's signal: made on the first read (aborted, if the poll was ended before). */
  get signal(): AbortSignal {
    if (this.controller === undefined) {
      this.controller = new AbortController();
      if (this.ended) this.controller.abort();
    }
    return this.controller.signal;
  }

  /** Ends the poll: its signal, if made, aborts; one made later is made aborted. */
  abort(): void {
    if (this.ended) return;
    this.ended = true;
    this.controller?.abort();
  }
}
