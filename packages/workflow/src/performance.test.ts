import { describe, expect, it } from 'vitest';
import { WorkflowExecutor } from './executor.js';
import { scheduleActivity } from './runtime/commands.js';
import { HistoryBuilder } from './test-support/history-builder.js';

async function thousand(): Promise<number> {
  let sum = 0;
  for (let i = 0; i < 1000; i++) sum += (await scheduleActivity({ activityType: { name: 'Step', version: '1.0' }, args: [i] })) as number;
  return sum;
}

describe('performance', () => {
  it('replays 1000 sequential activities (~6000 events) in well under a second', async () => {
    const h = new HistoryBuilder().start('thousand').decisionTask();
    for (let i = 0; i < 1000; i++) {
      const s = h.scheduled('Step', `activity-${i + 1}`, h.completed());
      h.activityCompleted(s, '1');
      h.decisionTask();
    }
    expect(h.events.length).toBeGreaterThan(6000);
    const started = performance.now();
    const r = await new WorkflowExecutor({ workflows: thousand }).processEvents(h.events);
    const elapsed = performance.now() - started;
    expect(r.result).toBe(1000);
    expect(elapsed).toBeLessThan(1500); // ~150 ms on an idle machine; slack for a shared CI box
  });
});
