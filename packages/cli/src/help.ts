/** The `--help` text of a subcommand, and the flags every subcommand has. */
import { type FlagSpec, describeFlags } from './args.js';

/** `-h`/`--help` and `--no-color`, on every subcommand. */
export const COMMON_FLAGS: Record<string, FlagSpec> = {
  help: { type: 'boolean', short: 'h', description: 'show this help' },
  'no-color': { type: 'boolean', description: 'no colour, even on a terminal (as NO_COLOR=1 does)' },
};

/** Builds a subcommand's help text (ending with a newline). */
export function helpText(
  usage: string,
  about: string,
  specs: Record<string, FlagSpec>,
  notes: readonly string[] = [],
): string {
  return [`Usage: ${usage}`, '', about, '', describeFlags(specs), ...notes.flatMap((n) => ['', n]), ''].join('\n');
}
