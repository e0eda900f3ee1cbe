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
import { patchOtherClocks } from './seal/other-clocks.js';
import { patchForbidden } from './seal/forbidden.js';
import { LOCALE_INTL_CONSTRUCTORS, patchLocale } from './seal/locale.js';
import { patchRandom } from './seal/random.js';
import { refuseEarlySubclasses } from './seal/early-subclasses.js';
import { watchProcess } from './process-hook.js';
import { quiescence } from './quiescence.js';
import { storage } from './storage.js';

export { uuidFrom } from './seal/random.js';

const INSTALLED = Symbol.for('swf-flow.workflow.determinism-installed');
const globals = globalThis as unknown as Record<string | symbol, unknown>;

/** The real `setImmediate`, captured at module load: one macrotask turn is the engine's quiescence. */
export const realSetImmediate: (cb: () => void) => unknown = globalThis.setImmediate.bind(globalThis);

/** Resolves once workflow code has nothing left to run (see `quiescence.ts`). */
export function settled(): Promise<void> {
  return quiescence(realSetImmediate);
}

/** Resolves after one macrotask turn: every microtask queued before it has run. */
export function nextMacrotask(): Promise<void> {
  return new Promise((resolve) => {
    realSetImmediate(resolve);
  });
}

/** The `Intl` constructors `locale.ts` patches: a subclass of one defined before the patches is refused. */
const SUBCLASSABLE_INTL = [...LOCALE_INTL_CONSTRUCTORS, 'DateTimeFormat'];

/** Installs the patches (idempotent, also across copies of this package). */
export function installDeterminismPatches(): void {
  if (globals[INSTALLED]) return;
  globals[INSTALLED] = true;
  const intl = Intl as unknown as Record<string, Function | undefined>;
  const hosts: [string, Function | undefined, () => Function | undefined][] = [
    ['Date', Date, () => globals.Date as Function],
    ...SUBCLASSABLE_INTL.map((name): [string, Function | undefined, () => Function | undefined] => [
      `Intl.${name}`,
      intl[name],
      () => intl[name],
    ]),
  ];
  patchClock();
  patchOtherClocks();
  patchLocale();
  for (const [name, host, patched] of hosts) {
    const now = patched();
    if (host && now && now !== host) refuseEarlySubclasses(host, now, name);
  }
  patchRandom();
  patchForbidden();
  quietConsole();
  watchProcess();
}

/**
 * Console output from workflow code is written outside the workflow's async context, so that a
 * console that writes asynchronously (a pipe, a test runner's) is not taken for I/O the workflow
 * waits on. The streams are opened now, not by the first log line of some workflow.
 */
function quietConsole(): void {
  const proc = globals.process as { stdout?: unknown; stderr?: unknown } | undefined;
  void proc?.stdout;
  void proc?.stderr;
  const con = globals.console as Record<string, unknown> | undefined;
  if (!con) return;
  for (const name of [
    'log',
    'info',
    'warn',
    'error',
    'debug',
    'trace',
    'dir',
    'dirxml',
    'table',
    'count',
    'countReset',
    'group',
    'groupEnd',
    'time',
    'timeEnd',
    'timeLog',
    'assert',
  ]) {
    const real = con[name];
    if (typeof real !== 'function') continue;
    con[name] = function (this: unknown, ...args: unknown[]): unknown {
      return storage.getStore()
        ? storage.exit(() => (real as (...a: unknown[]) => unknown).apply(this, args))
        : (real as (...a: unknown[]) => unknown).apply(this, args);
    };
  }
}
