/**
 * `followHistory`: prints each event of a workflow execution as it lands, by polling its history
 * with the client until the execution closes (following continue-as-new).
 */
import type { HistoryEvent } from '@swf-flow/common';
import type { WorkflowClient } from '@swf-flow/client';
import { EventNamer } from './event-line.js';

/** Options of {@link followHistory}. */
export interface FollowOptions {
  /** Called with each new event's line. @default console.log */
  print?: (line: string) => void;
  /** Time between two reads of the history, in ms. @default 100 */
  intervalMs?: number;
  /** Stop following when it aborts. */
  signal?: AbortSignal;
}

const CLOSED = new Set([
  'WorkflowExecutionCompleted',
  'WorkflowExecutionFailed',
  'WorkflowExecutionCanceled',
  'WorkflowExecutionTerminated',
  'WorkflowExecutionTimedOut',
]);

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
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
    const handle = client.getHandle(workflowId, current);
    let next: string | undefined;
    for (;;) {
      const events = await handle.history();
      for (const event of events.slice(seen.length)) {
        seen.push(event);
        print(namer.line(event));
      }
      const last = seen.at(-1);
      if (last && CLOSED.has(last.eventType ?? '')) break;
      if (last?.eventType === 'WorkflowExecutionContinuedAsNew') {
        next = last.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId;
        break;
      }
      if (options.signal?.aborted) break;
      await pause(options.intervalMs ?? 100, options.signal);
    }
    current = next;
  }
  return runs;
}
