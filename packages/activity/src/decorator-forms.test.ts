/**
 * The three ways to declare activities — legacy decorators (`experimentalDecorators`, what this
 * repository compiles tests with), standard TC39 decorators (TypeScript 5's default; called here
 * the way the TC39 run time calls them: each method's decorator, then the class's) and
 * `defineActivities` (no decorators) — store identical metadata and give identical types.
 * (test/standard-decorators.test.ts compiles a standard-decorators file with tsc and runs it.)
 */
import { describe, expect, it } from 'vitest';
import { ACTIVITIES_METADATA_KEY, ACTIVITY_METADATA_KEY, ValidationError } from '@swf-flow/common';
import { Activities, Activity, defineActivities, readActivityTypes } from './index.js';

const CLASS_OPTIONS = { version: '1.0', taskList: 'orders', startToCloseTimeout: '5 minutes' } as const;
const METHOD_OPTIONS = {
  verify: { name: 'VerifyOrder' },
  charge: { name: 'ChargeCreditCard', heartbeatTimeout: '30s' },
} as const;

class BaseSteps {
  async archive(): Promise<string> {
    return 'archived';
  }
}

@Activities(CLASS_OPTIONS)
class Legacy extends BaseSteps {
  @Activity(METHOD_OPTIONS.verify)
  async verify(): Promise<string> {
    return 'verified';
  }
  @Activity(METHOD_OPTIONS.charge)
  async charge(amount: number): Promise<string> {
    return `charged ${amount}`;
  }
  async ship(): Promise<string> {
    return 'shipped';
  }
}

/** Applies decorators as the TC39 run time does: method decorators with (method, context), then the class decorator. */
function standardDecorate<C extends abstract new (...args: never[]) => unknown>(
  cls: C,
  classDecorator: unknown,
  methodDecorators: Record<string, unknown>,
): C {
  const addInitializer = (): void => {};
  for (const [name, decorator] of Object.entries(methodDecorators)) {
    const method = (cls.prototype as Record<string, unknown>)[name];
    (decorator as (v: unknown, c: unknown) => void)(method, {
      kind: 'method',
      name,
      static: false,
      private: false,
      access: { has: () => true, get: () => method },
      addInitializer,
      metadata: undefined,
    });
  }
  (classDecorator as (v: unknown, c: unknown) => void)(cls, {
    kind: 'class',
    name: cls.name,
    addInitializer,
    metadata: undefined,
  });
  return cls;
}

class StandardBase extends BaseSteps {}
const Standard = standardDecorate(
  class Legacy extends StandardBase {
    async verify(): Promise<string> {
      return 'verified';
    }
    async charge(amount: number): Promise<string> {
      return `charged ${amount}`;
    }
    async ship(): Promise<string> {
      return 'shipped';
    }
  },
  Activities(CLASS_OPTIONS),
  { verify: Activity(METHOD_OPTIONS.verify), charge: Activity(METHOD_OPTIONS.charge) },
);

const Plain = defineActivities(
  class Legacy extends BaseSteps {
    async verify(): Promise<string> {
      return 'verified';
    }
    async charge(amount: number): Promise<string> {
      return `charged ${amount}`;
    }
    async ship(): Promise<string> {
      return 'shipped';
    }
  },
  CLASS_OPTIONS,
  METHOD_OPTIONS,
);

/** Everything the three forms store: the class options and each method's options where the method is defined. */
function metadataOf(cls: abstract new (...args: never[]) => unknown): unknown {
  const proto = cls.prototype as object;
  return {
    class: Reflect.getOwnMetadata(ACTIVITIES_METADATA_KEY, cls),
    methods: Object.fromEntries(
      ['verify', 'charge', 'ship', 'archive'].map((m) => [
        m,
        Reflect.getMetadata(ACTIVITY_METADATA_KEY, proto, m) ?? null,
      ]),
    ),
    ownKeys: Object.fromEntries(['verify', 'charge', 'ship'].map((m) => [m, Reflect.getOwnMetadataKeys(proto, m)])),
  };
}

describe('legacy decorators, standard decorators and defineActivities', () => {
  it('store identical metadata', () => {
    const legacy = metadataOf(Legacy);
    expect(legacy).toEqual({
      class: { version: '1.0', taskList: 'orders', startToCloseTimeout: '5 minutes' },
      methods: {
        verify: { name: 'VerifyOrder' },
        charge: { name: 'ChargeCreditCard', heartbeatTimeout: '30s' },
        ship: null,
        archive: null,
      },
      ownKeys: { verify: [ACTIVITY_METADATA_KEY], charge: [ACTIVITY_METADATA_KEY], ship: [] },
    });
    expect(metadataOf(Standard)).toEqual(legacy);
    expect(metadataOf(Plain)).toEqual(legacy);
  });

  it('give identical activity types, inherited methods included', () => {
    const types = readActivityTypes(Legacy);
    expect(types.map((t) => t.name)).toEqual(['VerifyOrder', 'ChargeCreditCard', 'Legacy.ship', 'Legacy.archive']);
    expect(readActivityTypes(Standard)).toEqual(types);
    expect(readActivityTypes(Plain)).toEqual(types);
  });

  it('leave the methods working', async () => {
    for (const cls of [Legacy, Standard, Plain]) expect(await new cls().charge(5)).toBe('charged 5');
  });

  it('standard form: @Activity options on a base class method are stored when the subclass gets @Activities', () => {
    const Base = class Base {
      async step(): Promise<void> {}
    };
    Activity({ name: 'BaseStep' })(Base.prototype.step, {
      kind: 'method',
      name: 'step',
      static: false,
      private: false,
    } as ClassMethodDecoratorContext);
    const Derived = standardDecorate(class Derived extends Base {}, Activities({ version: '2' }), {});
    expect(readActivityTypes(Derived)).toEqual([{ methodName: 'step', name: 'BaseStep', version: '2' }]);
  });
});

describe('defineActivities', () => {
  it('returns the class and refuses what the decorators refuse, naming the class', () => {
    class A {
      async run(): Promise<void> {}
    }
    expect(defineActivities(A, { version: '1' })).toBe(A);
    class B {
      async run(): Promise<void> {}
    }
    expect(() => defineActivities(B, { version: '1', startToCloseTimeout: 'soon' as never })).toThrow(
      /defineActivities\(B\): startToCloseTimeout: cannot read 'soon'/,
    );
    expect(() => defineActivities(B, { version: '1' }, { walk: {} } as never)).toThrow(
      /defineActivities\(B\): 'walk' is not a method of B/,
    );
    expect(() => defineActivities(B, {}, { run: {} })).toThrow(/has no version/);
    expect(() => defineActivities(B, { version: '1' }, { run: { heartbeatTimeout: 'x' as never } })).toThrow(
      /B\.run: heartbeatTimeout/,
    );
    expect(() => defineActivities(42 as never)).toThrow(ValidationError);
    expect(() => defineActivities(B, { version: '1' }, [] as never)).toThrow(/maps method names/);
  });
});
