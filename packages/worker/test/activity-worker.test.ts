// The activity worker: heartbeat timeouts, cancellation reaching an activity, graceful shutdown.
// Real workers against the real local SWF service over HTTP. Tests wait for the server's
// `waitingPolls()` (bounded by vi.waitFor) rather than sleeping until long polls are open.
import { describe, expect, it, vi } from 'vitest';
import { useTestEnv } from './env.js';
import { CancelledFailure, WorkflowExecutionFailedError } from '@swf-flow/common';
import { GatedWorkflow, HelloWorkflow, PatientWorkflow, StallWorkflow, TestActivities, hooks } from './fixtures.js';
import { SWFClient } from '@aws-sdk/client-swf';
import { createServer, localSwfClientConfig, type LocalSwfServer } from '@swf-flow/server';
import { Worker } from '../src/index.js';
import { deferred, recordingLogger } from './helpers.js';

const env = useTestEnv('activity-it');

/** Waits (at most 10 s) until some long poll waits on `server`. */
async function pollsOpen(server: LocalSwfServer): Promise<void> {
  await vi.waitFor(() => expect(server.service.waitingPolls()).toBeGreaterThan(0), { timeout: 10_000, interval: 10 });
}

describe('Activity worker against the local SWF service', () => {
  it('an activity that stops heartbeating times out with a HEARTBEAT TimeoutFailure', async () => {
    hooks.stallRelease = deferred();
    const w = await env.worker('it-stall', { workflows: [StallWorkflow], activities: [new TestActivities()] });
    const result = await w.runUntil(async () => {
      const handle = await env.client.start(StallWorkflow, { workflowId: 'it-stall-1', taskList: 'it-stall' });
      const out = await handle.result({ timeout: '20s' });
      hooks.stallRelease.resolve(); // the late answer of the timed-out task is refused; shutdown can finish
      return out;
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
    const handle = await env.client.start(GatedWorkflow, {
      workflowId: 'it-shutdown-1',
      taskList: 'it-shutdown-decisions',
    });
    const result = await decider.runUntil(async () => {
      await hooks.started.promise;
      // What shutdown found when it resolved: the in-flight activity already answered, or not.
      const stopping = activityWorker.shutdown().then(() => activityWorker.stats().activityTasks.completed);
      expect(activityWorker.state).toBe('STOPPING');
      hooks.release.resolve();
      expect(await stopping).toBe(1);
      await running;
      return handle.result({ timeout: '20s' });
    });
    expect(result).toBe('finished during shutdown');
    expect(activityWorker.stats().activityTasks.completed).toBe(1);
  });

  it('a shutdown whose grace time is over fails an activity that ignores its cancellationSignal and resolves, instead of waiting for it for ever', async () => {
    hooks.started = deferred();
    hooks.release = deferred(); // never resolved while the worker runs: Gated never reads its signal
    const activityWorker = await env.worker('it-ignores', {
      activities: [new TestActivities()],
      shutdownGraceTime: '200ms',
    });
    const decider = await env.worker('it-ignores-decisions', { workflows: [GatedWorkflow] });
    const running = activityWorker.run();
    const handle = await env.client.start(GatedWorkflow, {
      workflowId: 'it-ignores-1',
      taskList: 'it-ignores-decisions',
    });
    try {
      await decider.runUntil(async () => {
        await hooks.started.promise;
        const began = Date.now();
        await activityWorker.shutdown();
        await running;
        expect(Date.now() - began).toBeLessThan(5_000); // 200 ms of grace, then 1 s for the activity to stop
      });
    } finally {
      hooks.release.resolve();
    }
    expect(activityWorker.stats().activityTasks.failed).toBe(1);
    const failed = (await handle.history()).find((e) => e.eventType === 'ActivityTaskFailed');
    expect(failed?.activityTaskFailedEventAttributes?.reason).toBe('WorkerShutdown');
    expect(failed?.activityTaskFailedEventAttributes?.details).toMatch(
      /did not stop within 1000 ms of its cancellationSignal aborting at the end of shutdownGraceTime/,
    );
  });

  it("with a client of its own, shutdown of an idle worker cuts its open long polls once pollShutdownGraceTime is over (the server would hold them 60 s, past this test's timeout)", async () => {
    const server = await createServer({ dataDir: ':memory:', port: 0, pollTimeoutMs: 60_000 });
    const swf = new SWFClient({
      endpoint: server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    try {
      const w = await Worker.create({
        swf,
        domain: 'idle-http',
        taskList: 'idle',
        activities: [new TestActivities()],
        workflows: [HelloWorkflow],
        handleSignals: false,
        logger: recordingLogger(),
        pollShutdownGraceTime: '100ms', // by default (70 s) the polls would be waited out
      });
      const running = w.run();
      await pollsOpen(server);
      await w.shutdown();
      await running;
      await vi.waitFor(() => expect(server.service.waitingPolls()).toBe(0), { timeout: 10_000, interval: 10 }); // the server saw the disconnects
    } finally {
      swf.destroy();
      await server.close();
    }
  });

  it('a task that arrives after a shutdown goes to the next worker, not to an aborted long poll', async () => {
    const first = await env.worker('it-handover', {
      identity: 'first',
      workflows: [HelloWorkflow],
      activities: [new TestActivities()],
    });
    const running = first.run();
    await pollsOpen(env.server);
    await first.shutdown();
    await running;
    await vi.waitFor(() => expect(env.server.service.waitingPolls()).toBe(0), { timeout: 10_000, interval: 10 });
    const second = await env.worker('it-handover', {
      identity: 'second',
      workflows: [HelloWorkflow],
      activities: [new TestActivities()],
    });
    const handle = await env.client.start(HelloWorkflow, {
      workflowId: 'it-handover-1',
      args: ['again'],
      taskList: 'it-handover',
    });
    const result = await second.runUntil(handle.result({ timeout: '20s' }));
    expect(result).toBe('Hello, again!');
    const history = await handle.history();
    const takers = history.flatMap(
      (e) => e.decisionTaskStartedEventAttributes?.identity ?? e.activityTaskStartedEventAttributes?.identity ?? [],
    );
    expect(takers.length).toBeGreaterThan(1);
    expect(new Set(takers)).toEqual(new Set(['second'])); // every task went to the running worker
    expect(history.filter((e) => (e.eventType ?? '').endsWith('TimedOut'))).toEqual([]);
  });

  it("shutdown aborts long polls in-process too (the server would hold them 60 s, past this test's timeout)", async () => {
    const server = await createServer({ dataDir: ':memory:', port: 0, pollTimeoutMs: 60_000 });
    const swf = new SWFClient(localSwfClientConfig(server));
    try {
      const w = await Worker.create({
        swf,
        domain: 'in-process',
        taskList: 'idle',
        activities: [new TestActivities()],
        workflows: [HelloWorkflow],
        handleSignals: false,
        logger: recordingLogger(),
      });
      const running = w.run();
      await pollsOpen(server);
      await w.shutdown();
      await running;
      expect(server.service.waitingPolls()).toBe(0);
    } finally {
      swf.destroy();
      await server.close();
    }
  });
});
