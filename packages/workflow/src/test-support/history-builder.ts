/**
 * A tiny history builder for this package's tests (the public one lives in @swf-flow/testing):
 * events get consecutive ids and timestamps one second apart.
 */
import type { HistoryEvent } from '@swf-flow/common';

/** Builds SWF histories event by event. */
export class HistoryBuilder {
  readonly events: HistoryEvent[] = [];
  /** The id of the last DecisionTaskStarted. */
  lastStarted = 0;
  private time: number;

  constructor(start = Date.UTC(2024, 0, 1, 12, 0, 0)) {
    this.time = start;
  }

  /** Adds an event of any type; returns its id. */
  add(eventType: string, attributes: Record<string, unknown> = {}): number {
    const eventId = this.events.length + 1;
    const key = `${eventType.charAt(0).toLowerCase()}${eventType.slice(1)}EventAttributes`;
    this.events.push({
      eventId,
      eventType,
      eventTimestamp: new Date(this.time),
      [key]: attributes,
    } as unknown as HistoryEvent);
    this.time += 1000;
    return eventId;
  }

  /** WorkflowExecutionStarted (event 1). */
  start(name: string, args?: unknown[] | string, extra: Record<string, unknown> = {}): this {
    this.add('WorkflowExecutionStarted', {
      workflowType: { name, version: '1.0' },
      taskList: { name: 'main' },
      childPolicy: 'TERMINATE',
      executionStartToCloseTimeout: '3600',
      taskStartToCloseTimeout: '10',
      ...(args === undefined ? {} : { input: typeof args === 'string' ? args : JSON.stringify(args) }),
      ...extra,
    });
    return this;
  }

  /** DecisionTaskScheduled + DecisionTaskStarted. */
  decisionTask(): this {
    const scheduled = this.add('DecisionTaskScheduled', { taskList: { name: 'main' }, startToCloseTimeout: '10' });
    this.lastStarted = this.add('DecisionTaskStarted', { scheduledEventId: scheduled });
    return this;
  }

  /** DecisionTaskCompleted for the last started decision task; returns its id. */
  completed(): number {
    return this.add('DecisionTaskCompleted', {
      scheduledEventId: this.lastStarted - 1,
      startedEventId: this.lastStarted,
    });
  }

  /** ActivityTaskScheduled; returns its id. */
  scheduled(name: string, activityId: string, completedId: number, version = '1.0'): number {
    return this.add('ActivityTaskScheduled', {
      activityType: { name, version },
      activityId,
      decisionTaskCompletedEventId: completedId,
      taskList: { name: 'main' },
    });
  }

  /** ActivityTaskStarted + ActivityTaskCompleted with `result` (a payload string). */
  activityCompleted(scheduledEventId: number, result?: string): number {
    const startedEventId = this.add('ActivityTaskStarted', { scheduledEventId, identity: 'test' });
    return this.add('ActivityTaskCompleted', {
      scheduledEventId,
      startedEventId,
      ...(result === undefined ? {} : { result }),
    });
  }

  /** TimerStarted; returns its id. */
  timerStarted(timerId: string, completedId: number, seconds = '60'): number {
    return this.add('TimerStarted', {
      timerId,
      startToFireTimeout: seconds,
      decisionTaskCompletedEventId: completedId,
    });
  }

  /** TimerFired. */
  timerFired(timerId: string, startedEventId: number): number {
    return this.add('TimerFired', { timerId, startedEventId });
  }

  /** WorkflowExecutionSignaled with args encoded as a JSON array. */
  signaled(signalName: string, args?: unknown[]): number {
    return this.add('WorkflowExecutionSignaled', {
      signalName,
      ...(args === undefined ? {} : { input: JSON.stringify(args) }),
      externalInitiatedEventId: 0,
    });
  }
}
