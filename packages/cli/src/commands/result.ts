/** `swf-flow result`: waits for an execution to close, showing its progress, and prints its result or failure. */
import type { WorkflowClient } from '@swf-flow/client';
import { type FlagSpec, parseFlags } from '../args.js';
import { type Palette, paletteFor } from '../color.js';
import { EXECUTION_FLAGS, executionHandle } from '../execution.js';
import { failureText, outcomeJson, outcomeText } from '../format/outcome.js';
import { COMMON_FLAGS, helpText } from '../help.js';
import type { CliIo } from '../io.js';
import { refuseWaitingOffline } from '../offline-service.js';
import { SWF_FLAGS, SWF_HELP } from '../swf-options.js';
import { type Progress, watchRun } from '../watch-run.js';

const CMD = 'swf-flow result';

const FLAGS: Record<string, FlagSpec> = {
  ...EXECUTION_FLAGS,
  quiet: { type: 'boolean', short: 'q', description: 'no progress, only the result or the failure' },
  json: { type: 'boolean', description: 'print {"workflowId", "runId", "status", "result" | "failure"} as JSON' },
  ...SWF_FLAGS,
  ...COMMON_FLAGS,
};

/** The help text of `swf-flow result`. */
export const RESULT_HELP = helpText(
  `${CMD} --domain D --workflow-id ID [--run-id ID] [-q] [--json]`,
  [
    "Waits for an execution to close and prints its result (exit 0), or its failure and the failure's",
    'causes (exit 1). While it is open, says how far it got and prints each new event on stderr as it',
    'lands (-q: none); follows continue-as-new. A closed execution answers at once. Ctrl-C stops waiting.',
  ].join('\n'),
  FLAGS,
  [`Example: ${CMD} -d orders -w order-1`, SWF_HELP],
);

/** How {@link printOutcome} reports. */
export interface OutcomeOptions {
  progress: Progress;
  json: boolean;
}

/** Waits for the run's outcome (showing progress), prints it, and returns the exit status: 0 completed, 1 not, 130 stopped. */
export async function printOutcome(
  command: string,
  client: WorkflowClient,
  execution: { workflowId: string; runId: string },
  io: CliIo,
  p: Palette,
  options: OutcomeOptions,
): Promise<number> {
  await refuseWaitingOffline(client, client.getHandle(execution.workflowId, execution.runId));
  const watched = await watchRun(client, execution.workflowId, execution.runId, io, p, options.progress);
  if (!watched.outcome) {
    io.stderr(
      `${command}: stopped waiting; the execution goes on (see 'swf-flow describe --workflow-id ${execution.workflowId}')\n`,
    );
    return 130;
  }
  const { outcome } = watched;
  if (options.json) {
    io.stdout(
      `${JSON.stringify({ workflowId: execution.workflowId, runId: watched.runId, ...outcomeJson(outcome) }, null, 2)}\n`,
    );
  } else if (outcome.kind === 'failed') {
    io.stderr(`${command}: ${p.red(failureText(outcome.error))}\n`);
  } else {
    io.stdout(`${outcomeText(outcome, p)}\n`);
  }
  return outcome.kind === 'completed' ? 0 : 1;
}

/** Runs `swf-flow result`. */
export async function resultCommand(args: readonly string[], io: CliIo): Promise<number> {
  const flags = parseFlags(CMD, args, FLAGS);
  if (flags.help) {
    io.stdout(RESULT_HELP);
    return 0;
  }
  const { client, handle } = executionHandle(CMD, flags, io);
  const runId = handle.runId ?? (await handle.describe()).executionInfo?.execution?.runId ?? '';
  return printOutcome(CMD, client, { workflowId: handle.workflowId, runId }, io, paletteFor(io, flags), {
    progress: flags.quiet ? 'none' : 'new',
    json: flags.json === true,
  });
}
