/**
 * The async-context store that tells "workflow code is running" apart from everything else in the
 * process. Every call into workflow code (the workflow function, signal handlers, condition
 * predicates, promise continuations) runs inside `storage.run(store, ...)`; the public API and the
 * determinism patches read the store to find their run.
 *
 * The store is the `workflow` slot of the async context all swf-flow packages share (`asyncContext`
 * in `@swf-flow/common`, one `AsyncLocalStorage` per process whose other slot is the activity's
 * context): one storage propagates one property per promise of the process where two did.
 */
import { asyncContext, ValidationError, type AsyncContextFrame } from '@swf-flow/common';
import type { CancellationScope } from './cancellation-scope.js';
import type { WorkflowRuntime } from './runtime.js';

/** What workflow code runs with: its run's runtime and the current cancellation scope. */
export interface WorkflowStore {
  readonly runtime: WorkflowRuntime;
  readonly scope: CancellationScope;
}

/** A frame that holds `store` and no activity context, for a caller to keep and run in ({@link storage}). */
export function ownFrame(store: WorkflowStore): AsyncContextFrame {
  return { workflow: store, activity: undefined };
}

/**
 * The workflow slot of the shared async context: `getStore`, `run` and `exit` as an
 * `AsyncLocalStorage` of its own would have them. Entering or leaving it keeps the activity slot.
 */
export const storage = {
  /** The store of the workflow code running now, or `undefined` outside workflow code. */
  getStore(): WorkflowStore | undefined {
    return asyncContext.getStore()?.workflow as WorkflowStore | undefined;
  },
  /** Runs `fn` as workflow code of `store`'s run. */
  run<R>(store: WorkflowStore, fn: () => R): R {
    return asyncContext.run({ workflow: store, activity: asyncContext.getStore()?.activity }, fn);
  },
  /** {@link storage.run} with a frame of {@link ownFrame}: no new frame unless an activity's context is set. */
  runOwn<R>(frame: AsyncContextFrame, fn: () => R): R {
    const activity = asyncContext.getStore()?.activity;
    return asyncContext.run(activity === undefined ? frame : { workflow: frame.workflow, activity }, fn);
  },
  /** Runs `fn` outside workflow code (an activity's context, if there is one, stays). */
  exit<R>(fn: () => R): R {
    const activity = asyncContext.getStore()?.activity;
    return asyncContext.run(
      (activity === undefined ? undefined : { workflow: undefined, activity }) as AsyncContextFrame,
      fn,
    );
  },
};

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
