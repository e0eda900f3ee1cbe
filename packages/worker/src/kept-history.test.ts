/**
 * The events cached runs keep for the check before closing (kept-history.ts): the check replays
 * them instead of reading the history again, within the bounds on kept events, and reads the
 * history as before past them.
 */
import {
  silentLogger,
  type ActivationResult,
  type Decision,
  type HistoryEvent,
  type HistoryPages,
} from '@swf-flow/common';
import { describe, expect, it } from 'vitest';
import { Decider, type DeciderDeps } from './decider.js';
import { EVENT_BASE_BYTES, KeepingReplayer, KeptHistoryBudget, keptBytes } from './kept-history.js';
import { decisionTask, makeHistory, pagedSource, RecordingExecutor } from './testing/fake-history.js';
import { WorkflowCache } from './workflow-cache.js';

const COMPLETE: Decision = {
  decisionType: 'CompleteWorkflowExecution',
  completeWorkflowExecutionDecisionAttributes: {},
};

/** Decides a timer until it has seen `closeAt` events, then completes the run (as a replay of the same events would). */
class ClosingExecutor extends RecordingExecutor {
  constructor(private readonly closeAt: number) {
    super();
  }
  override async processEvents(events: HistoryEvent[]): Promise<ActivationResult> {
    const result = await super.processEvents(events);
    return this.lastEventId >= this.closeAt ? { decisions: [COMPLETE], status: 'COMPLETED' } : result;
  }
}

function setup(history: HistoryEvent[], overrides: Partial<DeciderDeps> = {}) {
  const checks: RecordingExecutor[] = [];
  const source = pagedSource(history);
  const responses: Decision[][] = [];
  const errors: string[] = [];
  const decider = new Decider({
    newExecutor: (_execution, check) => {
      const e = new ClosingExecutor(history.length);
      if (check) checks.push(e);
      return e;
    },
    cache: new WorkflowCache(10),
    history: source,
    respond: async ({ decisions }) => {
      responses.push(decisions);
    },
    logger: { ...silentLogger, error: (m) => errors.push(m) },
    failWorkflowOnNonDeterminism: false,
    historyPageSize: 10,
    ...overrides,
  });
  return { decider, checks, source, responses, errors };
}

