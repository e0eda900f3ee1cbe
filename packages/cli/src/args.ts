/**
 * The flag parser of the `swf-flow` subcommands, on Node's `util.parseArgs`: `--name value`,
 * `--name=value`, short aliases (`-d orders`, `-dorders`, grouped booleans `-fj`), boolean
 * `--name`, and `--` before positional arguments that start with `-`. Values are then checked and
 * converted by their declared type. Unknown flags, bad values and a flag that takes one value given
 * twice (`-d a --domain b`: which one was meant cannot be known) are {@link UsageError}s that say
 * what to write instead; a flag declared `repeatable` keeps every value, and a boolean switch given
 * twice is still on. A subcommand declares its flags as a table of {@link FlagSpec}s, so a new
 * flag is one more row.
 */
import { parseArgs as nodeParseArgs } from 'node:util';
import { didYouMean, parseDuration, typedDateMillis, type Duration } from '@swf-flow/common';

/** How one flag is read. */
export interface FlagSpec {
  /**
   * `string`; a TCP `port` (0-65535); a `duration` ('60s', read as ms); a `count` (a whole number
   * from 1); a `time` (an ISO 8601 date/time, or a duration meaning that long ago: '2h'); or a
   * `boolean` switch.
   */
  type: 'string' | 'port' | 'duration' | 'count' | 'time' | 'boolean';
  /** One line for `--help`. */
  description: string;
  /** A one-letter alias: `-d` for `--domain`. */
  short?: string;
  /** The only values a `string` flag accepts. */
  choices?: readonly string[];
  /** Shown in `--help` as the value's placeholder. */
  placeholder?: string;
  /** Shown in `--help`. */
  defaultText?: string;
  /** May be given several times: the values are kept in order as a `string[]`. */
  repeatable?: boolean;
}

/**
 * A parsed flag value: a `time` flag gives a `Date`, `port`, `duration` and `count` a number, a
 * repeatable flag a `string[]`.
 */
export type FlagValue = string | number | boolean | Date | string[];

/** Parsed flags by long name. */
export type Flags = Record<string, FlagValue>;

/** A command-line mistake: `main` prints the message and exits with status 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

function wholeNumber(raw: string): number {
  return /^\d+$/.test(raw) ? Number(raw) : NaN;
}

function readTime(command: string, name: string, raw: string, now: number): Date {
  if (/^\d+(\.\d+)?\s*[a-z]+$/i.test(raw)) {
    try {
      return new Date(now - parseDuration(raw as Duration, `--${name}`));
    } catch {
      // not a duration after all: try it as a date below
    }
  }
  const ms = typedDateMillis(raw); // a date-time without a zone is UTC, as every time the CLI prints
  if (Number.isNaN(ms)) {
    throw new UsageError(
      `${command}: --${name} must be a date/time like 2026-11-22 or 2026-11-22T20:00 (UTC unless it ends in Z or an offset like +01:00), or a time ago like 30m, 2h, 7d; got '${raw}'`,
    );
  }
  return new Date(ms);
}

function convert(command: string, name: string, spec: FlagSpec, raw: string, now: number): FlagValue {
  switch (spec.type) {
    case 'port': {
      const port = wholeNumber(raw);
      if (!Number.isInteger(port) || port > 65535)
        throw new UsageError(`${command}: --${name} must be a port number from 0 to 65535; got '${raw}'`);
      return port;
    }
    case 'count': {
      const count = wholeNumber(raw);
      if (!Number.isSafeInteger(count) || count < 1)
        throw new UsageError(`${command}: --${name} must be a whole number from 1; got '${raw}'`);
      return count;
    }
    case 'duration':
      try {
        return parseDuration(raw as Duration, `--${name}`); // raw is checked here
      } catch (err) {
        throw new UsageError(`${command}: ${err instanceof Error ? err.message : String(err)}`);
      }
    case 'time':
      return readTime(command, name, raw, now);
    default:
      if (raw === '') throw new UsageError(`${command}: --${name} needs a non-empty value`);
      if (spec.choices && !spec.choices.includes(raw))
        throw new UsageError(`${command}: --${name} must be one of ${spec.choices.join(', ')}; got '${raw}'`);
      return raw;
  }
}

/** Parses `args` against `specs`; positional arguments are not accepted. */
export function parseFlags(command: string, args: readonly string[], specs: Record<string, FlagSpec>): Flags {
  const { flags, positionals } = parseCommandLine(command, args, specs);
  if (positionals.length > 0)
    throw new UsageError(`${command}: unexpected argument '${positionals[0]}'; see '${command} --help'`);
  return flags;
}

