/** Test helpers: replay a builder's history in a fresh executor and summarize decisions. */
import type { Decision } from '@swf-flow/common';
import { WorkflowExecutor, type ActivationResult, type WorkflowExecutorOptions } from '../executor.js';
import type { WorkflowsInput } from '../workflow-type.js';
import type { HistoryBuilder } from './history-builder.js';

/** Replays the whole history in a new executor (run id `run-1` unless given). */
export function replay(
  h: HistoryBuilder,
  workflows: WorkflowsInput,
  options: Partial<WorkflowExecutorOptions> = {},
): Promise<ActivationResult> {
  const executor = new WorkflowExecutor({ execution: { workflowId: 'wf-1', runId: 'run-1' }, ...options, workflows });
  return executor.processEvents(h.events);
}

/** One line per decision: the type and its main attribute (activity name, timer id, ...). */
export function summarize(decisions: readonly Decision[]): string[] {
  return decisions.map((d) => {
    const a = (Object.entries(d).find(([k]) => k.endsWith('DecisionAttributes'))?.[1] ?? {}) as Record<string, any>;
    const main =
      a.activityType?.name ??
      a.timerId ??
      a.markerName ??
      a.workflowType?.name ??
      a.signalName ??
      a.name ??
      a.activityId ??
      a.result ??
      a.reason ??
      a.workflowId ??
      '';
    return `${String(d.decisionType)}${main === '' ? '' : ` ${String(main)}`}`;
  });
}
