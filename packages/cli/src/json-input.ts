/** `--input JSON`: the arguments of a workflow or a signal, given as JSON on the command line. */
import { UsageError } from './args.js';

/**
 * Reads `--input`: a JSON array is the argument list, any other JSON value the one argument (as
 * the worker decodes SWF input). No `--input` means no arguments.
 * @throws UsageError when the text is not JSON, with an example of what to write.
 */
export function parseInputArgs(command: string, text: string | undefined): unknown[] {
  if (text === undefined) return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new UsageError(
      `${command}: --input must be JSON (${(err as Error).message}); quote strings, e.g. --input '"World"', or pass an argument list: --input '["Ada", 2]'`,
    );
  }
  return Array.isArray(value) ? value : [value];
}
