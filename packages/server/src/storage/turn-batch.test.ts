/**
 * The transactions of one turn's requests in one SQLite transaction (`turn-batch.ts`), on the real
 * service over a real SQLite file: requests issued in one turn of the loop (as the HTTP front reads
 * them from the sockets that are ready together) share one commit; a request that fails rolls back
 * its own writes only and fails as it would alone; a commit that fails fails every request of the
 * batch, hands no task to a waiting poll, and nothing of it is stored; no answer leaves before the
 * batch's commit and the flush after it.
 */
import Database from 'better-sqlite3';
import { fdatasyncSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '@swf-flow/common';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DB_FILE, groupCommitOf, turnBatchOf } from '../db.js';
import { SwfFault } from '../faults.js';
import { SwfService } from '../service.js';
import { type WalFlushIo } from './group-commit.js';
import { type TurnBatch } from './turn-batch.js';

/** A wait for the pool or a poll bounds a hang, not their speed (a loaded machine may take seconds). */
const HANG_BOUND = { timeout: 20_000 };

let root: string;
let service: SwfService | undefined;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'swf-turn-batch-'));
});
afterEach(() => {
  service?.close();
  service = undefined;
  rmSync(root, { recursive: true, force: true });
});

/** A service on a data directory with domain `d`, workflow type `W` (task list `wf`) and runs `w1`, `w2` started. */
async function open(io: Partial<WalFlushIo> = {}): Promise<{ s: SwfService; batch: TurnBatch }> {
  const s = (service = SwfService.open({ dataDir: join(root, 'data'), logger: silentLogger }));
  groupCommitOf(s.db)!.useIo(io);
  await s.handle('RegisterDomain', { name: 'd', workflowExecutionRetentionPeriodInDays: '1' });
  await s.handle('RegisterWorkflowType', {
    domain: 'd',
    name: 'W',
    version: '1',
    defaultTaskList: { name: 'wf' },
    defaultExecutionStartToCloseTimeout: '3600',
    defaultTaskStartToCloseTimeout: '60',
    defaultChildPolicy: 'TERMINATE',
  });
  for (const workflowId of ['w1', 'w2'])
    await s.handle('StartWorkflowExecution', { domain: 'd', workflowId, workflowType: { name: 'W', version: '1' } });
  await turn();
  return { s, batch: turnBatchOf(s.db)! };
}

/** The next turn of the loop: what the last one began has ended (its batch committed). */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const signal = (s: SwfService, workflowId: string, signalName: string): Promise<unknown> =>
  s.handle('SignalWorkflowExecution', { domain: 'd', workflowId, signalName });

/** Each promise's outcome: `'ok'` or the fault's type and message. */
const outcomes = (answers: Array<Promise<unknown>>): Promise<string[]> =>
  Promise.all(
    answers.map((a) =>
      a.then(
        () => 'ok',
        (err: unknown) => (err instanceof SwfFault ? `${err.fault}: ${err.message}` : String(err)),
      ),
    ),
  );

/** The signals of run `workflowId`'s history, read from another connection (what is committed). */
function committedSignals(workflowId: string): string[] {
  const other = new Database(join(root, 'data', DB_FILE), { readonly: true });
  try {
    const rows = other
      .prepare(
        `SELECT e.attrs FROM events e JOIN executions x ON x.run_id = e.run_id
         WHERE x.workflow_id = ? AND e.event_type = 'WorkflowExecutionSignaled' ORDER BY e.event_id`,
      )
      .all(workflowId) as Array<{ attrs: string }>;
    return rows.map((r) => (JSON.parse(r.attrs) as { signalName: string }).signalName);
  } finally {
    other.close();
  }
}

/** A trigger that fails the insert of a signal named `boom` (a real SQLite failure inside a request's writes). */
function failSignalsNamedBoom(s: SwfService): void {
  s.db.exec(`CREATE TRIGGER boom BEFORE INSERT ON events
    WHEN NEW.event_type = 'WorkflowExecutionSignaled' AND NEW.attrs LIKE '%"boom"%'
    BEGIN SELECT RAISE(ABORT, 'boom refused'); END`);
}

