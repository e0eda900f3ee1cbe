/**
 * The decision window. SWF records events that arrive while a decider holds a decision task
 * (between its `DecisionTaskStarted` and its `DecisionTaskCompleted`): signals, cancel requests,
 * activity, timer, child, external and Lambda outcomes, anything. The decider that made that task's
 * decisions never saw them, so replay holds them back: the task's decisions are matched first
 * (they follow its `DecisionTaskCompleted`), and only then are the held events applied, as the
 * start of the next batch. A task that timed out recorded no decisions: its held events are applied
 * at once and the next task decides (its commands are still pending then).
 *
 * The state lives across calls of `processEvents`, so the worker cache, whose slices end at a
 * `DecisionTaskStarted`, continues with the held events of that task in the next slice.
 */
import { eventAttributes, type EventTypeName, type HistoryEvent } from '@swf-flow/common';
import { applyEvent } from './apply-event.js';
import type { WorkflowRuntime } from './runtime.js';

/** Events that end the run whenever they land: applied at once, never held. */
const RUN_ENDING = new Set<EventTypeName | undefined>(['WorkflowExecutionTerminated', 'WorkflowExecutionTimedOut']);

/** Holds the events of the decision task a decider is working on, and applies them in order. */
export class DecisionWindow {
  /** The DecisionTaskStarted id of the task whose decider is at work; `undefined` between tasks. */
  private task: number | undefined;
  private held: HistoryEvent[] = [];

  /** The code has just run for the decision task started at `startedEventId`. */
  started(startedEventId: number): void {
    this.task = startedEventId;
    this.held = [];
  }

  /** How many events are held for the task still at work (not yet applied). */
  get holding(): number {
    return this.held.length;
  }

  /** Applies `event` now, or holds it until the task at work has been matched. */
  feed(rt: WorkflowRuntime, event: HistoryEvent): void {
    if (this.task === undefined) {
      applyEvent(rt, event);
      return;
    }
    const type = event.eventType;
    if (type === 'DecisionTaskCompleted' || type === 'DecisionTaskTimedOut' || type === 'DecisionTaskStarted') {
      const ends = Number(eventAttributes<{ startedEventId?: number }>(event).startedEventId ?? 0) === this.task;
      const held = this.release();
      if (type === 'DecisionTaskCompleted' && ends) {
        applyEvent(rt, event); // opens the matching of this task's decisions
        if (!rt.commands.holdWindow(held)) for (const e of held) applyEvent(rt, e);
        return;
      }
      // Timed out (its decisions were never recorded: the next task decides), or a history that
      // does not close the task it started: nothing is matched against the held events.
      for (const e of held) applyEvent(rt, e);
      applyEvent(rt, event);
      return;
    }
    if (RUN_ENDING.has(type)) {
      applyEvent(rt, event);
      return;
    }
    this.held.push(event);
  }

  private release(): HistoryEvent[] {
    const held = this.held;
    this.task = undefined;
    this.held = [];
    return held;
  }
}
