/** `--workflow-id` / `--run-id`: the execution a subcommand acts on, as a client handle. */
import type { WorkflowHandle } from '@swf-flow/client';
import { type FlagSpec, type FlagValue, requireFlag } from './args.js';
import { workflowClient } from './swf-options.js';

/** `--workflow-id` (required) and `--run-id`. */
export const EXECUTION_FLAGS: Record<string, FlagSpec> = {
  'workflow-id': { type: 'string', placeholder: 'id', description: 'the workflow id (required)' },
  'run-id': { type: 'string', placeholder: 'id', description: 'the run', defaultText: 'the open run, else the latest' },
};

/** A handle on the execution the flags name, through a client for `--endpoint`/`--region`/`--domain`. */
export function executionHandle(command: string, flags: Record<string, FlagValue>): WorkflowHandle {
  const workflowId = requireFlag(command, flags, 'workflow-id', 'the workflow id of the execution');
  const client = workflowClient(command, flags);
  return client.getHandle(workflowId, flags['run-id'] as string | undefined);
}
