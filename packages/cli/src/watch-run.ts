/**
 * Waits for a run to close while showing its progress on stderr: each event as it lands (as
 * `history` prints it), following continue-as-new to the newest run. Used by `start --wait` and
 * `result`.
 */
import { type RunOutcome, type WorkflowClient, outcomeOf } from '@swf-flow/client';
import type { HistoryEvent } from '@swf-flow/common';
import type { Palette } from './color.js';
import { EventLines } from './format/event-line.js';
import type { CliIo } from './io.js';

/** Which events {@link watchRun} prints: all, those that land from now on (with a line on what is there already), or none. */
export type Progress = 'all' | 'new' | 'none';

/** How a watch ended: the outcome and its run, or `undefined` when it was stopped first. */
export interface Watched {
  outcome?: RunOutcome;
  /** The run the outcome is of (the newest run after continue-as-new). */
  runId: string;
}

/** Whether an event closes its run. */
export function isCloseEvent(event: HistoryEvent): boolean {
  return /^WorkflowExecution(Completed|Failed|Canceled|Terminated|TimedOut|ContinuedAsNew)$/.test(
    event.eventType ?? '',
  );
}

/** Follows `workflowId`'s run `runId` until it closes (through continue-as-new) or `io.signal` aborts. */
export async function watchRun(
  client: WorkflowClient,
  workflowId: string,
  runId: string,
  io: CliIo,
  p: Palette,
  progress: Progress,
): Promise<Watched> {
  let current = runId;
  let mode = progress;
  for (;;) {
    const lines = new EventLines();
    let last: HistoryEvent | undefined;
    let caughtUp = mode !== 'new';
    const onCaughtUp = (): void => {
      caughtUp = true;
      if (mode === 'new' && last)
        io.stderr(
          p.dim(`waiting for ${workflowId} (run ${current}): ${last.eventId ?? '?'} events so far, the latest:\n`) +
            `${lines.line(last, p)}\n`,
        );
    };
    for await (const event of client.getHandle(workflowId, current).followHistory({ signal: io.signal, onCaughtUp })) {
      const line = lines.line(event, p); // also remembers names for later lines
      if (mode !== 'none' && caughtUp) io.stderr(`${line}\n`);
      last = event;
    }
    if (!last || !isCloseEvent(last)) return { runId: current }; // stopped
    const outcome = outcomeOf(last, { workflowId, runId: current }, client.dataConverter);
    if (outcome.kind !== 'continued') return { outcome, runId: current };
    if (mode !== 'none') io.stderr(p.dim(`continued as new run ${outcome.newRunId}; following it\n`));
    current = outcome.newRunId;
    if (mode === 'new') mode = 'all'; // the new run's events are all news
  }
}
