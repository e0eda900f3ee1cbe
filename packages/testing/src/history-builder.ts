/**
 * A small typed builder of SWF histories for tests, so that a replay test reads as a table:
 * history in, expected decisions out. It writes the AWS CLI's format (`{"events": [...]}`,
 * epoch-second timestamps), the same as a recorded fixture file.
 *
 * The fluent class here only composes: the event log (ids and timestamps), the decision tasks
 * (the ids decisions name) and one writer per family of events live in `./history-builder/`.
 */
import { jsonDataConverter, type DataConverter, type Duration, type EventTypeName } from '@swf-flow/common';
import { ActivityEvents } from './history-builder/activity-events.js';
import {
  typeOf,
  type ActivityScheduledOptions,
  type ChildOptions,
  type TypeRef,
  type WorkflowStartedOptions,
} from './history-builder/builder-options.js';
import { ChildEvents } from './history-builder/child-events.js';
import { DecisionTasks } from './history-builder/decision-tasks.js';
import type { EventContext } from './history-builder/event-context.js';
import { EventLog } from './history-builder/event-log.js';
import { ExecutionEvents } from './history-builder/execution-events.js';
import type { HistoryJson } from './history-builder/history-json.js';
import { TimerEvents } from './history-builder/timer-events.js';

/**
 * Builds a history event by event. Ids count from 1; timestamps start at `startTime` and advance
 * one second per event (and by {@link HistoryBuilder.wait}). Events that refer to others
 * (`activityCompleted`, `timerFired`, ...) find them by id, or take the most recent open one.
 *
 * @example
 * ```ts
 * const history = historyBuilder({ workflowType: 'HelloWorld' })
 *   .workflowStarted({ input: 'World' })
 *   .decisionTask()
 *   .activityScheduled('Echo', { args: ['World'] })
 *   .activityStarted()
 *   .activityCompleted('Hello, World')
 *   .openDecisionTask()
 *   .build();
 * ```
 */
export class HistoryBuilder {
  private readonly log: EventLog;
  private readonly decisions: DecisionTasks;
  private readonly execution: ExecutionEvents;
  private readonly activities: ActivityEvents;
  private readonly timers: TimerEvents;
  private readonly children: ChildEvents;

  constructor(options: { workflowType?: TypeRef; startTime?: number; dataConverter?: DataConverter } = {}) {
    const defaultType = typeOf(options.workflowType ?? 'Workflow');
    this.log = new EventLog(options.startTime ?? 1_700_000_000);
    this.decisions = new DecisionTasks(this.log);
    const ctx: EventContext = {
      log: this.log,
      decisions: this.decisions,
      converter: options.dataConverter ?? jsonDataConverter,
    };
    this.execution = new ExecutionEvents(ctx, defaultType);
    this.activities = new ActivityEvents(ctx);
    this.timers = new TimerEvents(ctx);
    this.children = new ChildEvents(ctx);
  }

  /** Appends any event (the escape hatch for types without a helper). Returns its id via {@link lastEventId}. */
  event(eventType: EventTypeName, attributes: Record<string, unknown> = {}): this {
    this.log.append(eventType, attributes);
    return this;
  }

  /** The id of the last event appended. */
  get lastEventId(): number {
    return this.log.lastEventId;
  }

  /** Advances the clock (for timers and timeouts). */
  wait(duration: Duration): this {
    this.log.advance(duration);
    return this;
  }

  /** `WorkflowExecutionStarted`: always the first event. */
  workflowStarted(options: WorkflowStartedOptions = {}): this {
    this.execution.started(options);
    return this;
  }

  /** `DecisionTaskScheduled`. */
  decisionTaskScheduled(): this {
    this.decisions.scheduled();
    return this;
  }

  /** `DecisionTaskStarted` of the last scheduled decision task. */
  decisionTaskStarted(): this {
    this.decisions.started();
    return this;
  }

  /** `DecisionTaskCompleted` of the last started decision task. */
  decisionTaskCompleted(executionContext?: string): this {
    this.decisions.completed(executionContext);
    return this;
  }

  /** `DecisionTaskTimedOut` of the last started decision task. */
  decisionTaskTimedOut(): this {
    this.decisions.timedOut();
    return this;
  }

  /** A whole decision task: scheduled, started, completed. The decisions it made follow it. */
  decisionTask(executionContext?: string): this {
    return this.decisionTaskScheduled().decisionTaskStarted().decisionTaskCompleted(executionContext);
  }

  /** The decision task a decider is working on now: scheduled and started (ends an open history). */
  openDecisionTask(): this {
    return this.decisionTaskScheduled().decisionTaskStarted();
  }

  /** `ActivityTaskScheduled` (a decision of the last completed decision task). */
  activityScheduled(activityType: TypeRef, options: ActivityScheduledOptions = {}): this {
    this.activities.scheduled(activityType, options);
    return this;
  }

  /** `ScheduleActivityTaskFailed` (e.g. `ACTIVITY_TYPE_DOES_NOT_EXIST`). */
  scheduleActivityFailed(activityType: TypeRef, cause = 'ACTIVITY_TYPE_DOES_NOT_EXIST', activityId?: string): this {
    this.activities.scheduleFailed(activityType, cause, activityId);
    return this;
  }

  /** `ActivityTaskStarted` of the given (or the most recent unstarted) activity. */
  activityStarted(activityId?: string): this {
    this.activities.started(activityId);
    return this;
  }

  /** `ActivityTaskCompleted` with `result` (encoded as JSON; pass `{ raw }` for a payload that is not). */
  activityCompleted(result?: unknown, options: { activityId?: string; raw?: string } = {}): this {
    this.activities.completed(result, options);
    return this;
  }

