/**
 * Lambda tasks through the real replayer: a table of histories in and decisions or results out,
 * one row for every Lambda event, then retries, cancellation, matching and the stub types.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  ApplicationFailure,
  CancelledFailure,
  LambdaFailure,
  NonDeterminismError,
  TimeoutFailure,
  ValidationError,
} from '@swf-flow/common';
import { CancellationScope } from '../runtime/cancellation-scope.js';
import { HistoryBuilder } from '../test-support/history-builder.js';
import { replay, summarize } from '../test-support/run.js';
import { executeLambda, proxyLambdas, type LambdaStub } from './lambdas.js';

interface Image {
  key: string;
  width: number;
}
interface Thumb {
  key: string;
  bytes: number;
}
interface ImageLambdas {
  resize(input: Image): Promise<Thumb>;
  ping(): Promise<string>;
}

const lambdas = proxyLambdas<ImageLambdas>({ startToCloseTimeout: '30s' });

/** Calls resize once; answers its result, or the failure's class, cause class and cause type. */
async function thumbnail(): Promise<unknown> {
  try {
    return await lambdas.resize({ key: 'cat.png', width: 128 });
  } catch (err) {
    const f = err as LambdaFailure;
    const cause = f.cause as Error & { type?: string; timeoutType?: string; nonRetryable?: boolean };
    return {
      failure: f.name,
      functionName: f.functionName,
      lambdaId: f.lambdaId,
      cause: cause.name,
      type: cause.type ?? cause.timeoutType,
      message: cause.message,
      nonRetryable: cause.nonRetryable,
    };
  }
}

/** Records resize as scheduled by the decision task completed at `completed` (a new completion by default); returns its event id. */
function scheduled(h: HistoryBuilder, completed = h.completed()): number {
  return h.add('LambdaFunctionScheduled', {
    id: 'lambda-1',
    name: 'resize',
    input: '{"key":"cat.png","width":128}',
    startToCloseTimeout: '30',
    decisionTaskCompletedEventId: completed,
  });
}

const nodeError = JSON.stringify({
  errorType: 'ImageTooLarge',
  errorMessage: 'cat.png is 40 MB',
  trace: ['ImageTooLarge: cat.png is 40 MB', '    at handler (/var/task/resize.js:3:9)'],
});

