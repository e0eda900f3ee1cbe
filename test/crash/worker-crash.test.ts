/**
 * Workers killed with SIGKILL while they hold a task (issue 15): a decider that dies with a decision
 * task, an activity worker that dies with an activity task. Each runs in a process of its own (the
 * project's Worker, polling a real server over HTTP); a replacement takes over once the task's
 * start-to-close timeout (3 s) gives it back, and the workflow completes with nothing done twice.
 */
import type { HistoryEvent } from '@aws-sdk/client-swf';
import { SWFClient } from '@aws-sdk/client-swf';
import { WorkflowClient } from '@swf-flow/client';
import { createServer, type LocalSwfServer } from '@swf-flow/server';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventAttributes, historyProblems } from './support/history-checks.js';
import { type Child, kill, killAll, livePids, startChild } from './support/processes.js';
import { sequential } from './support/shapes.js';

const WORKER = fileURLToPath(new URL('./support/worker-process.ts', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'swf-flow-worker-crash-'));
let server: LocalSwfServer;
let swf: SWFClient;
const children: Child[] = [];

beforeAll(async () => {
  server = await createServer({ dataDir, port: 0 });
  swf = new SWFClient({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
});
afterAll(async () => {
  killAll();
  await Promise.all(children.map((c) => c.exited));
  swf?.destroy();
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function worker(domain: string, role: 'decider' | 'activities', crashOnTask = false): Promise<Child> {
  const child = startChild(WORKER, [], {
    SWF_URL: server.url,
    SWF_DOMAIN: domain,
    SWF_ROLE: role,
    SWF_CRASH_ON_TASK: crashOnTask ? '1' : '0',
  });
  children.push(child);
  await child.waitFor(/^ready$/m, 60_000);
  return child;
}

function types(events: HistoryEvent[]): string[] {
  return events.map((e) => e.eventType ?? '');
}

describe('a worker killed while it holds a task', () => {
  // The two cases work in domains of their own, side by side.
  it.concurrent(
    'a decider: the decision task times out, a new decider takes it over and the run completes',
    { timeout: 120_000 },
    async () => {
      const domain = 'killed-decider';
      const [activities, doomed] = await Promise.all([worker(domain, 'activities'), worker(domain, 'decider', true)]);
      const client = new WorkflowClient({ swf, domain });
      const handle = await client.start(sequential, { workflowId: 'killed-decider', args: [2, 0] });
      await doomed.waitFor(/took a task from PollForDecisionTaskCommand/);
      expect(await doomed.exited).toBe('SIGKILL');
      const replacement = await worker(domain, 'decider');
      expect(await handle.result({ timeout: '60s', maxPollInterval: '200ms' })).toBe(2);

      const events = await handle.history();
      expect(historyProblems('killed-decider', events)).toEqual([]);
      const timedOut = events.filter((e) => e.eventType === 'DecisionTaskTimedOut');
      expect(timedOut.map((e) => eventAttributes(e).timeoutType)).toEqual(['START_TO_CLOSE']);
      const starts = events
        .filter((e) => e.eventType === 'DecisionTaskStarted')
        .map((e) => eventAttributes(e).identity);
      expect(starts[0]).toBe(`decider-${doomed.process.pid}`);
      expect(starts.slice(1).every((id) => id === `decider-${replacement.process.pid}`)).toBe(true);
      expect(activities.stdout().match(/^ran /gm)).toHaveLength(2);
      await Promise.all([kill(activities), kill(replacement)]);
    },
  );

  it.concurrent(
    'an activity worker: the activity times out, is tried again on a new worker and the run completes',
    { timeout: 120_000 },
    async () => {
      const domain = 'killed-activity-worker';
      const [decider, doomed] = await Promise.all([worker(domain, 'decider'), worker(domain, 'activities', true)]);
      const client = new WorkflowClient({ swf, domain });
      const handle = await client.start(sequential, { workflowId: 'killed-activity-worker', args: [2, 0] });
      await doomed.waitFor(/took a task from PollForActivityTaskCommand/);
      expect(await doomed.exited).toBe('SIGKILL');
      const replacement = await worker(domain, 'activities');
      expect(await handle.result({ timeout: '60s', maxPollInterval: '200ms' })).toBe(2);

      const events = await handle.history();
      expect(historyProblems('killed-activity-worker', events)).toEqual([]);
      expect(
        events.filter((e) => e.eventType === 'ActivityTaskTimedOut').map((e) => eventAttributes(e).timeoutType),
      ).toEqual(['START_TO_CLOSE']);
      expect(types(events).filter((t) => t === 'ActivityTaskCompleted')).toHaveLength(2);
      // The killed worker ran nothing; its replacement ran each step once (the first one on its second attempt).
      expect(doomed.stdout()).not.toMatch(/^ran /m);
      expect(replacement.stdout().match(/^ran .*$/gm)).toEqual([
        'ran killed-activity-worker/0',
        'ran killed-activity-worker/1',
      ]);
      await Promise.all([kill(decider), kill(replacement)]);
    },
  );
});

describe('afterwards', () => {
  it('no worker process is left behind', async () => {
    killAll();
    await Promise.all(children.map((c) => c.exited));
    expect(livePids()).toEqual([]);
    const left = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.includes('worker-process.ts'));
    expect(left).toEqual([]);
  });
});
