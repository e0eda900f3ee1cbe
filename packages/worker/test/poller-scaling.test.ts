// Pollers that scale, end to end: a worker opens more long polls while tasks flow, up to its
// maximum, and closes them as polls come back empty, down to its minimum.
// Real workers against the real local SWF service over HTTP.
import { type SWFClient } from '@aws-sdk/client-swf';
import { createServer, type LocalSwfServer } from '@swf-flow/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Worker } from '../src/index.js';
import { useTestEnv } from './env.js';
import { HelloWorkflow, TestActivities } from './fixtures.js';
import { countingClient, recordingLogger } from './helpers.js';

const env = useTestEnv('pollers');

/** Starts `n` HelloWorkflow runs one after another (their tasks wait for a worker). */
async function startMany(prefix: string, n: number, taskList: string) {
  const handles = [];
  for (let i = 0; i < n; i++)
    handles.push(await env.client.start(HelloWorkflow, { workflowId: `${prefix}-${i}`, args: [`${i}`], taskList }));
  return handles;
}

describe('pollers that scale', () => {
  it('opens one more poll per task received, up to the maximum, while tasks wait', async () => {
    const taskList = 'it-scale-up';
    const worker = await env.worker(taskList, {
      workflows: [HelloWorkflow],
      activities: [new TestActivities()],
      decisionPollers: { minimum: 1, initial: 1, maximum: 5 },
      activityPollers: { minimum: 1, initial: 1, maximum: 4 },
    });
    // Twelve workflows wait before the worker polls: each poll that takes a task opens one more
    // (the decision tasks' first, then their activities'), and a poll comes back empty only after
    // the server's 20 s, so none closes meanwhile.
    const handles = await startMany('it-scale-up', 12, taskList);
    const results = await worker.runUntil(async () => {
      const all = await Promise.all(handles.map((h) => h.result({ timeout: '20s' })));
      await vi.waitFor(() => expect(env.server.service.waitingPolls()).toBe(9), { timeout: 10_000, interval: 5 });
      expect(worker.stats().pollers).toEqual({ decision: 5, activity: 4 });
      return all;
    });
    expect(results).toEqual(handles.map((_, i) => `Hello, ${i}!`));
    expect(worker.stats().pollers).toEqual({ decision: 0, activity: 0 });
  });

  it('keeps a fixed number of polls when given a number', async () => {
    const taskList = 'it-fixed';
    const worker = await env.worker(taskList, {
      workflows: [HelloWorkflow],
      activities: [new TestActivities()],
      decisionPollers: 2,
      activityPollers: 3,
    });
    const handles = await startMany('it-fixed', 6, taskList);
    await worker.runUntil(async () => {
      await Promise.all(handles.map((h) => h.result({ timeout: '20s' })));
      await vi.waitFor(() => expect(env.server.service.waitingPolls()).toBe(5), { timeout: 10_000, interval: 5 });
      expect(worker.stats().pollers).toEqual({ decision: 2, activity: 3 });
    });
  });
});

describe('pollers that scale down', () => {
  // Polls that come back empty after 200 ms instead of SWF's 60 s.
  let server: LocalSwfServer;
  let swf: SWFClient;
  beforeAll(async () => {
    server = await createServer({ dataDir: ':memory:', port: 0, pollTimeoutMs: 200 });
    swf = countingClient(server).swf;
  });
  afterAll(async () => {
    swf?.destroy();
    await server?.close();
  });

  it('closes a poll that came back empty, down to the minimum, and then keeps that many', async () => {
    const worker = await Worker.create({
      swf,
      domain: 'pollers-down',
      taskList: 'it-scale-down',
      workflows: [HelloWorkflow],
      activities: [new TestActivities()],
      logger: recordingLogger(),
      handleSignals: false,
      decisionPollers: { minimum: 2, initial: 6, maximum: 8 },
      activityPollers: { minimum: 1, initial: 3, maximum: 8 },
    });
    await worker.runUntil(async () => {
      await vi.waitFor(() => expect(worker.stats().pollers).toEqual({ decision: 2, activity: 1 }), {
        timeout: 10_000,
        interval: 5,
      });
      // More empty polls keep the minimum: more than two poll times later, still that many.
      await vi.waitFor(() => expect(server.service.waitingPolls()).toBe(3), { timeout: 10_000, interval: 5 });
      await new Promise((resolve) => setTimeout(resolve, 500)); // a further close would show by now
      expect(worker.stats().pollers).toEqual({ decision: 2, activity: 1 });
    });
  });
});
