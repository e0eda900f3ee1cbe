/** The `--help` text of a subcommand: usage, what it does, its options, and notes. */
import { type FlagSpec, describeFlags } from './args.js';

/** `--help` on every subcommand. */
export const HELP_FLAG: Record<string, FlagSpec> = { help: { type: 'boolean', description: 'show this help' } };

/** Builds a subcommand's help text (ending with a newline). */
export function helpText(usage: string, about: string, specs: Record<string, FlagSpec>, notes: readonly string[] = []): string {
  return [`Usage: ${usage}`, '', about, '', describeFlags(specs), ...notes.flatMap((n) => ['', n]), ''].join('\n');
}
