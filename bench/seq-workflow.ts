/**
 * The benchmark's workflow and its history: `seqWorkflow(n)` awaits `step(i)` n times, and
 * {@link seqHistory} builds the SWF history of a completed run in which each activity completes in
 * its own decision task (6n + 5 events: the same shape as the Temporal anchor in
 * /work/shared/bench-anchors/temporal/gen-history.js), as `aws swf get-workflow-execution-history`
 * prints it (timestamps in epoch seconds).
 */
import { Activities, Activity } from '@swf-flow/activity';
import { defineWorkflow, proxyActivities } from '@swf-flow/workflow';

/** The bench's one activity type, `step` 1.0 (never run: the history has its results). */
@Activities({
  version: '1.0',
  taskList: 'bench',
  startToCloseTimeout: '10s',
  scheduleToStartTimeout: 'NONE',
  scheduleToCloseTimeout: 'NONE',
  heartbeatTimeout: 'NONE',
})
export class BenchActivities {
  /** Returns `i * 2`. */
  @Activity({ name: 'step' })
  async step(i: number): Promise<number> {
    return i * 2;
  }
}

const acts = proxyActivities(BenchActivities);

/** Workflow type `seqWorkflow` 1.0: n sequential activities; returns the sum of their results. */
export const seqWorkflow = defineWorkflow(
  async function seqWorkflow(n: number): Promise<number> {
    let acc = 0;
    for (let i = 0; i < n; i++) acc += await acts.step(i);
    return acc;
  },
  { name: 'seqWorkflow', version: '1.0', taskList: 'bench' },
);

/** What `seqWorkflow(n)` returns: the sum of `2i` for i < n. */
export function seqResult(n: number): number {
  return n > 0 ? n * (n - 1) : 0;
}

/** One event as the AWS CLI prints it. */
type RawEvent = Record<string, unknown> & { eventId: number; eventType: string; eventTimestamp: number };

/** The history of a completed `seqWorkflow(n)` run: `{ events }`, 6n + 5 events. */
export function seqHistory(n: number): { events: RawEvent[] } {
  const events: RawEvent[] = [];
  let t = Date.parse('2024-01-01T00:00:00.000Z') / 1000;
  const push = (eventType: string, attrs: Record<string, unknown>): number => {
    const eventId = events.length + 1;
    t += 0.01;
    const key = `${eventType.charAt(0).toLowerCase()}${eventType.slice(1)}EventAttributes`;
    events.push({ eventId, eventType, eventTimestamp: Number(t.toFixed(3)), [key]: attrs });
    return eventId;
  };
  const taskList = { name: 'bench' };
  push('WorkflowExecutionStarted', {
    workflowType: { name: 'seqWorkflow', version: '1.0' },
    taskList,
    input: JSON.stringify([n]),
    executionStartToCloseTimeout: '3600',
    taskStartToCloseTimeout: '10',
    childPolicy: 'TERMINATE',
    parentInitiatedEventId: 0,
  });
  const decisionTask = (): number => {
    const scheduledEventId = push('DecisionTaskScheduled', { taskList, startToCloseTimeout: '10' });
    const startedEventId = push('DecisionTaskStarted', { scheduledEventId, identity: 'bench' });
    return push('DecisionTaskCompleted', { scheduledEventId, startedEventId });
  };
  let completed = decisionTask();
  for (let i = 0; i < n; i++) {
    const scheduledEventId = push('ActivityTaskScheduled', {
      activityType: { name: 'step', version: '1.0' },
      activityId: `activity-${i + 1}`,
      input: JSON.stringify([i]),
      taskList,
      decisionTaskCompletedEventId: completed,
      startToCloseTimeout: '10',
      scheduleToStartTimeout: 'NONE',
      scheduleToCloseTimeout: 'NONE',
      heartbeatTimeout: 'NONE',
    });
    const startedEventId = push('ActivityTaskStarted', { scheduledEventId, identity: 'bench' });
    push('ActivityTaskCompleted', { scheduledEventId, startedEventId, result: JSON.stringify(i * 2) });
    completed = decisionTask();
  }
  push('WorkflowExecutionCompleted', { decisionTaskCompletedEventId: completed, result: JSON.stringify(seqResult(n)) });
  return { events };
}
