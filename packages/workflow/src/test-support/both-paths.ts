/** Test helpers for the decision window: replay the whole history, and slice by slice as the worker cache does. */
import { expect } from 'vitest';
import type { HistoryEvent } from '@swf-flow/common';
import { WorkflowExecutor, type ActivationResult } from '../executor.js';
import type { WorkflowsInput } from '../workflow-type.js';
import type { HistoryBuilder } from './history-builder.js';
import { replay, summarize } from './run.js';

/** Replays `events` in slices that end at each DecisionTaskStarted (what the worker cache feeds). */
export async function replaySliced(
  events: readonly HistoryEvent[],
  workflows: WorkflowsInput,
): Promise<ActivationResult> {
  const ex = new WorkflowExecutor({ workflows, execution: { workflowId: 'wf-1', runId: 'run-1' } });
  let from = 0;
  let out: ActivationResult = { decisions: [], status: 'OPEN' };
  for (let i = 0; i < events.length; i++) {
    if (events[i]?.eventType !== 'DecisionTaskStarted' && i !== events.length - 1) continue;
    out = await ex.processEvents(events.slice(from, i + 1));
    from = i + 1;
  }
  return out;
}

/** Both paths, the whole history at once and slice by slice, must decide the same; returns the first. */
export async function both(h: HistoryBuilder, workflows: WorkflowsInput): Promise<ActivationResult> {
  const whole = await replay(h, workflows);
  const sliced = await replaySliced(h.events, workflows);
  expect(summarize(sliced.decisions)).toEqual(summarize(whole.decisions));
  expect(sliced.status).toBe(whole.status);
  return whole;
}
