/**
 * Calls that workflow code may not make, stopped at the call with a DeterminismViolationError:
 * timers (the globals, `node:timers`, `node:timers/promises`), `fetch`, Web Crypto's `subtle`
 * (asynchronous, finished outside the decision task), `node:crypto`'s randomness (its
 * `randomUUID` and `getRandomValues` are the seeded ones of the global `crypto`; the calls that
 * draw randomness inside are in `random-crypto.ts`), `WeakRef` and
 * `FinalizationRegistry` (garbage collection is not replayable).
 *
 * Node's modules are reached with `process.getBuiltinModule()` (no import: this package loads no
 * Node I/O module) and their ES-module named exports are synced, so
 * `import { setTimeout } from 'node:timers'` sees the patched function too.
 */
import { storage } from '../storage.js';
import { forbidRandomCrypto, NODE_RANDOM } from './random-crypto.js';
import { uuidFrom } from './random.js';
import { forbidMethod, proxyConstructor, replaceValue, violation } from './violation.js';

const globals = globalThis as unknown as Record<string, unknown>;

const SLEEP = 'use sleep(duration) from @swf-flow/workflow (a durable SWF timer) instead';
const TIMERS: [string, string][] = [
  ['setTimeout', SLEEP],
  ['setInterval', 'loop with await sleep(duration) from @swf-flow/workflow instead'],
  ['setImmediate', 'await a Promise (or sleep(duration) from @swf-flow/workflow) instead'],
];
const NODE_CRYPTO_RANDOM = [
  'randomBytes',
  'pseudoRandomBytes',
  'prng',
  'rng',
  'randomFill',
  'randomFillSync',
  'randomInt',
  'generateKey',
  'generateKeySync',
  'generateKeyPair',
  'generateKeyPairSync',
  'generatePrime',
  'generatePrimeSync',
];

type BuiltinLoader = (id: string) => unknown;

/** `process.getBuiltinModule`, when the runtime has it (Node >= 20.16). */
export function builtinLoader(): BuiltinLoader | undefined {
  const proc = globals.process as { getBuiltinModule?: BuiltinLoader } | undefined;
  return typeof proc?.getBuiltinModule === 'function' ? proc.getBuiltinModule.bind(proc) : undefined;
}

/** Installs the forbidding patches. */
export function patchForbidden(): void {
  for (const [name, instead] of TIMERS) forbidMethod(globalThis, name, `${name}()`, instead);
  forbidMethod(
    globalThis,
    'fetch',
    'fetch()',
    'do network I/O in an activity and call it with proxyActivities() instead',
  );
  forbidSubtle();
  forbidGc('WeakRef', 'hold the object itself (a WeakRef may be cleared at a different point on every replay)');
  forbidGc(
    'FinalizationRegistry',
    'clean up explicitly (finalizers run when the garbage collector decides, never the same way on replay)',
  );
  const load = builtinLoader();
  if (!load) return;
  const timers = load('node:timers') as Record<string, unknown> | undefined;
  if (timers) for (const [name, instead] of TIMERS) forbidMethod(timers, name, `${name}() from node:timers`, instead);
  const timersPromises = load('node:timers/promises') as Record<string, unknown> | undefined;
  if (timersPromises) {
    for (const [name, instead] of TIMERS)
      forbidMethod(timersPromises, name, `${name}() from node:timers/promises`, instead);
    const scheduler = timersPromises.scheduler as object | undefined;
    if (scheduler) {
      forbidMethod(scheduler, 'wait', 'scheduler.wait() from node:timers/promises', SLEEP);
      forbidMethod(scheduler, 'yield', 'scheduler.yield() from node:timers/promises', 'await a Promise instead');
    }
  }
  const nodeCrypto = load('node:crypto') as Record<string, unknown> | undefined;
  if (nodeCrypto) patchNodeCrypto(nodeCrypto);
  const nodeModule = load('node:module') as { syncBuiltinESMExports?: () => void } | undefined;
  nodeModule?.syncBuiltinESMExports?.();
}

function patchNodeCrypto(nodeCrypto: Record<string, unknown>): void {
  for (const name of NODE_CRYPTO_RANDOM) forbidMethod(nodeCrypto, name, `${name}() from node:crypto`, NODE_RANDOM);
  forbidRandomCrypto(nodeCrypto);
  const realUuid = nodeCrypto.randomUUID as ((options?: unknown) => string) | undefined;
  if (typeof realUuid === 'function') {
    replaceValue(nodeCrypto, 'randomUUID', function randomUUID(options?: unknown): string {
      const rt = storage.getStore()?.runtime;
      return rt ? uuidFrom(rt.random) : realUuid(options);
    });
  }
  const webcrypto = globals.crypto as { getRandomValues?: (a: ArrayBufferView) => ArrayBufferView } | undefined;
  if (typeof nodeCrypto.getRandomValues === 'function' && webcrypto?.getRandomValues) {
    const seeded = webcrypto.getRandomValues;
    replaceValue(nodeCrypto, 'getRandomValues', function getRandomValues(array: ArrayBufferView): ArrayBufferView {
      return seeded.call(webcrypto, array);
    });
  }
}

/** Every method of SubtleCrypto: they finish on Node's thread pool, after the decision task was answered. */
function forbidSubtle(): void {
  const subtle = (globals.crypto as { subtle?: object } | undefined)?.subtle;
  if (!subtle) return;
  const proto = Object.getPrototypeOf(subtle) as object;
  for (const name of Object.getOwnPropertyNames(proto)) {
    if (name === 'constructor' || typeof Object.getOwnPropertyDescriptor(proto, name)?.value !== 'function') continue;
    forbidMethod(
      proto,
      name,
      `crypto.subtle.${name}()`,
      'do cryptography in an activity (its promise settles outside the decision task)',
    );
  }
}

/**
 * Whether the code constructing right now (the frame that called the proxy's `construct` trap)
 * is Node's own: a lazily loaded internal module (undici, loaded by the first `Response`,
 * `Headers` or `fetch`) makes module-level registries the first time something touches it.
 */
function constructedByNode(): boolean {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 3;
  const site: { stack?: string } = {};
  Error.captureStackTrace(site, constructedByNode);
  Error.stackTraceLimit = limit;
  // Frames: the construct callback, the proxy's trap, then the caller.
  const caller = site.stack?.split('\n')[3] ?? '';
  return /\(node:|^\s*at (async )?node:/.test(caller);
}

/**
 * `new WeakRef()` / `new FinalizationRegistry()` in workflow code are refused (garbage collection
 * happens at another point on every replay). Node's own, made by an internal module that
 * workflow code loaded first, are not the workflow's: refusing them made the first use of such
 * an API in a process fail and every later one pass.
 */
function forbidGc(name: string, instead: string): void {
  const Real = globals[name] as (abstract new (...args: any[]) => object) | undefined;
  if (typeof Real !== 'function') return;
  globals[name] = proxyConstructor(Real, (args, newTarget) => {
    if (constructedByNode()) return Reflect.construct(Real, args, newTarget) as object;
    throw violation(`new ${name}()`, instead);
  });
}
