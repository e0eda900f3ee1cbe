/**
 * What a finished run's history must show after any number of crashes: event ids 1..n with no gap,
 * no task handed out or closed twice, no timer fired twice, one close event; and every earlier
 * snapshot of it (taken from the service before a kill) still its prefix, byte for byte.
 */
import type { HistoryEvent } from '@aws-sdk/client-swf';
import { eventAttributes, isRunCloseEvent } from '@swf-flow/common';

/** An event without the parts that differ between reads (none should): for exact comparison. */
export function eventKey(e: HistoryEvent): string {
  return JSON.stringify(e, (_k, v: unknown) => (v instanceof Date ? v.getTime() : v));
}

const ACTIVITY_CLOSE = new Set([
  'ActivityTaskCompleted',
  'ActivityTaskFailed',
  'ActivityTaskTimedOut',
  'ActivityTaskCanceled',
]);
const DECISION_CLOSE = new Set(['DecisionTaskCompleted', 'DecisionTaskTimedOut']);

/** What is wrong with a closed run's history (empty when nothing is). */
export function historyProblems(label: string, events: readonly HistoryEvent[]): string[] {
  const problems: string[] = [];
  events.forEach((e, i) => {
    if (e.eventId !== i + 1) problems.push(`${label}: event #${i + 1} has id ${String(e.eventId)}`);
  });
  const count = (map: Map<number, number>, id: unknown): number => {
    const n = (map.get(Number(id)) ?? 0) + 1;
    map.set(Number(id), n);
    return n;
  };
  const activityStarts = new Map<number, number>();
  const activityCloses = new Map<number, number>();
  const decisionStarts = new Map<number, number>();
  const decisionCloses = new Map<number, number>();
  const timersFired = new Map<number, number>();
  for (const e of events) {
    const type = e.eventType ?? '';
    const a = eventAttributes(e);
    if (type === 'ActivityTaskStarted' && count(activityStarts, a.scheduledEventId) > 1)
      problems.push(`${label}: activity ${String(a.scheduledEventId)} started twice`);
    if (ACTIVITY_CLOSE.has(type) && count(activityCloses, a.scheduledEventId) > 1)
      problems.push(`${label}: activity ${String(a.scheduledEventId)} closed twice (${type})`);
    if (type === 'DecisionTaskStarted' && count(decisionStarts, a.scheduledEventId) > 1)
      problems.push(`${label}: decision task ${String(a.scheduledEventId)} started twice`);
    if (DECISION_CLOSE.has(type) && count(decisionCloses, a.scheduledEventId) > 1)
      problems.push(`${label}: decision task ${String(a.scheduledEventId)} closed twice (${type})`);
    if (type === 'TimerFired' && count(timersFired, a.startedEventId) > 1)
      problems.push(`${label}: timer ${String(a.startedEventId)} fired twice`);
  }
  const closes = events.filter(isRunCloseEvent);
  if (closes.length !== 1) problems.push(`${label}: ${closes.length} close events`);
  return problems;
}

/** Whether `snapshot` (read before a kill) is still the start of `final`. */
export function prefixProblem(
  label: string,
  snapshot: readonly HistoryEvent[],
  final: readonly HistoryEvent[],
): string | undefined {
  if (snapshot.length > final.length)
    return `${label}: ${snapshot.length} events acknowledged before a kill, ${final.length} after`;
  for (let i = 0; i < snapshot.length; i++) {
    if (eventKey(snapshot[i] as HistoryEvent) !== eventKey(final[i] as HistoryEvent)) {
      return `${label}: event ${i + 1} changed after a kill: ${eventKey(snapshot[i] as HistoryEvent).slice(0, 200)} became ${eventKey(final[i] as HistoryEvent).slice(0, 200)}`;
    }
  }
  return undefined;
}

/** The attributes of an event (for tests that read results). */
export { eventAttributes };
