/**
 * Durability `full`: no answer, and no task handed to a waiting poll, leaves the service before the
 * flush of what it depends on has completed — wherever that flush runs (the thread pool, the flush
 * thread, or the event loop). Flushes are held by barriers the test releases
 * (`GroupCommit.useIo` for the pool and the loop, `FlushThread.hold` for the flush thread); they
 * still flush the real WAL file.
 */
import { fdatasyncSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '@swf-flow/common';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { groupCommitOf } from '../db.js';
import { SwfService } from '../service.js';
import { type GroupCommit } from './group-commit.js';
import { type FlushThread } from './flush-thread.js';

/**
 * A wait for the thread pool or the flush thread bounds a hang, not their speed: on a loaded machine
 * the flush thread took over 1 s (vitest's default bound) to claim a flush.
 */
const HANG_BOUND = { timeout: 20_000 };

let root: string;
let service: SwfService | undefined;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'swf-flush-order-'));
});
afterEach(() => {
  service?.close();
  service = undefined;
  rmSync(root, { recursive: true, force: true });
});

function open(): { service: SwfService; commits: GroupCommit } {
  service = SwfService.open({ dataDir: join(root, 'data'), logger: silentLogger });
  return { service, commits: groupCommitOf(service.db)! };
}

/** A flush in the pool that waits for `release()`; `entered` counts the flushes that started. */
function gatedPool(commits: GroupCommit, loopIdle: () => number = () => 0) {
  let release!: () => void;
  let gate = new Promise<void>((resolve) => (release = resolve));
  const state = { entered: 0 };
  commits.useIo({
    inPool: async (fd) => {
      state.entered += 1;
      await gate;
      fdatasyncSync(fd);
    },
    loopIdleMs: loopIdle,
  });
  return {
    state,
    release: () => {
      release();
      gate = new Promise<void>((resolve) => (release = resolve));
    },
  };
}

/** Settles what can settle without the gate: a macrotask after every microtask queued so far. */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Tracks whether a promise has settled. */
function track<T>(p: Promise<T>): { settled: () => boolean; p: Promise<T> } {
  let settled = false;
  void p.then(
    () => (settled = true),
    () => (settled = true),
  );
  return { settled: () => settled, p };
}

const registerDomain = (s: SwfService, name: string): Promise<unknown> =>
  s.handle('RegisterDomain', { name, workflowExecutionRetentionPeriodInDays: '1' });

/** In domain `d` (registered): registers type `W` on task list `wf` and opens a decision poll there that waits. */
async function waitingDecisionPoll(s: SwfService): Promise<ReturnType<typeof track<unknown>>> {
  await s.handle('RegisterWorkflowType', {
    domain: 'd',
    name: 'W',
    version: '1',
    defaultTaskList: { name: 'wf' },
    defaultExecutionStartToCloseTimeout: '3600',
    defaultTaskStartToCloseTimeout: '60',
    defaultChildPolicy: 'TERMINATE',
  });
  const poll = track(s.handle('PollForDecisionTask', { domain: 'd', taskList: { name: 'wf' } }));
  await turn();
  expect(s.waitingPolls()).toBe(1);
  return poll;
}

/** Starts run `w` of `W` in domain `d`: its decision task is handed to the waiting poll in the start's transaction. */
const startW = (s: SwfService): ReturnType<typeof track<unknown>> =>
  track(
    s.handle('StartWorkflowExecution', { domain: 'd', workflowId: 'w', workflowType: { name: 'W', version: '1' } }),
  );

