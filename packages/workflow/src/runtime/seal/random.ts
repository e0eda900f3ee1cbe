/**
 * Randomness in workflow code: `Math.random()`, `crypto.randomUUID()` and `crypto.getRandomValues()`
 * (the global Web Crypto) draw from the run's PRNG, seeded with the run id.
 */
import { storage } from '../storage.js';
import { replaceValue } from './violation.js';

const globals = globalThis as unknown as Record<string, unknown>;

/** Formats 16 PRNG bytes as an RFC 4122 version-4 UUID. */
export function uuidFrom(random: () => number): string {
  const bytes: number[] = [];
  for (let i = 0; i < 16; i++) bytes.push(Math.floor(random() * 256) & 0xff);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The integer-typed arrays `getRandomValues` fills (Web Crypto refuses float arrays and DataViews). */
const INTEGER_ARRAYS = new Set(
  [
    'Int8Array',
    'Uint8Array',
    'Uint8ClampedArray',
    'Int16Array',
    'Uint16Array',
    'Int32Array',
    'Uint32Array',
    'BigInt64Array',
    'BigUint64Array',
  ].map((name) => `[object ${name}]`),
);

/** Whether Web Crypto's `getRandomValues` would fill `array` (else it throws without filling). */
function fillable(array: unknown): array is ArrayBufferView {
  return (
    ArrayBuffer.isView(array) && INTEGER_ARRAYS.has(Object.prototype.toString.call(array)) && array.byteLength <= 65_536
  );
}

/** Installs the randomness patches. */
export function patchRandom(): void {
  const realRandom = Math.random;
  Math.random = function random(): number {
    const store = storage.getStore();
    return store ? store.runtime.random() : realRandom();
  };
  const cryptoObject = globals.crypto as
    { randomUUID?: () => string; getRandomValues?: <T extends ArrayBufferView | null>(array: T) => T } | undefined;
  if (cryptoObject && typeof cryptoObject.getRandomValues === 'function') {
    const realFill = cryptoObject.getRandomValues.bind(cryptoObject);
    replaceValue(cryptoObject, 'getRandomValues', function getRandomValues<
      T extends ArrayBufferView | null,
    >(array: T): T {
      const store = storage.getStore();
      // What the platform refuses (a float array, a DataView, over 65,536 bytes, not an array) it
      // refuses before filling anything: its own error, thrown here too.
      if (!store || !fillable(array)) return realFill(array);
      const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
      for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(store.runtime.random() * 256) & 0xff;
      return array;
    });
  }
  if (cryptoObject && typeof cryptoObject.randomUUID === 'function') {
    const realUuid = cryptoObject.randomUUID.bind(cryptoObject);
    replaceValue(cryptoObject, 'randomUUID', function randomUUID(): string {
      const store = storage.getStore();
      return store ? uuidFrom(store.runtime.random) : realUuid();
    });
  }
}
