/**
 * SigV4's canonical headers as the SDK's `SignatureV4` computes them (`getCanonicalHeaders`, then
 * `createCanonicalRequest`'s sort), for the lean `signRequest` of `sdk-sigv4.ts`: by a plan kept
 * per list of header names (a client's requests of one operation carry the same names), so a
 * request neither sorts, lower-cases nor screens its names; a header without a value, or a name
 * like `__proto__`, takes the general computation.
 */

/** The SDK's `ALWAYS_UNSIGNABLE_HEADERS`. */
const UNSIGNABLE = new Set([
  'authorization',
  'cache-control',
  'connection',
  'expect',
  'from',
  'keep-alive',
  'max-forwards',
  'pragma',
  'referer',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'user-agent',
  'x-amzn-trace-id',
]);

/** Whether the SDK signs a header of this lower-case name (not always unsignable, not `proxy-*` or `sec-*`). */
function isSignable(lower: string): boolean {
  return !UNSIGNABLE.has(lower) && !lower.startsWith('proxy-') && !lower.startsWith('sec-');
}

/** A header value the SDK's normalization (`[\r\n]` → space, runs of spaces and tabs → one, one space off each end) changes. */
const NEEDS_NORMALIZING = /[\r\n\t]| {2}|^ | $/;

/** A header value as the SDK's canonical form has it: CR and LF as spaces, runs of blanks as one, no space at either end. */
function normalized(value: string): string {
  return typeof value === 'string' && !NEEDS_NORMALIZING.test(value)
    ? value
    : value
        .replace(/[\r\n]/g, ' ')
        .replace(/[ \t]+/g, ' ')
        .replace(/^ | $/g, '');
}

/** The canonical headers' lines and the signed headers' list, or `undefined` for a name the SDK's way must take. */
export interface Canonical {
  lines: string;
  signedHeaders: string;
}

/**
 * The SDK's `getCanonicalHeaders`, then its `createCanonicalRequest`'s sort of the names kept:
 * every header with a value, not unsignable, by its lower-case name (of two names that lower-case
 * alike, the later in sorted order), sorted. `undefined` for a header named like `__proto__`.
 */
function canonicalOf(headers: Record<string, unknown>): Canonical | undefined {
  const canonical: Record<string, string> = {};
  for (const name of Object.keys(headers).sort()) {
    const value = headers[name] as string | null | undefined;
    if (value == undefined) continue;
    const lower = name.toLowerCase();
    if (!isSignable(lower)) continue;
    if (lower === '__proto__') return undefined;
    canonical[lower] = normalized(value);
  }
  const names = Object.keys(canonical).sort();
  let lines = '';
  for (const name of names) lines += `${name}:${canonical[name]}\n`;
  return { lines, signedHeaders: names.join(';') };
}

/**
 * What {@link canonicalOf} does with a list of header names, kept for the next request with the
 * same names in the same order (a client's requests of one operation have the same headers): the
 * name whose value gives each canonical line, in the lines' order, with its lower-case form.
 */
interface CanonicalPlan {
  names: string[];
  suppliers: string[];
  lowers: string[];
  signedHeaders: string;
}

const MAX_PLANS = 64;

/** Whether two lists of names are the same (the plans' key joins names, which could hold the separator). */
function sameNames(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The plan for these names, or `null` when a name must take the SDK's way (`__proto__`). */
function planOf(names: string[]): CanonicalPlan | null {
  const supplier = new Map<string, string>();
  for (const name of names.slice().sort()) {
    const lower = name.toLowerCase();
    if (!isSignable(lower)) continue;
    if (lower === '__proto__') return null;
    supplier.set(lower, name);
  }
  const lowers = [...supplier.keys()].sort();
  return {
    names,
    suppliers: lowers.map((lower) => supplier.get(lower) as string),
    lowers,
    signedHeaders: lowers.join(';'),
  };
}

/**
 * The canonical headers of one signer's requests: by the plan kept for the headers' names when
 * every header the plan reads has a value (a header without one is left out, which changes the
 * lines), else as {@link canonicalOf} computes them.
 */
export function canonicalHeadersWith(plans: Map<string, CanonicalPlan | null>) {
  return (headers: Record<string, unknown>): Canonical | undefined => {
    const names = Object.keys(headers);
    const key = names.join('\n');
    let plan = plans.get(key);
    if (plan === undefined) {
      plan = planOf(names);
      if (plans.size < MAX_PLANS) plans.set(key, plan);
    }
    if (plan === null || !sameNames(plan.names, names)) return canonicalOf(headers);
    let lines = '';
    const { suppliers, lowers } = plan;
    for (let i = 0; i < suppliers.length; i++) {
      const value = headers[suppliers[i] as string] as string | null | undefined;
      if (value == undefined) return canonicalOf(headers);
      lines += `${lowers[i] as string}:${normalized(value)}\n`;
    }
    return { lines, signedHeaders: plan.signedHeaders };
  };
}
