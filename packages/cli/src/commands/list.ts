/** `swf-flow list`: a domain's open (or closed) executions, newest first. */
import type { ListFilter } from '@swf-flow/client';
import { type FlagSpec, parseFlags } from '../args.js';
import { awsCliJson } from '../format/aws-cli-json.js';
import { COMMON_FLAGS, helpText } from '../help.js';
import type { CliIo } from '../io.js';
import { SWF_FLAGS, SWF_HELP, settingsOf, workflowClient } from '../swf-options.js';

const CMD = 'swf-flow list';

const FLAGS: Record<string, FlagSpec> = {
  closed: { type: 'boolean', description: 'list closed executions instead of open ones' },
  type: { type: 'string', short: 't', placeholder: 'name[@version]', description: 'only executions of this workflow type (any version when omitted)' },
  json: { type: 'boolean', description: 'print {"executionInfos": [...]} as the AWS CLI does' },
  ...SWF_FLAGS,
  ...COMMON_FLAGS,
};

/** The help text of `swf-flow list`. */
export const LIST_HELP = helpText(
  `${CMD} --domain D [--closed] [--type NAME[@VERSION]] [--json]`,
  'Lists executions started in the domain, newest first: open ones, or with --closed closed ones\n(started at any time). One line each: workflow id, run id, type, status, start time.',
  FLAGS,
  [`Example: ${CMD} --domain hello-echo --closed --type HelloWorld`, SWF_HELP],
);

/** Runs `swf-flow list`. */
export async function listCommand(args: readonly string[], io: CliIo): Promise<number> {
  const flags = parseFlags(CMD, args, FLAGS);
  if (flags.help) {
    io.stdout(LIST_HELP);
    return 0;
  }
  const filter: ListFilter = { status: flags.closed ? 'CLOSED' : 'OPEN' };
  if (typeof flags.type === 'string') {
    const at = flags.type.lastIndexOf('@');
    filter.type = at === -1 ? { name: flags.type } : { name: flags.type.slice(0, at), version: flags.type.slice(at + 1) };
  }
  const infos = [];
  for await (const info of workflowClient(CMD, flags, settingsOf(io)).list(filter)) infos.push(info);
  if (flags.json) {
    io.stdout(awsCliJson({ executionInfos: infos }));
    return 0;
  }
  if (infos.length === 0) {
    io.stdout(`no ${flags.closed ? 'closed' : 'open'} executions${filter.type ? ` of ${String(flags.type)}` : ''}${flags.closed ? '' : " (try --closed)"}\n`);
    return 0;
  }
  const rows = infos.map((i) => [
    i.execution?.workflowId ?? '-',
    i.execution?.runId ?? '-',
    i.workflowType ? `${i.workflowType.name}@${i.workflowType.version}` : '-',
    i.executionStatus === 'CLOSED' ? (i.closeStatus ?? 'CLOSED') : (i.executionStatus ?? '-'),
    i.startTimestamp?.toISOString() ?? '-',
  ]);
  const header = ['WORKFLOW ID', 'RUN ID', 'TYPE', 'STATUS', 'STARTED'];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const format = (r: string[]): string => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c] ?? 0))).join('  ');
  io.stdout([header, ...rows].map((r) => `${format(r)}\n`).join(''));
  return 0;
}
