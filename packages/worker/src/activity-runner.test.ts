import { Activities, Activity, activityContext } from '@swf-flow/activity';
import { ApplicationFailure, decodeFailure, silentLogger, jsonDataConverter } from '@swf-flow/common';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ActivityRegistry } from './activity-registry.js';
import { attemptOf } from '@swf-flow/common';
import { ActivityRunner, type ActivityResponder, type ActivityTask } from './activity-runner.js';

@Activities({ version: '1.0' })
class Greetings {
  @Activity({ name: 'Greet' })
  async greet(name: string, punctuation: string): Promise<string> {
    return `Hello, ${name}${punctuation}`;
  }

  @Activity({ name: 'Fail' })
  async fail(): Promise<void> {
    throw ApplicationFailure.nonRetryable('card declined', 'PaymentDeclined');
  }

  @Activity({ name: 'WaitForCancel', heartbeatTimeout: '10s' })
  async waitForCancel(): Promise<string> {
    const ctx = activityContext();
    ctx.heartbeat({ step: 1 });
    await new Promise((resolve) => ctx.cancellationSignal.addEventListener('abort', resolve));
    throw ctx.cancellationSignal.reason;
  }

  @Activity({ name: 'Later' })
  async later(): Promise<string> {
    activityContext().doNotCompleteOnReturn();
    return 'ignored';
  }

  @Activity({ name: 'Detached', heartbeatTimeout: '10s' })
  async detached(): Promise<string> {
    const { info, heartbeat, doNotCompleteOnReturn, cancellationSignal } = activityContext();
    heartbeat(info.activityId);
    doNotCompleteOnReturn();
    return String(cancellationSignal.aborted);
  }

  /** Resolves when UntilStopped runs. */
  static untilStoppedRunning: () => void = () => {};

  @Activity({ name: 'UntilStopped' })
  async untilStopped(): Promise<void> {
    Greetings.untilStoppedRunning();
    const { cancellationSignal } = activityContext();
    await new Promise((resolve) => cancellationSignal.addEventListener('abort', resolve));
    throw cancellationSignal.reason;
  }

  /** Opened by a test: ReadLate reads its signal only then. */
  static gate: Promise<void> = Promise.resolve();

  @Activity({ name: 'ReadLate' })
  async readLate(): Promise<string> {
    Greetings.untilStoppedRunning();
    await Greetings.gate;
    const { cancellationSignal } = activityContext();
    if (cancellationSignal.aborted) throw cancellationSignal.reason;
    return 'not aborted';
  }

  @Activity({ name: 'HeartbeatThenRead', heartbeatTimeout: '10s' })
  async heartbeatThenRead(): Promise<string> {
    activityContext().heartbeat();
    await new Promise((resolve) => setImmediate(resolve)); // the heartbeat's answer has been handled
    const { cancellationSignal } = activityContext();
    if (cancellationSignal.aborted) throw cancellationSignal.reason;
    return 'not aborted';
  }

  @Activity({ name: 'Big' })
  async big(): Promise<string> {
    return 'x'.repeat(40_000);
  }

  @Activity({ name: 'Chatty' })
  async chatty(): Promise<void> {
    activityContext().heartbeat('y'.repeat(3000));
  }
}

function task(name: string, input?: string): ActivityTask {
  return {
    taskToken: 'tt',
    activityId: 'a1',
    workflowExecution: { workflowId: 'w', runId: 'r' },
    activityType: { name, version: '1.0' },
    input,
  };
}

function setup(cancelOnHeartbeat = false, shutdownSignal?: AbortSignal) {
  const calls: Array<[string, ...unknown[]]> = [];
  const responder: ActivityResponder = {
    completed: async (token, result) => void calls.push(['completed', token, result]),
    failed: async (token, reason, details) => void calls.push(['failed', token, reason, details]),
    canceled: async (token, details) => void calls.push(['canceled', token, details]),
    heartbeat: async (token, details) => {
      calls.push(['heartbeat', token, details]);
      return { cancelRequested: cancelOnHeartbeat };
    },
  };
  const runner = new ActivityRunner({
    registry: new ActivityRegistry([new Greetings()], 'default'),
    responder,
    dataConverter: jsonDataConverter,
    logger: silentLogger,
    heartbeatThrottleMs: 1000,
    identity: 'test-worker',
    shutdownSignal,
  });
  return { runner, calls };
}

