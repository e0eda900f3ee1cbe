/**
 * `followHistory`: prints each event of a workflow execution as it lands, read with the client's
 * `WorkflowHandle.followHistory` until the execution closes (following continue-as-new).
 */
import type { HistoryEvent } from '@swf-flow/common';
import type { WorkflowClient } from '@swf-flow/client';
import { EventNamer } from './event-line.js';

/** Options of {@link followHistory}. */
export interface FollowOptions {
  /** Called with each new event's line. @default console.log */
  print?: (line: string) => void;
  /** Longest time between two reads of the history, in ms. @default 100 */
  intervalMs?: number;
  /** Stop following when it aborts. */
  signal?: AbortSignal;
}

/**
 * Prints every event of the run (and of the runs it continues as) as it lands; resolves once the
 * last run closes or `signal` aborts. Returns every event seen, run by run.
 *
 * @example
 * ```ts
 * const handle = await client.start(orderWorkflow, { workflowId, args: [order] });
 * const [events, result] = await Promise.all([followHistory(client, handle.workflowId, handle.runId), handle.result()]);
 * ```
 */
export async function followHistory(
  client: WorkflowClient,
  workflowId: string,
  runId: string,
  options: FollowOptions = {},
): Promise<HistoryEvent[][]> {
  const print = options.print ?? ((line: string) => console.log(line));
  const runs: HistoryEvent[][] = [];
  let current: string | undefined = runId;
  while (current !== undefined && !options.signal?.aborted) {
    const namer = new EventNamer();
    const seen: HistoryEvent[] = [];
    runs.push(seen);
    if (runs.length > 1) print(`--- continued as new: run ${current}`);
    let next: string | undefined;
    const events = client
      .getHandle(workflowId, current)
      .followHistory({ signal: options.signal, maxPollInterval: options.intervalMs ?? 100 });
    for await (const event of events) {
      seen.push(event);
      print(namer.line(event));
      if (event.eventType === 'WorkflowExecutionContinuedAsNew')
        next = event.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId;
    }
    current = next;
  }
  return runs;
}
