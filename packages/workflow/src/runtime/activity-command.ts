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
import type { CancelListener, CancellationScope } from './cancellation-scope.js';
import type { Command, CommandHandlers } from './command.js';
import type { WorkflowRuntime } from './runtime.js';
import { currentStore } from './storage.js';

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

/** The `ScheduleActivityTask` decision's attributes: only the options given, in SWF's order. */
function decisionAttributes(
  rt: WorkflowRuntime,
  spec: ActivityCommandSpec,
  activityType: ActivityType,
  activityId: string,
): Attrs {
  const attrs: Attrs = { activityType, activityId };
  const input = encodeArgs(rt.converter, spec.args);
  if (input !== undefined) attrs.input = input;
  if (spec.control !== undefined) attrs.control = spec.control;
  if (spec.taskList !== undefined) attrs.taskList = { name: spec.taskList };
  if (spec.taskPriority !== undefined) attrs.taskPriority = String(spec.taskPriority);
  if (spec.scheduleToStartTimeout !== undefined) attrs.scheduleToStartTimeout = spec.scheduleToStartTimeout;
  if (spec.scheduleToCloseTimeout !== undefined) attrs.scheduleToCloseTimeout = spec.scheduleToCloseTimeout;
  if (spec.startToCloseTimeout !== undefined) attrs.startToCloseTimeout = spec.startToCloseTimeout;
  if (spec.heartbeatTimeout !== undefined) attrs.heartbeatTimeout = spec.heartbeatTimeout;
  return attrs;
}

type ActivityType = { name: string; version: string };

/**
 * One activity call: its command's handlers, its scope's cancel listener and its promise's
 * settlement in one object (a long replay makes thousands; a closure per handler was most of
 * their cost).
 */
class ActivityCall implements CommandHandlers, CancelListener {
  scheduledEventId: number | undefined;
  private command: Command | undefined;
  private cancelCommand: Command | undefined;
  private done = false;
  /** The activity id the command was issued with (`activityId` adopts the recorded one later). */
  private issuedId = '';
  private resolve!: (value: unknown) => void;
  private reject!: (reason: unknown) => void;

  constructor(
    private readonly rt: WorkflowRuntime,
    private readonly scope: CancellationScope,
    readonly activityType: ActivityType,
    public activityId: string,
  ) {}

  /** Runs in the promise's executor: issues the command, or rejects at once in a cancelled scope. */
  begin(spec: ActivityCommandSpec, resolve: (value: unknown) => void, reject: (reason: unknown) => void): void {
    this.resolve = resolve;
    this.reject = reject;
    const { rt, scope, activityType, activityId } = this;
    if (scope.failure) {
      reject(activityFailed(this.info(), scope.failure));
      return;
    }
    this.issuedId = activityId;
    const attrs = decisionAttributes(rt, spec, activityType, activityId);
    this.command = rt.issue({
      kind: 'activity',
      decision: { decisionType: 'ScheduleActivityTask', scheduleActivityTaskDecisionAttributes: attrs as never },
      key: `${activityType.name} ${activityType.version}`,
      handlers: this,
    });
    scope.addListener(this);
  }

  /** The command's label (see `CommandHandlers.describe`). */
  describe(): string {
    const { activityType, issuedId } = this;
    return `ScheduleActivityTask ${activityType.name} ${activityType.version} (activityId ${issuedId})`;
  }

  private info(): { activityType: ActivityType; activityId: string; scheduledEventId?: number } {
    const info: { activityType: ActivityType; activityId: string; scheduledEventId?: number } = {
      activityType: this.activityType,
      activityId: this.activityId,
    };
    if (this.scheduledEventId !== undefined) info.scheduledEventId = this.scheduledEventId;
    return info;
  }

  /** Ends the call once (false if it had ended); a cancel request not sent yet is withdrawn. */
  private settle(): boolean {
    if (this.done) return false;
    this.done = true;
    this.scope.removeListener(this);
    // The activity closed before a cancel request issued in this batch was sent: SWF would
    // refuse it (ACTIVITY_ID_UNKNOWN), so it is withdrawn, whatever the order within the batch.
    if (this.cancelCommand?.state === 'pending') this.rt.commands.withdraw(this.cancelCommand);
    return true;
  }

  private fail(cause: Error): void {
    if (this.settle()) this.reject(activityFailed(this.info(), cause));
  }

  recorded(e: HistoryEvent): void {
    this.activityId = String(eventAttributes<Attrs>(e).activityId ?? this.activityId);
    this.scheduledEventId = e.eventId;
    this.rt.ids.use('activity', this.activityId);
  }

  failed(e: HistoryEvent): void {
    const a = eventAttributes<Attrs>(e);
    const cause = String(a.cause ?? 'UNKNOWN');
    this.activityId = String(a.activityId ?? this.activityId);
    const { name, version } = this.activityType;
    this.fail(
      new ApplicationFailure(`SWF refused ScheduleActivityTask ${name} ${version}: ${cause}`, {
        type: cause,
        nonRetryable: true,
      }),
    );
  }

  event(e: HistoryEvent): void {
    const a = eventAttributes<Attrs>(e);
    const converter = this.rt.converter;
    switch (e.eventType) {
      case 'ActivityTaskCompleted':
        if (this.settle()) this.resolve(converter.fromPayload(a.result as string | undefined));
        return;
      case 'ActivityTaskFailed':
        this.fail(decodeFailure(a.reason as string | undefined, a.details as string | undefined));
        return;
      case 'ActivityTaskTimedOut':
        this.fail(
          timeoutFailure(
            `Activity ${this.activityType.name}`,
            String(a.timeoutType),
            converter.fromPayload(a.details as string | undefined),
          ),
        );
        return;
      case 'ActivityTaskCanceled':
        this.fail(
          new CancelledFailure(
            `Activity ${this.activityType.name} was cancelled`,
            converter.fromPayload(a.details as string | undefined),
          ),
        );
        return;
      default:
        return; // ActivityTaskStarted, ActivityTaskCancelRequested: nothing to settle
    }
  }

  scopeCancelled(failure: CancelledFailure): void {
    if (this.done || !this.command) return;
    if (this.command.state === 'pending') {
      this.rt.commands.withdraw(this.command);
      this.fail(failure);
    } else {
      this.cancelCommand = requestCancelActivity(this.rt, this.activityId, this.command);
    }
  }
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
  const call = new ActivityCall(rt, scope, activityType, spec.activityId ?? rt.ids.next('activity'));
  return new Promise<unknown>((resolve, reject) => call.begin(spec, resolve, reject));
}
