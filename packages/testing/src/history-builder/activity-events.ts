/**
 * Activity task events. Each scheduled activity stays open until an event closes it; the events
 * that follow find it by activity id, or take the most recent open one.
 */
import { ValidationError } from '@swf-flow/common';
import { seconds, typeOf, type ActivityScheduledOptions, type TypeRef } from './builder-options.js';
import { failureFields, inputPayload, type EventContext } from './event-context.js';

interface OpenActivity {
  activityId: string;
  scheduledEventId: number;
  startedEventId?: number;
}

/** The kinds of `ActivityTaskTimedOut`. */
export type ActivityTimeoutType = 'START_TO_CLOSE' | 'SCHEDULE_TO_START' | 'SCHEDULE_TO_CLOSE' | 'HEARTBEAT';

/** Appends activity task events and keeps the activities still open. */
export class ActivityEvents {
  private readonly ctx: EventContext;
  private count = 0;
  private readonly open: OpenActivity[] = [];

  constructor(ctx: EventContext) {
    this.ctx = ctx;
  }

  /** `ActivityTaskScheduled`; the activity id counts scheduled activities from 1 unless given. */
  scheduled(activityType: TypeRef, options: ActivityScheduledOptions): void {
    this.count += 1;
    const activityId = options.activityId ?? String(this.count);
    const attributes: Record<string, unknown> = {
      activityType: typeOf(activityType),
      activityId,
      taskList: { name: options.taskList ?? 'default' },
      scheduleToStartTimeout: seconds(options.scheduleToStartTimeout, '300'),
      scheduleToCloseTimeout: seconds(options.scheduleToCloseTimeout, '600'),
      startToCloseTimeout: seconds(options.startToCloseTimeout, '300'),
      heartbeatTimeout: seconds(options.heartbeatTimeout, 'NONE'),
      decisionTaskCompletedEventId: this.ctx.decisions.completedId(),
    };
    const input = inputPayload(this.ctx.converter, options.args, options.input);
    if (input !== undefined) attributes.input = input;
    if (options.control !== undefined) attributes.control = options.control;
    const scheduledEventId = this.ctx.log.append('ActivityTaskScheduled', attributes);
    this.open.push({ activityId, scheduledEventId });
  }

  /** `ScheduleActivityTaskFailed`: counts as a scheduled activity for the default ids. */
  scheduleFailed(activityType: TypeRef, cause: string, activityId: string | undefined): void {
    this.count += 1;
    this.ctx.log.append('ScheduleActivityTaskFailed', {
      activityType: typeOf(activityType),
      activityId: activityId ?? String(this.count),
      cause,
      decisionTaskCompletedEventId: this.ctx.decisions.completedId(),
    });
  }

  /** `ActivityTaskStarted` of the given (or the most recent unstarted) activity. */
  started(activityId: string | undefined): void {
    const a = this.find(activityId, 'activityStarted', true);
    a.startedEventId = this.ctx.log.append('ActivityTaskStarted', {
      scheduledEventId: a.scheduledEventId,
      identity: 'test-worker',
    });
  }

  /** `ActivityTaskCompleted` with `result` encoded by the converter, or the `raw` payload. */
  completed(result: unknown, options: { activityId?: string; raw?: string }): void {
    const a = this.find(options.activityId, 'activityCompleted');
    const payload = options.raw ?? this.ctx.converter.toPayload(result);
    this.ctx.log.append('ActivityTaskCompleted', {
      ...this.closedRefs(a),
      ...(payload === undefined ? {} : { result: payload }),
    });
    this.close(a);
  }

  /** `ActivityTaskFailed` with the failure's reason and details. */
  failed(failure: Error | string, options: { activityId?: string; details?: string }): void {
    const a = this.find(options.activityId, 'activityFailed');
    const fields = failureFields(failure, options.details);
    this.ctx.log.append('ActivityTaskFailed', { ...this.closedRefs(a), ...fields });
    this.close(a);
  }

  /** `ActivityTaskTimedOut`. */
  timedOut(timeoutType: ActivityTimeoutType, options: { activityId?: string; details?: string }): void {
    const a = this.find(options.activityId, 'activityTimedOut');
    this.ctx.log.append('ActivityTaskTimedOut', {
      ...this.closedRefs(a),
      timeoutType,
      ...(options.details === undefined ? {} : { details: options.details }),
    });
    this.close(a);
  }

  /** `ActivityTaskCancelRequested` (a decision); the activity stays open. */
  cancelRequested(activityId: string | undefined): void {
    const a = this.find(activityId, 'activityCancelRequested');
    this.ctx.log.append('ActivityTaskCancelRequested', {
      activityId: a.activityId,
      decisionTaskCompletedEventId: this.ctx.decisions.completedId(),
    });
  }

  /** `ActivityTaskCanceled`. */
  canceled(options: { activityId?: string; details?: string }): void {
    const a = this.find(options.activityId, 'activityCanceled');
    this.ctx.log.append('ActivityTaskCanceled', {
      ...this.closedRefs(a),
      ...(options.details === undefined ? {} : { details: options.details }),
    });
    this.close(a);
  }

  private find(activityId: string | undefined, what: string, unstarted = false): OpenActivity {
    const found =
      activityId === undefined
        ? [...this.open].reverse().find((a) => !unstarted || a.startedEventId === undefined)
        : this.open.find((a) => a.activityId === activityId);
    if (!found)
      throw new ValidationError(
        `history builder: ${what}: no open activity${activityId === undefined ? '' : ` with id '${activityId}'`}`,
      );
    return found;
  }

  private closedRefs(a: OpenActivity): Record<string, unknown> {
    return { scheduledEventId: a.scheduledEventId, startedEventId: a.startedEventId ?? 0 };
  }

  private close(a: OpenActivity): void {
    this.open.splice(this.open.indexOf(a), 1);
  }
}
