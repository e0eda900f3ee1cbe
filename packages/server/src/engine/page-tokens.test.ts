/**
 * Page tokens belong to the operation and the arguments that made them. SWF documents for
 * PollForDecisionTask: "The nextPageToken returned by this action cannot be used with
 * GetWorkflowExecutionHistory to get the next page", and for every paged call: "Make the call again
 * using the returned token ... Keep all other arguments unchanged." Any other use is a
 * ValidationException, never a page of something else.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type TestEngine, decide, makeEngine, pollDecision, start } from './test-support.js';

let t: TestEngine;
afterEach(() => t.engine.close());

const tokenRefused = {
  fault: 'ValidationException',
  message: expect.stringMatching(/^The nextPageToken is not valid for this \w+ request/),
};

/** A run with a 9-event history whose decision task is started again, and a second closed run. */
async function setup(): Promise<{ execution: { workflowId: string; runId: string } }> {
  t = makeEngine();
  const runId = await start(t);
  const d1 = await pollDecision(t);
  await decide(t, d1.taskToken, [
    { decisionType: 'RecordMarker', recordMarkerDecisionAttributes: { markerName: 'm' } },
  ]);
  await t.call('SignalWorkflowExecution', { domain: 'd', workflowId: 'wf1', signalName: 's' });
  const other = await start(t, 'wf2');
  await t.call('TerminateWorkflowExecution', { domain: 'd', workflowId: 'wf2', runId: other });
  return { execution: { workflowId: 'wf1', runId } };
}

describe('page tokens', () => {
  it('a PollForDecisionTask token is refused by GetWorkflowExecutionHistory, and the other way round', async () => {
    const { execution } = await setup();
    const task = await pollDecision(t, 'wf', { maximumPageSize: 3 });
    expect(task.nextPageToken).toBeTruthy();
    await expect(
      t.call('GetWorkflowExecutionHistory', {
        domain: 'd',
        execution,
        maximumPageSize: 3,
        nextPageToken: task.nextPageToken,
      }),
    ).rejects.toMatchObject(tokenRefused);
    const history = await t.call<any>('GetWorkflowExecutionHistory', { domain: 'd', execution, maximumPageSize: 3 });
    expect(history.nextPageToken).toBeTruthy();
    await expect(
      t.call('PollForDecisionTask', {
        domain: 'd',
        taskList: { name: 'wf' },
        maximumPageSize: 3,
        nextPageToken: history.nextPageToken,
      }),
    ).rejects.toMatchObject(tokenRefused);
    // Each still pages its own way.
    const next = await t.call<any>('GetWorkflowExecutionHistory', {
      domain: 'd',
      execution,
      maximumPageSize: 3,
      nextPageToken: history.nextPageToken,
    });
    expect(next.events.map((e: any) => e.eventId)).toEqual([4, 5, 6]);
    const page2 = await t.call<any>('PollForDecisionTask', {
      domain: 'd',
      taskList: { name: 'wf' },
      maximumPageSize: 3,
      nextPageToken: task.nextPageToken,
    });
    expect(page2.taskToken).toBe(task.taskToken);
    expect(page2.events.map((e: any) => e.eventId)).toEqual([4, 5, 6]);
  });

  it('a history token is refused with another order or another run', async () => {
    const { execution } = await setup();
    const history = await t.call<any>('GetWorkflowExecutionHistory', { domain: 'd', execution, maximumPageSize: 3 });
    await expect(
      t.call('GetWorkflowExecutionHistory', {
        domain: 'd',
        execution,
        maximumPageSize: 3,
        reverseOrder: true,
        nextPageToken: history.nextPageToken,
      }),
    ).rejects.toMatchObject(tokenRefused);
    const other = (
      await t.call<any>('ListClosedWorkflowExecutions', { domain: 'd', startTimeFilter: { oldestDate: 0 } })
    ).executionInfos[0].execution;
    await expect(
      t.call('GetWorkflowExecutionHistory', { domain: 'd', execution: other, nextPageToken: history.nextPageToken }),
    ).rejects.toMatchObject(tokenRefused);
  });

  it('a listing token is refused by the other listing, with other filters, and by the history', async () => {
    const { execution } = await setup();
    await start(t, 'wf3');
    const open = await t.call<any>('ListOpenWorkflowExecutions', {
      domain: 'd',
      startTimeFilter: { oldestDate: 0 },
      maximumPageSize: 1,
    });
    expect(open.nextPageToken).toBeTruthy();
    await expect(
      t.call('ListClosedWorkflowExecutions', {
        domain: 'd',
        startTimeFilter: { oldestDate: 0 },
        maximumPageSize: 1,
        nextPageToken: open.nextPageToken,
      }),
    ).rejects.toMatchObject(tokenRefused);
    await expect(
      t.call('ListOpenWorkflowExecutions', {
        domain: 'd',
        startTimeFilter: { oldestDate: 0 },
        reverseOrder: true,
        maximumPageSize: 1,
        nextPageToken: open.nextPageToken,
      }),
    ).rejects.toMatchObject(tokenRefused);
    await expect(
      t.call('ListOpenWorkflowExecutions', {
        domain: 'd',
        startTimeFilter: { oldestDate: 1 },
        maximumPageSize: 1,
        nextPageToken: open.nextPageToken,
      }),
    ).rejects.toMatchObject(tokenRefused);
    await expect(
      t.call('GetWorkflowExecutionHistory', { domain: 'd', execution, nextPageToken: open.nextPageToken }),
    ).rejects.toMatchObject(tokenRefused);
    const page2 = await t.call<any>('ListOpenWorkflowExecutions', {
      domain: 'd',
      startTimeFilter: { oldestDate: 0 },
      maximumPageSize: 1,
      nextPageToken: open.nextPageToken,
    });
    expect(page2.executionInfos).toHaveLength(1);
    expect(page2.executionInfos[0].execution.workflowId).not.toBe(open.executionInfos[0].execution.workflowId);
  });

  it('a token that is not one of ours is refused', async () => {
    const { execution } = await setup();
    for (const nextPageToken of [
      'garbage',
      Buffer.from('{"runId":"x","next":2}').toString('base64'),
      Buffer.from('[]').toString('base64'),
    ]) {
      await expect(
        t.call('GetWorkflowExecutionHistory', { domain: 'd', execution, nextPageToken }),
      ).rejects.toMatchObject(tokenRefused);
    }
  });
});
