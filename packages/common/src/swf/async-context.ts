/**
 * The one `AsyncLocalStorage` that swf-flow's packages share: the workflow's store (which run's
 * code is running, `@swf-flow/workflow`) and the activity's context (`@swf-flow/activity`) are two
 * slots of one frame, not two storages.
 *
 * Why one: on Node 20 and 22 every enabled `AsyncLocalStorage` copies its store onto every promise
 * and resource the process creates (an `init` hook that writes a property per storage). A worker
 * enters both contexts, so with two storages each of the process's promises — the AWS SDK's and
 * Node's HTTP included — got two more properties, which outgrows the promise's first property
 * backing store: measured ~50 ns more per promise than one storage (BENCHMARKS.md, "The worker's
 * side, fifth round"). One storage propagates one property.
 *
 * The two slots stay independent, as two storages were: entering one keeps the other's value
 * (workflow code run inside an activity still sees the activity's context, and the other way
 * round), and leaving one keeps the other's. Each package reads and writes only its own slot, and
 * leaves it by running a frame without it (or `run(undefined)`), never with `exit()`: on Node 20
 * `exit()` disables the storage and enables it again, which rebuilds the process's promise hooks.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** What the shared async context holds: each package's slot, `undefined` outside its code. */
export interface AsyncContextFrame {
  /** The workflow run's store while workflow code runs (owned by `@swf-flow/workflow`). */
  readonly workflow: object | undefined;
  /** The activity's context while an activity runs (owned by `@swf-flow/activity`). */
  readonly activity: object | undefined;
}

const KEY = Symbol.for('swf-flow.async-context');

/**
 * The storage, one per process: shared through a global symbol so that two copies of the packages
 * (an ESM and a CJS build, or two node_modules) still see the same contexts.
 */
export const asyncContext: AsyncLocalStorage<AsyncContextFrame> = ((globalThis as Record<symbol, unknown>)[KEY] ??=
  new AsyncLocalStorage<AsyncContextFrame>()) as AsyncLocalStorage<AsyncContextFrame>;
