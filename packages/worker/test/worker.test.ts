// The worker end to end: a decider and an activity worker complete workflows, with signals, published state, continue-as-new, async activity completion and start-up registration.
// Real workers against the real local SWF service over HTTP.
import { describe, expect, it, vi } from 'vitest';
import { useTestEnv } from './env.js';
import { ActivityCompletionClient } from '@swf-flow/client';
import {
  CancelByNameWorkflow,
  ChargeWorkflow,
  CountdownWorkflow,
  ExternalWorkflow,
  FirstRegistration,
  HelloWorkflow,
  SecondRegistration,
  SignalWorkflow,
  TestActivities,
  greetSignal,
  hooks,
  orderCancelSignal,
} from './fixtures.js';
import { deferred, recordingLogger, waitFor } from './helpers.js';

const env = useTestEnv('worker');

describe('Worker against the local SWF service', () => {
  it('keeps many long polls open on its one stop signal without a listener-leak warning', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const w = await env.worker('it-many-polls', {
        workflows: [HelloWorkflow],
        activities: [new TestActivities()],
        decisionPollers: 8,
        activityPollers: 8,
      });
      const result = await w.runUntil(async () => {
        // 16 long polls open at once (the server counts them), each listening to the stop signal.
        await vi.waitFor(() => expect(env.server.service.waitingPolls()).toBe(16), { timeout: 10_000, interval: 10 });
        const handle = await env.client.start(HelloWorkflow, {
          workflowId: 'it-many-polls-1',
          args: ['Polls'],
          taskList: 'it-many-polls',
        });
        return handle.result({ timeout: '20s' });
      });
      expect(result).toBe('Hello, Polls!');
      await new Promise((resolve) => setImmediate(resolve)); // a warning is emitted on the next tick
      expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('a decider and an activity worker complete a workflow', async () => {
    const w = await env.worker('it-hello', { workflows: [HelloWorkflow], activities: [new TestActivities()] });
    const result = await w.runUntil(async () => {
      const handle = await env.client.start(HelloWorkflow, {
        workflowId: 'it-hello-1',
        args: ['World'],
        taskList: 'it-hello',
      });
      return handle.result({ timeout: '20s' });
    });
    expect(result).toBe('Hello, World!');
    expect(w.stats().activityTasks.completed).toBe(1);
    expect(w.stats().state).toBe('STOPPED');
  });

  it('an activity failure reaches the workflow as an ActivityFailure with the rebuilt cause', async () => {
    const w = await env.worker('it-charge', { workflows: [ChargeWorkflow], activities: [new TestActivities()] });
    const result = await w.runUntil(async () => {
      const handle = await env.client.start(ChargeWorkflow, { workflowId: 'it-charge-1', taskList: 'it-charge' });
      return handle.result({ timeout: '20s' });
    });
    expect(result).toEqual({ activityFailure: true, causeType: 'PaymentDeclined', message: 'card declined' });
  });

  // SWF bounds a signal name's length only (the API model's SignalName; the service and
  // defineSignal agree): the client refused 'order:cancel/v2' as 'not a valid SWF name'
  it("a signal name with ':' and '/' (legal in SWF) is sent by the client and handled", async () => {
    const w = await env.worker('it-signal-name', { workflows: [CancelByNameWorkflow] });
    const result = await w.runUntil(async () => {
      const handle = await env.client.start(CancelByNameWorkflow, {
        workflowId: 'it-signal-name-1',
        taskList: 'it-signal-name',
      });
      await handle.signal(orderCancelSignal, 'customer asked');
      return handle.result({ timeout: '20s' });
    });
    expect(result).toBe('customer asked');
  });

  it('signals from the client reach the workflow, and its published state reaches the client', async () => {
    const w = await env.worker('it-signal', { workflows: [SignalWorkflow] });
    const result = await w.runUntil(async () => {
      const handle = await env.client.start(SignalWorkflow, { workflowId: 'it-signal-1', taskList: 'it-signal' });
      await waitFor('the initial state', async () => (await handle.state()) !== undefined);
      expect(await handle.state()).toEqual({ received: 0 });
      await handle.signal(greetSignal, 'Ada', 2);
      await waitFor(
        'the state after the signal',
        async () => ((await handle.state()) as { received: number }).received === 2,
      );
      await handle.signal('greet', 'Grace', 1);
      return handle.result({ timeout: '20s' });
    });
    expect(result).toEqual(['Ada', 'Ada', 'Grace']);
  });

  it('an activity left open with doNotCompleteOnReturn() is completed by ActivityCompletionClient', async () => {
    hooks.taskToken = deferred<string>();
    const w = await env.worker('it-external', { workflows: [ExternalWorkflow], activities: [new TestActivities()] });
    const result = await w.runUntil(async () => {
      const handle = await env.client.start(ExternalWorkflow, { workflowId: 'it-external-1', taskList: 'it-external' });
      const token = await hooks.taskToken.promise;
      await new ActivityCompletionClient({ swf: env.starterSwf }).complete(token, { approvedBy: 'ops' });
      return handle.result({ timeout: '20s' });
    });
    expect(result).toEqual({ approvedBy: 'ops' });
    expect(w.stats().activityTasks['left-open']).toBe(1);
  });

  it('continue-as-new runs are decided in turn and result() follows them to the last', async () => {
    const w = await env.worker('it-countdown', { workflows: [CountdownWorkflow] });
    const result = await w.runUntil(async () => {
      const handle = await env.client.start(CountdownWorkflow, {
        workflowId: 'it-countdown-1',
        args: [3],
        taskList: 'it-countdown',
      });
      return handle.result({ timeout: '20s' });
    });
    expect(result).toBe('lift-off');
    expect(w.stats().decisionTasks.completed).toBe(4);
  });

  it('registers the domain and types once, and warns naming each default that differs from an existing registration', async () => {
    await env.worker('it-reg', { activities: [new FirstRegistration()] });
    const again = recordingLogger();
    await env.worker('it-reg', { activities: [new FirstRegistration()], logger: again });
    expect(again.lines.filter((l) => l.level === 'warn')).toEqual([]);
    const logger = recordingLogger();
    await env.worker('it-reg', { activities: [new SecondRegistration()], logger });
    const warning = logger.lines.find((l) => l.level === 'warn');
    expect(warning?.message).toContain('activity type Same 1.0 is already registered with other defaults');
    expect(warning?.message).toContain('defaultTaskList: registered it-reg, this worker elsewhere');
    expect(warning?.message).toContain('defaultTaskStartToCloseTimeout: registered 30, this worker 90');
  });
});
