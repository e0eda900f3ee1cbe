/**
 * A long history replays correctly: 1,000 sequential activities, each completed in its own
 * decision task (6,000+ events). How fast it replays is measured in bench/ (`npm run bench`, as
 * ratios to floors measured in the same run); no test here asserts on time.
 */
import { describe, expect, it } from 'vitest';
import { WorkflowExecutor } from './executor.js';
import { scheduleActivity } from './runtime/activity-command.js';
import { HistoryBuilder } from './test-support/history-builder.js';

const STEPS = 1000;

async function thousand(): Promise<number> {
  let sum = 0;
  for (let i = 0; i < STEPS; i++)
    sum += (await scheduleActivity({ activityType: { name: 'Step', version: '1.0' }, args: [i] })) as number;
  return sum;
}

function thousandHistory(): HistoryBuilder {
  const h = new HistoryBuilder().start('thousand').decisionTask();
  for (let i = 0; i < STEPS; i++) {
    const s = h.scheduled('Step', `activity-${i + 1}`, h.completed());
    h.activityCompleted(s, '1');
    h.decisionTask();
  }
  return h;
}

describe('a long history', () => {
  it('replays 1000 sequential activities (6000+ events) to the completing decision, matching every recorded step', async () => {
    const h = thousandHistory();
    expect(h.events.length).toBe(6 * STEPS + 3);
    const r = await new WorkflowExecutor({ workflows: thousand }).processEvents(h.events);
    expect(r.result).toBe(STEPS);
    expect(r.status).toBe('COMPLETED');
    expect(r.decisions).toEqual([
      {
        decisionType: 'CompleteWorkflowExecution',
        completeWorkflowExecutionDecisionAttributes: { result: String(STEPS) },
      },
    ]);
  });

  it('a long history cut after step 500 asks for step 501 with its argument', async () => {
    const h = thousandHistory();
    const cut = h.events.findIndex((e) => e.eventType === 'DecisionTaskStarted' && (e.eventId ?? 0) > 6 * 500);
    const r = await new WorkflowExecutor({ workflows: thousand }).processEvents(h.events.slice(0, cut + 1));
    expect(r.status).toBe('OPEN');
    expect(r.decisions).toMatchObject([
      {
        decisionType: 'ScheduleActivityTask',
        scheduleActivityTaskDecisionAttributes: { activityId: 'activity-501', input: '[500]' },
      },
    ]);
  });
});
