/** One handler per operation: the table refuses gaps, doubles and strangers, and the types refuse them too. */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { ManualClock } from './clock.js';
import { openDatabase } from './db.js';
import { Engine, engineSchema } from './engine/index.js';
import type { EngineHandlers, OperationHandler, OperationHandlers, RegistryHandlers } from './operation.js';
import { operationTable } from './operation-table.js';
import { Registry, registrySchema } from './registry/index.js';

function parts(): { registry: Registry; engine: Engine; close: () => void } {
  const db = openDatabase(':memory:', [...registrySchema, ...engineSchema]);
  const clock = new ManualClock();
  const registry = new Registry({ db, clock });
  const engine = new Engine({ db, clock, registry });
  return { registry, engine, close: () => db.close() };
}

describe('operationTable', () => {
  it('joins the registry and the engine into one handler for each of the 39 operations', () => {
    const p = parts();
    const table = operationTable([p.registry.handlers, p.engine.handlers]);
    expect(Object.keys(table)).toHaveLength(39);
    expect(table.DescribeDomain).toBe(p.registry.handlers.DescribeDomain);
    expect(table.StartWorkflowExecution).toBe(p.engine.handlers.StartWorkflowExecution);
    p.close();
  });

  it('names every operation implemented twice, left out, or unknown to the model', () => {
    const p = parts();
    const { ListDomains: _gone, ...registry } = p.registry.handlers;
    const stranger = { ListEverything: () => ({}) } as Partial<OperationHandlers>;
    expect(() =>
      operationTable([
        registry,
        p.engine.handlers,
        { StartWorkflowExecution: p.engine.handlers.StartWorkflowExecution },
        stranger,
      ]),
    ).toThrow(
      "The service's operation handlers are wrong (implemented twice: StartWorkflowExecution; not implemented: ListDomains; not operations of the SWF model: ListEverything): each of the model's operations needs exactly one handler.",
    );
    p.close();
  });

  it('types each handler with its operation input and output, and a gap in a part does not compile', () => {
    expectTypeOf<OperationHandlers['StartWorkflowExecution']>().toEqualTypeOf<
      OperationHandler<'StartWorkflowExecution'>
    >();
    expectTypeOf<Parameters<OperationHandlers['DescribeDomain']>[0]>().toEqualTypeOf<{ name: string }>();
    expectTypeOf<keyof RegistryHandlers & keyof EngineHandlers>().toEqualTypeOf<never>();
    const p = parts();
    const { TagResource: _gone, ...rest } = p.registry.handlers;
    // @ts-expect-error the registry's table must implement TagResource
    const incomplete: RegistryHandlers = rest;
    expect(Object.keys(incomplete)).not.toContain('TagResource');
    p.close();
  });
});
