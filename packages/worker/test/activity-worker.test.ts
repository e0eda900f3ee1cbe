// The activity worker: heartbeat timeouts, cancellation reaching an activity, graceful shutdown.
// Real workers against the real local SWF service over HTTP.
import { describe, expect, it } from 'vitest';
import { useTestEnv } from './env.js';
import { CancelledFailure, WorkflowExecutionFailedError } from '@swf-flow/common';
import { GatedWorkflow, HelloWorkflow, PatientWorkflow, StallWorkflow, TestActivities, hooks } from './fixtures.js';
import { SWFClient } from '@aws-sdk/client-swf';
import { createServer, localSwfClientConfig } from '@swf-flow/server';
import { Worker } from '../src/index.js';
import { deferred, recordingLogger } from './helpers.js';

const env = useTestEnv('activity-it');

describe('Activity worker against the local SWF service', () => {
  it('an activity that stops heartbeating times out with a HEARTBEAT TimeoutFailure', async () => {
    const w = await env.worker('it-stall', { workflows: [StallWorkflow], activities: [new TestActivities()] });
    const result = await w.runUntil(async () => {
      const handle = await env.client.start(StallWorkflow, { workflowId: 'it-stall-1', taskList: 'it-stall' });
      return handle.result({ timeout: '20s' });
    });
    expect(result).toEqual({ timeout: true, timeoutType: 'HEARTBEAT' });
  });


  it('cancelling the workflow reaches the running activity through its AbortSignal', async () => {
    hooks.started = deferred();
    hooks.cancelSeen = false;
    const w = await env.worker('it-cancel', { workflows: [PatientWorkflow], activities: [new TestActivities()] });
    const err = await w.runUntil(async () => {
      const handle = await env.client.start(PatientWorkflow, { workflowId: 'it-cancel-1', taskList: 'it-cancel' });
      await hooks.started.promise;
      await handle.cancel();
      const failure = await handle.result({ timeout: '20s' }).catch((e: unknown) => e);
      const history = await handle.history();
      expect(history.some((e) => e.eventType === 'ActivityTaskCanceled')).toBe(true);
      return failure;
    });
    expect(hooks.cancelSeen).toBe(true);
    expect(w.stats().activityTasks.canceled).toBe(1);
    expect(err).toBeInstanceOf(WorkflowExecutionFailedError);
    expect((err as WorkflowExecutionFailedError).status).toBe('CANCELED');
    expect((err as Error).cause).toBeInstanceOf(CancelledFailure);
  });


  it('graceful shutdown stops polling at once but finishes and answers the in-flight activity', async () => {
    hooks.started = deferred();
    hooks.release = deferred();
    const activityWorker = await env.worker('it-shutdown', { activities: [new TestActivities()] });
    const decider = await env.worker('it-shutdown-decisions', { workflows: [GatedWorkflow] });
    const running = activityWorker.run();
    const handle = await env.client.start(GatedWorkflow, { workflowId: 'it-shutdown-1', taskList: 'it-shutdown-decisions' });
    const result = await decider.runUntil(async () => {
      await hooks.started.promise;
      let stopped = false;
      const stopping = activityWorker.shutdown().then(() => (stopped = true));
      await new Promise((r) => setTimeout(r, 200));
      expect(stopped).toBe(false);
      expect(activityWorker.state).toBe('STOPPING');
      hooks.release.resolve();
      await stopping;
      await running;
      return handle.result({ timeout: '20s' });
    });
    expect(result).toBe('finished during shutdown');
    expect(activityWorker.stats().activityTasks.completed).toBe(1);
  });


  it('shutdown of an idle worker aborts its open long polls promptly', async () => {
    const w = await env.worker('it-idle', { activities: [new TestActivities()], workflows: [HelloWorkflow] });
    const running = w.run();
    await new Promise((r) => setTimeout(r, 200));
    const started = Date.now();
    await w.shutdown();
    await running;
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('a task that arrives after a shutdown goes to the next worker, not to an aborted long poll', async () => {
    const first = await env.worker('it-handover', { workflows: [HelloWorkflow], activities: [new TestActivities()] });
    const running = first.run();
    await new Promise((r) => setTimeout(r, 200)); // its long polls are open now
    await first.shutdown();
    await running;
    const second = await env.worker('it-handover', { workflows: [HelloWorkflow], activities: [new TestActivities()] });
    const started = Date.now();
    const result = await second.runUntil(async () => {
      const handle = await env.client.start(HelloWorkflow, { workflowId: 'it-handover-1', args: ['again'], taskList: 'it-handover' });
      return handle.result({ timeout: '20s' });
    });
    expect(result).toBe('Hello, again!');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('shutdown aborts long polls promptly also over the in-process transport', async () => {
    const server = await createServer({ dataDir: ':memory:', port: 0, pollTimeoutMs: 60_000 });
    const swf = new SWFClient(localSwfClientConfig(server));
    try {
      const w = await Worker.create({ swf, domain: 'in-process', taskList: 'idle', activities: [new TestActivities()], workflows: [HelloWorkflow], handleSignals: false, logger: recordingLogger() });
      const running = w.run();
      await new Promise((r) => setTimeout(r, 200));
      const started = Date.now();
      await w.shutdown();
      await running;
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      swf.destroy();
      await server.close();
    }
  });
});
