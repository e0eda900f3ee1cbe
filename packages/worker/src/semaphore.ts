/**
 * Counts free slots for concurrent tasks. Pollers `acquire()` a slot before they poll, so a worker
 * never takes a task it has no room to run.
 */
export class Semaphore {
  private readonly waiters: Array<(acquired: boolean) => void> = [];
  private inUse = 0;

  constructor(readonly capacity: number) {}

  /** Resolves `true` once a slot is held, or `false` if `signal` aborted first. */
  acquire(signal?: AbortSignal): Promise<boolean> {
    if (signal?.aborted) return Promise.resolve(false);
    if (this.inUse < this.capacity) {
      this.inUse += 1;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const waiter = (acquired: boolean): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve(acquired);
      };
      const onAbort = (): void => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        resolve(false);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  /** Gives a slot back (to the longest waiter, if any). */
  release(): void {
    const next = this.waiters.shift();
    if (next) next(true);
    else this.inUse = Math.max(0, this.inUse - 1);
  }

  /** Slots held right now. */
  get used(): number {
    return this.inUse;
  }
}
