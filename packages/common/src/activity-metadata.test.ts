import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import {
  ACTIVITIES_METADATA_KEY,
  ACTIVITY_METADATA_KEY,
  isActivitiesClass,
  readActivityTypes,
  validateActivityTypeOptions,
  type ActivityTypeOptions,
} from './activity-metadata.js';
import { ValidationError } from './errors.js';

// Minimal stand-ins for @Activities / @Activity (the real ones live in @swf-flow/activity).
const Acts = (o: ActivityTypeOptions) => (target: object) => Reflect.defineMetadata(ACTIVITIES_METADATA_KEY, o, target);
const Act = (o: ActivityTypeOptions) => (target: object, key: string | symbol) =>
  Reflect.defineMetadata(ACTIVITY_METADATA_KEY, o, target, key);

@Acts({ version: '1.0', taskList: 'orders', startToCloseTimeout: '5 minutes', taskPriority: 3 })
class OrderActivities {
  @Act({ name: 'VerifyOrder' })
  async verifyOrder(): Promise<void> {}

  @Act({ name: 'ChargeCreditCard', heartbeatTimeout: '30s', taskList: 'payments', version: '2.0' })
  async chargeCreditCard(): Promise<string> {
    return 'c';
  }

  async shipOrder(): Promise<void> {}

  readonly notAMethod = 1;
}

describe('readActivityTypes', () => {
  it('merges class and method options, method winning, timeouts as SWF strings', () => {
    expect(readActivityTypes(OrderActivities)).toEqual([
      {
        methodName: 'verifyOrder',
        name: 'VerifyOrder',
        version: '1.0',
        taskList: 'orders',
        taskPriority: '3',
        startToCloseTimeout: '300',
      },
      {
        methodName: 'chargeCreditCard',
        name: 'ChargeCreditCard',
        version: '2.0',
        taskList: 'payments',
        taskPriority: '3',
        startToCloseTimeout: '300',
        heartbeatTimeout: '30',
      },
      {
        methodName: 'shipOrder',
        name: 'OrderActivities.shipOrder',
        version: '1.0',
        taskList: 'orders',
        taskPriority: '3',
        startToCloseTimeout: '300',
      },
    ]);
  });

  it('passes NONE through and rounds sub-second timeouts up', () => {
    @Acts({ version: 'v', scheduleToCloseTimeout: 'NONE', scheduleToStartTimeout: 1500, description: 'd' })
    class A {
      run(): void {}
    }
    expect(readActivityTypes(A)).toEqual([
      {
        methodName: 'run',
        name: 'A.run',
        version: 'v',
        scheduleToCloseTimeout: 'NONE',
        scheduleToStartTimeout: '2',
        description: 'd',
      },
    ]);
  });

  it('includes inherited methods, the subclass overriding', () => {
    @Acts({ version: '1' })
    class Base {
      @Act({ name: 'BaseRun' })
      run(): void {}
      other(): void {}
    }
    @Acts({ version: '2' })
    class Derived extends Base {
      override other(): void {}
    }
    expect(readActivityTypes(Derived).map((t) => [t.methodName, t.name, t.version])).toEqual([
      ['other', 'Derived.other', '2'],
      ['run', 'BaseRun', '2'],
    ]);
  });

  it('rejects a class not decorated with @Activities', () => {
    class Plain {
      run(): void {}
    }
    expect(() => readActivityTypes(Plain)).toThrow(ValidationError);
    expect(() => readActivityTypes(Plain)).toThrow(/Plain is not decorated with @Activities/);
    expect(isActivitiesClass(Plain)).toBe(false);
    expect(isActivitiesClass(OrderActivities)).toBe(true);
  });

  it('rejects a type without a version, naming the method', () => {
    @Acts({})
    class NoVersion {
      @Act({ version: '1' })
      ok(): void {}
      missing(): void {}
    }
    expect(() => readActivityTypes(NoVersion)).toThrow(/NoVersion\.missing: the activity type has no version/);
  });
});

describe('validateActivityTypeOptions', () => {
  it.each([
    [{ version: 1 }, /version must be a non-empty string/],
    [{ name: 'a:b' }, /may not contain ':'/],
    [{ name: 'arn' }, /be 'arn'/],
    [{ taskList: 'x'.repeat(257) }, /taskList must be at most 256 characters/],
    [{ startToCloseTimeout: '5 parsecs' }, /startToCloseTimeout: cannot read '5 parsecs'/],
    [{ heartbeatTimeout: -1 }, /heartbeatTimeout must be a non-negative/],
    [{ scheduleToStartTimeout: '0s' }, /scheduleToStartTimeout is 0 seconds; .* no limit is 'NONE'/],
    [{ taskPriority: 1.5 }, /taskPriority must be an integer/],
    [{ timeout: '5s' }, /unknown option 'timeout'/],
    ['1.0', /options must be an object/],
  ])('rejects %j', (options, message) => {
    expect(() => validateActivityTypeOptions(options, 'X.y')).toThrow(message);
    expect(() => validateActivityTypeOptions(options, 'X.y')).toThrow(ValidationError);
  });

  it('accepts good options and names containing "arn"', () => {
    expect(() =>
      validateActivityTypeOptions(
        { name: 'LearnThings', version: '1.0', taskList: 'a_tasks', taskPriority: '-5', heartbeatTimeout: 'NONE' },
        'X.y',
      ),
    ).not.toThrow();
    expect(() => validateActivityTypeOptions(undefined, 'X.y')).not.toThrow();
  });
});

describe('duplicate types', () => {
  it('rejects two methods with the same type name and version', () => {
    @Acts({ version: '1' })
    class Dup {
      @Act({ name: 'Same' })
      a(): void {}
      @Act({ name: 'Same' })
      b(): void {}
    }
    expect(() => readActivityTypes(Dup)).toThrow(/Dup\.b: activity type Same 1 is already used by Dup\.a/);
  });
});
