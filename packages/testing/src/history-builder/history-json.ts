/**
 * The format `historyBuilder()` writes: the AWS CLI's (`{"events": [...]}`, epoch-second
 * timestamps), the same as a recorded fixture file.
 */
import type { EventTypeName } from '@swf-flow/common';

/** One event as the AWS CLI prints it: timestamps are epoch seconds. */
export interface HistoryEventJson {
  eventId: number;
  eventType: EventTypeName;
  eventTimestamp: number;
  [attributes: string]: unknown;
}

/** A history as the AWS CLI prints it (`aws swf get-workflow-execution-history`). */
export interface HistoryJson {
  events: HistoryEventJson[];
}
