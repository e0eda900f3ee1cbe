/**
 * The deterministic environment of workflow code. Global functions are patched once per process;
 * each patch asks the async-context store whether workflow code is running and, if not, behaves
 * exactly as before, so the rest of the process keeps real time and real randomness.
 *
 * While workflow code runs:
 * - `Date.now()`, `new Date()` and `Date()` give the time of the decision task being replayed;
 * - `performance.now()` gives the milliseconds between the run's first DecisionTaskStarted and the
 *   decision task being replayed (so it advances with the replayed time, and starts at 0);
 * - `Math.random()`, `crypto.randomUUID()` and `crypto.getRandomValues()` come from a seedrandom
 *   PRNG seeded with the run id;
 * - `setTimeout`, `setInterval`, `setImmediate` and `fetch` throw {@link DeterminismViolationError}.
 */
import { DeterminismViolationError } from '@swf-flow/common';
import { storage } from './storage.js';

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

/** Formats 16 PRNG bytes as an RFC 4122 version-4 UUID. */
export function uuidFrom(random: () => number): string {
  const bytes: number[] = [];
  for (let i = 0; i < 16; i++) bytes.push(Math.floor(random() * 256) & 0xff);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function forbid(name: string, instead: string): void {
  const original = globals[name];
  if (typeof original !== 'function') return;
  const fn = original as (...args: unknown[]) => unknown;
  const patched = function (this: unknown, ...args: unknown[]): unknown {
    if (storage.getStore()) {
      throw new DeterminismViolationError(`${name}() cannot be used in workflow code: it would make replay non-deterministic; ${instead}`);
    }
    return fn.apply(this, args);
  };
  Object.defineProperties(patched, Object.getOwnPropertyDescriptors(fn));
  globals[name] = patched;
}

function patchDate(): void {
  const RealDate = Date;
  const realNow = RealDate.now.bind(RealDate);
  RealDate.now = function now(): number {
    const store = storage.getStore();
    return store ? store.runtime.now : realNow();
  };
  const DateProxy = new Proxy(RealDate, {
    construct(target, args, newTarget): object {
      const store = args.length === 0 ? storage.getStore() : undefined;
      return Reflect.construct(target, store ? [store.runtime.now] : args, newTarget) as object;
    },
    apply(target, thisArg, args): unknown {
      const store = storage.getStore();
      return store ? new target(store.runtime.now).toString() : Reflect.apply(target, thisArg, args);
    },
  });
  globals.Date = DateProxy;
}

function patchRandom(): void {
  const realRandom = Math.random;
  Math.random = function random(): number {
    const store = storage.getStore();
    return store ? store.runtime.random() : realRandom();
  };
  const cryptoObject = globals.crypto as { randomUUID?: () => string; getRandomValues?: <T extends ArrayBufferView | null>(array: T) => T } | undefined;
  if (cryptoObject && typeof cryptoObject.getRandomValues === 'function') {
    const realFill = cryptoObject.getRandomValues.bind(cryptoObject);
    Object.defineProperty(cryptoObject, 'getRandomValues', {
      configurable: true,
      writable: true,
      value: function getRandomValues<T extends ArrayBufferView | null>(array: T): T {
        const store = storage.getStore();
        if (!store || array === null) return realFill(array);
        const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
        for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(store.runtime.random() * 256) & 0xff;
        return array;
      },
    });
  }
  if (cryptoObject && typeof cryptoObject.randomUUID === 'function') {
    const realUuid = cryptoObject.randomUUID.bind(cryptoObject);
    Object.defineProperty(cryptoObject, 'randomUUID', {
      configurable: true,
      writable: true,
      value: function randomUUID(): string {
        const store = storage.getStore();
        return store ? uuidFrom(store.runtime.random) : realUuid();
      },
    });
  }
}

function patchPerformance(): void {
  const perf = globals.performance as { now?: () => number } | undefined;
  if (!perf || typeof perf.now !== 'function') return;
  const realNow = perf.now.bind(perf);
  Object.defineProperty(perf, 'now', {
    configurable: true,
    writable: true,
    value: function now(): number {
      const store = storage.getStore();
      return store ? store.runtime.performanceNow() : realNow();
    },
  });
}

/** Installs the patches (idempotent, also across copies of this package). */
export function installDeterminismPatches(): void {
  if (globals[INSTALLED]) return;
  globals[INSTALLED] = true;
  patchDate();
  patchRandom();
  patchPerformance();
  forbid('setTimeout', 'use sleep(duration) from @swf-flow/workflow (a durable SWF timer) instead');
  forbid('setInterval', 'loop with await sleep(duration) from @swf-flow/workflow instead');
  forbid('setImmediate', 'await a Promise (or sleep(duration) from @swf-flow/workflow) instead');
  forbid('fetch', 'do network I/O in an activity and call it with proxyActivities() instead');
}
