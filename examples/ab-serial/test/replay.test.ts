import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NonDeterminismError } from '@swf-flow/common';
import { historyBuilder, replayHistories, replayHistory } from '@swf-flow/testing';
import { serialWorkflow } from '../src/workflows.js';
import { swappedWorkflow, withoutBWorkflow } from './changed-workflows.js';

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const changedFile = fileURLToPath(new URL('./changed-workflows.ts', import.meta.url));
const lineOf = (file: string, marker: string): number =>
  readFileSync(file, 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(marker)) + 1;

describe('ab-serial replays', () => {
  it('replays every recorded history clean', async () => {
    const reports = await replayHistories(fileURLToPath(new URL('./fixtures', import.meta.url)), {
      SerialWorkflow: serialWorkflow,
    });
    expect(reports.map((r) => r.file.split('/').pop())).toEqual([
      'boto-tutorial-decider.json',
      'completed.json',
      'open-after-a.json',
      'open-just-started.json',
    ]);
  });

  it.each([
    ['completed.json', 'COMPLETED', []],
    ['boto-tutorial-decider.json', 'COMPLETED', []],
    [
      'open-just-started.json',
      'OPEN',
      [
        {
          decisionType: 'ScheduleActivityTask',
          scheduleActivityTaskDecisionAttributes: {
            activityType: { name: 'ActivityA', version: '1.0' },
            taskList: { name: 'a_tasks' },
            input: '[]',
          },
        },
      ],
    ],
    [
      'open-after-a.json',
      'OPEN',
      [
        {
          decisionType: 'ScheduleActivityTask',
          scheduleActivityTaskDecisionAttributes: {
            activityType: { name: 'ActivityB', version: '1.0' },
            taskList: { name: 'b_tasks' },
            input: '[1700000001512]',
            startToCloseTimeout: '60',
            scheduleToStartTimeout: '300',
            scheduleToCloseTimeout: '360',
            heartbeatTimeout: 'NONE',
          },
        },
      ],
    ],
  ])('%s -> %s with the expected decisions', async (file, status, decisions) => {
    const out = await replayHistory(fixture(file), serialWorkflow);
    expect(out.status).toBe(status);
    expect(out.decisions).toMatchObject(decisions);
    expect(out.decisions).toHaveLength(decisions.length);
  });

  it('gives the workflow result (B’s pid) of a completed history', async () => {
    expect((await replayHistory(fixture('completed.json'), serialWorkflow)).result).toBe(4242);
  });

  it('reads a history written by the boto.swf tutorial decider (made-up ids, raw payloads)', async () => {
    const out = await replayHistory(fixture('boto-tutorial-decider.json'), serialWorkflow);
    expect(out.result).toBe(31337);
  });

  it('built in the test: B is scheduled with A’s result', async () => {
    const history = historyBuilder({ workflowType: 'SerialWorkflow' })
      .workflowStarted({ taskList: 'serial_wf_tasks' })
      .decisionTask()
      .activityScheduled('ActivityA', { taskList: 'a_tasks' })
      .activityStarted()
      .activityCompleted(123)
      .openDecisionTask()
      .build();
    const { decisions } = await replayHistory(history, serialWorkflow);
    expect(decisions).toMatchObject([
      { scheduleActivityTaskDecisionAttributes: { activityType: { name: 'ActivityB' }, input: '[123]' } },
    ]);
  });
});

describe('ab-serial, deliberately changed', () => {
  it('swapping A and B fails with NonDeterminismError at the changed line', async () => {
    const err = await replayHistory(fixture('completed.json'), swappedWorkflow).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NonDeterminismError);
    const nd = err as NonDeterminismError;
    expect(nd.eventId).toBe(5);
    expect(nd.recorded).toMatch(/ActivityA/);
    expect(nd.attempted).toMatch(/ActivityB/);
    expect(nd.location).toMatch(
      new RegExp(`changed-workflows\\.ts:${lineOf(changedFile, 'CHANGED: B before A')}:\\d+$`),
    );
    expect(nd.message).toContain(`changed-workflows.ts:${lineOf(changedFile, 'CHANGED: B before A')}`);
  });

  it('dropping B fails with NonDeterminismError at the event the code no longer matches', async () => {
    const err = await replayHistory(fixture('completed.json'), withoutBWorkflow).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NonDeterminismError);
    expect((err as NonDeterminismError).eventId).toBeGreaterThanOrEqual(10);
  });

  it('replayHistories names the failing file', async () => {
    await expect(
      replayHistories([fixture('completed.json'), fixture('open-just-started.json')], {
        SerialWorkflow: swappedWorkflow,
      }),
    ).rejects.toThrow(/1 of 2 histories failed to replay:\n\s+\S*completed\.json: NonDeterminismError/);
  });
});
