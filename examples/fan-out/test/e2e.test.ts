/**
 * fan-out end to end: 50 activities scheduled by one decision, run by a real activity worker over
 * HTTP against the real local service, and aggregated by the workflow.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkflowClient } from '@swf-flow/client';
import { silentLogger } from '@swf-flow/common';
import { type LocalService, type RunningWorkers, runWorkers, startLocalService } from '@swf-flow/dev';
import { unitsFor } from '../src/activities.js';
import { createWorkers, DOMAIN, skus } from '../src/main.js';
import { stockReport } from '../src/workflows.js';

describe('fan-out over HTTP', () => {
  let local: LocalService;
  let workers: RunningWorkers;

  beforeAll(async () => {
    local = await startLocalService({ dataDir: ':memory:', pollTimeoutMs: 2000 });
    workers = runWorkers(await createWorkers(local.swf, silentLogger));
  });

  afterAll(async () => {
    await workers?.stop();
    await local?.server.close();
  });

  it('schedules 50 activities in one decision and aggregates their 50 results', async () => {
    const input = skus(50);
    const client = new WorkflowClient({ swf: local.swf, domain: DOMAIN });
    const handle = await client.start(stockReport, { workflowId: 'stock-e2e', args: [input] });
    const report = await handle.result({ timeout: '30s' });

    const units = input.map(unitsFor);
    expect(report).toEqual({
      checked: 50,
      totalUnits: units.reduce((a, b) => a + b, 0),
      outOfStock: input.filter((_, i) => units[i] === 0),
    });
    expect(report.outOfStock.length).toBeGreaterThan(0);

    const history = await handle.history();
    const scheduled = history.filter((e) => e.eventType === 'ActivityTaskScheduled');
    expect(scheduled).toHaveLength(50);
    // All 50 were decided together: by the first DecisionTaskCompleted.
    const firstDecision = history.find((e) => e.eventType === 'DecisionTaskCompleted')?.eventId ?? 0;
    expect(new Set(scheduled.map((e) => e.activityTaskScheduledEventAttributes?.decisionTaskCompletedEventId))).toEqual(
      new Set([firstDecision]),
    );
    expect(new Set(scheduled.map((e) => e.activityTaskScheduledEventAttributes?.input))).toHaveProperty('size', 50);
    expect(history.filter((e) => e.eventType === 'ActivityTaskCompleted')).toHaveLength(50);
    expect(history.at(-1)?.eventType).toBe('WorkflowExecutionCompleted');
  });
});
