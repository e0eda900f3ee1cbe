/**
 * When workflow code has nothing left to run, proven without a macrotask turn where possible.
 *
 * A sentinel job (`then` on a settled promise) is queued behind every microtask queued before it.
 * When it runs, if no promise job of workflow code ran in between (an `async_hooks` `before` fires
 * for every promise reaction job and every thenable job; a job is workflow code's when it runs in a
 * workflow's async context), then workflow code queued nothing behind it either: it has nothing left
 * to run. `queueMicrotask` callbacks and `process.nextTick` callbacks run no promise hook, so if
 * workflow code queued one since the queues were last known empty (an `init` of a `Microtask` or
 * `TickObject` resource in a workflow's context), only a macrotask turn proves they ran: the drain
 * then takes one, as it always did. So does a drain that needs more than {@link MAX_ROUNDS} rounds.
 *
 * What the rest of the process runs meanwhile (a worker's HTTP, streams and SDK middleware run
 * promise chains and queue ticks all the time) is not counted: it runs outside every workflow's
 * context and cannot resume workflow code — the runtime settles workflow promises only inside
 * `WorkflowRuntime.run` (in context) or synchronously before the drain, and the escape check fails
 * a run whose code resumes outside its decision task. Counting it made a busy worker's drains go
 * round until their rounds ran out and then wait for a macrotask turn, on nearly every task.
 *
 * Cost outside workflow code: the `init` part ({@link noteQuiescence}) shares the process-wide hook
 * of `process-hook.ts`; the `before` hook that counts promise jobs is enabled only while it is held
 * ({@link holdJobCount}): by each drain, and by the executor around a whole `processEvents` call so
 * that the drains of one call do not switch it on and off each (Node rebuilds its promise hooks on
 * every switch, ~2 µs). Jobs are only compared within one drain's rounds, so a promise job that runs
 * while nobody holds the counter need not be counted. Holds are counted: runs overlap.
 */
import { createHook } from 'node:async_hooks';
import { storage } from './storage.js';

/** Sentinel rounds before falling back to a macrotask turn. */
const MAX_ROUNDS = 64;

/** Promise jobs (reactions and thenable jobs) of workflow code that ran, sentinels excepted. */
let jobs = 0;
/** Workflow code queued a microtask or a tick since the queues were last known empty. */
let queuedOther = false;
/**
 * asyncIds of the sentinels' promises not run yet (their jobs are not counted): one per drain in
 * progress, so a few. An array, not a Set: V8 rebuilds a small Set's table as it empties and
 * fills, which it does around nearly every sentinel (~600 KB of tables per 1,000-step replay).
 */
const sentinelIds: number[] = [];

/** Removes `asyncId` from {@link sentinelIds}; whether it was there. */
function takeSentinel(asyncId: number): boolean {
  const ids = sentinelIds;
  for (let i = ids.length - 1; i >= 0; i--) {
    if (ids[i] !== asyncId) continue;
    ids[i] = ids[ids.length - 1] as number;
    ids.pop();
    return true;
  }
  return false;
}
let makingSentinel = false;

/**
 * The `init` part, called by the process-wide hook (`process-hook.ts`) for every resource: a
 * microtask or a tick queued by workflow code, or a sentinel's promise.
 */
export function noteQuiescence(asyncId: number, type: string): void {
  if (type === 'PROMISE') {
    if (makingSentinel) sentinelIds.push(asyncId);
  } else if ((type === 'Microtask' || type === 'TickObject') && !queuedOther && storage.getStore() !== undefined)
    queuedOther = true;
}

/** Counts workflow code's promise jobs; enabled only while the counter is held. */
const jobHook = createHook({
  before(asyncId) {
    if (sentinelIds.length !== 0 && takeSentinel(asyncId)) return;
    if (storage.getStore() !== undefined) jobs++;
  },
});

/** Holders of the job counter in the process (drains, activations); the job hook is enabled while there is one. */
let holders = 0;

/** Enables the promise-job counter until the matching {@link releaseJobCount} (holds are counted). */
export function holdJobCount(): void {
  if (holders++ === 0) jobHook.enable();
}

/** Releases one hold of {@link holdJobCount}; the last one disables the counter. */
export function releaseJobCount(): void {
  if (--holders === 0) jobHook.disable();
}

const SETTLED = Promise.resolve();

/**
 * Resolves once no microtask and no tick is left (so workflow code has nothing to run until the
 * engine applies more events): by sentinel rounds when they prove it, else after one `setImmediate`.
 */
export function quiescence(setImmediateReal: (cb: () => void) => unknown): Promise<void> {
  holdJobCount();
  return new Promise<void>((resolve) =>
    round(
      () => {
        releaseJobCount();
        resolve();
      },
      0,
      setImmediateReal,
    ),
  );
}

function round(resolve: () => void, n: number, setImmediateReal: (cb: () => void) => unknown): void {
  if (queuedOther || n >= MAX_ROUNDS) {
    setImmediateReal(() => {
      queuedOther = false; // every tick and microtask queued before this turn has run
      resolve();
    });
    return;
  }
  const before = jobs;
  makingSentinel = true;
  try {
    void SETTLED.then(() => {
      if (jobs === before && !queuedOther) resolve();
      else round(resolve, n + 1, setImmediateReal);
    });
  } finally {
    makingSentinel = false;
  }
}
