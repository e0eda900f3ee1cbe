// Test helpers (not exported from the package): an in-memory history with SWF's paging, and a
// recording executor.
import type { ActivationResult, Decision, HistoryEvent, HistoryPages, Replayer } from '@swf-flow/common';
import type { DecisionTask } from '../decider.js';
import type { HistoryPageSource } from '../history-reader.js';

/** A history of `count` events; every 5th is a DecisionTaskStarted. */
export function makeHistory(count: number): HistoryEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    eventId: i + 1,
    eventTimestamp: new Date(1_700_000_000_000 + i * 1000),
    eventType:
      i === 0 ? 'WorkflowExecutionStarted' : (i + 1) % 5 === 0 ? 'DecisionTaskStarted' : 'ActivityTaskCompleted',
  }));
}

/** Pages `events` like SWF does; counts calls and events returned. */
export function pagedSource(events: HistoryEvent[]): HistoryPageSource & { calls: number; eventsRead: number } {
  const source = (async ({ reverseOrder, maximumPageSize, nextPageToken }) => {
    source.calls += 1;
    const ordered = reverseOrder ? [...events].reverse() : events;
    const start = nextPageToken ? Number(nextPageToken) : 0;
    const page = ordered.slice(start, start + maximumPageSize);
    source.eventsRead += page.length;
    const next = start + maximumPageSize < ordered.length ? String(start + maximumPageSize) : undefined;
    return { events: page, nextPageToken: next };
  }) as HistoryPageSource & { calls: number; eventsRead: number };
  source.calls = 0;
  source.eventsRead = 0;
  return source;
}

/** A decision task for `events` (all of them), polled newest first with `pageSize` events. */
export function decisionTask(
  events: HistoryEvent[],
  pageSize: number,
  previousStartedEventId?: number,
  runId = 'run-1',
): DecisionTask {
  const newestFirst = [...events].reverse();
  return {
    taskToken: `token-${events.length}`,
    workflowExecution: { workflowId: 'wf-1', runId },
    startedEventId: events.length,
    previousStartedEventId,
    events: newestFirst.slice(0, pageSize),
    nextPageToken: newestFirst.length > pageSize ? 'poll-token' : undefined,
  };
}

/** Records the events it is fed; decides one timer per call. */
export class RecordingExecutor implements Replayer {
  lastEventId = 0;
  lastStartedEventId = 0;
  disposed = false;
  readonly fed: number[][] = [];
  failWith: Error | undefined;
  decisions: Decision[] = [
    { decisionType: 'StartTimer', startTimerDecisionAttributes: { timerId: 't', startToFireTimeout: '1' } },
  ];

  async processEvents(events: HistoryEvent[]): Promise<ActivationResult> {
    if (this.failWith) throw this.failWith;
    const ids = events.map((e) => e.eventId ?? 0);
    if (ids[0] !== this.lastEventId + 1)
      throw new Error(`events must continue at ${this.lastEventId + 1}; got ${ids[0]}`);
    this.fed.push(ids);
    this.lastEventId = ids[ids.length - 1] ?? this.lastEventId;
    for (const e of events) if (e.eventType === 'DecisionTaskStarted') this.lastStartedEventId = e.eventId ?? 0;
    return { decisions: this.decisions, status: 'OPEN' };
  }

  /** Reads every page, then records the events as one call (what a full replay was fed). */
  async processPages(pages: HistoryPages): Promise<ActivationResult> {
    const events: HistoryEvent[] = [];
    for await (const page of pages()) events.push(...page);
    return this.processEvents(events);
  }

  dispose(): void {
    this.disposed = true;
  }
}
