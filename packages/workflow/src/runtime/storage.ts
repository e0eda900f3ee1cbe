/**
 * The async-context store that tells "workflow code is running" apart from everything else in the
 * process. Every call into workflow code (the workflow function, signal handlers, condition
 * predicates, promise continuations) runs inside `storage.run(store, ...)`; the public API and the
 * determinism patches read the store to find their run.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { ValidationError } from '@swf-flow/common';
import type { CancellationScope } from './cancellation-scope.js';
import type { WorkflowRuntime } from './runtime.js';

/** What workflow code runs with: its run's runtime and the current cancellation scope. */
export interface WorkflowStore {
  readonly runtime: WorkflowRuntime;
  readonly scope: CancellationScope;
}

const KEY = Symbol.for('swf-flow.workflow.storage');

/**
 * One storage per process, shared through a global symbol, so that two copies of this package (an
 * ESM and a CJS build, or two node_modules) still see the same workflow context.
 */
export const storage: AsyncLocalStorage<WorkflowStore> = ((globalThis as Record<symbol, unknown>)[KEY] ??=
  new AsyncLocalStorage<WorkflowStore>()) as AsyncLocalStorage<WorkflowStore>;

/** The store of the workflow code running now, or `undefined` outside workflow code. */
export function maybeStore(): WorkflowStore | undefined {
  return storage.getStore();
}

/** The store of the workflow code running now; throws a ValidationError outside workflow code. */
export function currentStore(what: string): WorkflowStore {
  const store = storage.getStore();
  if (!store) {
    throw new ValidationError(
      `${what} can only be called from workflow code (a workflow function run by a WorkflowExecutor, a worker or replayHistory); ` +
        'call it inside your workflow function, not at module load time or from activities',
    );
  }
  return store;
}
