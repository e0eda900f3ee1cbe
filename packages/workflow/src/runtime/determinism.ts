/**
 * The deterministic environment of workflow code. Globals (and Node's timer and crypto modules)
 * are patched once per process, when `@swf-flow/workflow` is first imported; each patch asks the
 * async-context store whether workflow code is running and, if not, behaves exactly as before, so
 * the rest of the process keeps real time, real randomness and the host's locale.
 *
 * While workflow code runs (see the `seal/` modules):
 * - time is the replayed time of the decision task (`Date`, `performance`, `process.hrtime()`,
 *   `process.uptime()`), in UTC, and the locale is fixed (`clock.ts`, `locale.ts`);
 * - randomness comes from a PRNG seeded with the run id (`random.ts`);
 * - timers, `fetch`, Web Crypto's `subtle`, `node:crypto`'s randomness, `WeakRef` and
 *   `FinalizationRegistry` throw {@link DeterminismViolationError} (`forbidden.ts`).
 */
import { patchClock } from './seal/clock.js';
import { patchForbidden } from './seal/forbidden.js';
import { patchLocale } from './seal/locale.js';
import { patchRandom } from './seal/random.js';

export { uuidFrom } from './seal/random.js';

const INSTALLED = Symbol.for('swf-flow.workflow.determinism-installed');
const globals = globalThis as unknown as Record<string | symbol, unknown>;

/** The real `setImmediate`, captured at module load: one macrotask turn is the engine's quiescence. */
export const realSetImmediate: (cb: () => void) => unknown = globalThis.setImmediate.bind(globalThis);

/** Resolves after one macrotask turn: every microtask queued before it has run. */
export function nextMacrotask(): Promise<void> {
  return new Promise((resolve) => {
    realSetImmediate(resolve);
  });
}

/** Installs the patches (idempotent, also across copies of this package). */
export function installDeterminismPatches(): void {
  if (globals[INSTALLED]) return;
  globals[INSTALLED] = true;
  patchClock();
  patchLocale();
  patchRandom();
  patchForbidden();
}
