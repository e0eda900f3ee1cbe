/** `swf-flow list`: a domain's executions, newest first, with every filter the SWF API offers. */
import type { ListFilter, WorkflowClient } from '@swf-flow/client';
import { type FlagSpec, type Flags, UsageError, parseFlags, stringFlag } from '../args.js';
import { CLOSE_STATUSES, closest, didYouMean } from '@swf-flow/common';
import { paletteFor, statusColor } from '../color.js';
import { awsCliJson } from '../format/aws-cli-json.js';
import { COMMON_FLAGS, helpText } from '../help.js';
import type { CliIo } from '../io.js';
import { SWF_FLAGS, SWF_HELP, settingsOf, workflowClient } from '../swf-options.js';
import { parseTypeRef } from './start.js';

const CMD = 'swf-flow list';

type ExecutionInfo = ReturnType<WorkflowClient['list']> extends AsyncIterable<infer I> ? I : never;

type CloseStatus = (typeof CLOSE_STATUSES)[number];

const FLAGS: Record<string, FlagSpec> = {
  open: { type: 'boolean', description: 'list open executions (the default)' },
  closed: { type: 'boolean', short: 'c', description: 'list closed executions instead' },
  status: {
    type: 'string',
    short: 's',
    placeholder: 'status',
    description: `only closed ones that closed so (${CLOSE_STATUSES.join('|')}); implies --closed`,
  },
  type: {
    type: 'string',
    short: 't',
    placeholder: 'name[@version]',
    description: 'only executions of this workflow type (any version when omitted)',
  },
  tag: { type: 'string', placeholder: 'tag', description: 'only executions with this tag' },
  'workflow-id': { type: 'string', short: 'w', placeholder: 'id', description: 'only the runs of this workflow id' },
  'started-after': {
    type: 'time',
    placeholder: 'time',
    description: 'only executions started at or after (2026-11-22T09:00Z, or 2h for 2 hours ago)',
  },
  'started-before': { type: 'time', placeholder: 'time', description: 'only executions started at or before' },
  'closed-after': {
    type: 'time',
    placeholder: 'time',
    description: 'only executions closed at or after; implies --closed',
  },
  'closed-before': {
    type: 'time',
    placeholder: 'time',
    description: 'only executions closed at or before; implies --closed',
  },
  limit: { type: 'count', short: 'n', placeholder: 'n', description: 'at most this many', defaultText: 'all' },
  'oldest-first': { type: 'boolean', description: 'oldest first instead of newest first' },
  json: { type: 'boolean', description: 'print {"executionInfos": [...]} as the AWS CLI does' },
  ...SWF_FLAGS,
  ...COMMON_FLAGS,
};

/** The help text of `swf-flow list`. */
export const LIST_HELP = helpText(
  `${CMD} --domain D [--closed] [--status S] [--type T | --tag T | --workflow-id ID] [--started-after T] [--limit N] [--json]`,
  [
    'Lists executions of the domain, newest first: open ones, or with --closed (or a close filter)',
    'closed ones. One line each: workflow id, run id, type, status, start (and close) time. SWF',
    'takes at most one of --status, --type, --tag, --workflow-id, and one time window: started-*',
    'or closed-*.',
  ].join('\n'),
  FLAGS,
  [`Example: ${CMD} -d hello-echo --status FAILED --closed-after 24h -n 20`, SWF_HELP],
);

/** Words for the state of a run that has not closed, which `--status` cannot take. */
const OPEN_WORDS = ['OPEN', 'RUNNING', 'STARTED', 'ACTIVE', 'PENDING', 'IN_PROGRESS'];

/**
 * Why `--status <raw>` is refused, saying what to write: a word for runs still open (even
 * mistyped: `RUNING`) points at the listing's default, `CLOSED` at `--closed`, anything else names
 * the close statuses and the nearest one.
 */
function statusRefusal(raw: string): string {
  const given = `${CMD}: --status '${raw}'`;
  const statuses = `${CLOSE_STATUSES.join(', ')}`;
  if (closest(raw.toUpperCase(), OPEN_WORDS) !== undefined)
    return `${given}: executions still running are what ${CMD} lists without --status (or with --open); --status picks closed executions by how they closed (${statuses})`;
  if (raw.toUpperCase() === 'CLOSED')
    return `${given}: every closed execution is --closed (-c); --status picks closed executions by how they closed (${statuses})`;
  const hint = didYouMean(raw.toUpperCase(), CLOSE_STATUSES, (name) => name);
  return `${given} is not a close status${hint}: --status takes one of ${statuses} and lists closed executions that closed so; executions still running are listed without --status`;
}

