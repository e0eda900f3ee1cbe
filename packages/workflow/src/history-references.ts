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
  REPLAY_READ_MEMBERS,
  SWF_EVENT_TYPES,
  type EventTypeName,
  type HistoryEvent,
} from '@swf-flow/common';
import { EventIdTable } from './event-id-table.js';
import { DECISION_EVENTS } from './runtime/decision-events.js';

const DECISION_COMPLETED: readonly EventTypeName[] = ['DecisionTaskCompleted'];

type Check = {
  readonly references: readonly (readonly [string, readonly EventTypeName[]])[];
  readonly reads: readonly string[];
};

/**
 * Per SWF event type (all 54; an unknown type has no entry): its references as lists (no
 * allocation per event; decision events get their decisionTaskCompletedEventId) and the members
 * the replay reads to know what the event is about.
 */
const CHECKS: ReadonlyMap<string, Check> = new Map(
  SWF_EVENT_TYPES.map((type) => [
    type,
    {
      references: [
        ...Object.entries(EVENT_REFERENCES[type] ?? {}),
        ...(DECISION_EVENTS[type] ? [['decisionTaskCompletedEventId', DECISION_COMPLETED] as const] : []),
      ],
      reads: REPLAY_READ_MEMBERS.get(type) ?? [],
    },
  ]),
);

const WHAT_TO_DO =
  'Fetch it again whole (`swf-flow history --json`, or `aws swf get-workflow-execution-history`) or fix the event.';

/** Remembers the type of every event seen (across slices) and checks each new event's references. */
export class ReferenceCheck {
  private readonly types = new EventIdTable<EventTypeName>();

  /** Checks `event` against the events before it, then remembers it. @throws InvalidHistoryError */
  check(event: HistoryEvent): void {
    const type = event.eventType;
    const id = event.eventId ?? 0;
    const checks = type === undefined ? undefined : CHECKS.get(type);
    if (checks === undefined) {
      throw new InvalidHistoryError(
        `event ${id} is of type ${String(type)}, which is not an Amazon SWF event type: swf-flow knows the 54 of the SWF API ` +
          '(2012-01-25) and will not guess what another one means. If the history was written by hand or converted by a tool, ' +
          `fix the event's eventType; if it came from an SWF newer than this swf-flow, upgrade swf-flow.`,
      );
    }
    if (checks.references.length > 0 || checks.reads.length > 0) {
      const a = eventAttributes<Record<string, unknown>>(event) ?? {};
      for (const member of checks.reads) {
        if (a[member] === undefined || a[member] === null) this.missing(id, type as EventTypeName, member, event);
      }
      for (const [attr, allowed] of checks.references) this.checkOne(id, type as EventTypeName, a, attr, allowed);
    }
    this.types.set(id, type as EventTypeName);
  }

  private missing(id: number, type: EventTypeName, member: string, event: HistoryEvent): never {
    const key = `${type.charAt(0).toLowerCase()}${type.slice(1)}EventAttributes`;
    const where = Object.hasOwn(event, key)
      ? `its ${key}`
      : `it has no ${key} at all (${Object.keys(event).find((k) => k.endsWith('EventAttributes')) ?? 'no attributes'})`;
    throw new InvalidHistoryError(
      `event ${id} (${type}) has no ${member}, which SWF always records and the replay reads to know what the event is about ` +
        `(looked in ${where}): this is not a history SWF recorded (written by hand, or converted by a tool that dropped or renamed members?). ${WHAT_TO_DO}`,
    );
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
