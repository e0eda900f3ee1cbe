/**
 * Durability `full`: no answer, and no task handed to a waiting poll, leaves the service before the
 * flush of what it depends on has completed — wherever that flush runs (the thread pool or the
 * event loop). The flush is replaced by a barrier (`GroupCommit.useIo`) that the test releases; it
 * still flushes the real WAL file.
 */
import { fdatasyncSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { groupCommitOf } from '../db.js';
import { SwfService } from '../service.js';
import { type GroupCommit } from './group-commit.js';

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
  service = SwfService.open({ dataDir: join(root, 'data') });
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

describe('an answer leaves only after its flush', () => {
  it('waits for a flush in the thread pool, though it is rendered while the flush runs', async () => {
    const { service: s, commits } = open();
    const pool = gatedPool(commits);
    const render = vi.fn((output: unknown) => JSON.stringify(output));
    const answer = track(
      s.handleAndRender('RegisterDomain', { name: 'd', workflowExecutionRetentionPeriodInDays: '1' }, {}, render),
    );
    await vi.waitFor(() => expect(pool.state.entered).toBe(1)); // bounded: the flush starts after the commit
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
    const pool = gatedPool(commits);
    const started = track(
      s.handle('StartWorkflowExecution', { domain: 'd', workflowId: 'w', workflowType: { name: 'W', version: '1' } }),
    );
    await vi.waitFor(() => expect(pool.state.entered).toBe(1)); // bounded: the start's flush is under way
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

describe('flushes on the event loop', () => {
  /** A pooled flush during which the loop was idle throughout: the next flushes may run on the loop. */
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

  it('after a flush that found the loop idle, answers of one turn share one flush on the loop, before they leave', async () => {
    const { service: s, commits } = open();
    const onLoop = idleProbe(commits);
    await registerDomain(s, 'probe');
    expect(commits.stats()).toMatchObject({ inPool: 1, onLoop: 0 });
    let flushedBeforeAnswer = false;
    const answers = [registerDomain(s, 'a'), registerDomain(s, 'b')].map((p) =>
      p.then(() => (flushedBeforeAnswer = onLoop.mock.calls.length === 1)),
    );
    expect(onLoop).not.toHaveBeenCalled(); // not at the commit: at the end of the turn
    await Promise.all(answers);
    expect(flushedBeforeAnswer).toBe(true);
    expect(onLoop).toHaveBeenCalledTimes(1);
    expect(commits.stats()).toMatchObject({ inPool: 1, onLoop: 1 });
    expect(commits.unflushed()).toBe(0);
  });

  it('sends a flush that many answers wait for to the thread pool, even after an idle one', async () => {
    const { service: s, commits } = open();
    const onLoop = idleProbe(commits);
    await registerDomain(s, 'probe');
    await Promise.all(Array.from({ length: 6 }, (_, i) => registerDomain(s, `many-${i}`)));
    expect(onLoop).not.toHaveBeenCalled();
    expect(commits.stats()).toMatchObject({ inPool: 2, onLoop: 0 });
    expect(commits.unflushed()).toBe(0);
  });
});
