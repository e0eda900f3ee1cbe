// The decider: live nondeterminism detection, and the workflow cache reading only new events.
// Real workers against the real local SWF service over HTTP.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useTestEnv } from './env.js';
import { WorkflowExecutionFailedError } from '@swf-flow/common';
import {
  BadNameWorkflow,
  ChangingV1,
  ChangingV2,
  HugeResultWorkflow,
  LoopWorkflow,
  TestActivities,
} from './fixtures.js';
import { recordingLogger, waitFor } from './helpers.js';

const env = useTestEnv('decider-it');

/** The line of `fixtures.ts` holding `marker`. */
function fixtureLine(marker: string): number {
  const lines = readFileSync(fileURLToPath(new URL('./fixtures.ts', import.meta.url)), 'utf8').split('\n');
  return lines.findIndex((l) => l.includes(marker)) + 1;
}

describe('Decider against the local SWF service', () => {
  it('a live decider detects a workflow changed between two decision tasks, logs it and does not respond', async () => {
    const v1 = await env.worker('it-changing', { workflows: [ChangingV1], activities: [new TestActivities()] });
    const handle = await env.client.start(ChangingV1, { workflowId: 'it-changing-1', taskList: 'it-changing' });
    await v1.runUntil(() =>
      waitFor('the timer to start', async () => (await handle.history()).some((e) => e.eventType === 'TimerStarted')),
    );
    const logger = recordingLogger();
    const v2 = await env.worker('it-changing', { workflows: [ChangingV2], activities: [new TestActivities()], logger });
    await v2.runUntil(() =>
      waitFor('a nondeterministic decision task', () => v2.stats().decisionTasks.nondeterministic >= 1),
    );
    const error = logger.lines.find((l) => l.level === 'error');
    expect(error?.message).toMatch(/does not match its history at event \d+/);
    expect(error?.meta).toMatchObject({ workflowId: 'it-changing-1', runId: handle.runId });
    expect(typeof error?.meta?.eventId).toBe('number');
    // The changed line, found by the executor's second (call-site recording) pass.
    const changedLine = fixtureLine('changed: the history recorded Greet here');
    expect(error?.meta?.location).toMatch(new RegExp(`fixtures\\.ts:${changedLine}:\\d+$`));
    expect(error?.message).toContain(`fixtures.ts:${changedLine}:`);
    const history = await handle.history();
    const last = history.at(-1);
    expect(last?.eventType).toBe('DecisionTaskStarted'); // nothing was answered
    expect((await handle.describe()).executionInfo?.executionStatus).toBe('OPEN');
    await handle.terminate('test over');
  });

  it('with the cache, each decision on a long history reads only the new events; closing reads nothing', async () => {
    const steps = 40;
    const w = await env.worker('it-loop', {
      workflows: [LoopWorkflow],
      activities: [new TestActivities()],
      historyPageSize: 10,
    });
    env.counts.polledEvents = [];
    env.counts.historyCalls = 0;
    const result = await w.runUntil(async () => {
      const handle = await env.client.start(LoopWorkflow, {
        workflowId: 'it-loop-1',
        args: [steps],
        taskList: 'it-loop',
      });
      const value = await handle.result({ timeout: '60s' });
      expect((await handle.history()).length).toBeGreaterThan(steps * 6);
      return value;
    });
    expect(result).toBe(steps);
    const { cache } = w.stats();
    expect(cache.misses).toBe(1);
    expect(cache.hits).toBe(steps);
    // every decision task was served by its first page, polled from the previous DecisionTaskStarted
    // (startAtPreviousStartedEvent): that event and the 6 of one step, not the page size of 10...
    expect(env.counts.polledEvents).toEqual([3, ...Array<number>(steps).fill(7)]);
    // ...and the (240+ event) history was not read again before the closing decision: the run kept
    // the events it was fed (kept-history.ts), and the module-state check replayed those in a fresh
    // executor
    expect(env.counts.historyCalls).toBe(0);
  });

  it('without the cache, the same decisions read the whole history', async () => {
    const steps = 10;
    const w = await env.worker('it-loop-nocache', {
      workflows: [LoopWorkflow],
      activities: [new TestActivities()],
      historyPageSize: 10,
      workflowCacheSize: 0,
    });
    env.counts.historyCalls = 0;
    env.counts.historyEvents = 0;
    await w.runUntil(async () =>
      (
        await env.client.start(LoopWorkflow, { workflowId: 'it-loop-2', args: [steps], taskList: 'it-loop-nocache' })
      ).result({ timeout: '60s' }),
    );
    expect(w.stats().cache).toMatchObject({ hits: 0, misses: steps + 1 });
    expect(env.counts.historyCalls).toBeGreaterThan(0);
    expect(env.counts.historyEvents).toBeGreaterThan(steps * 20);
  });

  it('with failWorkflowOnNonDeterminism, a changed workflow is failed with the determinism error', async () => {
    const v1 = await env.worker('it-changing-fail', { workflows: [ChangingV1], activities: [new TestActivities()] });
    const handle = await env.client.start(ChangingV1, {
      workflowId: 'it-changing-fail-1',
      taskList: 'it-changing-fail',
    });
    await v1.runUntil(() =>
      waitFor('the timer to start', async () => (await handle.history()).some((e) => e.eventType === 'TimerStarted')),
    );
    const v2 = await env.worker('it-changing-fail', {
      workflows: [ChangingV2],
      activities: [new TestActivities()],
      failWorkflowOnNonDeterminism: true,
    });
    const err = await v2.runUntil(() => handle.result({ timeout: '20s' }).catch((e: unknown) => e));
    expect(err).toBeInstanceOf(WorkflowExecutionFailedError);
    expect((err as Error).cause).toMatchObject({ type: 'NonDeterminismError' });
    expect(((err as Error).cause as Error).message).toMatch(/does not match its history at event \d+/);
  });

  it('a result over SWF limits fails the workflow with a clear error instead of a rejected call', async () => {
    const w = await env.worker('it-huge', { workflows: [HugeResultWorkflow] });
    const err = await w.runUntil(async () =>
      (await env.client.start(HugeResultWorkflow, { workflowId: 'it-huge-1', taskList: 'it-huge' }))
        .result({ timeout: '20s' })
        .catch((e: unknown) => e),
    );
    expect(err).toBeInstanceOf(WorkflowExecutionFailedError);
    // the replayer or the worker's own check (SwfLimitError) names the size and the limit
    expect(((err as Error).cause as Error).message).toMatch(/40002 characters.*SWF allows (at most )?32768/);
  });

  // SWF refuses the whole answer for a name that breaks its rule: the task failed again on every
  // retry and the run never moved ('did not close within 20s'); it fails now, naming the name
  it.each([
    ['taskList', 'a:b', /taskList 'a:b' is not a valid SWF name: it may not contain ':'/],
    ['activityId', 'arn', /activityId must be 1-256 characters and may not contain ':'.*or be 'arn'; got "arn"/],
  ] as const)('a %s SWF refuses (%s) fails the workflow at once, naming it', async (field, value, message) => {
    const taskList = `it-bad-${field}`;
    const w = await env.worker(taskList, { workflows: [BadNameWorkflow] });
    const err = await w.runUntil(async () =>
      (await env.client.start(BadNameWorkflow, { workflowId: taskList, taskList, args: [field, value] }))
        .result({ timeout: '20s' })
        .catch((e: unknown) => e),
    );
    expect(err).toBeInstanceOf(WorkflowExecutionFailedError);
    expect((err as Error).message).toMatch(message);
  });
});
