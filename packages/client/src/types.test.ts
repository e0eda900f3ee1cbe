import { describe, expectTypeOf, it } from 'vitest';
import type { WorkflowHandle } from './workflow-handle.js';
import { WorkflowClient } from './workflow-client.js';

async function orderWorkflow(orderId: string, amount: number): Promise<{ charged: number }> {
  return { charged: amount + orderId.length };
}

/** What `defineSignal<[string, number]>('greet')` in `@swf-flow/workflow` returns. */
const greet = { type: 'signal', name: 'greet' } as {
  readonly type: 'signal';
  readonly name: string;
  readonly __args?: [string, number];
};

describe('WorkflowClient types', () => {
  const client = new WorkflowClient({ domain: 'd', swf: { region: 'us-east-1' } });

  it('types args and result from the workflow function', () => {
    type Handle = Awaited<ReturnType<typeof client.start<typeof orderWorkflow>>>;
    expectTypeOf<Handle>().toEqualTypeOf<WorkflowHandle<{ charged: number }>>();
    expectTypeOf<Awaited<ReturnType<Handle['result']>>>().toEqualTypeOf<{ charged: number }>();
    // @ts-expect-error args must match the workflow's parameters
    void (() => client.start(orderWorkflow, { workflowId: 'o', args: [1, 2] }));
    void (() => client.start(orderWorkflow, { workflowId: 'o', args: ['a', 2] }));
    // by name: any args, unknown result
    void (() => client.start({ name: 'Order', version: '1.0' }, { workflowId: 'o', args: [1, 'x', {}] }));
  });

  it('types signal arguments from a signal definition', () => {
    const handle = client.getHandle('o');
    void (() => handle.signal(greet, 'Ada', 2));
    // @ts-expect-error the signal takes [string, number]
    void (() => handle.signal(greet, 42));
    void (() => handle.signal('anything', 1, 'two'));
  });
});
