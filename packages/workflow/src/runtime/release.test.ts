import { describe, expect, it } from 'vitest';
import { getExternalWorkflowHandle } from '../api/external.js';
import { HistoryBuilder } from '../test-support/history-builder.js';
import { replay, summarize } from '../test-support/run.js';
import { scheduleActivity } from './activity-command.js';

const act = (name: string): Promise<unknown> => scheduleActivity({ activityType: { name, version: '1.0' }, args: [] });

describe('a settled command is let go of: events that still refer to it read as before', () => {
  it('a second ActivityTaskCompleted for the same activity changes nothing (the first result stands)', async () => {
    async function twice(): Promise<unknown> {
      const a = await act('A');
      const b = await act('B');
      return [a, b];
    }
    const h = new HistoryBuilder().start('twice').decisionTask();
    const a = h.scheduled('A', 'activity-1', h.completed());
    h.activityCompleted(a, '"first"');
    h.add('ActivityTaskCompleted', { scheduledEventId: a, startedEventId: a + 1, result: '"again"' });
    h.decisionTask();
    const r = await replay(h, twice);
    expect(r.status).toBe('OPEN');
    expect(summarize(r.decisions)).toEqual(['ScheduleActivityTask B']);
  });

  it('a SignalExternalWorkflowExecutionFailed after the signal was delivered still refers to it (not a new decision event)', async () => {
    async function notify(): Promise<string> {
      await getExternalWorkflowHandle('order-1').signal('hello');
      return 'sent';
    }
    const h = new HistoryBuilder().start('notify').decisionTask();
    const completed = h.completed();
    const i = h.add('SignalExternalWorkflowExecutionInitiated', {
      workflowId: 'order-1',
      signalName: 'hello',
      decisionTaskCompletedEventId: completed,
    });
    h.add('ExternalWorkflowExecutionSignaled', {
      initiatedEventId: i,
      workflowExecution: { workflowId: 'order-1', runId: 'r' },
    });
    h.add('SignalExternalWorkflowExecutionFailed', {
      initiatedEventId: i,
      workflowId: 'order-1',
      cause: 'UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION',
      decisionTaskCompletedEventId: completed,
    });
    h.decisionTask();
    const r = await replay(h, notify);
    expect(r.status).toBe('COMPLETED');
    expect(r.result).toBe('sent');
  });
});