const table: Array<{ what: string; events: (h: HistoryBuilder) => void; decisions?: string[]; result?: unknown }> = [
  {
    what: 'first run: schedules the function with its input and timeout',
    events: () => undefined,
    decisions: ['ScheduleLambdaFunction resize'],
  },
  {
    what: 'LambdaFunctionScheduled: waits',
    events: (h) => void scheduled(h),
    decisions: [],
  },
  {
    what: 'LambdaFunctionStarted: still waits',
    events: (h) => void h.add('LambdaFunctionStarted', { scheduledEventId: scheduled(h) }),
    decisions: [],
  },
  {
    what: 'LambdaFunctionCompleted: resolves with the decoded result',
    events: (h) => {
      const s = scheduled(h);
      const started = h.add('LambdaFunctionStarted', { scheduledEventId: s });
      h.add('LambdaFunctionCompleted', {
        scheduledEventId: s,
        startedEventId: started,
        result: '{"key":"cat-128.png","bytes":2048}',
      });
    },
    result: { key: 'cat-128.png', bytes: 2048 },
  },
  {
    what: "LambdaFunctionFailed with Lambda's error payload: errorType and errorMessage",
    events: (h) => {
      const s = scheduled(h);
      const started = h.add('LambdaFunctionStarted', { scheduledEventId: s });
      h.add('LambdaFunctionFailed', {
        scheduledEventId: s,
        startedEventId: started,
        reason: 'Unhandled',
        details: nodeError,
      });
    },
    result: {
      failure: 'LambdaFailure',
      functionName: 'resize',
      lambdaId: 'lambda-1',
      cause: 'ApplicationFailure',
      type: 'ImageTooLarge',
      message: 'cat.png is 40 MB',
      nonRetryable: false,
    },
  },
  {
    what: 'LambdaFunctionFailed for a function that does not exist',
    events: (h) => {
      const s = scheduled(h);
      const started = h.add('LambdaFunctionStarted', { scheduledEventId: s });
      h.add('LambdaFunctionFailed', {
        scheduledEventId: s,
        startedEventId: started,
        reason: 'ResourceNotFoundException',
        details: 'Function not found: resize',
      });
    },
    result: {
      failure: 'LambdaFailure',
      functionName: 'resize',
      lambdaId: 'lambda-1',
      cause: 'ApplicationFailure',
      type: 'ResourceNotFoundException',
      message: 'Function not found: resize',
      nonRetryable: false,
    },
  },
  {
    what: 'LambdaFunctionTimedOut: a TimeoutFailure',
    events: (h) => {
      const s = scheduled(h);
      const started = h.add('LambdaFunctionStarted', { scheduledEventId: s });
      h.add('LambdaFunctionTimedOut', { scheduledEventId: s, startedEventId: started, timeoutType: 'START_TO_CLOSE' });
    },
    result: {
      failure: 'LambdaFailure',
      functionName: 'resize',
      lambdaId: 'lambda-1',
      cause: 'TimeoutFailure',
      type: 'START_TO_CLOSE',
      message: 'Lambda function resize timed out (START_TO_CLOSE)',
      nonRetryable: undefined,
    },
  },
  {
    what: "ScheduleLambdaFunctionFailed: SWF's cause, non-retryable",
    events: (h) =>
      void h.add('ScheduleLambdaFunctionFailed', {
        id: 'lambda-1',
        name: 'resize',
        cause: 'ID_ALREADY_IN_USE',
        decisionTaskCompletedEventId: h.completed(),
      }),
    result: {
      failure: 'LambdaFailure',
      functionName: 'resize',
      lambdaId: 'lambda-1',
      cause: 'ApplicationFailure',
      type: 'ID_ALREADY_IN_USE',
      message: 'SWF refused ScheduleLambdaFunction resize: ID_ALREADY_IN_USE',
      nonRetryable: true,
    },
  },
  {
    what: 'ScheduleLambdaFunctionFailed for a rate: retryable',
    events: (h) =>
      void h.add('ScheduleLambdaFunctionFailed', {
        id: 'lambda-1',
        name: 'resize',
        cause: 'LAMBDA_FUNCTION_CREATION_RATE_EXCEEDED',
        decisionTaskCompletedEventId: h.completed(),
      }),
    result: {
      failure: 'LambdaFailure',
      functionName: 'resize',
      lambdaId: 'lambda-1',
      cause: 'ApplicationFailure',
      type: 'LAMBDA_FUNCTION_CREATION_RATE_EXCEEDED',
      message: 'SWF refused ScheduleLambdaFunction resize: LAMBDA_FUNCTION_CREATION_RATE_EXCEEDED',
      nonRetryable: false,
    },
  },
  {
    what: 'StartLambdaFunctionFailed (no lambdaRole): ASSUME_ROLE_FAILED with its message',
    events: (h) =>
      void h.add('StartLambdaFunctionFailed', {
        scheduledEventId: scheduled(h),
        cause: 'ASSUME_ROLE_FAILED',
        message: 'No IAM role is attached',
      }),
    result: {
      failure: 'LambdaFailure',
      functionName: 'resize',
      lambdaId: 'lambda-1',
      cause: 'ApplicationFailure',
      type: 'ASSUME_ROLE_FAILED',
      message: 'SWF could not start resize: ASSUME_ROLE_FAILED: No IAM role is attached',
      nonRetryable: true,
    },
  },
];

describe('Lambda events, replayed', () => {
  it.each(table)('$what', async ({ events, decisions, result }) => {
    const h = new HistoryBuilder().start('thumbnail').decisionTask();
    events(h);
    h.decisionTask();
    const out = await replay(h, thumbnail);
    if (decisions) {
      expect(out.status).toBe('OPEN');
      expect(summarize(out.decisions)).toEqual(decisions);
    } else {
      expect(out.status).toBe('COMPLETED');
      expect(out.result).toEqual(result);
    }
  });

  it('the first decision carries id, name, input and the timeout in seconds', async () => {
    const out = await replay(new HistoryBuilder().start('thumbnail').decisionTask(), thumbnail);
    expect(out.decisions).toEqual([
      {
        decisionType: 'ScheduleLambdaFunction',
        scheduleLambdaFunctionDecisionAttributes: {
          id: 'lambda-1',
          name: 'resize',
          input: '{"key":"cat.png","width":128}',
          startToCloseTimeout: '30',
        },
      },
    ]);
  });

  it('matches by order, kind and function name: another function at that point is a NonDeterminismError', async () => {
    const h = new HistoryBuilder().start('thumbnail').decisionTask();
    h.add('LambdaFunctionScheduled', { id: 'lambda-1', name: 'crop', decisionTaskCompletedEventId: h.completed() });
    h.decisionTask();
    const err = (await replay(h, thumbnail).catch((e: unknown) => e)) as NonDeterminismError;
    expect(err).toBeInstanceOf(NonDeterminismError);
    expect(err.recorded).toMatch(/^LambdaFunctionScheduled crop \(id lambda-1\)/);
    expect(err.attempted).toMatch(/^ScheduleLambdaFunction resize \(id lambda-1\)/);
  });

  it('adopts a recorded id of another scheme (a history from another decider)', async () => {
    const h = new HistoryBuilder().start('thumbnail').decisionTask();
    const s = h.add('LambdaFunctionScheduled', {
      id: 'resize-cat',
      name: 'resize',
      decisionTaskCompletedEventId: h.completed(),
    });
    h.add('LambdaFunctionFailed', { scheduledEventId: s, startedEventId: 0, reason: 'Unhandled', details: nodeError });
    h.decisionTask();
    expect(await replay(h, thumbnail)).toMatchObject({
      status: 'COMPLETED',
      result: { lambdaId: 'resize-cat', type: 'ImageTooLarge' },
    });
  });

  it('executeLambda calls a function by name, with no input (SWF then sends {})', async () => {
    async function byName(): Promise<unknown> {
      return executeLambda<string>('arn:aws:lambda:us-east-1:123456789012:function:ping', undefined, {
        id: 'ping-once',
      });
    }
    const h = new HistoryBuilder().start('byName').decisionTask();
    expect((await replay(h, byName)).decisions).toEqual([
      {
        decisionType: 'ScheduleLambdaFunction',
        scheduleLambdaFunctionDecisionAttributes: {
          id: 'ping-once',
          name: 'arn:aws:lambda:us-east-1:123456789012:function:ping',
        },
      },
    ]);
    const s = h.add('LambdaFunctionScheduled', {
      id: 'ping-once',
      name: 'arn:aws:lambda:us-east-1:123456789012:function:ping',
      decisionTaskCompletedEventId: h.completed(),
    });
    h.add('LambdaFunctionCompleted', { scheduledEventId: s, startedEventId: 0, result: '"pong"' });
    h.decisionTask();
    expect(await replay(h, byName)).toMatchObject({ status: 'COMPLETED', result: 'pong' });
  });
});

