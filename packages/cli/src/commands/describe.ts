/** `swf-flow describe`: an execution's status, result or failure, pending activities, configuration and latest context. */
import { outcomeOf } from '@swf-flow/client';
import { type FlagSpec, parseFlags } from '../args.js';
import { paletteFor, statusColor } from '../color.js';
import { EXECUTION_FLAGS, executionHandle } from '../execution.js';
import { awsCliJson } from '../format/aws-cli-json.js';
import { failureText, outcomeJson } from '../format/outcome.js';
import { pendingActivities, pendingActivityText } from '../format/pending.js';
import { COMMON_FLAGS, helpText } from '../help.js';
import type { CliIo } from '../io.js';
import { SWF_FLAGS, SWF_HELP } from '../swf-options.js';

const CMD = 'swf-flow describe';

const FLAGS: Record<string, FlagSpec> = {
  ...EXECUTION_FLAGS,
  json: {
    type: 'boolean',
    description:
      "print the DescribeWorkflowExecution response as the AWS CLI does (JSON), plus the run's outcome and pendingActivities",
  },
  ...SWF_FLAGS,
  ...COMMON_FLAGS,
};

/** The help text of `swf-flow describe`. */
export const DESCRIBE_HELP = helpText(
  `${CMD} --domain D --workflow-id ID [--run-id ID] [--json]`,
  [
    "Prints an execution's status, its result or failure once closed, the activities it waits for",
    'while open, its type, task list, timeouts, open counts and latest execution context.',
  ].join('\n'),
  FLAGS,
  [`Example: ${CMD} -d hello-echo -w hello-1`, SWF_HELP],
);

function time(value: Date | undefined): string {
  return value instanceof Date ? value.toISOString() : '-';
}

/** Runs `swf-flow describe`. */
export async function describeCommand(args: readonly string[], io: CliIo): Promise<number> {
  const flags = parseFlags(CMD, args, FLAGS);
  if (flags.help) {
    io.stdout(DESCRIBE_HELP);
    return 0;
  }
  const { client, handle } = executionHandle(CMD, flags, io);
  const out = await handle.describe();
  const info = out.executionInfo;
  const execution = { workflowId: handle.workflowId, runId: info?.execution?.runId ?? handle.runId ?? '' };
  // The history of this very run: its close event, or the activities it waits for.
  const events = await client.getHandle(execution.workflowId, execution.runId).history();
  const last = events.at(-1);
  const outcome =
    info?.executionStatus === 'CLOSED' && last ? outcomeOf(last, execution, client.dataConverter) : undefined;
  const pending = info?.executionStatus === 'OPEN' ? pendingActivities(events) : [];
  if (flags.json) {
    const { $metadata: _metadata, ...rest } = out;
    io.stdout(
      awsCliJson({ ...rest, ...(outcome ? { outcome: outcomeJson(outcome) } : {}), pendingActivities: pending }),
    );
    return 0;
  }
  const p = paletteFor(io, flags);
  const config = out.executionConfiguration;
  const counts = out.openCounts;
  const status =
    info?.executionStatus === 'CLOSED'
      ? `CLOSED (${statusColor(p, info.closeStatus ?? '?')})`
      : statusColor(p, info?.executionStatus ?? '-');
  const rows: [string, string][] = [
    ['workflowId', info?.execution?.workflowId ?? '-'],
    ['runId', info?.execution?.runId ?? '-'],
    ['type', info?.workflowType ? `${info.workflowType.name}@${info.workflowType.version}` : '-'],
    ['status', status],
  ];
  if (outcome?.kind === 'completed') rows.push(['result', JSON.stringify(outcome.result) ?? 'undefined']);
  if (outcome?.kind === 'continued') rows.push(['continuedAs', `run ${outcome.newRunId}`]);
  if (outcome?.kind === 'failed')
    rows.push([
      'failure',
      p.red(failureText(outcome.error.cause ?? outcome.error).replace(/\n/g, `\n${' '.repeat(16)}`)),
    ]);
  if (info?.executionStatus === 'OPEN')
    rows.push([
      'pending',
      pending.length === 0 ? 'no activities' : pending.map(pendingActivityText).join(`\n${' '.repeat(16)}`),
    ]);
  rows.push(
    ['started', time(info?.startTimestamp)],
    ['closed', time(info?.closeTimestamp)],
    ['taskList', config?.taskList?.name ?? '-'],
    [
      'timeouts',
      `execution ${config?.executionStartToCloseTimeout ?? '-'}s, decision task ${config?.taskStartToCloseTimeout ?? '-'}s`,
    ],
    ['childPolicy', config?.childPolicy ?? '-'],
    ['tags', info?.tagList?.join(', ') || '-'],
    ['cancelRequested', String(info?.cancelRequested ?? false)],
    [
      'open',
      `${counts?.openActivityTasks ?? 0} activities, ${counts?.openTimers ?? 0} timers, ${counts?.openChildWorkflowExecutions ?? 0} children, ` +
        `${counts?.openDecisionTasks ?? 0} decision tasks`,
    ],
    ['latestActivity', time(out.latestActivityTaskTimestamp)],
    ['latestContext', out.latestExecutionContext ?? '-'],
  );
  if (info?.parent) rows.push(['parent', `${info.parent.workflowId ?? '?'} (run ${info.parent.runId ?? '?'})`]);
  io.stdout(rows.map(([k, v]) => `${k.padEnd(16)}${v}\n`).join(''));
  return 0;
}
