/**
 * hello-echo end to end: a real decider and activity worker poll the real local service over
 * HTTP; the execution's history must show HelloWorld 1.0 and Echo 1.0 on task list `default`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkflowClient } from '@swf-flow/client';
import { silentLogger } from '@swf-flow/common';
import { type LocalService, type RunningWorkers, runWorkers, startLocalService } from '@swf-flow/dev';
import { createWorkers, DOMAIN, main } from '../src/main.js';
import { helloWorld } from '../src/workflows.js';

describe('hello-echo over HTTP', () => {
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

  it('HelloWorld 1.0 runs Echo 1.0 on task list default and returns its greeting', async () => {
    const handle = await client.start(helloWorld, { workflowId: 'hello-e2e-1', args: ['Ada'] });
    expect(await handle.result({ timeout: '20s' })).toBe('Hello, Ada');

    const history = await handle.history();
    const started = history[0]?.workflowExecutionStartedEventAttributes;
    expect(started?.workflowType).toEqual({ name: 'HelloWorld', version: '1.0' });
    expect(started?.taskList?.name).toBe('default');
    const scheduled = history
      .filter((e) => e.eventType === 'ActivityTaskScheduled')
      .map((e) => e.activityTaskScheduledEventAttributes);
    expect(scheduled).toHaveLength(1);
    expect(scheduled[0]?.activityType).toEqual({ name: 'Echo', version: '1.0' });
    expect(scheduled[0]?.taskList?.name).toBe('default');
    expect(history.at(-1)?.eventType).toBe('WorkflowExecutionCompleted');
  });

  it('greets "World" when started with no arguments', async () => {
    const handle = await client.start(helloWorld, { workflowId: 'hello-e2e-2' });
    expect(await handle.result({ timeout: '20s' })).toBe('Hello, World');
  });
});

describe('hello-echo main()', () => {
  it('prints each event as it lands, then the result', async () => {
    const lines: string[] = [];
    const result = await main({ dataDir: ':memory:', name: 'Grace', print: (l) => lines.push(l) });
    expect(result).toBe('Hello, Grace');
    const types = lines.map((l) => /^\s*\d+ (\w+)/.exec(l)?.[1]).filter(Boolean);
    expect(types).toEqual([
      'WorkflowExecutionStarted',
      'DecisionTaskScheduled',
      'DecisionTaskStarted',
      'DecisionTaskCompleted',
      'ActivityTaskScheduled',
      'ActivityTaskStarted',
      'ActivityTaskCompleted',
      'DecisionTaskScheduled',
      'DecisionTaskStarted',
      'DecisionTaskCompleted',
      'WorkflowExecutionCompleted',
    ]);
    expect(lines.find((l) => l.includes('ActivityTaskScheduled'))).toContain('Echo');
    expect(lines.at(-1)).toBe('result: "Hello, Grace"');
  });
});
