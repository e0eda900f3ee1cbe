/**
 * ab-serial end to end: a real decider and activity worker poll the real local service over HTTP.
 * A runs on `a_tasks` and returns a timestamp; B runs on `b_tasks` with A's result and returns
 * its pid; the workflow completes with B's result.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkflowClient } from '@swf-flow/client';
import { silentLogger } from '@swf-flow/common';
import { type LocalService, type RunningWorkers, runWorkers, startLocalService } from '@swf-flow/dev';
import { createWorkers, DOMAIN, main } from '../src/main.js';
import { serialWorkflow } from '../src/workflows.js';

describe('ab-serial over HTTP', () => {
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

  it('runs A on a_tasks, then B on b_tasks with A’s timestamp, and returns B’s pid', async () => {
    const client = new WorkflowClient({ swf: local.swf, domain: DOMAIN });
    const before = Date.now();
    const handle = await client.start(serialWorkflow, { workflowId: 'serial-e2e' });
    expect(await handle.result({ timeout: '20s' })).toBe(process.pid);

    const history = await handle.history();
    const scheduled = history.flatMap((e) =>
      e.activityTaskScheduledEventAttributes ? [e.activityTaskScheduledEventAttributes] : [],
    );
    expect(scheduled.map((a) => [a.activityType?.name, a.taskList?.name])).toEqual([
      ['ActivityA', 'a_tasks'],
      ['ActivityB', 'b_tasks'],
    ]);
    const completedA = history.find(
      (e) => e.eventType === 'ActivityTaskCompleted',
    )?.activityTaskCompletedEventAttributes;
    const timestamp = Number(completedA?.result);
    expect(timestamp).toBeGreaterThanOrEqual(before);
    expect(timestamp).toBeLessThanOrEqual(Date.now());
    expect(scheduled[1]?.input).toBe(`[${completedA?.result}]`);
    expect(history[0]?.workflowExecutionStartedEventAttributes?.taskList?.name).toBe('serial_wf_tasks');
    expect(history.at(-1)?.eventType).toBe('WorkflowExecutionCompleted');
  });
});

describe('ab-serial main()', () => {
  it('prints the events as they land and B’s pid', async () => {
    const lines: string[] = [];
    expect(await main({ dataDir: ':memory:', print: (l) => lines.push(l) })).toBe(process.pid);
    expect(lines.filter((l) => l.includes('ActivityTaskScheduled')).map((l) => l.split(/\s+/)[3])).toEqual([
      'ActivityA',
      'ActivityB',
    ]);
    expect(lines.at(-1)).toBe(`result: ActivityB ran in process ${process.pid}`);
  });
});
