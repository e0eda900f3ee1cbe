/** `--workflow-id` / `--run-id`: the execution a subcommand acts on, as a client handle. */
import type { WorkflowClient, WorkflowHandle } from '@swf-flow/client';
import { ValidationError } from '@swf-flow/common';
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

/**
 * Runs `act` (a signal, cancel or terminate request) on the execution of `handle`. SWF answers
 * `UnknownResourceFault` both for an execution that never existed and for one that is closed; this
 * then looks the execution up and says which it is, and what to do.
 *
 * @param done - the past participle for the message, e.g. `'signaled'`
 */
export async function actOnOpenExecution(
  handle: WorkflowHandle,
  done: string,
  act: () => Promise<unknown>,
): Promise<void> {
  try {
    await act();
  } catch (err) {
    if (!(err instanceof Error) || err.name !== 'UnknownResourceFault') throw err;
    let info: Awaited<ReturnType<WorkflowHandle['describe']>>['executionInfo'];
    try {
      info = (await handle.describe()).executionInfo;
    } catch (lookup) {
      if (lookup instanceof ValidationError && lookup.message.startsWith('no execution with workflow id')) {
        throw new ValidationError(
          `${lookup.message}; check --workflow-id and --domain ('swf-flow list' shows the open ones, 'swf-flow list --closed' the closed)`,
          { cause: err },
        );
      }
      throw err; // an unknown domain or run id: SWF's own answer says so
    }
    if (info?.executionStatus !== 'CLOSED') throw err;
    const closed = info.closeTimestamp instanceof Date ? ` at ${info.closeTimestamp.toISOString()}` : '';
    throw new ValidationError(
      `execution ${handle.workflowId} (run ${info.execution?.runId ?? '?'}) is closed (${info.closeStatus ?? '?'}${closed}): ` +
        `only an open execution can be ${done}; start a new one with 'swf-flow start'`,
      { cause: err },
    );
  }
}
