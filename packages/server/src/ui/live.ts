/**
 * `GET .../executions/<workflowId>/<runId>/live?after=<eventId>`: what changed in a run since the
 * page last saw event `after`, for the page's script (`live.js`) to apply in place, without a reload.
 * When nothing landed it reads only the newest event; otherwise it answers the new events' table rows
 * and the parts of the page drawn from the whole history (summary, outcome, timeline, pending
 * activities, children), as HTML escaped like every page.
 */
import { type UiContext, call, wholeParam } from './context.js';
import { runParts } from './execution-page.js';
import { historyRows } from './history-table.js';

/** The answer, as JSON. */
export interface LiveUpdate {
  /** The newest event's id. */
  lastEventId: number;
  /** Whether the run is still open (the script stops polling when not). */
  open: boolean;
  /** Present when events landed after `after`. */
  changed?: {
    eventCount: number;
    /** The new events' rows, oldest first. */
    rows: string;
    summary: string;
    outcome: string;
    timeline: string;
    pending: string;
    children: string;
  };
}

/** Answers what changed in the run since event `?after=`. */
export async function liveUpdate(
  ctx: UiContext,
  domain: string,
  workflowId: string,
  runId: string,
): Promise<LiveUpdate> {
  const after =
    wholeParam(ctx.query, 'after', 0, Number.MAX_SAFE_INTEGER, 'the id of the newest event the page shows') ?? 0;
  const execution = { workflowId, runId };
  const newest = await call(ctx, 'GetWorkflowExecutionHistory', {
    domain,
    execution,
    reverseOrder: true,
    maximumPageSize: 1,
  });
  const last = newest.events[0];
  const lastEventId = last?.eventId ?? 0;
  const closes = /^WorkflowExecution(Completed|Failed|TimedOut|Canceled|Terminated|ContinuedAsNew)$/;
  if (lastEventId <= after) return { lastEventId, open: !closes.test(last?.eventType ?? '') };
  const parts = await runParts(ctx, domain, workflowId, runId);
  const fresh = parts.events.filter((e) => e.eventId > after);
  return {
    lastEventId: parts.events.at(-1)?.eventId ?? 0,
    open: parts.described.executionInfo.executionStatus === 'OPEN',
    changed: {
      eventCount: parts.events.length,
      rows: historyRows({ domain, workflowId, runId }, fresh, parts.events[0]?.eventTimestamp).value,
      summary: parts.summary.value,
      outcome: parts.outcome.value,
      timeline: parts.timeline.value,
      pending: parts.pending.value,
      children: parts.children.value,
    },
  };
}
