/**
 * The activities a run is waiting for, read from its history: scheduled and not yet completed,
 * failed, timed out or canceled; started ones with when and by whom.
 */
import { eventAttributes, type HistoryEvent } from '@swf-flow/common';

/** An activity the run is waiting for. */
export interface PendingActivity {
  /** The activity id the workflow gave it. */
  activityId: string;
  /** `name@version`. */
  activityType: string;
  /** The `ActivityTaskScheduled` event's id. */
  scheduledEventId: number;
  scheduledAt?: Date;
  /** When a worker picked it up, if one did. */
  startedAt?: Date;
  /** The worker that did. */
  identity?: string;
}

const ENDED = new Set(['ActivityTaskCompleted', 'ActivityTaskFailed', 'ActivityTaskTimedOut', 'ActivityTaskCanceled']);

/** The run's pending activities, oldest first. */
export function pendingActivities(events: readonly HistoryEvent[]): PendingActivity[] {
  const pending = new Map<number, PendingActivity>();
  for (const event of events) {
    const type = event.eventType ?? '';
    const a = eventAttributes<Record<string, unknown>>(event) ?? {};
    if (type === 'ActivityTaskScheduled') {
      const t = a.activityType as { name?: string; version?: string } | undefined;
      pending.set(event.eventId ?? 0, {
        activityId: String(a.activityId ?? ''),
        activityType: `${t?.name ?? '?'}@${t?.version ?? '?'}`,
        scheduledEventId: event.eventId ?? 0,
        ...(event.eventTimestamp ? { scheduledAt: event.eventTimestamp } : {}),
      });
    } else if (type === 'ActivityTaskStarted') {
      const activity = pending.get(Number(a.scheduledEventId));
      if (activity) {
        if (event.eventTimestamp) activity.startedAt = event.eventTimestamp;
        if (typeof a.identity === 'string') activity.identity = a.identity;
      }
    } else if (ENDED.has(type)) {
      pending.delete(Number(a.scheduledEventId));
    }
  }
  return [...pending.values()];
}

/** One line: `Echo@1.0 (id 1) started 2026-... by worker-1`, or `scheduled 2026-..., not started`. */
export function pendingActivityText(activity: PendingActivity): string {
  const when = activity.startedAt
    ? `started ${activity.startedAt.toISOString()}${activity.identity ? ` by ${activity.identity}` : ''}`
    : `scheduled ${activity.scheduledAt?.toISOString() ?? '?'}, not started`;
  return `${activity.activityType} (id ${activity.activityId}) ${when}`;
}
