/** Test helpers for the decision window: replay the whole history, and slice by slice as the worker cache does. */
import { expect } from 'vitest';
import type { HistoryEvent } from '@swf-flow/common';
import { WorkflowExecutor, type ActivationResult } from '../executor.js';
import type { WorkflowsInput } from '../workflow-type.js';
import type { HistoryBuilder } from './history-builder.js';
import { replay, summarize } from './run.js';

const RUN_1 = { workflowId: 'wf-1', runId: 'run-1' };

/** Replays `events` in slices that end at each DecisionTaskStarted (what the worker cache feeds). */
export async function replaySliced(
  events: readonly HistoryEvent[],
  workflows: WorkflowsInput,
  execution = RUN_1,
): Promise<ActivationResult> {
  const ex = new WorkflowExecutor({ workflows, execution });
  let from = 0;
  let out: ActivationResult = { decisions: [], status: 'OPEN' };
  for (let i = 0; i < events.length; i++) {
    if (events[i]?.eventType !== 'DecisionTaskStarted' && i !== events.length - 1) continue;
    out = await ex.processEvents(events.slice(from, i + 1));
    from = i + 1;
  }
  return out;
}

/** Replays `events` with `processPages`, in pages of `size` events (a replay streamed from a history's text). */
export async function replayPaged(
  events: readonly HistoryEvent[],
  workflows: WorkflowsInput,
  size: number,
  execution = RUN_1,
): Promise<ActivationResult> {
  const ex = new WorkflowExecutor({ workflows, execution });
  return ex.processPages(function* () {
    for (let i = 0; i < events.length; i += size) yield events.slice(i, i + size);
  });
}

/**
 * The paths must decide the same: the whole history at once, slice by slice (the worker cache),
 * and streamed in pages of 1 and 4 events (exactly the same answer); returns the first.
 */
export async function both(h: HistoryBuilder, workflows: WorkflowsInput): Promise<ActivationResult> {
  const whole = await replay(h, workflows);
  const sliced = await replaySliced(h.events, workflows);
  expect(summarize(sliced.decisions)).toEqual(summarize(whole.decisions));
  expect(sliced.status).toBe(whole.status);
  for (const size of [1, 4]) expect(await replayPaged(h.events, workflows, size)).toEqual(whole);
  return whole;
}
