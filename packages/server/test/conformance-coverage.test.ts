/**
 * The two conformance halves (conformance-registry.test.ts and conformance-executions.test.ts)
 * together send every one of the 39 operations of the SWF model. Read from their source, so that
 * the check does not depend on which of their tests ran before it, or whether they ran at all.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { modelOperations } from './support/model-check.js';

/** The operations a test file sends: every `new <Operation>Command(` in it. */
function sentBy(file: string): Set<string> {
  const source = readFileSync(new URL(file, import.meta.url), 'utf8');
  return new Set([...source.matchAll(/new (\w+)Command\(/g)].map((m) => m[1] as string));
}

describe('conformance coverage', () => {
  it('the registry and execution halves together send all 39 operations of the model', () => {
    const sent = new Set([...sentBy('./conformance-registry.test.ts'), ...sentBy('./conformance-executions.test.ts')]);
    expect(modelOperations()).toHaveLength(39);
    expect(modelOperations().filter((op) => !sent.has(op))).toEqual([]);
  });

  it('the registry half sends all 20 registry operations', () => {
    const registry = modelOperations().filter((op) => /Domain|ActivityType|WorkflowType|[Tt]ag/.test(op));
    expect(registry).toHaveLength(20);
    expect(registry.filter((op) => !sentBy('./conformance-registry.test.ts').has(op))).toEqual([]);
  });
});
