/**
 * Locale and time zone in workflow code: the host's defaults are replaced by a fixed locale
 * ({@link WORKFLOW_LOCALE}) and time zone ({@link WORKFLOW_TIME_ZONE}) wherever ECMAScript would
 * use them (`Intl` constructors, `toLocaleString` and friends, `localeCompare`); an explicit
 * locale or `timeZone` option is kept. `Intl.DateTimeFormat().format()` without a date formats
 * the replayed time, not the real clock. An `Intl` object made outside workflow code with a host
 * default is used in workflow code through its workflow twin (`host-defaults.ts`).
 */
import { storage } from '../storage.js';
import { rememberHostDefaults } from './host-defaults.js';
import { proxyConstructor, replaceValue } from './violation.js';

/** The locale workflow code gets when it names none. */
export const WORKFLOW_LOCALE = 'en-US';
/** The time zone workflow code gets when it names none. */
export const WORKFLOW_TIME_ZONE = 'UTC';

type Fn = (...args: unknown[]) => unknown;

const realCanonical = Intl.getCanonicalLocales.bind(Intl);

/** Which of the requested locales a service supports: an `Intl` constructor's `supportedLocalesOf`. */
type Supported = (locales: string | readonly string[]) => string[];
const supportedOf = (name: string): Supported => {
  const Real = (Intl as unknown as Record<string, { supportedLocalesOf?: Supported } | undefined>)[name];
  const of = Real?.supportedLocalesOf;
  return of ? (locales) => of.call(Real, locales) : (locales) => realCanonical(locales as string[]);
};

/**
 * The locales argument, or {@link WORKFLOW_LOCALE} wherever ECMA-402 would fall back to the host's
 * default locale: `undefined`; a list that names no locale (`[]`, as in the common
 * `toLocaleTimeString([], { hour: '2-digit' })`, or any object of length 0); and, for a service
 * given as `supported`, a list of which the runtime supports none (`'default'`, as in the common
 * `toLocaleString('default', { month: 'long' })`, or an unknown tag). A list that is not valid is
 * passed on as it is, so that the call throws as it would outside workflow code.
 */
const withLocale = (locales: unknown, supported?: Supported): unknown => {
  if (locales === undefined) return WORKFLOW_LOCALE;
  if (locales === null || (typeof locales !== 'object' && typeof locales !== 'string')) return locales;
  try {
    const named = supported ? supported(locales as string[]) : realCanonical(locales as string[]);
    return named.length === 0 ? WORKFLOW_LOCALE : locales;
  } catch {
    return locales;
  }
};

/**
 * The options argument with `timeZone` {@link WORKFLOW_TIME_ZONE} where it names none. ECMA-402
 * reads options with [[Get]], inherited properties included, so the options object stays the
 * prototype of the one passed on: every option it gives, own or inherited, is still read.
 */
const withZone = (options: unknown): unknown => {
  if (options === undefined) return { timeZone: WORKFLOW_TIME_ZONE };
  if (options === null) return options; // ECMA-402 throws a TypeError for null options; let it
  const o = Object(options) as { timeZone?: unknown };
  if (o.timeZone !== undefined) return options;
  const zoned = Object.create(o) as { timeZone?: unknown };
  zoned.timeZone = WORKFLOW_TIME_ZONE;
  return zoned;
};

/** Patches `proto[name](locales, options, ...)` to default its locale (and time zone) in workflow code. */
function defaultArgs(proto: object, name: string, zone: boolean, supported: Supported | undefined, at = 0): void {
  const real = (proto as Record<string, unknown>)[name];
  if (typeof real !== 'function') return;
  const fn = real as Fn;
  replaceValue(
    proto,
    name,
    {
      [name](this: unknown, ...args: unknown[]): unknown {
        if (!storage.getStore()) return fn.apply(this, args);
        const a = [...args];
        a[at] = withLocale(a[at], supported);
        if (zone) a[at + 1] = withZone(a[at + 1]);
        return fn.apply(this, a);
      },
    }[name],
  );
}