describe('ActivityRunner', () => {
  it('decodes the input, calls the method and completes with the encoded result', async () => {
    const { runner, calls } = setup();
    expect(await runner.run(task('Greet', '["World","!"]'), 'default')).toBe('completed');
    expect(calls).toEqual([['completed', 'tt', '"Hello, World!"']]);
  });

  it('fails the task with the encoded failure, which decodes back', async () => {
    const { runner, calls } = setup();
    expect(await runner.run(task('Fail'), 'default')).toBe('failed');
    const [, , reason, details] = calls[0] as [string, string, string, string];
    expect(reason).toBe('PaymentDeclined');
    const rebuilt = decodeFailure(reason, details);
    expect(rebuilt).toMatchObject({ message: 'card declined', type: 'PaymentDeclined', nonRetryable: true });
  });

  it('fails an unknown activity type naming what the worker runs', async () => {
    const { runner, calls } = setup();
    await runner.run(task('Nope'), 'default');
    expect(calls[0]?.[2]).toBe('UnknownActivityType');
    expect(String(calls[0]?.[3])).toContain('has no activity type Nope 1.0 on task list');
    expect(String(calls[0]?.[3])).toContain('Greet 1.0');
  });

  it('aborts the cancellation signal when a heartbeat reports cancelRequested, and answers canceled', async () => {
    const { runner, calls } = setup(true);
    expect(await runner.run(task('WaitForCancel'), 'default')).toBe('canceled');
    expect(calls.map((c) => c[0])).toEqual(['heartbeat', 'canceled']);
    expect(calls[0]?.[2]).toBe('{"step":1}');
  });

  it('aborts running activities when the shutdown grace time is over, failing them as WorkerShutdown', async () => {
    const graceOver = new AbortController();
    const { runner, calls } = setup(false, graceOver.signal);
    const started = new Promise<void>((resolve) => (Greetings.untilStoppedRunning = resolve));
    const running = runner.run(task('UntilStopped'), 'default');
    await started;
    graceOver.abort();
    expect(await running).toBe('failed');
    expect(calls[0]?.[2]).toBe('WorkerShutdown');
    expect(String(calls[0]?.[3])).toContain('is shutting down');
  });

  it('leaves the task open after doNotCompleteOnReturn()', async () => {
    const { runner, calls } = setup();
    expect(await runner.run(task('Later'), 'default')).toBe('left-open');
    expect(calls).toEqual([]);
  });

  it('gives a context whose functions and signal work detached from it', async () => {
    const { runner, calls } = setup();
    expect(await runner.run(task('Detached'), 'default')).toBe('left-open');
    expect(calls).toEqual([['heartbeat', 'tt', '"a1"']]);
  });

  it('fails instead of sending a result over SWF limits', async () => {
    const { runner, calls } = setup();
    expect(await runner.run(task('Big'), 'default')).toBe('failed');
    expect(String(calls[0]?.[3])).toContain('is 40002 characters; SWF allows at most 32768');
  });

  it('rejects heartbeat details over 2,048 characters in the activity', async () => {
    const { runner, calls } = setup();
    expect(await runner.run(task('Chatty'), 'default')).toBe('failed');
    expect(String(calls[0]?.[3])).toContain('heartbeat details are 3002 characters');
  });
});

describe('ActivityRunner: the cancellation signal is made when the activity reads it', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('an activity that never reads it gets no AbortController', async () => {
    const graceOver = new AbortController(); // made before the stub
    let made = 0;
    vi.stubGlobal(
      'AbortController',
      class extends AbortController {
        constructor() {
          super();
          made += 1;
        }
      },
    );
    const { runner, calls } = setup(false, graceOver.signal);
    expect(await runner.run(task('Greet', '["World","!"]'), 'default')).toBe('completed');
    expect(calls).toEqual([['completed', 'tt', '"Hello, World!"']]);
    expect(made).toBe(0);
    Greetings.gate = Promise.resolve();
    expect(await runner.run(task('ReadLate'), 'default')).toBe('completed'); // reads it: made
    expect(made).toBe(1);
  });

  it('a shutdown before the first read: the signal it reads is aborted as WorkerShutdown', async () => {
    const graceOver = new AbortController();
    const { runner, calls } = setup(false, graceOver.signal);
    let open: () => void = () => undefined;
    Greetings.gate = new Promise<void>((resolve) => (open = resolve));
    const started = new Promise<void>((resolve) => (Greetings.untilStoppedRunning = resolve));
    const running = runner.run(task('ReadLate'), 'default');
    await started;
    graceOver.abort();
    open();
    expect(await running).toBe('failed');
    expect(calls[0]?.[2]).toBe('WorkerShutdown');
    expect(String(calls[0]?.[3])).toContain('is shutting down');
  });

  it('a cancel request answered before the first read: the signal it reads is aborted, the task canceled', async () => {
    const { runner, calls } = setup(true);
    expect(await runner.run(task('HeartbeatThenRead'), 'default')).toBe('canceled');
    expect(calls.map((c) => c[0])).toEqual(['heartbeat', 'canceled']);
    expect(String(calls[1]?.[2])).toContain('cancellation of the activity was requested');
  });
});

describe('attemptOf', () => {
  it('reads the attempt a retry policy puts in the activity id', () => {
    expect(attemptOf('activity-3')).toBe(1);
    expect(attemptOf('charge#2')).toBe(2);
  });
});