describe('the requests of one turn in one transaction', () => {
  it('share one commit; a request that fails rolls back only its own writes, with the error it gets alone', async () => {
    const { s, batch } = await open();
    failSignalsNamedBoom(s);
    const alone = await outcomes([signal(s, 'w1', 'boom')]);
    await turn();
    const before = batch.stats();
    // One turn: the first writes in a transaction of its own, the rest join one batch.
    const answers = [signal(s, 'w1', 'a'), signal(s, 'w1', 'b'), signal(s, 'w1', 'boom'), signal(s, 'w2', 'c')];
    expect(batch.pending()).toBeDefined(); // open until the end of the turn
    expect(await outcomes(answers)).toEqual(['ok', 'ok', alone[0], 'ok']);
    expect(alone[0]).toMatch(/^InternalFailure: .*boom refused/);
    expect(batch.stats()).toEqual({ commits: before.commits + 1, failures: 0, members: before.members + 3 });
    expect(committedSignals('w1')).toEqual(['a', 'b']);
    expect(committedSignals('w2')).toEqual(['c']);
  });

  it('a turn after one with several writes batches from its first request', async () => {
    const { s, batch } = await open();
    await Promise.all([signal(s, 'w1', 'a'), signal(s, 'w2', 'b')]);
    const before = batch.stats();
    await Promise.all([signal(s, 'w1', 'c'), signal(s, 'w2', 'd')]);
    expect(batch.stats()).toEqual({ commits: before.commits + 1, failures: 0, members: before.members + 2 });
    expect(committedSignals('w1')).toEqual(['a', 'c']);
  });

  it('a waiting poll handed a task by a request of the batch gets it once the batch has committed', async () => {
    const { s, batch } = await open();
    for (let i = 0; i < 2; i++) await s.handle('PollForDecisionTask', { domain: 'd', taskList: { name: 'wf' } });
    let answered = false;
    const poll = (
      s.handle('PollForDecisionTask', { domain: 'd', taskList: { name: 'wf' } }) as Promise<{
        workflowExecution?: { workflowId: string };
      }>
    ).finally(() => (answered = true));
    await turn();
    expect(s.waitingPolls()).toBe(1);
    const before = batch.stats();
    const answers = [
      signal(s, 'w1', 'a'),
      s.handle('StartWorkflowExecution', { domain: 'd', workflowId: 'w3', workflowType: { name: 'W', version: '1' } }),
    ];
    const committed = batch.pending();
    expect(committed).toBeDefined();
    let committedFirst = false;
    void committed!.then(() => (committedFirst = !answered));
    expect((await poll).workflowExecution?.workflowId).toBe('w3');
    expect(committedFirst).toBe(true);
    await Promise.all(answers);
    expect(batch.stats()).toEqual({ commits: before.commits + 1, failures: 0, members: before.members + 1 });
  });

  it('a commit that fails fails every request of the batch and hands no task to a waiting poll', async () => {
    const { s, batch } = await open();
    // w1's and w2's first decision tasks are claimed, so that the next one waits.
    for (let i = 0; i < 2; i++) await s.handle('PollForDecisionTask', { domain: 'd', taskList: { name: 'wf' } });
    const poll = s.handle('PollForDecisionTask', { domain: 'd', taskList: { name: 'wf' } }) as Promise<{
      taskToken?: string;
      workflowExecution?: { workflowId: string };
    }>;
    await turn();
    expect(s.waitingPolls()).toBe(1);
    // A deferred foreign key that no row satisfies: SQLite refuses the batch's COMMIT. Only this
    // batch's: the poll's claim after the rollback may begin a batch of its own (the turn before
    // had several writers), which must commit, whenever it ends relative to the checks below.
    let refuse = true;
    batch.useHooks({
      beforeCommit: (db) => {
        if (!refuse) return;
        refuse = false;
        db.pragma('defer_foreign_keys = ON');
        db.prepare("INSERT INTO registry_domain_tags (domain, key, value) VALUES ('no-such', 'k', 'v')").run();
      },
    });
    const first = signal(s, 'w1', 'a');
    const rest = [
      signal(s, 'w1', 'b'),
      s.handle('StartWorkflowExecution', { domain: 'd', workflowId: 'w3', workflowType: { name: 'W', version: '1' } }),
      signal(s, 'w2', 'c'),
    ];
    // The start's decision task was claimed for the waiting poll in the batch (seen on its own connection).
    const w3 = s.db.prepare("SELECT dt_started_id FROM executions WHERE workflow_id = 'w3'").get() as {
      dt_started_id: number;
    };
    expect(w3.dt_started_id).toBeGreaterThan(0);
    const results = await outcomes(rest);
    for (const r of results) expect(r).toMatch(/^InternalFailure: .*FOREIGN KEY constraint failed/);
    await expect(first).resolves.toEqual({}); // committed on its own, before the batch began
    // Whatever ran after the rollback (the poll's claim, first's flush) has ended: still one failure.
    for (let i = 0; i < 3; i++) await turn();
    expect(batch.stats().failures).toBe(1);
    expect(committedSignals('w1')).toEqual(['a']);
    expect(committedSignals('w2')).toEqual([]);
    // The poll was not answered with the rolled-back task: it claims for itself, finds none, waits.
    await vi.waitFor(() => expect(s.waitingPolls()).toBe(1), HANG_BOUND);
    batch.useHooks({});
    await s.handle('StartWorkflowExecution', {
      domain: 'd',
      workflowId: 'w4',
      workflowType: { name: 'W', version: '1' },
    });
    expect((await poll).workflowExecution?.workflowId).toBe('w4');
  });
});

describe('no answer of a batch leaves before its commit and the flush after it', () => {
  it('the flush begins once the batch is committed, and the answers wait for it', async () => {
    let release!: () => void;
    let gate = Promise.resolve();
    const seenAtFlush: Array<{ open: boolean; w1: string[]; w2: string[] }> = [];
    let batch: TurnBatch | undefined;
    const { s } = await open({
      loopIdleMs: () => 0, // every flush runs in the pool, where the test holds it
      inPool: async (fd) => {
        if (batch)
          seenAtFlush.push({
            open: batch.pending() !== undefined,
            w1: committedSignals('w1'),
            w2: committedSignals('w2'),
          });
        await gate;
        fdatasyncSync(fd);
      },
    });
    const commits = groupCommitOf(s.db)!;
    gate = new Promise<void>((resolve) => (release = resolve));
    batch = turnBatchOf(s.db)!;
    let settled = 0;
    const answers = [signal(s, 'w1', 'a'), signal(s, 'w1', 'b'), signal(s, 'w2', 'c')].map((a) =>
      a.finally(() => (settled += 1)),
    );
    await vi.waitFor(() => expect(seenAtFlush.length).toBeGreaterThanOrEqual(1), HANG_BOUND);
    for (let i = 0; i < 3; i++) await turn();
    expect(settled).toBe(0);
    release();
    await Promise.all(answers);
    // Every flush the answers waited for began after what they wrote was committed.
    const last = seenAtFlush[seenAtFlush.length - 1]!;
    expect(last).toEqual({ open: false, w1: ['a', 'b'], w2: ['c'] });
    expect(commits.unflushed()).toBe(0);
  });
});
