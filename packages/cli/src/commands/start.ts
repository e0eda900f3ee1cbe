/** `swf-flow start`: starts a workflow execution; with `--wait`, waits for and prints its result. */
import { type FlagSpec, UsageError, parseFlags, requireFlag } from '../args.js';
import { COMMON_FLAGS, helpText } from '../help.js';
import type { CliIo } from '../io.js';
import { parseInputArgs } from '../json-input.js';
import { SWF_FLAGS, SWF_HELP, settingsOf, workflowClient } from '../swf-options.js';

const CMD = 'swf-flow start';

const FLAGS: Record<string, FlagSpec> = {
  type: { type: 'string', short: 't', placeholder: 'name[@version]', description: 'the workflow type (required); version 1.0 when omitted' },
  'workflow-id': { type: 'string', short: 'w', placeholder: 'id', description: 'the workflow id (required), unique among open executions' },
  input: { type: 'string', short: 'i', placeholder: 'json', description: "the arguments: a JSON array, or one JSON value ('\"World\"')" },
  'task-list': { type: 'string', placeholder: 'name', description: 'decision task list', defaultText: "the type's registered default" },
  wait: { type: 'boolean', description: 'wait for the execution to close and print its result' },
  ...SWF_FLAGS,
  ...COMMON_FLAGS,
};

/** The help text of `swf-flow start`. */
export const START_HELP = helpText(
  `${CMD} --domain D --type NAME[@VERSION] --workflow-id ID [--input JSON] [--task-list TL] [--wait]`,
  'Starts a workflow execution and prints its workflow id and run id. With --wait, waits for it to\nclose: prints the result (exit 0), or the failure (exit 1).',
  FLAGS,
  [`Example: ${CMD} --domain hello-echo --type HelloWorld@1.0 --workflow-id hello-1 --input '"Ada"' --wait`, SWF_HELP],
);

/** Splits `NAME[@VERSION]` at its last `@`. */
export function parseTypeRef(command: string, text: string): { name: string; version: string } {
  const at = text.lastIndexOf('@');
  const name = at === -1 ? text : text.slice(0, at);
  const version = at === -1 ? '1.0' : text.slice(at + 1);
  if (name === '' || version === '') throw new UsageError(`${command}: --type must be NAME or NAME@VERSION (e.g. HelloWorld@1.0); got '${text}'`);
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
  const input = parseInputArgs(CMD, flags.input as string | undefined);
  const client = workflowClient(CMD, flags, settingsOf(io));
  const taskList = flags['task-list'] as string | undefined;
  const handle = await client.start(type, { workflowId, args: input, ...(taskList === undefined ? {} : { taskList }) });
  io.stdout(`workflowId: ${handle.workflowId}\nrunId: ${handle.runId ?? ''}\n`);
  if (!flags.wait) return 0;
  let result: unknown;
  try {
    result = await handle.result({ signal: io.signal });
  } catch (err) {
    if (io.signal.aborted) {
      io.stderr(`${CMD}: stopped waiting; the execution goes on (see 'swf-flow describe --workflow-id ${workflowId}')\n`);
      return 130;
    }
    io.stderr(`${CMD}: ${failureText(err)}\n`);
    return 1;
  }
  io.stdout(`result: ${JSON.stringify(result) ?? 'undefined'}\n`);
  return 0;
}

/** The failure and its causes, one per line. */
function failureText(err: unknown): string {
  const lines: string[] = [];
  for (let e: unknown = err; e instanceof Error && lines.length < 5; e = e.cause) lines.push(`${lines.length === 0 ? '' : '  caused by '}${e.name}: ${e.message}`);
  return lines.length > 0 ? lines.join('\n') : String(err);
}
