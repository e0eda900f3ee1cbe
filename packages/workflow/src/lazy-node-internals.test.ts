// A Node API whose implementation loads lazily (the web `Response`, `Request`, `Headers` and
// `fetch` classes load undici on first use, which makes module-level FinalizationRegistry objects)
// may be touched first by workflow code. Node's own registries are not the workflow's: refusing
// them made the first touch in a process a DeterminismViolationError and every later one (after an
// activity or the worker had used fetch) fine, so whether an unchanged workflow replayed depended
// on what the process had done before. Workflow code's own `new FinalizationRegistry()` and
// `new WeakRef()` stay refused.
import { describe, expect, it } from 'vitest';
import { DeterminismViolationError } from '@swf-flow/common';
import './index.js';
import { WorkflowExecutor } from './executor.js';
import { HistoryBuilder } from './test-support/history-builder.js';

function history(): HistoryBuilder {
  return new HistoryBuilder().start('probe').decisionTask();
}

async function run(read: () => unknown): Promise<unknown> {
  async function probe(): Promise<unknown> {
    return read();
  }
  return new WorkflowExecutor({ workflows: { probe }, execution: { workflowId: 'w', runId: 'r' } })
    .processEvents(history().events)
    .then(
      (r) => r.decisions[0]?.completeWorkflowExecutionDecisionAttributes?.result,
      (err: unknown) => err,
    );
}

describe('Node internals that load lazily, first touched by workflow code', () => {
  it('new Headers() / new Response() load undici inside the run and work, as they do once loaded', async () => {
    const first = await run(() => new Headers({ a: '1' }).get('a') + String(new Response('x').status));
    expect(first).toBe('"1200"');
    expect(await run(() => new Headers({ a: '1' }).get('a') + String(new Response('x').status))).toBe(first);
  });

  it('workflow code’s own FinalizationRegistry and WeakRef are still refused', async () => {
    for (const make of [() => new FinalizationRegistry(() => undefined), () => new WeakRef({})]) {
      expect(await run(make)).toBeInstanceOf(DeterminismViolationError);
    }
  });
});
