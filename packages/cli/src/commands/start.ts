/** `swf-flow start`: starts a workflow execution; with `--wait`, shows its progress and prints its result. */
import { type FlagSpec, UsageError, parseFlags, requireFlag, stringFlag } from '../args.js';
import { unknownTypeHint } from '../type-hint.js';
import { paletteFor } from '../color.js';
import { COMMON_FLAGS, helpText } from '../help.js';
import { ValidationError } from '@swf-flow/common';
import type { CliIo } from '../io.js';
import { offlineDataDir } from '../offline-service.js';
import { parseInputArgs } from '../json-input.js';
import { SWF_FLAGS, SWF_HELP, settingsOf, workflowClient } from '../swf-options.js';
import { printOutcome } from './result.js';

const CMD = 'swf-flow start';

const FLAGS: Record<string, FlagSpec> = {
  type: {
    type: 'string',
    short: 't',
    placeholder: 'name[@version]',
    description: 'the workflow type (required); version 1.0 when omitted',
  },
  'workflow-id': {
    type: 'string',
    short: 'w',
    placeholder: 'id',
    description: 'the workflow id (required), unique among open executions',
  },
  input: {
    type: 'string',
    short: 'i',
    placeholder: 'json',
    description: 'the arguments: a JSON array, or one JSON value (\'"World"\')',
  },
  'task-list': {
    type: 'string',
    placeholder: 'name',
    description: 'decision task list',
    defaultText: "the type's registered default",
  },
  'lambda-role': {
    type: 'string',
    placeholder: 'arn',
    description: "IAM role SWF assumes to run the execution's Lambda tasks",
    defaultText: "the type's registered default",
  },
  wait: {
    type: 'boolean',
    description: 'wait for the execution to close, showing its events on stderr, then print its result',
  },
  quiet: { type: 'boolean', short: 'q', description: 'with --wait: no progress, only the result or the failure' },
  json: {
    type: 'boolean',
    description: 'print {"workflowId", "runId"} (with --wait also "status" and "result" or "failure") as JSON',
  },
  ...SWF_FLAGS,
  ...COMMON_FLAGS,
};

/** The help text of `swf-flow start`. */
export const START_HELP = helpText(
  `${CMD} --domain D --type NAME[@VERSION] --workflow-id ID [--input JSON] [--task-list TL] [--lambda-role ARN] [--wait [-q]] [--json]`,
  [
    'Starts a workflow execution and prints its workflow id and run id. With --wait, follows it until',
    'it closes, printing each event on stderr as it lands (-q: none), through continue-as-new; then',
    'prints the result (exit 0), or the failure and its causes (exit 1). Ctrl-C stops waiting, not the run.',
  ].join('\n'),
  FLAGS,
  [`Example: ${CMD} -d hello-echo -t HelloWorld@1.0 -w hello-1 -i '"Ada"' --wait`, SWF_HELP],
);

/** Splits `NAME[@VERSION]` at its last `@`. */
export function parseTypeRef(command: string, text: string): { name: string; version: string } {
  const at = text.lastIndexOf('@');
  const name = at === -1 ? text : text.slice(0, at);
  const version = at === -1 ? '1.0' : text.slice(at + 1);
  if (name === '' || version === '')
    throw new UsageError(`${command}: --type must be NAME or NAME@VERSION (e.g. HelloWorld@1.0); got '${text}'`);
  return { name, version };
}

/** Runs `swf-flow start`. */
export async function startCommand(args: readonly string[], io: CliIo): Promise<number> {
  const flags = parseFlags(CMD, args, FLAGS);
  if (flags.help) {
    io.stdout(START_HELP);
    return 0;
  }
  const type = parseTypeRef(CMD, requireFlag(CMD, flags, 'type', 'the workflow type to start, NAME or NAME@VERSION'));
  const workflowId = requireFlag(CMD, flags, 'workflow-id', 'an id for the new execution');
  const input = parseInputArgs(CMD, stringFlag(flags, 'input'));
  const client = workflowClient(CMD, flags, settingsOf(io));
  const offline = offlineDataDir(client);
  if (flags.wait && offline !== undefined) {
    throw new ValidationError(
      `--wait needs the swf-flow server of ${offline} running: start it ('npx swf-flow server', ` +
        `or 'npx swf-flow dev' with your workers) and run this again, or leave out --wait to only record the start`,
    );
  }
  const taskList = stringFlag(flags, 'task-list');
  const lambdaRole = stringFlag(flags, 'lambda-role');
  const handle = await client
    .start(type, {
      workflowId,
      args: input,
      ...(taskList === undefined ? {} : { taskList }),
      ...(lambdaRole === undefined ? {} : { lambdaRole }),
    })
    .catch(async (err: unknown) => {
      // SWF does not know the type: name the registered ones near it (one ListWorkflowTypes call).
      const e = err as { name?: unknown; message?: unknown };
      if (e?.name !== 'UnknownResourceFault' || !String(e.message).startsWith('Unknown type')) throw err;
      const hint = await unknownTypeHint(client, type);
      if (hint === undefined) throw err;
      throw new Error(`UnknownResourceFault: ${String(e.message)}; ${hint}`, { cause: err });
    });
  const runId = handle.runId ?? '';
  if (!flags.json) io.stdout(`workflowId: ${handle.workflowId}\nrunId: ${runId}\n`);
  else if (!flags.wait) io.stdout(`${JSON.stringify({ workflowId, runId }, null, 2)}\n`);
  if (!flags.wait) return 0;
  return printOutcome(CMD, client, { workflowId, runId }, io, paletteFor(io, flags), {
    progress: flags.quiet ? 'none' : 'all',
    json: flags.json === true,
  });
}
