/** `swf-flow signal`: sends a signal (with arguments) to an execution. */
import { type FlagSpec, parseFlags, requireFlag } from '../args.js';
import { actOnOpenExecution, EXECUTION_FLAGS, executionHandle } from '../execution.js';
import { COMMON_FLAGS, helpText } from '../help.js';
import type { CliIo } from '../io.js';
import { parseInputArgs } from '../json-input.js';
import { SWF_FLAGS, SWF_HELP } from '../swf-options.js';

const CMD = 'swf-flow signal';

const FLAGS: Record<string, FlagSpec> = {
  ...EXECUTION_FLAGS,
  name: { type: 'string', short: 'n', placeholder: 'signal', description: 'the signal name (required)' },
  input: {
    type: 'string',
    short: 'i',
    placeholder: 'json',
    description: "the signal's arguments: a JSON array, or one JSON value",
  },
  ...SWF_FLAGS,
  ...COMMON_FLAGS,
};

/** The help text of `swf-flow signal`. */
export const SIGNAL_HELP = helpText(
  `${CMD} --domain D --workflow-id ID --name SIGNAL [--input JSON] [--run-id ID]`,
  'Sends a signal to an open execution; its handler (setHandler) gets the --input arguments.',
  FLAGS,
  [`Example: ${CMD} --domain orders --workflow-id order-1 --name cancelOrder --input '"customer asked"'`, SWF_HELP],
);

/** Runs `swf-flow signal`. */
export async function signalCommand(args: readonly string[], io: CliIo): Promise<number> {
  const flags = parseFlags(CMD, args, FLAGS);
  if (flags.help) {
    io.stdout(SIGNAL_HELP);
    return 0;
  }
  const name = requireFlag(CMD, flags, 'name', 'the name of the signal to send');
  const input = parseInputArgs(CMD, flags.input as string | undefined);
  const { handle } = executionHandle(CMD, flags, io);
  await actOnOpenExecution(handle, 'signaled', () => handle.signal(name, ...input));
  io.stdout(`signaled ${name} to ${handle.workflowId}\n`);
  return 0;
}
