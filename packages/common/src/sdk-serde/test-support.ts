/**
 * Test support: every operation of `@aws-sdk/client-swf` with inputs and outputs built from the
 * SDK's own schemas (every member filled, recursively), so the compiled serde is compared with the
 * SDK's on the whole model rather than on hand-picked shapes.
 */
import * as sdk from '@aws-sdk/client-swf';
import { deref } from './sdk-schema.js';

/** An SDK command class. */
export type CommandClass = new (input: never) => { schema?: unknown; input: unknown };

/** One operation: its name, command class and its operation schema `[9, ns, name, traits, in, out]`. */
export interface ModelOperation {
  name: string;
  Command: CommandClass;
  schema: unknown[];
}

/** Every operation of the SDK's SWF client. */
export function modelOperations(): ModelOperation[] {
  const out: ModelOperation[] = [];
  for (const [key, value] of Object.entries(sdk)) {
    if (!key.endsWith('Command') || typeof value !== 'function' || key === 'Command') continue;
    const Command = value as unknown as CommandClass;
    const schema = new Command({} as never).schema;
    if (!Array.isArray(schema) || schema[0] !== 9) continue;
    out.push({ name: schema[2] as string, Command, schema });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** Strings the JSON writers must escape exactly as the SDK does. */
export const TRICKY_STRINGS = [
  'plain',
  'quote " backslash \\ slash / tab \t newline \n return \r',
  'controls \u0000\u0001\u001f\u007f \b\f',
  'unicode é ü 中文 \u2028\u2029 😀',
  'lone surrogates \ud800 x \udc00',
  '',
];

/** Fills every member of a shape: `variant` picks different strings and numbers per call. */
export function fill(ref: unknown, variant = 0, depth = 0): unknown {
  const raw = deref(ref);
  switch (raw) {
    case 0:
      return TRICKY_STRINGS[variant % TRICKY_STRINGS.length];
    case 1:
      return [7, 0, 1.5, 2147483647, -3][variant % 5];
    case 2:
      return variant % 2 === 0;
    case 4:
      return new Date(1_700_000_000_123 + variant * 1001);
    case 64:
      return [TRICKY_STRINGS[variant % TRICKY_STRINGS.length], 'b'];
  }
  if (!Array.isArray(raw) || depth > 6) return undefined;
  if (raw[0] === 1) return [fill(raw[4], variant, depth + 1), fill(raw[4], variant + 1, depth + 1)];
  if (raw[0] === 3 || raw[0] === -3) {
    const names = raw[4] as string[];
    const refs = raw[5] as unknown[];
    const value: Record<string, unknown> = {};
    names.forEach((name, i) => (value[name] = fill(refs[i], variant + i, depth + 1)));
    return value;
  }
  return undefined;
}

/** `fill`, as the JSON a service sends: timestamps as epoch seconds (with a fraction). */
export function wireJson(ref: unknown, variant = 0): unknown {
  const value = fill(ref, variant);
  if (value === undefined) return undefined;
  return JSON.parse(
    JSON.stringify(value, (_k, v: unknown) =>
      typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v) ? Date.parse(v) / 1000 : v,
    ),
  );
}
