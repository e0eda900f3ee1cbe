/** The signal handlers of one run, and the signals that arrived before their handler was set. */

/** A signal handler. */
export type SignalHandler = (...args: any[]) => void | Promise<void>;

/** A signal waiting for its handler. */
export interface BufferedSignal {
  name: string;
  args: unknown[];
}

/** Signal handlers by name, and the buffer of signals without one. */
export class SignalBox {
  private readonly handlers = new Map<string, SignalHandler>();
  private readonly buffer: BufferedSignal[] = [];

  /** The handler of signal `name`, if one is set. */
  handlerOf(name: string): SignalHandler | undefined {
    return this.handlers.get(name);
  }

  /** Keeps a signal until a handler for it is set. */
  hold(signal: BufferedSignal): void {
    this.buffer.push(signal);
  }

  /** Removes the handler of `name` (later signals are buffered again). */
  remove(name: string): void {
    this.handlers.delete(name);
  }

  /** Sets the handler of `name`; returns the signals buffered for it, in order, now taken out of the buffer. */
  set(name: string, handler: SignalHandler): BufferedSignal[] {
    this.handlers.set(name, handler);
    const waiting = this.buffer.filter((s) => s.name === name);
    if (waiting.length === 0) return waiting;
    for (let i = this.buffer.length - 1; i >= 0; i--) if (this.buffer[i]?.name === name) this.buffer.splice(i, 1);
    return waiting;
  }
}