describe('retry', () => {
  const retrying = proxyLambdas<ImageLambdas>({
    retry: { initialInterval: '10s', maximumAttempts: 2, nonRetryableErrorTypes: ['BadImage'] },
  });
  async function retried(): Promise<unknown> {
    return retrying.resize({ key: 'cat.png', width: 64 }).catch((e: LambdaFailure) => `${e.attempt} ${e.message}`);
  }

  it('sleeps, then schedules attempt 2 as <id>#2 with its attempt in control; gives up after maximumAttempts', async () => {
    const h = new HistoryBuilder().start('retried').decisionTask();
    const s1 = h.add('LambdaFunctionScheduled', {
      id: 'lambda-1',
      name: 'resize',
      decisionTaskCompletedEventId: h.completed(),
    });
    h.add('LambdaFunctionFailed', {
      scheduledEventId: s1,
      startedEventId: 0,
      reason: 'Unhandled',
      details: JSON.stringify({ errorType: 'Error', errorMessage: 'flaky' }),
    });
    h.decisionTask();
    expect((await replay(h, retried)).decisions).toEqual([
      { decisionType: 'StartTimer', startTimerDecisionAttributes: { timerId: 'timer-1', startToFireTimeout: '10' } },
    ]);
    h.timerFired('timer-1', h.timerStarted('timer-1', h.completed(), '10'));
    h.decisionTask();
    expect((await replay(h, retried)).decisions).toEqual([
      {
        decisionType: 'ScheduleLambdaFunction',
        scheduleLambdaFunctionDecisionAttributes: {
          id: 'lambda-1#2',
          name: 'resize',
          input: '{"key":"cat.png","width":64}',
          control: '{"attempt":2}',
        },
      },
    ]);
    const s2 = h.add('LambdaFunctionScheduled', {
      id: 'lambda-1#2',
      name: 'resize',
      control: '{"attempt":2}',
      decisionTaskCompletedEventId: h.completed(),
    });
    h.add('LambdaFunctionTimedOut', { scheduledEventId: s2, startedEventId: 0, timeoutType: 'START_TO_CLOSE' });
    h.decisionTask();
    expect(await replay(h, retried)).toMatchObject({
      status: 'COMPLETED',
      result:
        '2 Lambda function resize (lambda-1#2) failed: Lambda function resize timed out (START_TO_CLOSE) (after 2 attempts)',
    });
  });

  it('does not retry a listed errorType', async () => {
    const h = new HistoryBuilder().start('retried').decisionTask();
    const s1 = h.add('LambdaFunctionScheduled', {
      id: 'lambda-1',
      name: 'resize',
      decisionTaskCompletedEventId: h.completed(),
    });
    h.add('LambdaFunctionFailed', {
      scheduledEventId: s1,
      startedEventId: 0,
      reason: 'Unhandled',
      details: JSON.stringify({ errorType: 'BadImage', errorMessage: 'not a PNG' }),
    });
    h.decisionTask();
    expect(await replay(h, retried)).toMatchObject({
      status: 'COMPLETED',
      result: '1 Lambda function resize (lambda-1) failed: not a PNG',
    });
  });
});

