/**
 * A small typed builder of SWF histories for tests, so that a replay test reads as a table:
 * history in, expected decisions out. It writes the AWS CLI's format (`{"events": [...]}`,
 * epoch-second timestamps), the same as a recorded fixture file.
 */
import {
  encodeFailure,
  jsonDataConverter,
  parseDuration,
  toSwfTimeout,
  ValidationError,
  type DataConverter,
  type Duration,
  type EventTypeName,
} from '@swf-flow/common';

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

/** A workflow or activity type; a bare string is the name with version `'1.0'`. */
export type TypeRef = string | { name: string; version: string };

/** Options of {@link HistoryBuilder.workflowStarted}. */
export interface WorkflowStartedOptions {
  /** The workflow type. @default the builder's `workflowType` */
  workflowType?: TypeRef;
  /** The workflow's arguments, encoded as the data converter does (a JSON array). */
  args?: unknown[];
  /** The raw input payload (e.g. `'World'` from `aws swf start-workflow-execution --input World`); wins over `args`. */
  input?: string;
  /** @default 'default' */
  taskList?: string;
  /** @default 'TERMINATE' */
  childPolicy?: string;
  /** @default '3600' */
  executionStartToCloseTimeout?: Duration;
  /** @default '60' */
  taskStartToCloseTimeout?: Duration;
  /** Tags of the execution. */
  tagList?: string[];
  /** The run this one continues (continue-as-new). */
  continuedExecutionRunId?: string;
  /** The parent execution, for a child. */
  parentWorkflowExecution?: { workflowId: string; runId: string };
}

/** Options of {@link HistoryBuilder.activityScheduled}. */
export interface ActivityScheduledOptions {
  /** @default `'<n>'`, counting scheduled activities from 1 */
  activityId?: string;
  /** The activity's arguments (a JSON array). */
  args?: unknown[];
  /** The raw input payload; wins over `args`. */
  input?: string;
  /** @default 'default' */
  taskList?: string;
  /** Control data of the decision. */
  control?: string;
  /** @default '300' each */
  scheduleToStartTimeout?: Duration | 'NONE';
  /** @default '600' */
  scheduleToCloseTimeout?: Duration | 'NONE';
  /** @default '300' */
  startToCloseTimeout?: Duration | 'NONE';
  /** @default 'NONE' */
  heartbeatTimeout?: Duration | 'NONE';
}

/** Options of the child workflow events. */
export interface ChildOptions {
  /** The child's workflow id. @default the most recent child still open */
  workflowId?: string;
}

interface OpenActivity {
  activityId: string;
  scheduledEventId: number;
  startedEventId?: number;
}

interface OpenChild {
  workflowId: string;
  runId?: string;
  workflowType: { name: string; version: string };
  initiatedEventId: number;
  startedEventId?: number;
}

function typeOf(ref: TypeRef): { name: string; version: string } {
  return typeof ref === 'string' ? { name: ref, version: '1.0' } : { name: ref.name, version: ref.version };
}

