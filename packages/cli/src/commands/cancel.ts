/** `swf-flow cancel`: asks an execution to cancel itself (`RequestCancelWorkflowExecution`). */
import { type FlagSpec, parseFlags } from '../args.js';
import { actOnOpenExecution, EXECUTION_FLAGS, executionHandle } from '../execution.js';
import { COMMON_FLAGS, helpText } from '../help.js';
import type { CliIo } from '../io.js';
import { SWF_FLAGS, SWF_HELP } from '../swf-options.js';

const CMD = 'swf-flow cancel';

const FLAGS: Record<string, FlagSpec> = { ...EXECUTION_FLAGS, ...SWF_FLAGS, ...COMMON_FLAGS };

/** The help text of `swf-flow cancel`. */
export const CANCEL_HELP = helpText(
  `${CMD} --domain D --workflow-id ID [--run-id ID]`,
  'Requests cancellation: the workflow sees it (its cancellation scope is cancelled) and decides how\nto close. To end an execution at once, use swf-flow terminate.',
  FLAGS,
  [`Example: ${CMD} --domain orders --workflow-id order-1`, SWF_HELP],
);

/** Runs `swf-flow cancel`. */
export async function cancelCommand(args: readonly string[], io: CliIo): Promise<number> {
  const flags = parseFlags(CMD, args, FLAGS);
  if (flags.help) {
    io.stdout(CANCEL_HELP);
    return 0;
  }
  const { handle } = executionHandle(CMD, flags, io);
  await actOnOpenExecution(handle, 'cancelled', () => handle.cancel());
  io.stdout(`requested cancellation of ${handle.workflowId}\n`);
  return 0;
}