/**
 * Parses `args` against `specs`, keeping the arguments that are not flags (in order) as
 * `positionals`. `now` is the time a `time` flag's "ago" counts back from.
 */
export function parseCommandLine(
  command: string,
  args: readonly string[],
  specs: Record<string, FlagSpec>,
  now: number = Date.now(),
): { flags: Flags; positionals: string[] } {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const [name, spec] of Object.entries(specs)) {
    options[name] = {
      type: spec.type === 'boolean' ? 'boolean' : 'string',
      ...(spec.short ? { short: spec.short } : {}),
    };
  }
  // Not strict: every token is checked here, so that each mistake gets a message naming the flag.
  const { tokens } = nodeParseArgs({ args: [...args], options, strict: false, allowPositionals: true, tokens: true });
  const flags: Flags = {};
  const positionals: string[] = [];
  /** How each single-valued flag was written and with what, to name both in a repeat's refusal. */
  const given = new Map<string, { shown: string; raw: string }>();
  for (const token of tokens) {
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option') continue;
    const spec = Object.hasOwn(specs, token.name) ? specs[token.name] : undefined;
    if (!spec) {
      const hint = token.rawName.startsWith('--') ? didYouMean(token.name, Object.keys(specs), (n) => `--${n}`) : '';
      throw new UsageError(`${command}: unknown option ${token.rawName}${hint}; see '${command} --help'`);
    }
    const shown = token.rawName.startsWith('--') ? token.rawName : `${token.rawName} (--${token.name})`;
    if (spec.type === 'boolean') {
      if (token.value !== undefined) throw new UsageError(`${command}: ${shown} takes no value`);
      flags[token.name] = true;
      continue;
    }
    if (token.value === undefined || (!token.inlineValue && token.value.startsWith('-') && token.value.length > 1)) {
      const got =
        token.value === undefined
          ? ''
          : `; got the option '${token.value}' (write --${token.name}=${token.value} if that is the value)`;
      throw new UsageError(`${command}: ${shown} needs a value (${spec.placeholder ?? spec.type})${got}`);
    }
    const before = given.get(token.name);
    if (before !== undefined && !spec.repeatable) {
      const second = token.rawName === before.shown.split(' ')[0] ? '' : ` as ${token.rawName}`;
      throw new UsageError(
        `${command}: ${before.shown} was given twice ('${before.raw}', then${second} '${token.value}'), and it takes one value: give it once; see '${command} --help'`,
      );
    }
    given.set(token.name, { shown, raw: token.value });
    const value = convert(command, token.name, spec, token.value, now);
    if (spec.repeatable) flags[token.name] = [...((flags[token.name] as string[] | undefined) ?? []), String(value)];
    else flags[token.name] = value;
  }
  return { flags, positionals };
}

/** The `Options:` block of a help text. */
export function describeFlags(specs: Record<string, FlagSpec>): string {
  const rows = Object.entries(specs).map(([name, s]) => {
    const left = `  ${s.short ? `-${s.short}, ` : '    '}--${name}${s.type === 'boolean' ? '' : ` <${s.placeholder ?? s.type}>`}`;
    const choices = s.choices && !s.placeholder ? ` (${s.choices.join('|')})` : '';
    const repeat = s.repeatable ? ' (may be given more than once)' : '';
    return `${left.padEnd(31)} ${s.description}${choices}${repeat}${s.defaultText ? ` (default: ${s.defaultText})` : ''}`;
  });
  return ['Options:', ...rows].join('\n');
}

/** A required string flag, or a usage error that says which flag to add. */
export function requireFlag(command: string, flags: Flags, name: string, what: string): string {
  const value = flags[name];
  if (typeof value !== 'string')
    throw new UsageError(`${command}: --${name} is required (${what}); see '${command} --help'`);
  return value;
}

/** A string flag's value, if given. */
export function stringFlag(flags: Flags, name: string): string | undefined {
  const value = flags[name];
  return typeof value === 'string' ? value : undefined;
}
