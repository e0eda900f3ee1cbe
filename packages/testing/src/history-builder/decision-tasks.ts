/**
 * Decision task events, and the ids the other events link to: the decisions of a task name its
 * `DecisionTaskCompleted` event, and each step of a task names the ones before it.
 */
import { ValidationError } from '@swf-flow/common';
import type { EventLog } from './event-log.js';

/** Appends decision task events and remembers the ids of the last scheduled, started and completed task. */
export class DecisionTasks {
  private readonly log: EventLog;
  private lastScheduled = 0;
  private lastStarted = 0;
  private lastCompleted = 0;

  constructor(log: EventLog) {
    this.log = log;
  }

  /** The id of the last `DecisionTaskCompleted`: what a decision event names; an error before the first. */
  completedId(): number {
    if (this.lastCompleted === 0)
      throw new ValidationError('history builder: add decisionTask() before the decisions it made');
    return this.lastCompleted;
  }

  /** `DecisionTaskScheduled`. */
  scheduled(): void {
    this.lastScheduled = this.log.append('DecisionTaskScheduled', {
      taskList: { name: 'default' },
      startToCloseTimeout: '60',
    });
  }

  /** `DecisionTaskStarted` of the last scheduled task. */
  started(): void {
    this.lastStarted = this.log.append('DecisionTaskStarted', {
      scheduledEventId: this.lastScheduled,
      identity: 'test',
    });
  }

  /** `DecisionTaskCompleted` of the last started task. */
  completed(executionContext?: string): void {
    const attributes: Record<string, unknown> = {
      scheduledEventId: this.lastScheduled,
      startedEventId: this.lastStarted,
    };
    if (executionContext !== undefined) attributes.executionContext = executionContext;
    this.lastCompleted = this.log.append('DecisionTaskCompleted', attributes);
  }

  /** `DecisionTaskTimedOut` of the last started task. */
  timedOut(): void {
    this.log.append('DecisionTaskTimedOut', {
      scheduledEventId: this.lastScheduled,
      startedEventId: this.lastStarted,
      timeoutType: 'START_TO_CLOSE',
    });
  }
}
