/** The long poll: claim a task now, else wait for a wake-up until the poll's time is up. */
import type { OperationContext } from '../operation.js';
import { type Waiters } from './polls.js';

/** Options of {@link longPoll}. */
export interface LongPollOptions<T> {
  /**
   * Tries to claim a task: in a transaction of its own, or, while the poll waits, inside the
   * transaction of a request that made a task ready (a savepoint of it; see `Waiters.handOff`).
   */
  claim: () => T | undefined;
  waiters: Waiters;
  key: string;
  timeoutMs: number;
  /** The poll's context: `gone()` (or its signal) ends it; its signal is read only to wait. */
  context?: OperationContext;
}

/** Whether the poll's caller went away, without making a signal the caller makes on first read. */
function gone(context: OperationContext | undefined): boolean {
  if (context === undefined) return false;
  return context.gone ? context.gone() : context.signal?.aborted === true;
}

/** Claims a task at once or when one becomes ready; undefined when the time is up or the poll ends. */
export async function longPoll<T>(o: LongPollOptions<T>): Promise<T | undefined> {
  const deadline = Date.now() + o.timeoutMs;
  let woken = false;
  let timeUp = false;
  for (;;) {
    // A caller that went away must not be handed a task nobody would answer.
    if (gone(o.context)) return undefined;
    const readies = o.waiters.readyCount();
    const task = o.claim();
    if (task !== undefined) return task;
    const remaining = deadline - Date.now();
    if (timeUp || remaining <= 0) return undefined;
    // A task made ready after the claim above looked was offered to the pollers waiting then, not
    // to this one: claim again rather than wait for a wake-up that has already happened.
    if (o.waiters.readyCount() !== readies) continue;
    // A poller woken for a task that another took goes back to the head of the queue.
    const { end, task: handed } = await o.waiters.wait(o.key, remaining, o.context?.signal, woken, o.claim);
    if (end === 'claimed') return handed;
    if (end === 'aborted' || end === 'closed') return undefined;
    // Woken, or the time is up: round again, so that a task made ready meanwhile is claimed (when
    // the time is up, by one last claim) unless the caller went away: every claim comes after the
    // check at the top.
    if (end === 'timeout') timeUp = true;
    else woken = true;
  }
}
