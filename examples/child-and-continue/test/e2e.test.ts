/**
 * child-and-continue end to end: a real worker over HTTP against the real local service. A parent
 * starts three child workflows and adds up their results; a paged import continues as new every
 * 5 pages, and the client's `result()` follows it to the last run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkflowClient } from '@swf-flow/client';
import { silentLogger, ValidationError } from '@swf-flow/common';
import { type LocalService, type RunningWorkers, runWorkers, startLocalService } from '@swf-flow/dev';
import { createWorkers, DOMAIN } from '../src/main.js';
import { batchTotal, pagedImport } from '../src/workflows.js';

describe('child-and-continue over HTTP', () => {
  let local: LocalService;
  let workers: RunningWorkers;
  let client: WorkflowClient;

  beforeAll(async () => {
    local = await startLocalService({ dataDir: ':memory:', pollTimeoutMs: 2000 });
    workers = runWorkers(await createWorkers(local.swf, silentLogger));
    client = new WorkflowClient({ swf: local.swf, domain: DOMAIN });
  });

  afterAll(async () => {
    await workers?.stop();
    await local?.server.close();
  });

  it('a parent starts one child per batch and adds up their results', async () => {
    const parent = await client.start(batchTotal, { workflowId: 'batches-e2e', args: [[[1, 2, 3], [10, 20], [100]]] });
    expect(await parent.result({ timeout: '30s' })).toEqual({
      children: [
        { workflowId: 'batches-e2e-batch-1', sum: 6 },
        { workflowId: 'batches-e2e-batch-2', sum: 30 },
        { workflowId: 'batches-e2e-batch-3', sum: 100 },
      ],
      total: 136,
    });
    const history = await parent.history();
    expect(history.filter((e) => e.eventType === 'ChildWorkflowExecutionCompleted')).toHaveLength(3);

    const child = client.getHandle<number>('batches-e2e-batch-2');
    expect(await child.result({ timeout: '5s' })).toBe(30);
    const childStarted = (await child.history())[0]?.workflowExecutionStartedEventAttributes;
    expect(childStarted?.parentWorkflowExecution).toEqual({ workflowId: 'batches-e2e', runId: parent.runId });
    expect(childStarted?.workflowType).toEqual({ name: 'SumBatch', version: '1.0' });
  });

  it('a long loop continues as new every 5 pages, and result() follows it to the last run', async () => {
    const first = await client.start(pagedImport, {
      workflowId: 'import-e2e',
      args: [{ nextPage: 0, pages: 12, items: 0, run: 1 }, 5],
    });
    expect(await first.result({ timeout: '30s' })).toEqual({ pages: 12, items: 58, runs: 3 });

    // The run the client started closed by continuing as new...
    const firstHistory = await first.history();
    const continued = firstHistory.at(-1);
    expect(continued?.eventType).toBe('WorkflowExecutionContinuedAsNew');
    expect(firstHistory.filter((e) => e.eventType === 'ActivityTaskCompleted')).toHaveLength(5);
    await expect(first.result({ followRuns: false })).rejects.toThrow(ValidationError);

    // ...into a second run, which continued into a third, which completed.
    const secondRunId = continued?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? '';
    const second = client.getHandle('import-e2e', secondRunId);
    const secondHistory = await second.history();
    expect(JSON.parse(secondHistory[0]?.workflowExecutionStartedEventAttributes?.input ?? '[]')).toEqual([
      { nextPage: 5, pages: 12, items: 15, run: 2 },
      5,
    ]);
    expect(secondHistory[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId).toBe(first.runId);
    expect(secondHistory.at(-1)?.eventType).toBe('WorkflowExecutionContinuedAsNew');
    const thirdRunId = secondHistory.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? '';
    const third = await client.getHandle('import-e2e', thirdRunId).history();
    expect(JSON.parse(third[0]?.workflowExecutionStartedEventAttributes?.input ?? '[]')).toEqual([
      { nextPage: 10, pages: 12, items: 55, run: 3 },
      5,
    ]);
    expect(third.at(-1)?.eventType).toBe('WorkflowExecutionCompleted');

    // A handle without a run id waits for the same result.
    expect(await client.getHandle('import-e2e').result({ timeout: '5s' })).toEqual({ pages: 12, items: 58, runs: 3 });
  });

  // Regression: SWF lists newest first unless reverseOrder, so a handle with no run id must
  // read the run that continue-as-new ended on, not the first one.
  it('getHandle(workflowId) without a run id reads the latest run', async () => {
    const first = await client.start(pagedImport, {
      workflowId: 'import-e2e-latest',
      args: [{ nextPage: 0, pages: 7, items: 0, run: 1 }, 5],
    });
    expect(await first.result({ timeout: '30s' })).toEqual({ pages: 7, items: 28, runs: 2 });
    const latest = await client.getHandle('import-e2e-latest').history();
    expect(latest.at(-1)?.eventType).toBe('WorkflowExecutionCompleted');
  });
});
