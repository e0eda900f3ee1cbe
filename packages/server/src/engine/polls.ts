/**
 * Long-poll waiters. They live in memory: a poll that finds no task waits here until a task may be
 * ready on its task list, its time is up, its caller goes away (AbortSignal) or the engine closes.
 */
import { type TaskKind } from './types.js';

/** Why a wait ended: `'claimed'` when a task was claimed for the poller (see {@link Waiters.handOff}). */
export type WaitEnd = 'woken' | 'claimed' | 'timeout' | 'aborted' | 'closed';

/** How a wait ended, with the task claimed for the poller when it was. */
export interface WaitResult<T = unknown> {
  end: WaitEnd;
  task?: T;
}

/** The key of a task list's waiters. */
export function waitKey(kind: TaskKind, domain: string, taskList: string): string {
  return `${kind}\u0000${domain}\u0000${taskList}`;
}

interface Waiter {
  finish(end: WaitEnd, task?: unknown): void;
  /** Claims a task for this poller inside the caller's transaction, if it can. */
  claim: (() => unknown) | undefined;
  signal: AbortSignal | undefined;
}

/**
 * A task claimed for a waiting poller inside another request's transaction: handed to the poller
 * once that transaction has committed ({@link HandOff.deliver}), or, if it rolled back, the poller
 * is woken to claim for itself ({@link HandOff.retry}).
 */
export interface HandOff {
  deliver(): void;
  retry(): void;
}

/** Waiting pollers, FIFO per task list. */
export class Waiters {
  private readonly queues = new Map<string, Waiter[]>();
  private readonly all = new Set<(end: WaitEnd) => void>();
  private closed = false;
  /** Counts {@link Waiters.wake} and {@link Waiters.handOff} calls, on any task list (see {@link Waiters.readyCount}). */
  private readies = 0;

  /**
   * How many times a task may have become ready so far, on any task list: every
   * {@link Waiters.wake} and {@link Waiters.handOff} counts, whether a poller waited or not. A poll
   * that looked for a task and found none compares it before it parks: if it moved, a task made
   * ready after the look reached no poller, and the poll looks again instead of waiting for a
   * wake-up that already happened.
   */
  readyCount(): number {
    return this.readies;
  }

  /**
   * Waits for a wake-up on `key` for at most `ms`. With `claim`, a transaction that makes a task
   * ready on `key` may claim it for this poller before it commits ({@link Waiters.handOff}): the
   * wait then ends `'claimed'` with the task.
   */
  wait<T>(
    key: string,
    ms: number,
    signal?: AbortSignal,
    front = false,
    claim?: () => T | undefined,
  ): Promise<WaitResult<T>> {
    if (this.closed) return Promise.resolve({ end: 'closed' });
    if (signal?.aborted) return Promise.resolve({ end: 'aborted' });
    return new Promise<WaitResult<T>>((resolve) => {
      let done = false;
      const finish = (end: WaitEnd, task?: unknown): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.all.delete(finish);
        this.remove(key, waiter);
        resolve(end === 'claimed' ? { end, task: task as T } : { end });
      };
      const waiter: Waiter = { finish, claim, signal };
      const onAbort = (): void => finish('aborted');
      const timer = setTimeout(() => finish('timeout'), Math.max(0, ms));
      signal?.addEventListener('abort', onAbort, { once: true });
      this.all.add(finish);
      const queue = this.queues.get(key) ?? [];
      if (front) queue.unshift(waiter);
      else queue.push(waiter);
      this.queues.set(key, queue);
    });
  }

  /** Wakes the longest-waiting poller of `key`, if any. */
  wake(key: string): void {
    this.readies += 1;
    this.queues.get(key)?.[0]?.finish('woken');
  }

  /**
   * Called inside a transaction that made tasks ready on `key`: claims them, in that transaction,
   * for the pollers waiting there, longest-waiting first, while a claim finds one. A claimed poller
   * leaves the queue at once (nothing else can be handed to it) and gets its task only when
   * {@link HandOff.deliver} is called after the commit, so its answer never shows what a rolled-back
   * transaction wrote. A poller that cannot claim here (no claim function, or its claim failed) is
   * woken after the commit to claim for itself, as before.
   */
  handOff(key: string): HandOff[] {
    this.readies += 1;
    const handed: HandOff[] = [];
    for (;;) {
      const waiter = this.queues.get(key)?.find((w) => !w.signal?.aborted);
      if (!waiter) break;
      let task: unknown;
      try {
        task = waiter.claim?.();
      } catch {
        task = undefined; // its own claim will meet the failure and answer with it
        handed.push({ deliver: () => waiter.finish('woken'), retry: () => waiter.finish('woken') });
        this.remove(key, waiter);
        break;
      }
      if (task === undefined) {
        if (waiter.claim === undefined) {
          this.remove(key, waiter);
          handed.push({ deliver: () => waiter.finish('woken'), retry: () => waiter.finish('woken') });
        }
        break;
      }
      this.remove(key, waiter);
      handed.push({ deliver: () => waiter.finish('claimed', task), retry: () => waiter.finish('woken') });
    }
    return handed;
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

  private remove(key: string, waiter: Waiter): void {
    const queue = this.queues.get(key);
    if (!queue) return;
    const i = queue.indexOf(waiter);
    if (i >= 0) queue.splice(i, 1);
    if (queue.length === 0) this.queues.delete(key);
  }
}
