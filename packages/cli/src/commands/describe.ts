/** `swf-flow describe`: an execution's status, configuration, open counts and latest context. */
import { type FlagSpec, parseFlags } from '../args.js';
import { EXECUTION_FLAGS, executionHandle } from '../execution.js';
import { COMMON_FLAGS, helpText } from '../help.js';
import type { CliIo } from '../io.js';
import { SWF_FLAGS, SWF_HELP } from '../swf-options.js';
import { awsCliJson } from '../format/aws-cli-json.js';

const CMD = 'swf-flow describe';

const FLAGS: Record<string, FlagSpec> = {
  ...EXECUTION_FLAGS,
  json: { type: 'boolean', description: 'print the response as the AWS CLI does (JSON)' },
  ...SWF_FLAGS,
  ...COMMON_FLAGS,
};

/** The help text of `swf-flow describe`. */
export const DESCRIBE_HELP = helpText(
  `${CMD} --domain D --workflow-id ID [--run-id ID] [--json]`,
  "Prints an execution's status, type, task list, timeouts, open counts and latest execution context.",
  FLAGS,
  [`Example: ${CMD} --domain hello-echo --workflow-id hello-1`, SWF_HELP],
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
  const out = await executionHandle(CMD, flags, io).handle.describe();
  if (flags.json) {
    const { $metadata: _metadata, ...rest } = out;
    io.stdout(awsCliJson(rest));
    return 0;
  }
  const info = out.executionInfo;
  const config = out.executionConfiguration;
  const counts = out.openCounts;
  const rows: [string, string][] = [
    ['workflowId', info?.execution?.workflowId ?? '-'],
    ['runId', info?.execution?.runId ?? '-'],
    ['type', info?.workflowType ? `${info.workflowType.name}@${info.workflowType.version}` : '-'],
    ['status', info?.executionStatus === 'CLOSED' ? `CLOSED (${info.closeStatus ?? '?'})` : (info?.executionStatus ?? '-')],
    ['started', time(info?.startTimestamp)],
    ['closed', time(info?.closeTimestamp)],
    ['taskList', config?.taskList?.name ?? '-'],
    ['timeouts', `execution ${config?.executionStartToCloseTimeout ?? '-'}s, decision task ${config?.taskStartToCloseTimeout ?? '-'}s`],
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
  ];
  if (info?.parent) rows.push(['parent', `${info.parent.workflowId ?? '?'} (run ${info.parent.runId ?? '?'})`]);
  io.stdout(rows.map(([k, v]) => `${k.padEnd(16)}${v}\n`).join(''));
  return 0;
}
