import { describe, expect, expectTypeOf, it } from 'vitest';
import { ACTIVITIES_METADATA_KEY, ValidationError } from '@swf-flow/common';
import { Activities, Activity, readActivityTypes, type ActivityInterfaceFor } from './index.js';

interface Order {
  id: string;
  total: number;
}
interface Charge {
  id: string;
}

@Activities({ version: '1.0', taskList: 'orders', startToCloseTimeout: '5 minutes' })
class OrderActivities {
  readonly gatewayUrl = 'https://pay.example';

  @Activity({ name: 'VerifyOrder' })
  async verifyOrder(_order: Order): Promise<void> {}

  @Activity({ name: 'ChargeCreditCard', heartbeatTimeout: '30s' })
  async chargeCreditCard(card: string, amount: number): Promise<Charge> {
    return { id: `${card}-${amount}` };
  }

  sync(): number {
    return 1;
  }
}

describe('@Activities / @Activity', () => {
  it('stores options that readActivityTypes merges', () => {
    expect(readActivityTypes(OrderActivities)).toEqual([
      {
        methodName: 'verifyOrder',
        name: 'VerifyOrder',
        version: '1.0',
        taskList: 'orders',
        startToCloseTimeout: '300',
      },
      {
        methodName: 'chargeCreditCard',
        name: 'ChargeCreditCard',
        version: '1.0',
        taskList: 'orders',
        startToCloseTimeout: '300',
        heartbeatTimeout: '30',
      },
      {
        methodName: 'sync',
        name: 'OrderActivities.sync',
        version: '1.0',
        taskList: 'orders',
        startToCloseTimeout: '300',
      },
    ]);
  });

  it('keeps the class and its methods usable as they are', async () => {
    expect(await new OrderActivities().chargeCreditCard('4111', 5)).toEqual({ id: '4111-5' });
    expect(Reflect.getMetadata(ACTIVITIES_METADATA_KEY, OrderActivities)).toEqual({
      version: '1.0',
      taskList: 'orders',
      startToCloseTimeout: '5 minutes',
    });
  });

  it('rejects bad class options when the class is defined', () => {
    // @ts-expect-error not a duration: a compile error, and the same check at run time
    expect(() => Activities({ version: '1.0', startToCloseTimeout: 'soon' })).toThrow(
      /@Activities: startToCloseTimeout: cannot read 'soon'/,
    );
    expect(() => Activities({ name: 'X', version: '1' } as never)).toThrow(/name is per activity/);
    expect(() => Activities({ version: '1', retries: 3 } as never)).toThrow(/unknown option 'retries'/);
  });

  it('rejects bad method options naming the method', () => {
    expect(() => {
      @Activities({ version: '1' })
      class Bad {
        @Activity({ name: 'a|b' })
        run(): void {}
      }
      return Bad;
    }).toThrow(/Bad\.run: name 'a\|b' may not contain/);
  });

  it('rejects a class whose activity has no version', () => {
    expect(() => {
      @Activities({ taskList: 't' })
      class NoVersion {
        run(): void {}
      }
      return NoVersion;
    }).toThrow(/NoVersion\.run: the activity type has no version/);
  });

  it('rejects @Activity on a static method or a property, in either decorator form', () => {
    const decorate = Activity({ version: '1' }) as (a: unknown, b: unknown, c?: unknown) => void;
    const staticTarget = class S {};
    expect(() => decorate(staticTarget, 'run', { value: () => undefined })).toThrow(/remove 'static'/);
    expect(() => decorate({}, 'field', undefined)).toThrow(/decorates a method/);
    expect(() => decorate({}, 'field', undefined)).toThrow(ValidationError);
    expect(() => decorate(() => undefined, { kind: 'method', name: 'run', static: true, private: false })).toThrow(
      /remove 'static'/,
    );
    expect(() => decorate(undefined, { kind: 'field', name: 'run', static: false, private: false })).toThrow(
      /decorates a method, not a field/,
    );
    expect(() => decorate(() => undefined, { kind: 'method', name: '#run', static: false, private: true })).toThrow(
      /public string name/,
    );
    expect(() =>
      (Activities({ version: '1' }) as (a: unknown, b: unknown) => void)(() => undefined, {
        kind: 'method',
        name: 'x',
      }),
    ).toThrow(/decorates a class, not a method/);
  });
});

describe('ActivityInterfaceFor', () => {
  it('turns methods into Promise-returning functions and drops properties', () => {
    type Stubs = ActivityInterfaceFor<OrderActivities>;
    expectTypeOf<Stubs['chargeCreditCard']>().toEqualTypeOf<(card: string, amount: number) => Promise<Charge>>();
    expectTypeOf<Stubs['verifyOrder']>().toEqualTypeOf<(_order: Order) => Promise<void>>();
    expectTypeOf<Stubs['sync']>().toEqualTypeOf<() => Promise<number>>();
    expectTypeOf<keyof Stubs>().toEqualTypeOf<'verifyOrder' | 'chargeCreditCard' | 'sync'>();
    expectTypeOf<Stubs>().not.toHaveProperty('gatewayUrl');
  });
});
