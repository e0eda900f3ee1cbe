/**
 * A poll that finds no task parks until a task is made ready for it. A task made ready after its
 * claim has looked and before it parks is offered to the pollers waiting at that moment, which do
 * not include this one yet: the poll must notice and claim again, or it would wait for a wake-up
 * that already happened (a lost wake-up: the task sits queued while a poller waits for it until its
 * time is up). Today nothing runs between a claim and the parking (the engine is synchronous), so
 * these tests force that interleaving with a claim that lets a request make a task ready right
 * after it has looked and found nothing.
 */
import { describe, expect, it } from 'vitest';
import { longPoll } from './long-poll.js';
import { Waiters } from './polls.js';

/** The poll's answer if it has one by the next macrotask, else 'still waiting' (longPoll answers in microtasks). */
function answerNow<T>(poll: Promise<T>): Promise<T | 'still waiting'> {
  return Promise.race([poll, new Promise<'still waiting'>((resolve) => setImmediate(() => resolve('still waiting')))]);
}

/**
 * A task list in memory. `schedule` makes a task ready and offers it to the waiting polls, as a
 * request's transaction does at its end; `claim` takes the first ready task, if any.
 */
function taskList(waiters: Waiters, key: string) {
  const queued: string[] = [];
  const claimed: string[] = [];
  return {
    claimed,
    schedule(task: string): void {
      queued.push(task);
      for (const h of waiters.handOff(key)) h.deliver();
    },
    claim(): string | undefined {
      const task = queued.shift();
      if (task !== undefined) claimed.push(task);
      return task;
    },
  };
}

/** A claim on `list` that, the first time it finds nothing, lets a request schedule `task` before it returns. */
function claimThenSchedule(list: ReturnType<typeof taskList>, task: string) {
  let claims = 0;
  return {
    claims: () => claims,
    claim: (): string | undefined => {
      claims += 1;
      const found = list.claim();
      if (found === undefined && claims === 1) list.schedule(task);
      return found;
    },
  };
}

describe('a task made ready between a poll’s claim and its parking', () => {
  it('reaches the poll: it claims again instead of waiting', async () => {
    const waiters = new Waiters();
    const list = taskList(waiters, 'k');
    const racy = claimThenSchedule(list, 't1');
    const poll = longPoll({ claim: racy.claim, waiters, key: 'k', timeoutMs: 60_000 });
    expect(await answerNow(poll)).toBe('t1');
    expect(racy.claims()).toBe(2);
    expect(waiters.total()).toBe(0); // it never parked
    expect(list.claimed).toEqual(['t1']);
    waiters.close();
  });

  it('or reaches a poll already waiting, handed over; the late poll then parks for the next task', async () => {
    const waiters = new Waiters();
    const list = taskList(waiters, 'k');
    const early = longPoll({ claim: () => list.claim(), waiters, key: 'k', timeoutMs: 60_000 });
    expect(await answerNow(early)).toBe('still waiting');
    const racy = claimThenSchedule(list, 't1');
    const late = longPoll({ claim: racy.claim, waiters, key: 'k', timeoutMs: 60_000 });
    expect(await answerNow(early)).toBe('t1');
    expect(await answerNow(late)).toBe('still waiting');
    expect(racy.claims()).toBe(2); // it claimed again, found the task taken, and parked
    expect(waiters.count('k')).toBe(1);
    list.schedule('t2');
    expect(await answerNow(late)).toBe('t2');
    expect(list.claimed).toEqual(['t1', 't2']); // each task claimed once, in the order scheduled
    waiters.close();
  });
});

/**
 * A poll that waited its whole time claims once more before it answers empty (a task made ready as
 * the time ran out is not left queued). If its client went away meanwhile, that claim must not
 * happen: nobody would answer with the task, which would then wait out its timeout. Today a
 * client's going away reaches the poll only from I/O, which cannot run between the wait's timer and
 * the poll's next step, so the test forces that order: a hook on the wait aborts the poll's signal
 * after the timer has ended the wait and before the poll goes on.
 */
describe('a poll whose client goes away as its time runs out', () => {
  it('claims nothing: the task stays queued for the next poll', async () => {
    const waiters = new Waiters();
    const list = taskList(waiters, 'k');
    const client = new AbortController();
    // The wait ends as the time runs out (told, not timed: a loaded machine may pass a 1 ms deadline
    // before the poll first waits); a task is made ready at that moment (no poll waits to be offered
    // it), then the client goes.
    waiters.wait = () => {
      list.schedule('t1');
      client.abort();
      return Promise.resolve({ end: 'timeout' as const });
    };
    const poll = longPoll({
      claim: () => list.claim(),
      waiters,
      key: 'k',
      timeoutMs: 60_000,
      context: { signal: client.signal },
    });
    expect(await poll).toBeUndefined();
    expect(list.claimed).toEqual([]);
    expect(list.claim()).toBe('t1');
    waiters.close();
  });
});

describe('a poll’s signal', () => {
  /** A poll context whose signal is made on its first read, as the HTTP front gives it (`PollAbort`); counts the reads. */
  function lazyContext() {
    const controller = new AbortController();
    let reads = 0;
    let ended = false;
    return {
      reads: () => reads,
      end: () => {
        ended = true;
        controller.abort();
      },
      context: {
        get signal(): AbortSignal {
          reads += 1;
          return controller.signal;
        },
        gone: () => ended,
      },
    };
  }

  it('is not read by a poll that claims a task at once, and is read by one that waits', async () => {
    const waiters = new Waiters();
    const list = taskList(waiters, 'k');
    list.schedule('t1');
    const quick = lazyContext();
    expect(
      await longPoll({ claim: () => list.claim(), waiters, key: 'k', timeoutMs: 60_000, context: quick.context }),
    ).toBe('t1');
    expect(quick.reads()).toBe(0);
    const slow = lazyContext();
    const poll = longPoll({ claim: () => list.claim(), waiters, key: 'k', timeoutMs: 60_000, context: slow.context });
    expect(await answerNow(poll)).toBe('still waiting');
    expect(slow.reads()).toBeGreaterThan(0);
    slow.end();
    expect(await poll).toBeUndefined();
    waiters.close();
  });

  it('is not needed to see that the caller went away: gone() ends the poll before it claims', async () => {
    const waiters = new Waiters();
    const list = taskList(waiters, 'k');
    list.schedule('t1');
    const left = lazyContext();
    left.end();
    expect(
      await longPoll({ claim: () => list.claim(), waiters, key: 'k', timeoutMs: 60_000, context: left.context }),
    ).toBeUndefined();
    expect(list.claimed).toEqual([]);
    expect(left.reads()).toBe(0);
    waiters.close();
  });
});
