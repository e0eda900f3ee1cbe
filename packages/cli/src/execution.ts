/** `--workflow-id` / `--run-id`: the execution a subcommand acts on, as a client handle. */
import type { WorkflowClient, WorkflowHandle } from '@swf-flow/client';
import { type FlagSpec, type Flags, requireFlag, stringFlag } from './args.js';
import type { CliIo } from './io.js';
import { settingsOf, workflowClient } from './swf-options.js';

/** `--workflow-id` (required) and `--run-id`. */
export const EXECUTION_FLAGS: Record<string, FlagSpec> = {
  'workflow-id': { type: 'string', short: 'w', placeholder: 'id', description: 'the workflow id (required)' },
  'run-id': {
    type: 'string',
    short: 'r',
    placeholder: 'id',
    description: 'the run',
    defaultText: 'the open run, else the latest',
  },
};

/** The client for the flags, and a handle on the execution they name. */
export function executionHandle(
  command: string,
  flags: Flags,
  io: CliIo,
): { client: WorkflowClient; handle: WorkflowHandle } {
  const workflowId = requireFlag(command, flags, 'workflow-id', 'the workflow id of the execution');
  const client = workflowClient(command, flags, settingsOf(io));
  return { client, handle: client.getHandle(workflowId, stringFlag(flags, 'run-id')) };
}
