/**
 * The events of a built history and their bookkeeping: ids count from 1, timestamps start at the
 * builder's `startTime` and advance one second per event (and by `wait`).
 */
import { parseDuration, type Duration, type EventTypeName } from '@swf-flow/common';
import type { HistoryEventJson, HistoryJson } from './history-json.js';

/** The events appended so far, with the clock that stamps them. */
export class EventLog {
  private readonly events: HistoryEventJson[] = [];
  private time: number;

  /** @param startTime - epoch seconds of the first event */
  constructor(startTime: number) {
    this.time = startTime;
  }

  /** Appends an event with its `<eventType>EventAttributes` and returns its id. */
  append(eventType: EventTypeName, attributes: Record<string, unknown>): number {
    const eventId = this.events.length + 1;
    const key = `${eventType.charAt(0).toLowerCase()}${eventType.slice(1)}EventAttributes`;
    this.events.push({ eventId, eventType, eventTimestamp: this.time, [key]: attributes });
    this.time += 1;
    return eventId;
  }

  /** The id of the last event appended (0 before the first). */
  get lastEventId(): number {
    return this.events.length;
  }

  /** Moves the clock on by `duration` (for timers and timeouts). */
  advance(duration: Duration): void {
    this.time += parseDuration(duration, 'wait') / 1000;
  }

  /** The history in the AWS CLI's format (a copy: appending can go on). */
  build(): HistoryJson {
    return { events: structuredClone(this.events) };
  }
}
