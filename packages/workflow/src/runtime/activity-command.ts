/**
 * `scheduleActivity`: the internal command behind `proxyActivities` (one `ScheduleActivityTask`
 * decision, settled by the activity events SWF records about it), and the
 * `RequestCancelActivityTask` that cancelling its scope sends.
 */
import {
  ApplicationFailure,
  CancelledFailure,
  activityFailed,
  decodeFailure,
  encodeArgs,
  eventAttributes,
  timeoutFailure,
  ValidationError,
  type HistoryEvent,
} from '@swf-flow/common';
import { currentStore } from './storage.js';
import type { Command } from './command.js';
import type { WorkflowRuntime } from './runtime.js';

type Attrs = Record<string, any>;

/** What `scheduleActivity` schedules: one `ScheduleActivityTask` decision. */
export interface ActivityCommandSpec {
  /** The registered activity type. */
  activityType: { name: string; version: string };
  /** The arguments, serialized with the data converter (a JSON array by default). */
  args: unknown[];
  /** The activity id. @default a deterministic id of our scheme (`activity-1`, ...) */
  activityId?: string;
  /** The task list. @default the activity type's registered default */
  taskList?: string;
  /** The task priority (an integer; a numeric string is accepted too). @default the activity type's registered default */
  taskPriority?: number | string;
  /** Timeouts as SWF whole-second strings or `'NONE'`. @default the activity type's registered defaults */
  scheduleToStartTimeout?: string;
  scheduleToCloseTimeout?: string;
  startToCloseTimeout?: string;
  heartbeatTimeout?: string;
  /** Free-form data recorded with the decision. */
  control?: string;
}

function requestCancelActivity(rt: WorkflowRuntime, activityId: string, activity: Command): Command {
  return rt.issue({
    kind: 'cancelActivity',
    decision: {
      decisionType: 'RequestCancelActivityTask',
      requestCancelActivityTaskDecisionAttributes: { activityId },
    },
    key: activityId,
    label: `RequestCancelActivityTask ${activityId}`,
    handlers: {},
    origin: activity,
  });
}

function validateSpec(spec: ActivityCommandSpec): void {
  if (typeof spec !== 'object' || spec === null) throw new ValidationError('scheduleActivity needs a spec object');
  const t = spec.activityType;
  if (!t || typeof t.name !== 'string' || t.name === '' || typeof t.version !== 'string' || t.version === '') {
    throw new ValidationError(
      `scheduleActivity: activityType must be { name, version } with non-empty strings; got ${JSON.stringify(t)}`,
    );
  }
  if (!Array.isArray(spec.args))
    throw new ValidationError(`scheduleActivity: args must be an array (activity ${t.name})`);
}

/**
 * Schedules an activity task and resolves with its decoded result. Rejects with an
 * `ActivityFailure` whose `cause` is an `ApplicationFailure` (the activity failed, or SWF
 * refused the decision: `type` is the SWF cause such as `ACTIVITY_TYPE_DOES_NOT_EXIST`), a
 * `TimeoutFailure` or a `CancelledFailure`. Cancelling the current scope sends
 * `RequestCancelActivityTask`; the promise then rejects when the history records
 * `ActivityTaskCanceled` (or settles with the activity's own outcome if it finished first).
 */
export function scheduleActivity(spec: ActivityCommandSpec): Promise<unknown> {
  const { runtime: rt, scope } = currentStore('scheduleActivity()');
  validateSpec(spec);
  const activityType = { name: spec.activityType.name, version: spec.activityType.version };
  const activityId = spec.activityId ?? rt.ids.next('activity');
  const info: { activityType: typeof activityType; activityId: string; scheduledEventId?: number } = {
    activityType,
    activityId,
  };
  const what = `Activity ${activityType.name}`;
  return new Promise<unknown>((resolve, reject) => {
    if (scope.failure) {
      reject(activityFailed(info, scope.failure));
      return;
    }
    let done = false;
    let cancelCmd: Command | undefined;
    const settle = (fn: () => void): void => {
      if (done) return;
      done = true;
      unsubscribe();
      // The activity closed before a cancel request issued in this batch was sent: SWF would
      // refuse it (ACTIVITY_ID_UNKNOWN), so it is withdrawn, whatever the order within the batch.
      if (cancelCmd?.state === 'pending') rt.commands.withdraw(cancelCmd);
      fn();
    };
    const fail = (cause: Error): void => settle(() => reject(activityFailed(info, cause)));
    const attrs = {
      activityType,
      activityId,
      input: encodeArgs(rt.converter, spec.args),
      control: spec.control,
      taskList: spec.taskList === undefined ? undefined : { name: spec.taskList },
      taskPriority: spec.taskPriority === undefined ? undefined : String(spec.taskPriority),
      scheduleToStartTimeout: spec.scheduleToStartTimeout,
      scheduleToCloseTimeout: spec.scheduleToCloseTimeout,
      startToCloseTimeout: spec.startToCloseTimeout,
      heartbeatTimeout: spec.heartbeatTimeout,
    };
    for (const k of Object.keys(attrs) as (keyof typeof attrs)[]) if (attrs[k] === undefined) delete attrs[k];
    const at = (e: HistoryEvent): Attrs => eventAttributes<Attrs>(e);
    const cmd = rt.issue({
      kind: 'activity',
      decision: { decisionType: 'ScheduleActivityTask', scheduleActivityTaskDecisionAttributes: attrs },
      key: `${activityType.name} ${activityType.version}`,
      label: `ScheduleActivityTask ${activityType.name} ${activityType.version} (activityId ${activityId})`,
      handlers: {
        recorded: (e) => {
          info.activityId = String(at(e).activityId ?? activityId);
          info.scheduledEventId = e.eventId;
          rt.ids.use('activity', info.activityId);
        },
        failed: (e) => {
          const cause = String(at(e).cause ?? 'UNKNOWN');
          info.activityId = String(at(e).activityId ?? activityId);
          fail(
            new ApplicationFailure(
              `SWF refused ScheduleActivityTask ${activityType.name} ${activityType.version}: ${cause}`,
              { type: cause, nonRetryable: true },
            ),
          );
        },
        events: {
          ActivityTaskCompleted: (e) =>
            settle(() => resolve(rt.converter.fromPayload(at(e).result as string | undefined))),
          ActivityTaskFailed: (e) =>
            fail(decodeFailure(at(e).reason as string | undefined, at(e).details as string | undefined)),
          ActivityTaskTimedOut: (e) =>
            fail(
              timeoutFailure(
                what,
                String(at(e).timeoutType),
                rt.converter.fromPayload(at(e).details as string | undefined),
              ),
            ),
          ActivityTaskCanceled: (e) =>
            fail(
              new CancelledFailure(
                `${what} was cancelled`,
                rt.converter.fromPayload(at(e).details as string | undefined),
              ),
            ),
        },
      },
    });
    const unsubscribe = scope.onCancel((failure) => {
      if (done) return;
      if (cmd.state === 'pending') {
        rt.commands.withdraw(cmd);
        fail(failure);
      } else {
        cancelCmd = requestCancelActivity(rt, info.activityId, cmd);
      }
    });
  });
}
