import 'reflect-metadata';
import { beforeEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import {
  ACTIVITIES_METADATA_KEY,
  ACTIVITY_METADATA_KEY,
  ActivityFailure,
  ApplicationFailure,
  CancelledFailure,
  TimeoutFailure,
  ValidationError,
  type ActivityTypeOptions,
} from '@swf-flow/common';
import { proxyActivities, type ActivityStub } from './activities.js';

// The runtime is replaced by a recorder: these tests are about what the stubs ask it to do.
// (End-to-end behaviour against the replayer is covered by the replay tests of the examples.)
const runtime = vi.hoisted(() => ({
  scheduled: [] as Record<string, unknown>[],
  slept: [] as unknown[],
  outcomes: [] as (() => unknown)[],
}));
vi.mock('../runtime/index.js', () => ({
  scheduleActivity: async (spec: Record<string, unknown>) => {
    runtime.scheduled.push(spec);
    const next = runtime.outcomes.shift();
    return next ? next() : undefined;
  },
  sleep: async (duration: unknown) => {
    runtime.slept.push(duration);
  },
}));

// Test-local decorators (workflow code must not import @swf-flow/activity).
const Activities = (o: ActivityTypeOptions) => (target: object) =>
  Reflect.defineMetadata(ACTIVITIES_METADATA_KEY, o, target);
const Activity = (o: ActivityTypeOptions) => (target: object, key: string) =>
  Reflect.defineMetadata(ACTIVITY_METADATA_KEY, o, target, key);

interface Order {
  id: string;
}
interface Charge {
  id: string;
}

@Activities({ version: '1.0', taskList: 'orders', startToCloseTimeout: '5 minutes', heartbeatTimeout: 'NONE' })
class OrderActivities {
  readonly gateway = 'https://pay.example';

  @Activity({ name: 'VerifyOrder' })
  async verifyOrder(_order: Order): Promise<void> {}

  @Activity({ name: 'ChargeCreditCard', heartbeatTimeout: '30s', taskPriority: 5 })
  async chargeCreditCard(card: string, amount: number): Promise<Charge> {
    return { id: `${card}${amount}` };
  }

  count(): number {
    return 1;
  }
}

const failure = (cause: Error, activityId = 'activity-1') =>
  new ActivityFailure(
    `Activity ChargeCreditCard (${activityId}) failed: ${cause.message}`,
    { activityType: { name: 'ChargeCreditCard', version: '1.0' }, activityId },
    cause,
  );

beforeEach(() => {
  runtime.scheduled.length = 0;
  runtime.slept.length = 0;
  runtime.outcomes.length = 0;
});

describe('proxyActivities', () => {
  it('schedules the type of the method with its decorator options and the arguments', async () => {
    const acts = proxyActivities(OrderActivities);
    runtime.outcomes.push(() => ({ id: 'ch_1' }));
    await expect(acts.chargeCreditCard('4111', 42)).resolves.toEqual({ id: 'ch_1' });
    expect(runtime.scheduled).toEqual([
      {
        activityType: { name: 'ChargeCreditCard', version: '1.0' },
        args: ['4111', 42],
        taskList: 'orders',
        taskPriority: 5,
        scheduleToStartTimeout: undefined,
        scheduleToCloseTimeout: undefined,
        startToCloseTimeout: '300',
        heartbeatTimeout: '30',
      },
    ]);
  });

  it('lets proxy options override the type, and withOptions override both', async () => {
    const acts = proxyActivities(OrderActivities, {
      scheduleToCloseTimeout: '10 minutes',
      taskList: 'fast-orders',
      startToCloseTimeout: 2500,
    });
    await acts.verifyOrder({ id: 'o1' });
    await acts.verifyOrder.withOptions({
      activityId: 'verify-o1',
      taskList: 'slow',
      heartbeatTimeout: '1m',
      taskPriority: '-3',
    })({ id: 'o1' });
    expect(runtime.scheduled).toMatchObject([
      {
        activityType: { name: 'VerifyOrder' },
        args: [{ id: 'o1' }],
        taskList: 'fast-orders',
        scheduleToCloseTimeout: '600',
        startToCloseTimeout: '3',
        heartbeatTimeout: 'NONE',
      },
      {
        activityId: 'verify-o1',
        taskList: 'slow',
        scheduleToCloseTimeout: '600',
        heartbeatTimeout: '60',
        taskPriority: -3,
      },
    ]);
    expect(runtime.scheduled[0]).not.toHaveProperty('activityId');
  });

  it('names undecorated methods ClassName.methodName and leaves non-methods out', () => {
    const acts = proxyActivities(OrderActivities);
    expect(Object.keys(acts)).toEqual(['verifyOrder', 'chargeCreditCard', 'count']);
    expect('gateway' in acts).toBe(false);
    expect(Object.isFrozen(acts)).toBe(true);
  });

  it('validates eagerly with errors that say what to do', () => {
    class Plain {
      run(): void {}
    }
    expect(() => proxyActivities(Plain)).toThrow(/Plain is not decorated with @Activities/);
    // @ts-expect-error not a duration: a compile error, and the same check at run time
    expect(() => proxyActivities(OrderActivities, { startToCloseTimeout: 'a while' })).toThrow(
      /startToCloseTimeout: cannot read 'a while'/,
    );
    expect(() => proxyActivities(OrderActivities, { activityId: 'x' } as never)).toThrow(
      /activityId names one call; pass it per call/,
    );
    expect(() => proxyActivities(OrderActivities, { timeout: '5s' } as never)).toThrow(/unknown option 'timeout'/);
    // 0 seconds: every attempt would time out at once (no limit is 'NONE')
    expect(() => proxyActivities(OrderActivities, { heartbeatTimeout: 0 })).toThrow(
      /heartbeatTimeout is 0 seconds; an activity task's timeouts need at least 1 second, and no limit is 'NONE'/,
    );
    expect(() => proxyActivities(OrderActivities, { startToCloseTimeout: '0s' })).toThrow(
      /startToCloseTimeout is 0 seconds/,
    );
    // SWF's name rule: a task list or an activity id it refuses stuck the run (every answer refused)
    expect(() => proxyActivities(OrderActivities, { taskList: 'a:b' })).toThrow(
      /proxyActivities\(OrderActivities\): taskList 'a:b' is not a valid SWF name: it may not contain ':'/,
    );
    expect(() => proxyActivities(OrderActivities, { taskList: ' q' })).toThrow(/taskList ' q' is not a valid SWF name/);
    expect(() => proxyActivities(OrderActivities, { retry: { backoffCoefficient: 0.5 } })).toThrow(
      /backoffCoefficient must be a number >= 1/,
    );
    expect(() => proxyActivities(OrderActivities, { retry: { maximumAttempts: 0 } })).toThrow(
      /maximumAttempts must be a whole number >= 1/,
    );
    expect(() =>
      proxyActivities(OrderActivities, { retry: { initialInterval: '10s', maximumInterval: '1s' } }),
    ).toThrow(/must not be less than/);
    expect(() => proxyActivities(OrderActivities, { retry: { attempts: 3 } as never })).toThrow(
      /unknown retry option 'attempts'/,
    );
    expect(() => proxyActivities(OrderActivities).verifyOrder.withOptions({ activityId: 'a:b' })).toThrow(
      ValidationError,
    );
  });
});

describe('retry', () => {
  const retrying = () =>
    proxyActivities(OrderActivities, {
      retry: {
        initialInterval: '10s',
        backoffCoefficient: 3,
        maximumInterval: '1 minute',
        maximumAttempts: 4,
        nonRetryableErrorTypes: ['CardDeclined'],
      },
    });

  it('does not retry without a policy', async () => {
    const cause = new ApplicationFailure('gateway down');
    runtime.outcomes.push(() => Promise.reject(failure(cause)));
    const err = (await proxyActivities(OrderActivities)
      .chargeCreditCard('4111', 1)
      .catch((e: unknown) => e)) as ActivityFailure;
    expect(err).toBeInstanceOf(ActivityFailure);
    expect(err.attempt).toBe(1);
    expect(runtime.scheduled).toHaveLength(1);
    expect(runtime.slept).toEqual([]);
  });

  it('schedules each attempt anew with a growing, capped backoff, then succeeds', async () => {
    const down = () => Promise.reject(failure(new ApplicationFailure('gateway down')));
    runtime.outcomes.push(down, down, down, () => ({ id: 'ch_4' }));
    await expect(retrying().chargeCreditCard('4111', 1)).resolves.toEqual({ id: 'ch_4' });
    expect(runtime.slept).toEqual([10_000, 30_000, 60_000]);
    expect(runtime.scheduled.map((s) => s.control)).toEqual([
      undefined,
      '{"attempt":2}',
      '{"attempt":3}',
      '{"attempt":4}',
    ]);
    // the first attempt's id comes from the replayer (here: the failure's 'activity-1')
    expect(runtime.scheduled.map((s) => s.activityId)).toEqual([
      undefined,
      'activity-1#2',
      'activity-1#3',
      'activity-1#4',
    ]);
  });

  it('gives up after maximumAttempts with the attempt count on the ActivityFailure', async () => {
    const timeout = () => Promise.reject(failure(new TimeoutFailure('timed out', 'START_TO_CLOSE')));
    runtime.outcomes.push(timeout, timeout, timeout, timeout);
    const err = (await retrying()
      .chargeCreditCard('4111', 1)
      .catch((e: unknown) => e)) as ActivityFailure;
    expect(err).toBeInstanceOf(ActivityFailure);
    expect(err.attempt).toBe(4);
    expect(err.message).toMatch(/after 4 attempts/);
    expect(err.cause).toBeInstanceOf(TimeoutFailure);
    expect(runtime.scheduled).toHaveLength(4);
  });

  it('suffixes an explicit activityId for attempts after the first', async () => {
    runtime.outcomes.push(() => Promise.reject(failure(new ApplicationFailure('down'), 'charge-o1')));
    await retrying().chargeCreditCard.withOptions({ activityId: 'charge-o1' })('4111', 1);
    expect(runtime.scheduled.map((s) => s.activityId)).toEqual(['charge-o1', 'charge-o1#2']);
    runtime.scheduled.length = 0;
    const long = 'x'.repeat(256);
    runtime.outcomes.push(() => Promise.reject(failure(new ApplicationFailure('down'), long)));
    await retrying().chargeCreditCard.withOptions({ activityId: long })('4111', 1);
    expect(runtime.scheduled[1]?.activityId).toBe(`${'x'.repeat(254)}#2`);
  });

  it.each([
    ['a non-retryable ApplicationFailure', ApplicationFailure.nonRetryable('declined')],
    ['a type listed in nonRetryableErrorTypes', ApplicationFailure.retryable('declined', 'CardDeclined')],
    ['a cancellation', new CancelledFailure('cancelled')],
  ])('does not retry %s', async (_what, cause) => {
    runtime.outcomes.push(() => Promise.reject(failure(cause)));
    const err = (await retrying()
      .chargeCreditCard('4111', 1)
      .catch((e: unknown) => e)) as ActivityFailure;
    expect(err.cause).toBe(cause);
    expect(err.attempt).toBe(1);
    expect(runtime.scheduled).toHaveLength(1);
  });

  it('does not retry what is not an activity failure', async () => {
    const cancelled = new CancelledFailure('scope cancelled');
    runtime.outcomes.push(() => Promise.reject(cancelled));
    await expect(retrying().chargeCreditCard('4111', 1)).rejects.toBe(cancelled);
    expect(runtime.scheduled).toHaveLength(1);
  });
});

describe('stub types', () => {
  it('turns each method into a Promise-returning stub with withOptions', () => {
    const acts = proxyActivities(OrderActivities);
    expectTypeOf(acts.chargeCreditCard).parameters.toEqualTypeOf<[card: string, amount: number]>();
    expectTypeOf(acts.chargeCreditCard).returns.toEqualTypeOf<Promise<Charge>>();
    expectTypeOf(acts.count).returns.toEqualTypeOf<Promise<number>>();
    expectTypeOf(acts.verifyOrder.withOptions({ activityId: 'v' })).toEqualTypeOf<(_order: Order) => Promise<void>>();
    expectTypeOf<ActivityStub<(a: string) => number>>().toMatchTypeOf<(a: string) => Promise<number>>();
    expectTypeOf(acts).not.toHaveProperty('gateway');
    // @ts-expect-error gateway is not a method, so it is not an activity
    expect(acts.gateway).toBeUndefined();
    // @ts-expect-error wrong argument types are a compile error
    void acts.chargeCreditCard(4111, '42').catch(() => undefined);
  });
});
