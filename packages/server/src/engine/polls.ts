/**
 * Long-poll waiters. They live in memory: a poll that finds no task waits here until a task may be
 * ready on its task list, its time is up, its caller goes away (AbortSignal) or the engine closes.
 */
import { type TaskKind } from './types.js';

type Wake = () => void;

/** Why a wait ended. */
export type WaitEnd = 'woken' | 'timeout' | 'aborted' | 'closed';

/** The key of a task list's waiters. */
export function waitKey(kind: TaskKind, domain: string, taskList: string): string {
  return `${kind}\u0000${domain}\u0000${taskList}`;
}

/** Waiting pollers, FIFO per task list. */
export class Waiters {
  private readonly queues = new Map<string, Wake[]>();
  private readonly all = new Set<(end: WaitEnd) => void>();
  private closed = false;

  /** Waits for a wake-up on `key` for at most `ms`. */
  wait(key: string, ms: number, signal?: AbortSignal, front = false): Promise<WaitEnd> {
    if (this.closed) return Promise.resolve('closed');
    if (signal?.aborted) return Promise.resolve('aborted');
    return new Promise<WaitEnd>((resolve) => {
      let done = false;
      const finish = (end: WaitEnd): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.all.delete(finish);
        const queue = this.queues.get(key);
        if (queue) {
          const i = queue.indexOf(wake);
          if (i >= 0) queue.splice(i, 1);
          if (queue.length === 0) this.queues.delete(key);
        }
        resolve(end);
      };
      const wake: Wake = () => finish('woken');
      const onAbort = (): void => finish('aborted');
      const timer = setTimeout(() => finish('timeout'), Math.max(0, ms));
      signal?.addEventListener('abort', onAbort, { once: true });
      this.all.add(finish);
      const queue = this.queues.get(key) ?? [];
      if (front) queue.unshift(wake);
      else queue.push(wake);
      this.queues.set(key, queue);
    });
  }

  /** Wakes the longest-waiting poller of `key`, if any. */
  wake(key: string): void {
    const first = this.queues.get(key)?.[0];
    first?.();
  }

  /** Ends every wait (engine shutdown). */
  close(): void {
    this.closed = true;
    for (const finish of [...this.all]) finish('closed');
  }

  /** How many pollers wait, on all task lists (for tests and diagnostics). */
  total(): number {
    return this.all.size;
  }

  /** How many pollers wait on `key` (for tests and diagnostics). */
  count(key: string): number {
    return this.queues.get(key)?.length ?? 0;
  }
}