/** The {@link ListFilter} the flags ask for, or a usage error naming the conflict. */
function filterOf(flags: Flags): ListFilter {
  const statusText = stringFlag(flags, 'status')?.toUpperCase();
  if (statusText !== undefined && !(CLOSE_STATUSES as readonly string[]).includes(statusText))
    throw new UsageError(statusRefusal(String(flags.status)));
  const byClose = flags['closed-after'] !== undefined || flags['closed-before'] !== undefined;
  const closed = flags.closed === true || statusText !== undefined || byClose;
  if (flags.open === true && closed) {
    throw new UsageError(`${CMD}: --open cannot go with --closed, --status or --closed-after/--closed-before`);
  }
  const one = ['status', 'type', 'tag', 'workflow-id'].filter((name) => flags[name] !== undefined);
  if (one.length > 1)
    throw new UsageError(
      `${CMD}: give at most one of --status, --type, --tag and --workflow-id (SWF filters by one); got ${one.map((n) => `--${n}`).join(', ')}`,
    );
  if (byClose && (flags['started-after'] !== undefined || flags['started-before'] !== undefined)) {
    throw new UsageError(
      `${CMD}: give a start-time window (--started-after/--started-before) or a close-time one (--closed-after/--closed-before), not both`,
    );
  }
  const filter: ListFilter = { status: closed ? 'CLOSED' : 'OPEN' };
  if (statusText !== undefined) filter.closeStatus = statusText as CloseStatus;
  const type = stringFlag(flags, 'type');
  if (type !== undefined) filter.type = type.includes('@') ? parseTypeRef(CMD, type) : { name: type };
  const tag = stringFlag(flags, 'tag');
  if (tag !== undefined) filter.tag = tag;
  const workflowId = stringFlag(flags, 'workflow-id');
  if (workflowId !== undefined) filter.workflowId = workflowId;
  for (const [flag, key] of [
    ['started-after', 'startedAfter'],
    ['started-before', 'startedBefore'],
    ['closed-after', 'closedAfter'],
    ['closed-before', 'closedBefore'],
  ] as const) {
    const value = flags[flag];
    if (value instanceof Date) filter[key] = value;
  }
  for (const [after, before] of [
    ['started-after', 'started-before'],
    ['closed-after', 'closed-before'],
  ] as const) {
    const from = flags[after];
    const to = flags[before];
    if (from instanceof Date && to instanceof Date && from.getTime() > to.getTime())
      throw new UsageError(
        `${CMD}: --${after} (${from.toISOString()}) is later than --${before} (${to.toISOString()}), so no execution can match; ` +
          `swap them (a time ago counts back from now: --${after} 3h --${before} 2h is the hour from 3 to 2 hours ago)`,
      );
  }
  if (flags['oldest-first'] === true) filter.newestFirst = false;
  const limit = flags.limit as number | undefined;
  if (limit !== undefined) filter.pageSize = Math.min(limit, 1000);
  return filter;
}

/** Runs `swf-flow list`. */
export async function listCommand(args: readonly string[], io: CliIo): Promise<number> {
  const flags = parseFlags(CMD, args, FLAGS);
  if (flags.help) {
    io.stdout(LIST_HELP);
    return 0;
  }
  const filter = filterOf(flags);
  const limit = (flags.limit as number | undefined) ?? Infinity;
  const infos: ExecutionInfo[] = [];
  if (limit > 0) {
    for await (const info of workflowClient(CMD, flags, settingsOf(io)).list(filter)) {
      infos.push(info);
      if (infos.length >= limit) break;
    }
  }
  if (flags.json) {
    io.stdout(awsCliJson({ executionInfos: infos }));
    return 0;
  }
  const closed = filter.status === 'CLOSED';
  if (infos.length === 0) {
    io.stdout(`no ${closed ? 'closed' : 'open'} executions match${closed ? '' : ' (try --closed)'}\n`);
    return 0;
  }
  const p = paletteFor(io, flags);
  const header = ['WORKFLOW ID', 'RUN ID', 'TYPE', 'STATUS', 'STARTED', ...(closed ? ['CLOSED'] : [])];
  const rows = infos.map((i) => [
    i.execution?.workflowId ?? '-',
    i.execution?.runId ?? '-',
    i.workflowType ? `${i.workflowType.name}@${i.workflowType.version}` : '-',
    i.executionStatus === 'CLOSED' ? (i.closeStatus ?? 'CLOSED') : (i.executionStatus ?? '-'),
    i.startTimestamp?.toISOString() ?? '-',
    ...(closed ? [i.closeTimestamp?.toISOString() ?? '-'] : []),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const format = (r: string[], colour: boolean): string =>
    r
      .map((cell, c) => {
        const padded = c === r.length - 1 ? cell : cell.padEnd(widths[c] ?? 0);
        return colour && c === 3 ? padded.replace(cell, statusColor(p, cell)) : padded;
      })
      .join('  ');
  io.stdout([p.bold(format(header, false)), ...rows.map((r) => format(r, true))].map((line) => `${line}\n`).join(''));
  return 0;
}
