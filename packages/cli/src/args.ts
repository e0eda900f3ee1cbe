/**
 * A small, strict flag parser for the `swf-flow` subcommands: `--name value`, `--name=value` and
 * boolean `--name`; unknown flags and bad values are errors that say what to write instead.
 */
import { parseDuration, type Duration } from '@swf-flow/common';

/** How one flag is read. */
export interface FlagSpec {
  /** `string`, a TCP `port` (0-65535), a `duration` ('60s', in ms) or a `boolean` switch. */
  type: 'string' | 'port' | 'duration' | 'boolean';
  /** One line for `--help`. */
  description: string;
  /** Shown in `--help` as the value's placeholder. */
  placeholder?: string;
  /** Shown in `--help`. */
  defaultText?: string;
}

/** A parsed flag value. */
export type FlagValue = string | number | boolean;

/** A command-line mistake: `main` prints the message and exits with status 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

function convert(command: string, name: string, spec: FlagSpec, raw: string): FlagValue {
  switch (spec.type) {
    case 'port': {
      const port = /^\d+$/.test(raw) ? Number(raw) : NaN;
      if (!Number.isInteger(port) || port > 65535) throw new UsageError(`${command}: --${name} must be a port number from 0 to 65535; got '${raw}'`);
      return port;
    }
    case 'duration':
      try {
        return parseDuration(raw as Duration, `--${name}`); // raw is checked here
      } catch (err) {
        throw new UsageError(`${command}: ${err instanceof Error ? err.message : String(err)}`);
      }
    default:
      if (raw === '') throw new UsageError(`${command}: --${name} needs a non-empty value`);
      return raw;
  }
}

/** Parses `args` against `specs`; positional arguments are not accepted. */
export function parseFlags(command: string, args: readonly string[], specs: Record<string, FlagSpec>): Record<string, FlagValue> {
  const { flags, positionals } = parseArgs(command, args, specs);
  if (positionals.length > 0) throw new UsageError(`${command}: unexpected argument '${positionals[0]}'; see '${command} --help'`);
  return flags;
}

/** Parses `args` against `specs`, keeping the arguments that are not flags (in order) as `positionals`. */
export function parseArgs(command: string, args: readonly string[], specs: Record<string, FlagSpec>): { flags: Record<string, FlagValue>; positionals: string[] } {
  const out: Record<string, FlagValue> = {};
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const spec = Object.hasOwn(specs, name) ? specs[name] : undefined;
    if (!spec) throw new UsageError(`${command}: unknown option --${name}; see '${command} --help'`);
    if (spec.type === 'boolean') {
      if (eq !== -1) throw new UsageError(`${command}: --${name} takes no value`);
      out[name] = true;
      continue;
    }
    let raw: string | undefined;
    if (eq !== -1) raw = arg.slice(eq + 1);
    else {
      raw = args[i + 1];
      if (raw === undefined || raw.startsWith('--')) throw new UsageError(`${command}: --${name} needs a value (${spec.placeholder ?? spec.type})`);
      i++;
    }
    out[name] = convert(command, name, spec, raw);
  }
  return { flags: out, positionals };
}

/** The `Options:` block of a help text. */
export function describeFlags(specs: Record<string, FlagSpec>): string {
  const rows = Object.entries(specs).map(([name, s]) => {
    const left = `  --${name}${s.type === 'boolean' ? '' : ` <${s.placeholder ?? s.type}>`}`;
    return `${left.padEnd(28)}${s.description}${s.defaultText ? ` (default: ${s.defaultText})` : ''}`;
  });
  return ['Options:', ...rows].join('\n');
}

/** A required string flag, or a usage error that says which flag to add. */
export function requireFlag(command: string, flags: Record<string, FlagValue>, name: string, what: string): string {
  const value = flags[name];
  if (typeof value !== 'string') throw new UsageError(`${command}: --${name} is required (${what}); see '${command} --help'`);
  return value;
}
