import { describe, expect, expectTypeOf, it } from 'vitest';
import * as api from './index.js';
import { defineSignal, executeChild, makeContinueAsNewFunc, setHandler, type ChildWorkflowHandle } from './index.js';

describe('public surface', () => {
  it('exports the workflow API and the replayer', () => {
    for (const name of [
      'defineWorkflow',
      'workflowTypeInfo',
      'WorkflowExecutor',
      'proxyActivities',
      'sleep',
      'condition',
      'defineSignal',
      'setHandler',
      'startChild',
      'executeChild',
      'getExternalWorkflowHandle',
      'continueAsNew',
      'makeContinueAsNewFunc',
      'ContinueAsNew',
      'CancellationScope',
      'patched',
      'deprecatePatch',
      'sideEffect',
      'uuid4',
      'workflowInfo',
      'log',
      'setExecutionState',
      'ActivityFailure',
      'ApplicationFailure',
      'CancelledFailure',
      'ChildWorkflowFailure',
      'TimeoutFailure',
      'NonDeterminismError',
      'DeterminismViolationError',
      'InvalidHistoryError',
    ]) {
      expect(api, name).toHaveProperty(name);
    }
  });

  it('types: signal handlers take the declared arguments; children return their result type', () => {
    const sig = defineSignal<[by: string, at: number]>('approve');
    const ok = (): void => setHandler(sig, (by: string, at: number) => void [by, at]);
    // @ts-expect-error the handler's first argument must be a string
    const wrong = (): void => setHandler(sig, (by: number) => void by);
    expect([typeof ok, typeof wrong]).toEqual(['function', 'function']);
    expectTypeOf(sig.name).toBeString();
    type Child = (n: number) => Promise<{ total: number }>;
    expectTypeOf(executeChild<Child>).returns.resolves.toEqualTypeOf<{ total: number }>();
    expectTypeOf<ReturnType<ChildWorkflowHandle<Child>['result']>>().resolves.toEqualTypeOf<{ total: number }>();
    expectTypeOf(makeContinueAsNewFunc<Child>()).parameters.toEqualTypeOf<[n: number]>();
  });
});
