/**
 * The replay benchmark's inputs are right: `seqHistory(n)` has the Temporal anchor's shape
 * (6n + 5 events, one activity per decision task) and replays to `seqWorkflow(n)`'s result.
 * (Nothing here asserts on time.)
 */
import { describe, expect, it } from 'vitest';
import { normalizeHistory } from '@swf-flow/common';
import { WorkflowExecutor } from '@swf-flow/workflow';
import { promiseLoopOnce, readHistoryOnce, replayOnce } from '../bench/measure.js';
import { seqHistory, seqResult, seqWorkflow } from '../bench/seq-workflow.js';

describe('bench: seqWorkflow(n) history', () => {
  it.each([0, 1, 10, 100])('n = %i: 6n + 5 events, replayed to completion with the sum of 2i', async (n) => {
    const history = seqHistory(n);
    expect(history.events).toHaveLength(6 * n + 5);
    expect(history.events.filter((e) => e.eventType === 'DecisionTaskCompleted')).toHaveLength(n + 1);
    await expect(replayOnce(JSON.parse(JSON.stringify(history)), n)).resolves.toBeUndefined();
    expect(seqResult(n)).toBe(Array.from({ length: n }, (_, i) => 2 * i).reduce((a, b) => a + b, 0));
  });

  it('a history cut before the last decision asks for the next step', async () => {
    const events = normalizeHistory(seqHistory(3)).slice(0, 4 + 6 + 5); // start, step 1, step 2 completed, the next DecisionTaskScheduled/Started
    expect(events.at(-1)?.eventType).toBe('DecisionTaskStarted');
    const out = await new WorkflowExecutor({ workflows: [seqWorkflow] }).processEvents(events);
    expect(out.status).toBe('OPEN');
    expect(out.decisions).toMatchObject([
      {
        decisionType: 'ScheduleActivityTask',
        scheduleActivityTaskDecisionAttributes: { activityType: { name: 'step', version: '1.0' }, input: '[2]' },
      },
    ]);
  });

  it('a replay that does not end as the history says is reported', async () => {
    const history = seqHistory(2);
    const last = history.events.at(-1) as Record<string, unknown>;
    last.workflowExecutionCompletedEventAttributes = { result: '999' };
    await expect(replayOnce(history, 3)).rejects.toThrow(/expected COMPLETED with 6/);
  });

  it('the floors run', async () => {
    expect(() => readHistoryOnce(JSON.stringify(seqHistory(5)))).not.toThrow();
    await expect(promiseLoopOnce(5)).resolves.toBeUndefined();
  });
});
