import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ActivityFailure, NonDeterminismError } from '@swf-flow/common';
import { replayHistories, replayHistory } from '@swf-flow/testing';
import { helloWorld } from '../src/workflows.js';
import { echoV2HelloWorld, sleepyHelloWorld } from './changed-workflows.js';

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const changedFile = fileURLToPath(new URL('./changed-workflows.ts', import.meta.url));
const lineOf = (marker: string): number =>
  readFileSync(changedFile, 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(marker)) + 1;

const echo = (input: string) => ({
  decisionType: 'ScheduleActivityTask',
  scheduleActivityTaskDecisionAttributes: {
    activityType: { name: 'Echo', version: '1.0' },
    taskList: { name: 'default' },
    input,
  },
});

describe('hello-echo replays', () => {
  it('replays every recorded history clean', async () => {
    const reports = await replayHistories(fileURLToPath(new URL('./fixtures', import.meta.url)), {
      HelloWorld: helloWorld,
    });
    expect(reports).toHaveLength(6);
  });

  it.each([
    ['completed-cli-input.json', 'COMPLETED', 'Hello, World', []],
    ['completed-json-input.json', 'COMPLETED', 'Hello, Ada', []],
    ['completed-raw-result.json', 'COMPLETED', 'Hello, World', []],
    ['open-just-started.json', 'OPEN', undefined, [echo('["World"]')]],
    [
      'open-after-echo.json',
      'COMPLETED',
      'Hello, World',
      [
        {
          decisionType: 'CompleteWorkflowExecution',
          completeWorkflowExecutionDecisionAttributes: { result: '"Hello, World"' },
        },
      ],
    ],
  ])('%s -> %s', async (file, status, result, decisions) => {
    const out = await replayHistory(fixture(file), helloWorld);
    expect(out.status).toBe(status);
    expect(out.result).toBe(result);
    expect(out.decisions).toMatchObject(decisions);
    expect(out.decisions).toHaveLength(decisions.length);
  });

  it('a failed Echo fails the workflow with the ActivityFailure', async () => {
    const out = await replayHistory(fixture('failed-activity.json'), helloWorld);
    expect(out.status).toBe('FAILED');
    expect(out.failure).toBeInstanceOf(ActivityFailure);
    expect(out.failure?.message).toMatch(/echo service down/);
  });

  it('Echo bumped to 2.0 fails with NonDeterminismError at the changed line', async () => {
    const err = await replayHistory(fixture('completed-cli-input.json'), echoV2HelloWorld).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NonDeterminismError);
    const nd = err as NonDeterminismError;
    expect(nd.eventId).toBe(5);
    expect(nd.recorded).toMatch(/Echo 1\.0/);
    expect(nd.attempted).toMatch(/Echo 2\.0/);
    expect(nd.location).toMatch(new RegExp(`changed-workflows\\.ts:${lineOf('CHANGED: Echo 2.0')}:\\d+$`));
  });

  it('a timer added before Echo fails with NonDeterminismError at the recorded activity', async () => {
    const err = await replayHistory(fixture('completed-cli-input.json'), sleepyHelloWorld).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NonDeterminismError);
    expect((err as NonDeterminismError).eventId).toBe(5);
    expect((err as NonDeterminismError).recorded).toMatch(/ActivityTaskScheduled Echo 1\.0/);
    expect((err as NonDeterminismError).attempted).toMatch(/^StartTimer/);
    expect((err as NonDeterminismError).location).toMatch(
      new RegExp(`changed-workflows\\.ts:${lineOf('CHANGED: a timer')}:\\d+$`),
    );
  });
});