function seconds(d: Duration | 'NONE' | undefined, fallback: string): string {
  return toSwfTimeout(d, 'timeout') ?? fallback;
}

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
  private readonly events: HistoryEventJson[] = [];
  private time: number;
  private lastCompletedDecision = 0;
  private lastScheduledDecision = 0;
  private lastStartedDecision = 0;
  private activityCount = 0;
  private readonly activities: OpenActivity[] = [];
  private readonly timers = new Map<string, number>();
  private readonly children: OpenChild[] = [];
  private readonly converter: DataConverter;
  private readonly defaultType: { name: string; version: string };

  constructor(options: { workflowType?: TypeRef; startTime?: number; dataConverter?: DataConverter } = {}) {
    this.defaultType = typeOf(options.workflowType ?? 'Workflow');
    this.time = options.startTime ?? 1_700_000_000;
    this.converter = options.dataConverter ?? jsonDataConverter;
  }

  /** Appends any event (the escape hatch for types without a helper). Returns its id via {@link lastEventId}. */
  event(eventType: EventTypeName, attributes: Record<string, unknown> = {}): this {
    const eventId = this.events.length + 1;
    const key = `${eventType.charAt(0).toLowerCase()}${eventType.slice(1)}EventAttributes`;
    this.events.push({ eventId, eventType, eventTimestamp: this.time, [key]: attributes });
    this.time += 1;
    return this;
  }

  /** The id of the last event appended. */
  get lastEventId(): number {
    return this.events.length;
  }

  /** Advances the clock (for timers and timeouts). */
  wait(duration: Duration): this {
    this.time += parseDuration(duration, 'wait') / 1000;
    return this;
  }

  private payload(args: unknown[] | undefined, raw: string | undefined): string | undefined {
    if (raw !== undefined) return raw;
    return args === undefined ? undefined : this.converter.toPayload(args);
  }

  private decisionCompletedId(): number {
    if (this.lastCompletedDecision === 0)
      throw new ValidationError('history builder: add decisionTask() before the decisions it made');
    return this.lastCompletedDecision;
  }

  /** `WorkflowExecutionStarted`: always the first event. */
  workflowStarted(options: WorkflowStartedOptions = {}): this {
    if (this.events.length > 0) throw new ValidationError('history builder: workflowStarted() must be the first event');
    const attributes: Record<string, unknown> = {
      workflowType: typeOf(options.workflowType ?? this.defaultType),
      taskList: { name: options.taskList ?? 'default' },
      childPolicy: options.childPolicy ?? 'TERMINATE',
      executionStartToCloseTimeout: seconds(options.executionStartToCloseTimeout, '3600'),
      taskStartToCloseTimeout: seconds(options.taskStartToCloseTimeout, '60'),
      parentInitiatedEventId: 0,
    };
    const input = this.payload(options.args, options.input);
    if (input !== undefined) attributes.input = input;
    if (options.tagList) attributes.tagList = options.tagList;
    if (options.continuedExecutionRunId) attributes.continuedExecutionRunId = options.continuedExecutionRunId;
    if (options.parentWorkflowExecution) attributes.parentWorkflowExecution = options.parentWorkflowExecution;
    return this.event('WorkflowExecutionStarted', attributes);
  }

  /** `DecisionTaskScheduled`. */
  decisionTaskScheduled(): this {
    this.event('DecisionTaskScheduled', { taskList: { name: 'default' }, startToCloseTimeout: '60' });
    this.lastScheduledDecision = this.lastEventId;
    return this;
  }

  /** `DecisionTaskStarted` of the last scheduled decision task. */
  decisionTaskStarted(): this {
    this.event('DecisionTaskStarted', { scheduledEventId: this.lastScheduledDecision, identity: 'test' });
    this.lastStartedDecision = this.lastEventId;
    return this;
  }

  /** `DecisionTaskCompleted` of the last started decision task. */
  decisionTaskCompleted(executionContext?: string): this {
    const attributes: Record<string, unknown> = {
      scheduledEventId: this.lastScheduledDecision,
      startedEventId: this.lastStartedDecision,
    };
    if (executionContext !== undefined) attributes.executionContext = executionContext;
    this.event('DecisionTaskCompleted', attributes);
    this.lastCompletedDecision = this.lastEventId;
    return this;
  }

  /** `DecisionTaskTimedOut` of the last started decision task. */
  decisionTaskTimedOut(): this {
    return this.event('DecisionTaskTimedOut', {
      scheduledEventId: this.lastScheduledDecision,
      startedEventId: this.lastStartedDecision,
      timeoutType: 'START_TO_CLOSE',
    });
  }

  /** A whole decision task: scheduled, started, completed. The decisions it made follow it. */
  decisionTask(executionContext?: string): this {
    return this.decisionTaskScheduled().decisionTaskStarted().decisionTaskCompleted(executionContext);
  }

  /** The decision task a decider is working on now: scheduled and started (ends an open history). */
  openDecisionTask(): this {
    return this.decisionTaskScheduled().decisionTaskStarted();
  }

  private openActivity(activityId: string | undefined, what: string, unstarted = false): OpenActivity {
    const found =
      activityId === undefined
        ? [...this.activities].reverse().find((a) => !unstarted || a.startedEventId === undefined)
        : this.activities.find((a) => a.activityId === activityId);
    if (!found)
      throw new ValidationError(
        `history builder: ${what}: no open activity${activityId === undefined ? '' : ` with id '${activityId}'`}`,
      );
    return found;
  }

  private closeActivity(activity: OpenActivity): void {
    this.activities.splice(this.activities.indexOf(activity), 1);
  }

  /** `ActivityTaskScheduled` (a decision of the last completed decision task). */
  activityScheduled(activityType: TypeRef, options: ActivityScheduledOptions = {}): this {
    this.activityCount += 1;
    const activityId = options.activityId ?? String(this.activityCount);
    const attributes: Record<string, unknown> = {
      activityType: typeOf(activityType),
      activityId,
      taskList: { name: options.taskList ?? 'default' },
      scheduleToStartTimeout: seconds(options.scheduleToStartTimeout, '300'),
      scheduleToCloseTimeout: seconds(options.scheduleToCloseTimeout, '600'),
      startToCloseTimeout: seconds(options.startToCloseTimeout, '300'),
      heartbeatTimeout: seconds(options.heartbeatTimeout, 'NONE'),
      decisionTaskCompletedEventId: this.decisionCompletedId(),
    };
    const input = this.payload(options.args, options.input);
    if (input !== undefined) attributes.input = input;
    if (options.control !== undefined) attributes.control = options.control;
    this.event('ActivityTaskScheduled', attributes);
    this.activities.push({ activityId, scheduledEventId: this.lastEventId });
    return this;
  }

  /** `ScheduleActivityTaskFailed` (e.g. `ACTIVITY_TYPE_DOES_NOT_EXIST`). */
  scheduleActivityFailed(activityType: TypeRef, cause = 'ACTIVITY_TYPE_DOES_NOT_EXIST', activityId?: string): this {
    this.activityCount += 1;
    return this.event('ScheduleActivityTaskFailed', {
      activityType: typeOf(activityType),
      activityId: activityId ?? String(this.activityCount),
      cause,
      decisionTaskCompletedEventId: this.decisionCompletedId(),
    });
  }

  /** `ActivityTaskStarted` of the given (or the most recent unstarted) activity. */
  activityStarted(activityId?: string): this {
    const a = this.openActivity(activityId, 'activityStarted', true);
    this.event('ActivityTaskStarted', { scheduledEventId: a.scheduledEventId, identity: 'test-worker' });
    a.startedEventId = this.lastEventId;
    return this;
  }

  private closed(a: OpenActivity): Record<string, unknown> {
    return { scheduledEventId: a.scheduledEventId, startedEventId: a.startedEventId ?? 0 };
  }

  /** `ActivityTaskCompleted` with `result` (encoded as JSON; pass `{ raw }` for a payload that is not). */
  activityCompleted(result?: unknown, options: { activityId?: string; raw?: string } = {}): this {
    const a = this.openActivity(options.activityId, 'activityCompleted');
    const payload = options.raw ?? this.converter.toPayload(result);
    this.event('ActivityTaskCompleted', { ...this.closed(a), ...(payload === undefined ? {} : { result: payload }) });
    this.closeActivity(a);
    return this;
  }

  /** `ActivityTaskFailed`: an `Error` is encoded as swf-flow's worker would; a string is the reason. */
  activityFailed(failure: Error | string, options: { activityId?: string; details?: string } = {}): this {
    const a = this.openActivity(options.activityId, 'activityFailed');
    const encoded =
      typeof failure === 'string' ? { reason: failure, details: options.details } : encodeFailure(failure);
    this.event('ActivityTaskFailed', {
      ...this.closed(a),
      reason: encoded.reason,
      ...(encoded.details === undefined ? {} : { details: encoded.details }),
    });
    this.closeActivity(a);
    return this;
  }

  /** `ActivityTaskTimedOut`. */
  activityTimedOut(
    timeoutType: 'START_TO_CLOSE' | 'SCHEDULE_TO_START' | 'SCHEDULE_TO_CLOSE' | 'HEARTBEAT' = 'START_TO_CLOSE',
    options: { activityId?: string; details?: string } = {},
  ): this {
    const a = this.openActivity(options.activityId, 'activityTimedOut');
    this.event('ActivityTaskTimedOut', {
      ...this.closed(a),
      timeoutType,
      ...(options.details === undefined ? {} : { details: options.details }),
    });
    this.closeActivity(a);
    return this;
  }

  /** `ActivityTaskCancelRequested` (a decision: RequestCancelActivityTask). */
  activityCancelRequested(activityId?: string): this {
    const a = this.openActivity(activityId, 'activityCancelRequested');
    return this.event('ActivityTaskCancelRequested', {
      activityId: a.activityId,
      decisionTaskCompletedEventId: this.decisionCompletedId(),
    });
  }

  /** `ActivityTaskCanceled`. */
  activityCanceled(options: { activityId?: string; details?: string } = {}): this {
    const a = this.openActivity(options.activityId, 'activityCanceled');
    this.event('ActivityTaskCanceled', {
      ...this.closed(a),
      ...(options.details === undefined ? {} : { details: options.details }),
    });
    this.closeActivity(a);
    return this;
  }

  /** `TimerStarted` (a decision). */
  timerStarted(timerId: string, startToFire: Duration, control?: string): this {
    this.event('TimerStarted', {
      timerId,
      startToFireTimeout: toSwfTimeout(startToFire, 'startToFire'),
      decisionTaskCompletedEventId: this.decisionCompletedId(),
      ...(control === undefined ? {} : { control }),
    });
    this.timers.set(timerId, this.lastEventId);
    return this;
  }

  private openTimer(timerId: string | undefined, what: string): [string, number] {
    const entry =
      timerId === undefined
        ? [...this.timers].pop()
        : this.timers.has(timerId)
          ? ([timerId, this.timers.get(timerId)] as [string, number])
          : undefined;
    if (!entry)
      throw new ValidationError(
        `history builder: ${what}: no open timer${timerId === undefined ? '' : ` '${timerId}'`}`,
      );
    return entry;
  }

  /** `TimerFired` of the given (or the most recent open) timer. */
  timerFired(timerId?: string): this {
    const [id, startedEventId] = this.openTimer(timerId, 'timerFired');
    this.timers.delete(id);
    return this.event('TimerFired', { timerId: id, startedEventId });
  }

  /** `TimerCanceled` (a decision: CancelTimer). */
  timerCanceled(timerId?: string): this {
    const [id, startedEventId] = this.openTimer(timerId, 'timerCanceled');
    this.timers.delete(id);
    return this.event('TimerCanceled', {
      timerId: id,
      startedEventId,
      decisionTaskCompletedEventId: this.decisionCompletedId(),
    });
  }

  /** `WorkflowExecutionSignaled`: `args` are the signal's arguments (a JSON array); `{ raw }` for any payload. */
  signaled(signalName: string, args?: unknown[], options: { raw?: string } = {}): this {
    const input = this.payload(args, options.raw);
    return this.event('WorkflowExecutionSignaled', {
      signalName,
      externalInitiatedEventId: 0,
      ...(input === undefined ? {} : { input }),
    });
  }

  /** `MarkerRecorded` (a decision): `details` encoded with the data converter. */
  markerRecorded(markerName: string, details?: unknown, options: { raw?: string } = {}): this {
    const payload = options.raw ?? this.converter.toPayload(details);
    return this.event('MarkerRecorded', {
      markerName,
      decisionTaskCompletedEventId: this.decisionCompletedId(),
      ...(payload === undefined ? {} : { details: payload }),
    });
  }

  /** `WorkflowExecutionCancelRequested`: someone asked to cancel this execution. */
  cancelRequested(cause?: 'CHILD_POLICY_APPLIED'): this {
    return this.event('WorkflowExecutionCancelRequested', { externalInitiatedEventId: 0, ...(cause ? { cause } : {}) });
  }

  /** `StartChildWorkflowExecutionInitiated` (a decision). */
  childInitiated(
    workflowType: TypeRef,
    workflowId: string,
    options: { args?: unknown[]; input?: string; taskList?: string; control?: string } = {},
  ): this {
    const type = typeOf(workflowType);
    const input = this.payload(options.args, options.input);
    this.event('StartChildWorkflowExecutionInitiated', {
      workflowId,
      workflowType: type,
      taskList: { name: options.taskList ?? 'default' },
      childPolicy: 'TERMINATE',
      executionStartToCloseTimeout: '3600',
      taskStartToCloseTimeout: '60',
      decisionTaskCompletedEventId: this.decisionCompletedId(),
      ...(input === undefined ? {} : { input }),
      ...(options.control === undefined ? {} : { control: options.control }),
    });
    this.children.push({ workflowId, workflowType: type, initiatedEventId: this.lastEventId });
    return this;
  }

  private openChild(options: ChildOptions, what: string): OpenChild {
    const found =
      options.workflowId === undefined
        ? this.children.at(-1)
        : this.children.find((c) => c.workflowId === options.workflowId);
    if (!found)
      throw new ValidationError(
        `history builder: ${what}: no open child workflow${options.workflowId ? ` '${options.workflowId}'` : ''}`,
      );
    return found;
  }

  private childRefs(c: OpenChild): Record<string, unknown> {
    return {
      workflowExecution: { workflowId: c.workflowId, runId: c.runId ?? `run-${c.workflowId}` },
      workflowType: c.workflowType,
      initiatedEventId: c.initiatedEventId,
      startedEventId: c.startedEventId ?? 0,
    };
  }

  private closeChild(c: OpenChild): void {
    this.children.splice(this.children.indexOf(c), 1);
  }

  /** `StartChildWorkflowExecutionFailed` (e.g. `WORKFLOW_ALREADY_RUNNING`). */
  childStartFailed(cause = 'WORKFLOW_ALREADY_RUNNING', options: ChildOptions = {}): this {
    const c = this.openChild(options, 'childStartFailed');
    this.closeChild(c);
    return this.event('StartChildWorkflowExecutionFailed', {
      workflowId: c.workflowId,
      workflowType: c.workflowType,
      cause,
      initiatedEventId: c.initiatedEventId,
      decisionTaskCompletedEventId: this.decisionCompletedId(),
    });
  }

  /** `ChildWorkflowExecutionStarted`. */
  childStarted(options: ChildOptions & { runId?: string } = {}): this {
    const c = this.openChild(options, 'childStarted');
    c.runId = options.runId ?? `run-${c.workflowId}`;
    this.event('ChildWorkflowExecutionStarted', {
      workflowExecution: { workflowId: c.workflowId, runId: c.runId },
      workflowType: c.workflowType,
      initiatedEventId: c.initiatedEventId,
    });
    c.startedEventId = this.lastEventId;
    return this;
  }

  /** `ChildWorkflowExecutionCompleted` with `result` (JSON). */
  childCompleted(result?: unknown, options: ChildOptions = {}): this {
    const c = this.openChild(options, 'childCompleted');
    const payload = this.converter.toPayload(result);
    this.closeChild(c);
    return this.event('ChildWorkflowExecutionCompleted', {
      ...this.childRefs(c),
      ...(payload === undefined ? {} : { result: payload }),
    });
  }

  /** `ChildWorkflowExecutionFailed`: an `Error` is encoded as swf-flow would; a string is the reason. */
  childFailed(failure: Error | string, options: ChildOptions & { details?: string } = {}): this {
    const c = this.openChild(options, 'childFailed');
    const encoded =
      typeof failure === 'string' ? { reason: failure, details: options.details } : encodeFailure(failure);
    this.closeChild(c);
    return this.event('ChildWorkflowExecutionFailed', {
      ...this.childRefs(c),
      reason: encoded.reason,
      ...(encoded.details === undefined ? {} : { details: encoded.details }),
    });
  }

  /** `ChildWorkflowExecutionTimedOut`. */
  childTimedOut(options: ChildOptions = {}): this {
    const c = this.openChild(options, 'childTimedOut');
    this.closeChild(c);
    return this.event('ChildWorkflowExecutionTimedOut', { ...this.childRefs(c), timeoutType: 'START_TO_CLOSE' });
  }

  /** `ChildWorkflowExecutionCanceled`. */
  childCanceled(options: ChildOptions & { details?: string } = {}): this {
    const c = this.openChild(options, 'childCanceled');
    this.closeChild(c);
    return this.event('ChildWorkflowExecutionCanceled', {
      ...this.childRefs(c),
      ...(options.details === undefined ? {} : { details: options.details }),
    });
  }

  /** `ChildWorkflowExecutionTerminated`. */
  childTerminated(options: ChildOptions = {}): this {
    const c = this.openChild(options, 'childTerminated');
    this.closeChild(c);
    return this.event('ChildWorkflowExecutionTerminated', this.childRefs(c));
  }

  /** `WorkflowExecutionCompleted` (a decision: CompleteWorkflowExecution) with `result` (JSON). */
  workflowCompleted(result?: unknown): this {
    const payload = this.converter.toPayload(result);
    return this.event('WorkflowExecutionCompleted', {
      decisionTaskCompletedEventId: this.decisionCompletedId(),
      ...(payload === undefined ? {} : { result: payload }),
    });
  }

  /** `WorkflowExecutionFailed` (a decision: FailWorkflowExecution). */
  workflowFailed(failure: Error | string, details?: string): this {
    const encoded = typeof failure === 'string' ? { reason: failure, details } : encodeFailure(failure);
    return this.event('WorkflowExecutionFailed', {
      decisionTaskCompletedEventId: this.decisionCompletedId(),
      reason: encoded.reason,
      ...(encoded.details === undefined ? {} : { details: encoded.details }),
    });
  }

  /** `WorkflowExecutionCanceled` (a decision: CancelWorkflowExecution). */
  workflowCanceled(details?: string): this {
    return this.event('WorkflowExecutionCanceled', {
      decisionTaskCompletedEventId: this.decisionCompletedId(),
      ...(details === undefined ? {} : { details }),
    });
  }

  /** The history in the AWS CLI's format (a copy: the builder can go on). */
  build(): HistoryJson {
    return { events: structuredClone(this.events) };
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