describe('the check before closing, on the events the run kept', () => {
  it('replays the events the cached run was fed, without reading the history again', async () => {
    const history = makeHistory(40);
    const t = setup(history);
    await t.decider.handle(decisionTask(history.slice(0, 35), 10));
    expect(t.source.calls).toBe(1); // the full replay read events 1-25 (the poll's page held 26-35)
    expect(t.decider.keptHistory.bytes).toBe(35 * EVENT_BASE_BYTES);

    expect(await t.decider.handle(decisionTask(history, 10, 35))).toBe('completed');
    expect(t.responses.at(-1)).toEqual([COMPLETE]);
    expect(t.source.calls).toBe(1); // nothing read for the check...
    expect(t.checks).toHaveLength(1); // ...which replayed all 40 events in a fresh executor
    expect(t.checks[0]!.fed.flat()).toEqual(history.map((e) => e.eventId));
    expect(t.decider.keptHistory.bytes).toBe(0); // the closed run let its events go
    expect(t.errors).toEqual([]);
  });

  it('reads the history for the check of a run longer than a run may keep, and keeps nothing of it', async () => {
    const history = makeHistory(40);
    const t = setup(history, { keptHistory: { perRun: 30, totalBytes: 1_000_000 } });
    await t.decider.handle(decisionTask(history.slice(0, 35), 10));
    expect(t.decider.keptHistory.bytes).toBe(0);
    await t.decider.handle(decisionTask(history, 10, 35));
    expect(t.responses.at(-1)).toEqual([COMPLETE]);
    expect(t.source.calls).toBe(2); // the check read events 1-30 (the closing poll's page held 31-40)
    expect(t.checks[0]!.fed.flat()).toEqual(history.map((e) => e.eventId));
  });

  it('keeps no more than the bound for all runs; a run past it reads for its check', async () => {
    const history = makeHistory(20);
    const t = setup(history, { keptHistory: { perRun: 1_000, totalBytes: 25 * EVENT_BASE_BYTES } });
    await t.decider.handle(decisionTask(history.slice(0, 15), 10, undefined, 'run-a'));
    await t.decider.handle(decisionTask(history.slice(0, 15), 10, undefined, 'run-b'));
    expect(t.decider.keptHistory.bytes).toBe(15 * EVENT_BASE_BYTES); // run-b would have made it 30 events
    t.source.calls = 0;
    await t.decider.handle(decisionTask(history, 10, 15, 'run-b'));
    expect(t.source.calls).toBe(1); // run-b's check read its history
    await t.decider.handle(decisionTask(history, 10, 15, 'run-a'));
    expect(t.source.calls).toBe(1); // run-a's did not
    expect(t.responses.slice(-2)).toEqual([[COMPLETE], [COMPLETE]]);
    expect(t.decider.keptHistory.bytes).toBe(0);
  });

  it('counts the payloads of an event by their length, so a few large ones fill the bound', async () => {
    const big = 'x'.repeat(100_000);
    const event: HistoryEvent = {
      eventId: 2,
      eventTimestamp: new Date(0),
      eventType: 'ActivityTaskCompleted',
      activityTaskCompletedEventAttributes: { result: big, scheduledEventId: 1, startedEventId: 1 },
    };
    expect(keptBytes(event)).toBe(EVENT_BASE_BYTES + big.length);
    const history = makeHistory(20).map((e) => (e.eventId === 2 ? { ...event } : e));
    const t = setup(history, { keptHistory: { perRun: 1_000, totalBytes: 50_000 } });
    await t.decider.handle(decisionTask(history.slice(0, 15), 10));
    expect(t.decider.keptHistory.bytes).toBe(0); // 100 KB of result: past 50 KB, kept nothing
    await t.decider.handle(decisionTask(history, 10, 15));
    expect(t.source.calls).toBe(2); // its check read the history
    expect(t.responses.at(-1)).toEqual([COMPLETE]);
  });
});

describe('KeepingReplayer', () => {
  /** Reads the pages twice, as a replayer locating a NonDeterminismError does. */
  class TwoPassExecutor extends RecordingExecutor {
    override async processPages(pages: HistoryPages): Promise<ActivationResult> {
      for await (const page of pages()) void page;
      return super.processPages(pages);
    }
  }

  it('keeps one copy of the history when the pages are read twice, and lets it go on dispose', async () => {
    const history = makeHistory(12);
    const budget = new KeptHistoryBudget({ perRun: 100, totalBytes: 100 * EVENT_BASE_BYTES });
    const replayer = new KeepingReplayer(new TwoPassExecutor(), budget);
    await replayer.processPages(async function* () {
      yield history.slice(0, 5);
      yield history.slice(5, 10);
    });
    await replayer.processEvents(history.slice(10));
    expect(replayer.history(12)?.map((e) => e.eventId)).toEqual(history.map((e) => e.eventId));
    expect(replayer.history(11)).toBeUndefined(); // not a history that ends there
    expect(budget.bytes).toBe(12 * EVENT_BASE_BYTES);
    replayer.dispose();
    expect(budget.bytes).toBe(0);
    expect(replayer.history(12)).toBeUndefined();
  });

  it('keeps nothing of a call that failed, and nothing after', async () => {
    const history = makeHistory(10);
    const budget = new KeptHistoryBudget({ perRun: 100, totalBytes: 100 * EVENT_BASE_BYTES });
    const inner = new RecordingExecutor();
    const replayer = new KeepingReplayer(inner, budget);
    await replayer.processEvents(history.slice(0, 5));
    inner.failWith = new Error('diverged');
    await expect(replayer.processEvents(history.slice(5))).rejects.toThrow('diverged');
    expect(replayer.history(10)).toBeUndefined();
    expect(budget.bytes).toBe(5 * EVENT_BASE_BYTES); // until the run is dropped
    replayer.dispose();
    expect(budget.bytes).toBe(0);
  });
});