/** The `Intl` constructors whose locale argument {@link patchLocale} fixes (`DateTimeFormat` has its own patch). */
export const LOCALE_INTL_CONSTRUCTORS = [
  'Collator',
  'NumberFormat',
  'PluralRules',
  'RelativeTimeFormat',
  'ListFormat',
  'DisplayNames',
  'Segmenter',
  'DurationFormat',
] as const;

/** Installs the locale and time-zone patches. */
export function patchLocale(): void {
  const intl = Intl as unknown as Record<string, unknown>;
  for (const name of LOCALE_INTL_CONSTRUCTORS) {
    const Real = intl[name] as (abstract new (...args: any[]) => object) | undefined;
    if (typeof Real !== 'function') continue;
    const supported = supportedOf(name);
    const fixed = (args: unknown[]): unknown[] => [withLocale(args[0], supported), ...args.slice(1)];
    intl[name] = proxyConstructor(
      Real,
      (args, newTarget) => Reflect.construct(Real, fixed(args), newTarget) as object,
      (args) => Reflect.construct(Real, fixed(args)) as object,
      (made, args) => {
        if (withLocale(args[0], supported) !== args[0])
          rememberHostDefaults(made, () => Reflect.construct(Real, fixed(args)) as object);
      },
    );
  }
  patchDateTimeFormat(intl);
  const dates = supportedOf('DateTimeFormat');
  const numbers = supportedOf('NumberFormat');
  defaultArgs(Date.prototype, 'toLocaleString', true, dates);
  defaultArgs(Date.prototype, 'toLocaleDateString', true, dates);
  defaultArgs(Date.prototype, 'toLocaleTimeString', true, dates);
  defaultArgs(Number.prototype, 'toLocaleString', false, numbers);
  defaultArgs(BigInt.prototype, 'toLocaleString', false, numbers);
  defaultArgs(String.prototype, 'localeCompare', false, supportedOf('Collator'), 1);
  // Case mapping falls back to the host's locale only for an empty list (an unknown one maps as 'und').
  defaultArgs(String.prototype, 'toLocaleUpperCase', false, undefined);
  defaultArgs(String.prototype, 'toLocaleLowerCase', false, undefined);
  // Array#toLocaleString and TypedArray#toLocaleString call their elements' toLocaleString, patched above.
}

function patchDateTimeFormat(intl: Record<string, unknown>): void {
  const Real = intl.DateTimeFormat as typeof Intl.DateTimeFormat;
  const supported = supportedOf('DateTimeFormat');
  const make = (args: unknown[], newTarget?: Function): object => {
    const real = [withLocale(args[0], supported), withZone(args[1])];
    return newTarget ? (Reflect.construct(Real, real, newTarget) as object) : (Reflect.construct(Real, real) as object);
  };
  intl.DateTimeFormat = proxyConstructor(
    Real,
    make,
    (args) => make(args),
    (made, args) => {
      if (withLocale(args[0], supported) !== args[0] || withZone(args[1]) !== args[1])
        rememberHostDefaults(made, () => make(args));
    },
  );
  // format() and formatToParts() without a date use the current time: the replayed one here.
  const proto = Real.prototype as unknown as Record<string, unknown>;
  const formatGetter = Object.getOwnPropertyDescriptor(proto, 'format')?.get;
  if (formatGetter) {
    Object.defineProperty(proto, 'format', {
      configurable: true,
      enumerable: false,
      get(this: Intl.DateTimeFormat): (date?: Date | number) => string {
        const bound = formatGetter.call(this) as (date?: Date | number) => string;
        return (date?: Date | number): string => {
          const rt = date === undefined ? storage.getStore()?.runtime : undefined;
          return bound(rt ? rt.clock.now : date);
        };
      },
    });
  }
  const realParts = proto.formatToParts as Fn | undefined;
  if (typeof realParts === 'function') {
    replaceValue(proto, 'formatToParts', function formatToParts(this: unknown, date?: unknown): unknown {
      const rt = date === undefined ? storage.getStore()?.runtime : undefined;
      return realParts.call(this, rt ? rt.clock.now : date);
    });
  }
}
