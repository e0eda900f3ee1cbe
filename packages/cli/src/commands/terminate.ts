/** `swf-flow terminate`: ends an execution at once, without the workflow's involvement. */
import { type FlagSpec, parseFlags } from '../args.js';
import { actOnOpenExecution, EXECUTION_FLAGS, executionHandle } from '../execution.js';
import { COMMON_FLAGS, helpText } from '../help.js';
import type { CliIo } from '../io.js';
import { SWF_FLAGS, SWF_HELP } from '../swf-options.js';

const CMD = 'swf-flow terminate';

const FLAGS: Record<string, FlagSpec> = {
  ...EXECUTION_FLAGS,
  reason: { type: 'string', placeholder: 'text', description: 'why (at most 256 characters), recorded in the history' },
  ...SWF_FLAGS,
  ...COMMON_FLAGS,
};

/** The help text of `swf-flow terminate`. */
export const TERMINATE_HELP = helpText(
  `${CMD} --domain D --workflow-id ID [--reason TEXT] [--run-id ID]`,
  'Terminates an execution immediately; the workflow code gets no say (use swf-flow cancel for that).',
  FLAGS,
  [`Example: ${CMD} --domain orders --workflow-id order-1 --reason 'stuck'`, SWF_HELP],
);

/** Runs `swf-flow terminate`. */
export async function terminateCommand(args: readonly string[], io: CliIo): Promise<number> {
  const flags = parseFlags(CMD, args, FLAGS);
  if (flags.help) {
    io.stdout(TERMINATE_HELP);
    return 0;
  }
  const { handle } = executionHandle(CMD, flags, io);
  await actOnOpenExecution(handle, 'terminated', () => handle.terminate(flags.reason as string | undefined));
  io.stdout(`terminated ${handle.workflowId}\n`);
  return 0;
}