describe('an answer leaves only after its flush', () => {
  it('waits for a flush in the thread pool, though it is rendered while the flush runs', async () => {
    const { service: s, commits } = open();
    const pool = gatedPool(commits);
    const render = vi.fn((output: unknown) => JSON.stringify(output));
    const answer = track(
      s.handleAndRender('RegisterDomain', { name: 'd', workflowExecutionRetentionPeriodInDays: '1' }, {}, render),
    );
    await vi.waitFor(() => expect(pool.state.entered).toBe(1), HANG_BOUND); // bounded: the flush starts after the commit
    await turn();
    expect(render).toHaveBeenCalledTimes(1); // rendered while the flush is held
    expect(answer.settled()).toBe(false);
    expect(commits.unflushed()).toBeGreaterThan(0);
    pool.release();
    await expect(answer.p).resolves.toBe('{}');
    expect(commits.unflushed()).toBe(0);
  });

  it('hands a waiting poll its task only after the flush of the answer that made it ready', async () => {
    const { service: s, commits } = open();
    commits.useIo({ loopIdleMs: () => 0 }); // the loop never looks idle: every flush runs in the pool
    await registerDomain(s, 'd');
    const poll = await waitingDecisionPoll(s);
    const pool = gatedPool(commits);
    const started = startW(s);
    await vi.waitFor(() => expect(pool.state.entered).toBe(1), HANG_BOUND); // bounded: the start's flush is under way
    expect(s.waitingPolls()).toBe(0); // the poll was handed the task in the start's transaction
    await turn();
    expect(started.settled()).toBe(false);
    expect(poll.settled()).toBe(false);
    pool.release();
    const task = (await poll.p) as { events: Array<{ eventType: string }> };
    expect(task.events.map((e) => e.eventType)).toEqual([
      'WorkflowExecutionStarted',
      'DecisionTaskScheduled',
      'DecisionTaskStarted',
    ]);
    await started.p;
    expect(commits.unflushed()).toBe(0);
  });
});

/** A pooled flush during which the loop was idle throughout: the next flushes may run beside the loop. */
function idleProbe(commits: GroupCommit) {
  let idle = 0;
  const onLoop = vi.fn((fd: number) => fdatasyncSync(fd));
  commits.useIo({
    inPool: async (fd) => {
      idle += 1_000; // the loop idled far longer than this flush took
      fdatasyncSync(fd);
    },
    loopIdleMs: () => idle,
    onLoop,
  });
  return onLoop;
}

/**
 * The first flush, in the pool, which opens the WAL and starts the flush thread; then the end of
 * its turn, so that the next commit begins a turn of its own (a turn is one macrotask of the loop).
 */
async function probe(s: SwfService, name = 'probe'): Promise<void> {
  await registerDomain(s, name);
  await turn();
}

/**
 * Two requests of one turn that commit one after the other: the second commits once the first has
 * asked for its flush (while its answer is rendered), as when the loop reads them one by one.
 */
function twoCommits(s: SwfService, first: string, second: string): [Promise<unknown>, Promise<unknown>] {
  let later!: (p: Promise<unknown>) => void;
  const secondAnswer = new Promise<Promise<unknown>>((resolve) => (later = resolve)).then((p) => p);
  const input = { name: first, workflowExecutionRetentionPeriodInDays: '1' };
  const firstAnswer = s.handleAndRender('RegisterDomain', input, {}, (out) => {
    later(registerDomain(s, second));
    return out;
  });
  return [firstAnswer, secondAnswer];
}

/** The service's flush thread, once its first flush (in the pool) has opened the WAL. */
function flushThread(commits: GroupCommit): FlushThread {
  const thread = commits.flushThread();
  if (!thread) throw new Error('the flush thread starts with the first flush');
  return thread;
}