  /** `ActivityTaskFailed`: an `Error` is encoded as swf-flow's worker would; a string is the reason. */
  activityFailed(failure: Error | string, options: { activityId?: string; details?: string } = {}): this {
    this.activities.failed(failure, options);
    return this;
  }

  /** `ActivityTaskTimedOut`. */
  activityTimedOut(
    timeoutType: 'START_TO_CLOSE' | 'SCHEDULE_TO_START' | 'SCHEDULE_TO_CLOSE' | 'HEARTBEAT' = 'START_TO_CLOSE',
    options: { activityId?: string; details?: string } = {},
  ): this {
    this.activities.timedOut(timeoutType, options);
    return this;
  }

  /** `ActivityTaskCancelRequested` (a decision: RequestCancelActivityTask). */
  activityCancelRequested(activityId?: string): this {
    this.activities.cancelRequested(activityId);
    return this;
  }

  /** `ActivityTaskCanceled`. */
  activityCanceled(options: { activityId?: string; details?: string } = {}): this {
    this.activities.canceled(options);
    return this;
  }

  /** `TimerStarted` (a decision). */
  timerStarted(timerId: string, startToFire: Duration, control?: string): this {
    this.timers.started(timerId, startToFire, control);
    return this;
  }

  /** `TimerFired` of the given (or the most recent open) timer. */
  timerFired(timerId?: string): this {
    this.timers.fired(timerId);
    return this;
  }

  /** `TimerCanceled` (a decision: CancelTimer). */
  timerCanceled(timerId?: string): this {
    this.timers.canceled(timerId);
    return this;
  }

  /** `WorkflowExecutionSignaled`: `args` are the signal's arguments (a JSON array); `{ raw }` for any payload. */
  signaled(signalName: string, args?: unknown[], options: { raw?: string } = {}): this {
    this.execution.signaled(signalName, args, options.raw);
    return this;
  }

  /** `MarkerRecorded` (a decision): `details` encoded with the data converter. */
  markerRecorded(markerName: string, details?: unknown, options: { raw?: string } = {}): this {
    this.execution.markerRecorded(markerName, details, options.raw);
    return this;
  }

  /** `WorkflowExecutionCancelRequested`: someone asked to cancel this execution. */
  cancelRequested(cause?: 'CHILD_POLICY_APPLIED'): this {
    this.execution.cancelRequested(cause);
    return this;
  }

  /** `StartChildWorkflowExecutionInitiated` (a decision). */
  childInitiated(
    workflowType: TypeRef,
    workflowId: string,
    options: { args?: unknown[]; input?: string; taskList?: string; control?: string } = {},
  ): this {
    this.children.initiated(workflowType, workflowId, options);
    return this;
  }

  /** `StartChildWorkflowExecutionFailed` (e.g. `WORKFLOW_ALREADY_RUNNING`). */
  childStartFailed(cause = 'WORKFLOW_ALREADY_RUNNING', options: ChildOptions = {}): this {
    this.children.startFailed(cause, options);
    return this;
  }

  /** `ChildWorkflowExecutionStarted`. */
  childStarted(options: ChildOptions & { runId?: string } = {}): this {
    this.children.started(options);
    return this;
  }

  /** `ChildWorkflowExecutionCompleted` with `result` (JSON). */
  childCompleted(result?: unknown, options: ChildOptions = {}): this {
    this.children.completed(result, options);
    return this;
  }

  /** `ChildWorkflowExecutionFailed`: an `Error` is encoded as swf-flow would; a string is the reason. */
  childFailed(failure: Error | string, options: ChildOptions & { details?: string } = {}): this {
    this.children.failed(failure, options);
    return this;
  }

  /** `ChildWorkflowExecutionTimedOut`. */
  childTimedOut(options: ChildOptions = {}): this {
    this.children.timedOut(options);
    return this;
  }

  /** `ChildWorkflowExecutionCanceled`. */
  childCanceled(options: ChildOptions & { details?: string } = {}): this {
    this.children.canceled(options);
    return this;
  }

  /** `ChildWorkflowExecutionTerminated`. */
  childTerminated(options: ChildOptions = {}): this {
    this.children.terminated(options);
    return this;
  }

  /** `WorkflowExecutionCompleted` (a decision: CompleteWorkflowExecution) with `result` (JSON). */
  workflowCompleted(result?: unknown): this {
    this.execution.completed(result);
    return this;
  }

  /** `WorkflowExecutionFailed` (a decision: FailWorkflowExecution). */
  workflowFailed(failure: Error | string, details?: string): this {
    this.execution.failed(failure, details);
    return this;
  }

  /** `WorkflowExecutionCanceled` (a decision: CancelWorkflowExecution). */
  workflowCanceled(details?: string): this {
    this.execution.canceled(details);
    return this;
  }

  /** The history in the AWS CLI's format (a copy: the builder can go on). */
  build(): HistoryJson {
    return this.log.build();
  }
}

/**
 * Starts a {@link HistoryBuilder}.
 *
 * @param options - `workflowType` (default for `workflowStarted`), `startTime` (epoch seconds of
 *   the first event, default 1700000000), `dataConverter` (default JSON).
 * @example
 * ```ts
 * const history = historyBuilder({ workflowType: { name: 'OrderWorkflow', version: '1.0' } })
 *   .workflowStarted({ input: [order] })
 *   .decisionTask()
 *   .activityScheduled({ name: 'VerifyOrder', version: '1.0' })
 *   .build();
 * const { decisions } = await replayHistory(history, orderWorkflow);
 * ```
 */
export function historyBuilder(options?: {
  workflowType?: TypeRef;
  startTime?: number;
  dataConverter?: DataConverter;
}): HistoryBuilder {
  return new HistoryBuilder(options);
}
