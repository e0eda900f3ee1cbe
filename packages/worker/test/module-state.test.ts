// State that outlives a run, end to end: a workflow that adds its input to a module-level total.
// Two runs (inputs 1 and 100) used to both return 101, and a replay of the first returned 1. Now
// the worker replays each run once more before closing it; the two replays disagree, so the
// closing decision task fails (the runs stay open) with an error that says why, a replay test of
// the history fails the same way, and a deployment that keeps the total inside the run completes
// both runs with their own input. The check also covers runs whose history is longer than the
// poll's first page and whose decisions came from the worker cache: the history is read in full
// once, before the closing decision. Real workers, real local service over HTTP.
import { describe, expect, it } from 'vitest';
import { DeterminismViolationError } from '@swf-flow/common';
import { replayHistory } from '@swf-flow/testing';
import { defineWorkflow } from '@swf-flow/workflow';
import { useTestEnv } from './env.js';
import { acts, TestActivities } from './fixtures.js';
import { recordingLogger, waitFor } from './helpers.js';

const env = useTestEnv('module-state-it');

let total = 0; // shared by every run in this process: the defect under test
const SharedTotal = defineWorkflow(
  async function sharedTotal(n: number): Promise<number> {
    total += n;
    await acts.greet(String(n));
    return total;
  },
  { name: 'Adder', version: '1.0' },
);
const RunTotal = defineWorkflow(
  async function runTotal(n: number): Promise<number> {
    let sum = 0; // the run's own state
    sum += n;
    await acts.greet(String(n));
    return sum;
  },
  { name: 'Adder', version: '1.0' },
);

let longTotal = 0; // the same defect in a run of several decision tasks
const LongSharedTotal = defineWorkflow(
  async function longSharedTotal(n: number): Promise<number> {
    longTotal += n;
    for (const step of ['a', 'b', 'c', 'd']) await acts.greet(`${n}-${step}`);
    return longTotal;
  },
  { name: 'LongAdder', version: '1.0' },
);

describe('module-level state shared by runs', () => {
  it('fails the closing decision task with a clear error; a replay test fails the same way; fixed code completes each run with its own input', async () => {
    const taskList = 'module-state';
    const logger = recordingLogger();
    const broken = await env.worker(taskList, { workflows: [SharedTotal], activities: [new TestActivities()], logger });
    const options = { taskList, timeouts: { taskStartToClose: '1s' } } as const;
    const [one, hundred] = await Promise.all([
      env.client.start(SharedTotal, { workflowId: 'adder-1', args: [1], ...options }),
      env.client.start(SharedTotal, { workflowId: 'adder-100', args: [100], ...options }),
    ]);
    await broken.runUntil(() =>
      waitFor(
        'both closing tasks to fail',
        () => new Set(logger.lines.filter((l) => l.level === 'error').map((l) => l.meta?.workflowId)).size === 2,
      ),
    );
    const errors = logger.lines.filter((l) => l.level === 'error');
    for (const e of errors) {
      expect(e.meta).toMatchObject({ error: 'DeterminismViolationError' });
      expect(e.message).toMatch(
        /decided differently when the same history was replayed again in this process: decision 1 was .*CompleteWorkflowExecution.*module-level variable/,
      );
    }
    expect(broken.stats().decisionTasks.completed).toBe(2); // the first tasks; no closing decision was sent
    for (const h of [one, hundred]) expect((await h.describe()).executionInfo?.executionStatus).toBe('OPEN');

    // A replay test of the run's history finds the same defect.
    const history = await one.history();
    const err = await replayHistory({ events: history }, SharedTotal, {
      execution: { workflowId: 'adder-1', runId: String(one.runId) },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeterminismViolationError);
    expect((err as Error).message).toMatch(/decided differently when the same history was replayed again/);
    await expect(
      replayHistory({ events: history }, RunTotal, { execution: { workflowId: 'adder-1', runId: String(one.runId) } }),
    ).resolves.toMatchObject({ status: 'COMPLETED', result: 1 });

    // A deployment that keeps the total inside the run continues both runs.
    const fixed = await env.worker(taskList, { workflows: [RunTotal], activities: [new TestActivities()] });
    const results = await fixed.runUntil(() =>
      Promise.all([one.result({ timeout: '20s' }), hundred.result({ timeout: '20s' })]),
    );
    expect(results).toEqual([1, 100]);
  });

  it('is found in a run longer than the first page of history, whose decisions came from the cache', async () => {
    const taskList = 'module-state-long';
    const logger = recordingLogger();
    // 5 events a page: every task after the first continues the cached run from its first page.
    const broken = await env.worker(taskList, {
      workflows: [LongSharedTotal],
      activities: [new TestActivities()],
      logger,
      historyPageSize: 5,
    });
    const options = { taskList, timeouts: { taskStartToClose: '1s' } } as const;
    const runs = await Promise.all([
      env.client.start(LongSharedTotal, { workflowId: 'long-adder-1', args: [1], ...options }),
      env.client.start(LongSharedTotal, { workflowId: 'long-adder-100', args: [100], ...options }),
    ]);
    await broken.runUntil(() =>
      waitFor(
        'both closing tasks to fail',
        () => new Set(logger.lines.filter((l) => l.level === 'error').map((l) => l.meta?.workflowId)).size === 2,
      ),
    );
    for (const e of logger.lines.filter((l) => l.level === 'error')) {
      expect(e.meta).toMatchObject({ error: 'DeterminismViolationError' });
      expect(e.message).toMatch(/decided differently when the same history was replayed again in this process/);
    }
    expect(broken.stats().cache.hits).toBeGreaterThanOrEqual(6); // tasks 2-4 of each run came from the cache
    for (const h of runs) {
      expect((await h.describe()).executionInfo?.executionStatus).toBe('OPEN');
      expect((await h.history()).length).toBeGreaterThan(5); // longer than the poll's first page
    }
  });
});