describe('flushes beside the loop, begun at the commit', () => {
  it('after a flush that found the loop idle, the flush thread begins one at the commit; the answer leaves after it', async () => {
    const { service: s, commits } = open();
    idleProbe(commits);
    commits.useIo({ loopWaitMs: 0, beginAtCommitMinGapMs: 0 }); // the loop never blocks here: the barrier below is released by the test
    await probe(s);
    expect(commits.stats()).toMatchObject({ inPool: 1, onThread: 0, onLoop: 0 });
    const thread = flushThread(commits);
    const release = thread.hold('claimed');
    const render = vi.fn((output: unknown) => JSON.stringify(output));
    const answer = track(
      s.handleAndRender('RegisterDomain', { name: 'a', workflowExecutionRetentionPeriodInDays: '1' }, {}, render),
    );
    await vi.waitFor(() => expect(thread.started()).toBe(1), HANG_BOUND); // bounded: begun by the thread, not by a turn's end
    for (let i = 0; i < 3; i++) await turn();
    expect(render).toHaveBeenCalledTimes(1);
    expect(answer.settled()).toBe(false);
    expect(commits.unflushed()).toBeGreaterThan(0);
    release();
    await expect(answer.p).resolves.toBe('{}');
    expect(thread.done()).toBe(1);
    expect(commits.stats()).toMatchObject({ inPool: 1, onThread: 1, onLoop: 0 });
    expect(commits.unflushed()).toBe(0);
  });

  it('a commit made after the flush began waits for a later flush', async () => {
    const { service: s, commits } = open();
    idleProbe(commits);
    commits.useIo({ loopWaitMs: 0, beginAtCommitMinGapMs: 0 });
    await probe(s);
    const thread = flushThread(commits);
    const release = thread.hold('claimed');
    const first = track(registerDomain(s, 'first'));
    await vi.waitFor(() => expect(thread.started()).toBe(1), HANG_BOUND);
    let doneWhenSecondLeft = -1;
    const second = track(registerDomain(s, 'second').then(() => (doneWhenSecondLeft = thread.done())));
    await vi.waitFor(() => expect(thread.newest()).toBe(2), HANG_BOUND); // the second commit asked for a flush of its own
    await turn();
    expect(first.settled() || second.settled()).toBe(false);
    release();
    await Promise.all([first.p, second.p]);
    expect(doneWhenSecondLeft).toBe(2); // not released by the first flush, which began before its commit
    expect(commits.stats()).toMatchObject({ onThread: 2 });
    expect(commits.unflushed()).toBe(0);
  });

  it('hands a waiting poll its task only after the flush thread has flushed the answer that made it ready', async () => {
    const { service: s, commits } = open();
    idleProbe(commits);
    commits.useIo({ loopWaitMs: 0, beginAtCommitMinGapMs: 0 });
    await probe(s, 'd');
    const poll = await waitingDecisionPoll(s);
    const thread = flushThread(commits);
    const release = thread.hold('claimed');
    const before = thread.newest();
    const started = startW(s);
    await vi.waitFor(() => expect(thread.started()).toBe(before + 1), HANG_BOUND);
    expect(s.waitingPolls()).toBe(0); // handed its task in the start's transaction
    for (let i = 0; i < 3; i++) await turn();
    expect(started.settled()).toBe(false);
    expect(poll.settled()).toBe(false);
    release();
    const task = (await poll.p) as { events: Array<{ eventType: string }> };
    expect(task.events.map((e) => e.eventType)).toContain('DecisionTaskStarted');
    await started.p;
    expect(commits.unflushed()).toBe(0);
  });

  it('when the thread has not begun by the end of the turn, the answers of that turn share one flush the loop runs, before they leave', async () => {
    const { service: s, commits } = open();
    const onLoop = idleProbe(commits);
    await probe(s);
    const release = flushThread(commits).hold('unclaimed');
    let flushedBeforeAnswer = false;
    const answers = [registerDomain(s, 'a'), registerDomain(s, 'b')].map((p) =>
      p.then(() => (flushedBeforeAnswer = onLoop.mock.calls.length === 1)),
    );
    expect(onLoop).not.toHaveBeenCalled(); // not at the commit: at the end of the turn
    await Promise.all(answers);
    release();
    expect(flushedBeforeAnswer).toBe(true);
    expect(onLoop).toHaveBeenCalledTimes(1);
    expect(commits.stats()).toMatchObject({ inPool: 1, onLoop: 1, onThread: 0 });
    expect(commits.unflushed()).toBe(0);
  });

  it('a flush that fails turns its answers into InternalFailure, and the next answers are flushed anew', async () => {
    const { service: s, commits } = open();
    idleProbe(commits);
    await probe(s);
    const release = flushThread(commits).hold('unclaimed');
    commits.useIo({
      onLoop: () => {
        throw Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
      },
    });
    await expect(registerDomain(s, 'lost')).rejects.toMatchObject({ fault: 'InternalFailure', cause: { code: 'EIO' } });
    expect(commits.unflushed()).toBeGreaterThan(0);
    commits.useIo({ onLoop: (fd) => fdatasyncSync(fd) });
    await registerDomain(s, 'kept');
    release();
    expect(commits.unflushed()).toBe(0);
  });

  it('while many answers wait for one flush, the loop does not block for it', async () => {
    const { service: s, commits } = open();
    const onLoop = idleProbe(commits);
    // However short the probe's turn: a flush begun at the commit, on the thread, is what is held here.
    commits.useIo({ beginAtCommitMinGapMs: 0 });
    await probe(s);
    const thread = flushThread(commits);
    const release = thread.hold('claimed');
    const blocking = vi.spyOn(thread, 'finishSync');
    const answers = Array.from({ length: 6 }, (_, i) => track(registerDomain(s, `many-${i}`)));
    // The end of the turn does not wait for the held flush (it would block the test): the loop goes on.
    await vi.waitFor(() => expect(thread.started()).toBeGreaterThanOrEqual(1), HANG_BOUND);
    for (let i = 0; i < 3; i++) await turn();
    expect(answers.some((a) => a.settled())).toBe(false);
    // The next flushes go to the pool again (many answers meant concurrent requests), not to the
    // thread, and not while the thread's is under way: one flush at a time, so that the commits
    // made meanwhile share the next.
    const later = track(registerDomain(s, 'later'));
    for (let i = 0; i < 3; i++) await turn();
    expect(later.settled()).toBe(false);
    expect(commits.stats().inPool).toBe(1);
    const asked = thread.newest();
    release();
    await Promise.all([...answers, later].map((a) => a.p));
    expect(thread.newest()).toBe(asked);
    expect(blocking).not.toHaveBeenCalled();
    expect(onLoop).not.toHaveBeenCalled();
    expect(commits.stats()).toMatchObject({ inPool: 2, onLoop: 0 });
    expect(commits.unflushed()).toBe(0);
  });

  it('after a turn of several commits, the commits of the next share one flush at its end, not one begun at the first commit', async () => {
    const { service: s, commits } = open();
    const onLoop = idleProbe(commits);
    commits.useIo({ beginAtCommitMinGapMs: 0 }); // however short the turns: only the count of commits decides here
    await probe(s);
    const thread = flushThread(commits);
    await Promise.all(twoCommits(s, 'a', 'b'));
    await turn();
    const before = { flushes: commits.stats().flushes, onLoop: onLoop.mock.calls.length, asked: thread.newest() };
    // A flush the thread began at a commit would hold its answers (the loop may not claim it).
    const release = thread.hold('claimed');
    try {
      const next = twoCommits(s, 'c', 'd').map(track);
      await vi.waitFor(() => expect(next.every((a) => a.settled())).toBe(true), HANG_BOUND); // bounded
      await Promise.all(next.map((a) => a.p));
    } finally {
      release();
    }
    expect(thread.newest()).toBe(before.asked); // the thread was not asked
    expect(onLoop.mock.calls.length).toBe(before.onLoop + 1); // one flush on the loop, at the end of the turn
    expect(commits.stats().flushes).toBe(before.flushes + 1);
    expect(commits.unflushed()).toBe(0);
  });

  it('close while the thread holds a flush: close waits for it, and the answer settles', async () => {
    const { service: s, commits } = open();
    idleProbe(commits);
    commits.useIo({ loopWaitMs: 0, beginAtCommitMinGapMs: 0 });
    await probe(s);
    const thread = flushThread(commits);
    thread.hold('claimed');
    const answer = track(registerDomain(s, 'last'));
    await vi.waitFor(() => expect(thread.started()).toBe(1), HANG_BOUND);
    s.close(); // releases the barrier, waits for the flush under way, then closes the WAL and the database
    service = undefined;
    expect(thread.done()).toBe(1);
    await expect(answer.p).resolves.toEqual({});
  });
});