describe('cancellation', () => {
  async function cancelled(): Promise<unknown> {
    const scope = new CancellationScope();
    const call = scope.run(() => lambdas.resize({ key: 'cat.png', width: 128 }));
    await CancellationScope.nonCancellable(() => executeLambda('ping'));
    scope.cancel();
    return call.catch((e: LambdaFailure) => `${e.name}/${(e.cause as Error).name}`);
  }

  it('a call not sent yet is withdrawn; a sent one rejects at once (SWF cannot cancel a Lambda task)', async () => {
    const h = new HistoryBuilder().start('cancelled').decisionTask();
    expect(summarize((await replay(h, cancelled)).decisions)).toEqual([
      'ScheduleLambdaFunction resize',
      'ScheduleLambdaFunction ping',
    ]);
    const completed = h.completed();
    scheduled(h, completed);
    const p = h.add('LambdaFunctionScheduled', {
      id: 'lambda-2',
      name: 'ping',
      decisionTaskCompletedEventId: completed,
    });
    h.add('LambdaFunctionCompleted', { scheduledEventId: p, startedEventId: 0, result: '"pong"' });
    h.decisionTask();
    // resize is still running: no decision cancels it, the call rejects now and the run completes
    expect(await replay(h, cancelled)).toMatchObject({ status: 'COMPLETED', result: 'LambdaFailure/CancelledFailure' });
  });

  it('a call in a scope cancelled before it is made rejects without a decision', async () => {
    async function early(): Promise<unknown> {
      const scope = new CancellationScope();
      scope.cancel();
      return scope
        .run(() => executeLambda('ping'))
        .catch((e: LambdaFailure) => (e.cause instanceof CancelledFailure ? 'cancelled' : 'other'));
    }
    expect(await replay(new HistoryBuilder().start('early').decisionTask(), early)).toMatchObject({
      status: 'COMPLETED',
      result: 'cancelled',
      decisions: [{ decisionType: 'CompleteWorkflowExecution' }],
    });
  });
});

describe('options and types', () => {
  it('validates eagerly with errors that say what to do', () => {
    expect(() => proxyLambdas<ImageLambdas>({ startToCloseTimeout: '16 minutes' })).toThrow(
      /from 1 second to 15 minutes/,
    );
    // @ts-expect-error not a duration: a compile error, and the same check at run time
    expect(() => proxyLambdas<ImageLambdas>({ startToCloseTimeout: 'soon' })).toThrow(ValidationError);
    expect(() => proxyLambdas<ImageLambdas>({ id: 'x' } as never)).toThrow(/id names one call/);
    expect(() => proxyLambdas<ImageLambdas>({ memory: 128 } as never)).toThrow(/unknown option 'memory'/);
    expect(() => proxyLambdas<ImageLambdas>({ retry: { maximumAttempts: 0 } })).toThrow(/maximumAttempts/);
    expect(() => lambdas.resize.withOptions({ id: 'a/b' })).toThrow(/id must be 1-256 characters/);
    expect(() => executeLambda('')).toThrow(/function name must be a name or ARN/);
    expect(() => executeLambda('x'.repeat(65))).toThrow(/1-64 characters/);
  });

  it('the proxy is harmless to await and has no symbol members', () => {
    expect((lambdas as unknown as { then?: unknown }).then).toBeUndefined();
    expect((lambdas as unknown as Record<symbol, unknown>)[Symbol.iterator]).toBeUndefined();
    expect(lambdas.resize).toBe(lambdas.resize);
    expect(lambdas.resize.name).toBe('resize');
  });

  it('turns each method into a Promise-returning stub of its one input', () => {
    expectTypeOf(lambdas.resize).parameters.toEqualTypeOf<[input: Image]>();
    expectTypeOf(lambdas.resize).returns.toEqualTypeOf<Promise<Thumb>>();
    expectTypeOf(lambdas.ping).returns.toEqualTypeOf<Promise<string>>();
    expectTypeOf(lambdas.resize.withOptions({ id: 'r' })).toEqualTypeOf<(input: Image) => Promise<Thumb>>();
    expectTypeOf<LambdaStub<(a: number) => string>>().toMatchTypeOf<(a: number) => Promise<string>>();
    // @ts-expect-error a Lambda function takes one event: two parameters are a compile error
    proxyLambdas<{ twoArgs(a: string, b: string): Promise<void> }>();
    // @ts-expect-error a function the interface does not name is a compile error
    expect(() => lambdas.crop).toBeDefined();
  });

  it('failures are the shared classes', () => {
    expect(
      new LambdaFailure('x', { functionName: 'f', lambdaId: 'l' }, new TimeoutFailure('t', 'START_TO_CLOSE')).attempt,
    ).toBe(1);
    expect(ApplicationFailure.nonRetryable('x')).toBeInstanceOf(ApplicationFailure);
  });
});
