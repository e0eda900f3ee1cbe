import { afterEach, describe, expect, it } from 'vitest';
import { type TestEngine, decide, makeEngine, pollDecision, start } from './test-support.js';

let t: TestEngine;
afterEach(() => t.engine.close());

const since = (t0: number): { oldestDate: number } => ({ oldestDate: t0 / 1000 });

async function seed(): Promise<{ t0: number; runs: Record<string, string> }> {
  t = makeEngine();
  t.registry.addWorkflow({
    domain: 'd',
    name: 'V',
    version: '2',
    status: 'REGISTERED',
    defaultTaskList: 'v',
    defaultExecutionStartToCloseTimeout: '100',
    defaultTaskStartToCloseTimeout: '10',
    defaultChildPolicy: 'ABANDON',
  });
  const t0 = t.clock.now();
  const runs: Record<string, string> = {};
  runs.a = await start(t, 'a', { tagList: ['red'] });
  t.clock.advance(1_000);
  runs.b = await start(t, 'b', { tagList: ['blue', 'red'] });
  t.clock.advance(1_000);
  runs.c = (
    await t.call<any>('StartWorkflowExecution', {
      domain: 'd',
      workflowId: 'c',
      workflowType: { name: 'V', version: '2' },
    })
  ).runId;
  t.clock.advance(1_000);
  runs.e = await start(t, 'e');
  t.clock.advance(1_000);
  // close a (completed) and e (terminated)
  const d = await pollDecision(t);
  expect(d.workflowExecution.workflowId).toBe('a');
  await decide(t, d.taskToken, [{ decisionType: 'CompleteWorkflowExecution' }]);
  t.clock.advance(1_000);
  await t.call('TerminateWorkflowExecution', { domain: 'd', workflowId: 'e' });
  return { t0, runs };
}

const ids = (r: any): string[] => r.executionInfos.map((i: any) => i.execution.workflowId);

describe('listing and counting executions', () => {
  it('lists open runs newest first, with filters and paging', async () => {
    const { t0 } = await seed();
    const open = await t.call<any>('ListOpenWorkflowExecutions', { domain: 'd', startTimeFilter: since(t0) });
    expect(ids(open)).toEqual(['c', 'b']);
    expect(open.executionInfos[1]).toMatchObject({
      executionStatus: 'OPEN',
      tagList: ['blue', 'red'],
      cancelRequested: false,
      startTimestamp: (t0 + 1000) / 1000,
    });
    expect(
      ids(await t.call('ListOpenWorkflowExecutions', { domain: 'd', startTimeFilter: since(t0), reverseOrder: true })),
    ).toEqual(['b', 'c']);
    expect(
      ids(
        await t.call('ListOpenWorkflowExecutions', {
          domain: 'd',
          startTimeFilter: since(t0),
          typeFilter: { name: 'V' },
        }),
      ),
    ).toEqual(['c']);
    expect(
      ids(
        await t.call('ListOpenWorkflowExecutions', {
          domain: 'd',
          startTimeFilter: since(t0),
          tagFilter: { tag: 'red' },
        }),
      ),
    ).toEqual(['b']);
    expect(
      ids(
        await t.call('ListOpenWorkflowExecutions', {
          domain: 'd',
          startTimeFilter: since(t0),
          executionFilter: { workflowId: 'b' },
        }),
      ),
    ).toEqual(['b']);
    expect(
      ids(
        await t.call('ListOpenWorkflowExecutions', {
          domain: 'd',
          startTimeFilter: { oldestDate: t0 / 1000, latestDate: (t0 + 1500) / 1000 },
        }),
      ),
    ).toEqual(['b']);
    const p1 = await t.call<any>('ListOpenWorkflowExecutions', {
      domain: 'd',
      startTimeFilter: since(t0),
      maximumPageSize: 1,
    });
    expect(ids(p1)).toEqual(['c']);
    const p2 = await t.call<any>('ListOpenWorkflowExecutions', {
      domain: 'd',
      startTimeFilter: since(t0),
      maximumPageSize: 1,
      nextPageToken: p1.nextPageToken,
    });
    expect(ids(p2)).toEqual(['b']);
    expect(p2.nextPageToken).toBeUndefined();
    expect(await t.call('CountOpenWorkflowExecutions', { domain: 'd', startTimeFilter: since(t0) })).toEqual({
      count: 2,
      truncated: false,
    });
    expect(
      await t.call('CountOpenWorkflowExecutions', {
        domain: 'd',
        startTimeFilter: since(t0),
        tagFilter: { tag: 'blue' },
      }),
    ).toEqual({ count: 1, truncated: false });
  });

  it('lists closed runs by start or close time, with the close status filter', async () => {
    const { t0 } = await seed();
    const byClose = await t.call<any>('ListClosedWorkflowExecutions', { domain: 'd', closeTimeFilter: since(t0) });
    expect(ids(byClose)).toEqual(['e', 'a']);
    expect(byClose.executionInfos[1]).toMatchObject({
      closeStatus: 'COMPLETED',
      executionStatus: 'CLOSED',
      closeTimestamp: (t0 + 4000) / 1000,
    });
    expect(ids(await t.call('ListClosedWorkflowExecutions', { domain: 'd', startTimeFilter: since(t0) }))).toEqual([
      'e',
      'a',
    ]);
    expect(
      ids(
        await t.call('ListClosedWorkflowExecutions', {
          domain: 'd',
          closeTimeFilter: since(t0),
          closeStatusFilter: { status: 'TERMINATED' },
        }),
      ),
    ).toEqual(['e']);
    expect(
      await t.call('CountClosedWorkflowExecutions', {
        domain: 'd',
        startTimeFilter: since(t0),
        typeFilter: { name: 'W', version: '1' },
      }),
    ).toEqual({
      count: 2,
      truncated: false,
    });
    expect(
      await t.call('CountClosedWorkflowExecutions', {
        domain: 'd',
        closeTimeFilter: { oldestDate: (t0 + 4500) / 1000 },
      }),
    ).toEqual({
      count: 1,
      truncated: false,
    });
  });

  it('enforces the mutual exclusion of filters', async () => {
    const { t0 } = await seed();
    await expect(
      t.call('ListOpenWorkflowExecutions', {
        domain: 'd',
        startTimeFilter: since(t0),
        tagFilter: { tag: 'x' },
        typeFilter: { name: 'W' },
      }),
    ).rejects.toMatchObject({ fault: 'ValidationException' });
    await expect(
      t.call('ListClosedWorkflowExecutions', { domain: 'd', startTimeFilter: since(t0), closeTimeFilter: since(t0) }),
    ).rejects.toMatchObject({
      fault: 'ValidationException',
    });
    await expect(t.call('CountClosedWorkflowExecutions', { domain: 'd' })).rejects.toMatchObject({
      fault: 'ValidationException',
    });
    await expect(
      t.call('CountClosedWorkflowExecutions', {
        domain: 'd',
        startTimeFilter: since(t0),
        closeStatusFilter: { status: 'FAILED' },
        executionFilter: { workflowId: 'a' },
      }),
    ).rejects.toMatchObject({ fault: 'ValidationException' });
    await expect(
      t.call('ListOpenWorkflowExecutions', { domain: 'zz', startTimeFilter: since(t0) }),
    ).rejects.toMatchObject({ fault: 'UnknownResourceFault' });
  });
});
