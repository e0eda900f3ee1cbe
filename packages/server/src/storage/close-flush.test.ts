/**
 * Durability `full` at shutdown: an answer that says a change happened leaves only once the change
 * is flushed, even when the service closes while that flush is pending — waiting for the end of the
 * turn, or behind a flush already under way in the thread pool. `close()` flushes once more for
 * them; if that flush fails, they are answered `InternalFailure`, never success. Flushes are real
 * (`fdatasync` of the WAL file), counted and, where the test needs it, failed through
 * `GroupCommit.useIo`.
 */
import { fdatasyncSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '@swf-flow/common';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { groupCommitOf } from '../db.js';
import { SwfService } from '../service.js';
import { type GroupCommit } from './group-commit.js';

/** A wait for the thread pool bounds a hang, not its speed (a loaded machine may take seconds to run it). */
const HANG_BOUND = { timeout: 20_000 };

let root: string;
let service: SwfService | undefined;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'swf-close-flush-'));
});
afterEach(() => {
  service?.close();
  service = undefined;
  rmSync(root, { recursive: true, force: true });
});

function open(): { s: SwfService; commits: GroupCommit } {
  service = SwfService.open({ dataDir: join(root, 'data'), logger: silentLogger });
  return { s: service, commits: groupCommitOf(service.db)! };
}

const registerDomain = (s: SwfService, name: string): Promise<unknown> =>
  s.handle('RegisterDomain', { name, workflowExecutionRetentionPeriodInDays: '1' });

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Runs the microtasks queued so far and those they queue (a handler's awaits), not the next turn. */
async function microtasks(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

/** Counts completed flushes (wherever they run); `fail` makes the next ones throw EIO. */
function countedIo(commits: GroupCommit, loopIdles: boolean) {
  const state = { flushes: 0, fail: false };
  let idle = 0;
  const flush = (fd: number): void => {
    if (state.fail) throw Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
    fdatasyncSync(fd);
    state.flushes += 1;
  };
  commits.useIo({
    onLoop: flush,
    inPool: async (fd) => {
      if (loopIdles) idle += 1_000; // the loop idled through it: the next flushes run at the end of the turn
      flush(fd);
    },
    loopIdleMs: () => idle,
    beginAtCommitMinGapMs: Infinity, // never on the flush thread: these cases are the loop's and the pool's
  });
  return state;
}

/** What an answer saw when it settled: how many flushes had completed by then. */
function whenSettled(p: Promise<unknown>, state: { flushes: number }) {
  const seen: { flushes?: number; outcome?: 'resolved' | 'rejected'; error?: unknown } = {};
  const done = p.then(
    () => Object.assign(seen, { flushes: state.flushes, outcome: 'resolved' }),
    (error: unknown) => Object.assign(seen, { flushes: state.flushes, outcome: 'rejected', error }),
  );
  return { seen, done };
}

describe('close() while a flush is pending', () => {
  it('an answer waiting for the flush at the end of the turn leaves only after close() flushed it', async () => {
    const { s, commits } = open();
    const io = countedIo(commits, true);
    await registerDomain(s, 'probe'); // a pooled flush that saw the loop idle
    await turn();
    const before = io.flushes;
    const answer = whenSettled(registerDomain(s, 'last'), io);
    await microtasks(); // committed; its flush waits for the end of this turn
    expect(commits.unflushed()).toBeGreaterThan(0);
    expect(answer.seen.outcome).toBeUndefined();
    s.close();
    service = undefined;
    await answer.done;
    expect(answer.seen).toMatchObject({ outcome: 'resolved' });
    expect(answer.seen.flushes).toBeGreaterThan(before);
  });

  it('an answer behind a flush already under way in the pool leaves only after a flush that covers it', async () => {
    const { s, commits } = open();
    const io = countedIo(commits, false);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered = 0;
    commits.useIo({
      inPool: async (fd) => {
        entered += 1;
        if (entered === 1) await gate;
        fdatasyncSync(fd);
        io.flushes += 1;
      },
    });
    const first = whenSettled(registerDomain(s, 'first'), io);
    await vi.waitFor(() => expect(entered).toBe(1), HANG_BOUND); // bounded: the first flush is under way, held
    const second = whenSettled(registerDomain(s, 'second'), io); // committed after that flush began
    await microtasks();
    s.close();
    service = undefined;
    release();
    await Promise.all([first.done, second.done]);
    expect(first.seen).toMatchObject({ outcome: 'resolved' });
    expect(second.seen).toMatchObject({ outcome: 'resolved' });
    // The held flush began before the second commit: the second needed one more, run by close().
    expect(second.seen.flushes).toBeGreaterThanOrEqual(2);
  });

  it('when the flush at close fails, the waiting answer is an InternalFailure, not a success', async () => {
    const { s, commits } = open();
    const io = countedIo(commits, true);
    await registerDomain(s, 'probe');
    await turn();
    const answer = whenSettled(registerDomain(s, 'last'), io);
    await microtasks();
    io.fail = true;
    s.close();
    service = undefined;
    await answer.done;
    expect(answer.seen.outcome).toBe('rejected');
    expect(answer.seen.error).toMatchObject({ fault: 'InternalFailure', message: expect.stringMatching(/EIO/) });
  });
});
