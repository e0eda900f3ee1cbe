/**
 * Checks, event by event, that each reference in a history names an earlier event of the right
 * type (an ActivityTaskCompleted's `scheduledEventId` an ActivityTaskScheduled, a decision's
 * `decisionTaskCompletedEventId` a DecisionTaskCompleted, ...). A history that fails it was not
 * recorded by SWF for one run (it was edited, assembled, or mixed from several): that is reported
 * as an InvalidHistoryError, not as a change of the workflow code.
 */
import {
  EVENT_REFERENCES,
  eventAttributes,
  InvalidHistoryError,
  type EventTypeName,
  type HistoryEvent,
} from '@swf-flow/common';
import { EventIdTable } from './event-id-table.js';
import { DECISION_EVENTS } from './runtime/decision-events.js';

const DECISION_COMPLETED: readonly EventTypeName[] = ['DecisionTaskCompleted'];

/** The table as lists (no allocation per event); decision events get their decisionTaskCompletedEventId. */
const CHECKS: ReadonlyMap<EventTypeName, readonly (readonly [string, readonly EventTypeName[]])[]> = new Map(
  [...new Set([...Object.keys(EVENT_REFERENCES), ...Object.keys(DECISION_EVENTS)] as EventTypeName[])].map((type) => [
    type,
    [
      ...Object.entries(EVENT_REFERENCES[type] ?? {}),
      ...(DECISION_EVENTS[type] ? [['decisionTaskCompletedEventId', DECISION_COMPLETED] as const] : []),
    ],
  ]),
);

/** Remembers the type of every event seen (across slices) and checks each new event's references. */
export class ReferenceCheck {
  private readonly types = new EventIdTable<EventTypeName>();

  /** Checks `event` against the events before it, then remembers it. @throws InvalidHistoryError */
  check(event: HistoryEvent): void {
    const type = event.eventType;
    const id = event.eventId ?? 0;
    const checks = type === undefined ? undefined : CHECKS.get(type);
    if (type !== undefined && checks) {
      const a = eventAttributes<Record<string, unknown>>(event);
      for (const [attr, allowed] of checks) this.checkOne(id, type, a, attr, allowed);
    }
    if (type !== undefined) this.types.set(id, type);
  }

  private checkOne(
    id: number,
    type: EventTypeName,
    a: Record<string, unknown>,
    attr: string,
    allowed: readonly EventTypeName[],
  ): void {
    const ref = typeof a[attr] === 'string' ? Number(a[attr]) : a[attr];
    if (typeof ref !== 'number' || !(ref > 0)) return; // absent or 0: refers to nothing
    const target = this.types.get(ref);
    let problem: string | undefined;
    if (ref >= id || target === undefined) problem = `no event ${ref} comes before it`;
    else if (!allowed.includes(target)) problem = `event ${ref} is a ${target}`;
    if (!problem) return;
    throw new InvalidHistoryError(
      `event ${id} (${type}) refers to event ${ref} as its ${attr} (${allowed.join(' or ')}), but ${problem}: ` +
        'this is not a history SWF recorded for one run (edited, assembled by hand, or mixed from several runs?). Fetch it again whole ' +
        '(`swf-flow history --json`, or `aws swf get-workflow-execution-history`) or fix the reference.',
    );
  }
}
