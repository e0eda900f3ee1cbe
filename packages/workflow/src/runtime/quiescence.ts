/**
 * When workflow code has nothing left to run, proven without a macrotask turn where possible.
 *
 * A sentinel job (`then` on a settled promise) is queued behind every microtask queued before it.
 * When it runs, if no promise job other than sentinels ran in between (an `async_hooks` `before`
 * fires for every promise reaction job and every thenable job), then nothing was queued behind it
 * either, and V8's microtask queue is empty. `queueMicrotask` callbacks and `process.nextTick`
 * callbacks run no promise hook, so if one was queued since the queues were last known empty (an
 * `init` of a `Microtask` or `TickObject` resource anywhere in the process), only a macrotask turn
 * proves they ran: the drain then takes one, as it always did. So does a drain that needs more
 * than {@link MAX_ROUNDS} rounds.
 */
import { createHook } from 'node:async_hooks';

/** Sentinel rounds before falling back to a macrotask turn. */
const MAX_ROUNDS = 64;

/** Promise jobs (reactions and thenable jobs) that ran, sentinels excepted. */
let jobs = 0;
/** A microtask or a tick was queued since the queues were last known empty. */
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

const hook = createHook({
  init(asyncId, type) {
    if (type === 'PROMISE') {
      if (makingSentinel) sentinelIds.push(asyncId);
    } else if (type === 'Microtask' || type === 'TickObject') queuedOther = true;
  },
  before(asyncId) {
    if (sentinelIds.length === 0 || !takeSentinel(asyncId)) jobs++;
  },
});

/** Enables the hook (once per process, see `installDeterminismPatches`). */
export function watchQuiescence(): void {
  hook.enable();
}

const SETTLED = Promise.resolve();

/**
 * Resolves once no microtask and no tick is left (so workflow code has nothing to run until the
 * engine applies more events): by sentinel rounds when they prove it, else after one `setImmediate`.
 */
export function quiescence(setImmediateReal: (cb: () => void) => unknown): Promise<void> {
  return new Promise<void>((resolve) => round(resolve, 0, setImmediateReal));
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
