/** SWF duration strings (`'300'`, `'NONE'`) and timestamps on the wire. */
import { epochMillis } from '@swf-flow/common';

/**
 * Milliseconds for an SWF duration string (whole seconds), or undefined for `'NONE'` (no timeout).
 * Inputs are validated against the model before they are stored, so nothing else arrives here;
 * should a database written by an older version hold anything else, it reads as `NONE` rather than
 * as a NaN deadline that would fail every request touching the run or its task list.
 */
export function durationMs(value: string | null | undefined): number | undefined {
  if (typeof value !== 'string' || !/^\d+$/.test(value)) return undefined;
  return Number(value) * 1000;
}

/** Epoch seconds (with the ms fraction) for an epoch-ms timestamp, as SWF answers. */
export function toWireTime(ms: number): number {
  return ms / 1000;
}

/** Epoch ms for a wire timestamp (seconds; the SDKs send numbers, the CLI may send strings). */
export function fromWireTime(value: unknown): number {
  if (typeof value === 'number') return Math.round(value * 1000);
  if (typeof value === 'string') {
    const n = Number(value);
    if (Number.isFinite(n)) return Math.round(n * 1000);
    return epochMillis(value); // an ISO-8601 string; without a zone, UTC (not the server's time zone)
  }
  if (value instanceof Date) return value.getTime();
  return NaN;
}

/** Drops the members whose value is undefined (outputs omit absent optional members). */
export function compact<T extends Record<string, unknown>>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = v;
  return out as T;
}
