/** `swf-flow history`: an execution's events, one readable line each, or as the AWS CLI's JSON. */
import type { WorkflowHandle } from '@swf-flow/client';
import { type FlagSpec, type Flags, parseFlags } from '../args.js';
import { paletteFor } from '../color.js';
import { eventAttributes, type HistoryEvent } from '@swf-flow/common';
import { EXECUTION_FLAGS, executionHandle } from '../execution.js';
import { awsCliJson, awsCliJsonLine } from '../format/aws-cli-json.js';
import { EventLines } from '../format/event-line.js';
import { COMMON_FLAGS, helpText } from '../help.js';
import type { CliIo } from '../io.js';
import { refuseWaitingOffline } from '../offline-service.js';
import { SWF_FLAGS, SWF_HELP } from '../swf-options.js';
import { isCloseEvent } from '../watch-run.js';

const CMD = 'swf-flow history';

const FLAGS: Record<string, FlagSpec> = {
  ...EXECUTION_FLAGS,
  follow: {
    type: 'boolean',
    short: 'f',
    description: 'keep printing new events as they land, until the run closes (Ctrl-C stops)',
  },
  json: {
    type: 'boolean',
    description:
      "print {\"events\": [...]} as 'aws swf get-workflow-execution-history' does, plus the execution's workflowExecution and workflowType (a replay fixture)",
  },
  ...SWF_FLAGS,
  ...COMMON_FLAGS,
};

/** The help text of `swf-flow history`. */
export const HISTORY_HELP = helpText(
  `${CMD} --domain D --workflow-id ID [--run-id ID] [--follow] [--json]`,
  [
    "Prints an execution's history (every page, oldest first): one line per event, or with --json the",
    "AWS CLI's JSON with the execution's ids and type beside the events, which saved to a file is a",
    "fixture for 'swf-flow replay' and replayHistory() (the run id seeds Math.random() and uuid4()).",
    'With --follow, keeps printing new events as they land until the run closes (with --json: one',
    'event per line, JSON Lines).',
  ].join('\n'),
  FLAGS,
  [`Example: ${CMD} -d hello-echo -w hello-1 --json > test/fixtures/hello-1.json`, SWF_HELP],
);

/** Runs `swf-flow history`. */
export async function historyCommand(args: readonly string[], io: CliIo): Promise<number> {
  const flags = parseFlags(CMD, args, FLAGS);
  if (flags.help) {
    io.stdout(HISTORY_HELP);
    return 0;
  }
  const { client, handle } = executionHandle(CMD, flags, io);
  if (flags.follow) {
    await refuseWaitingOffline(client, handle);
    return follow(handle, io, flags);
  }
  if (flags.json) {
    // Pin the run first (without --run-id: the open run, else the latest), so the ids match the events.
    const execution = (await handle.describe()).executionInfo?.execution;
    const runId = execution?.runId ?? '';
    const events = await (handle.runId === undefined ? client.getHandle(handle.workflowId, runId) : handle).history();
    io.stdout(fixtureJson(events, { workflowId: handle.workflowId, runId }));
    return 0;
  }
  const events = await handle.history();
  const lines = new EventLines();
  const p = paletteFor(io, flags);
  io.stdout(events.map((e) => `${lines.line(e, p)}\n`).join(''));
  return 0;
}

/** `--follow`: every event, then new ones as they land, until the close event or Ctrl-C. */
async function follow(handle: WorkflowHandle, io: CliIo, flags: Flags): Promise<number> {
  const lines = new EventLines();
  const p = paletteFor(io, flags);
  let last: HistoryEvent | undefined;
  for await (const event of handle.followHistory({ signal: io.signal })) {
    io.stdout(flags.json ? awsCliJsonLine(event) : `${lines.line(event, p)}\n`);
    last = event;
  }
  if (!last || !isCloseEvent(last)) return 130; // stopped before the run closed
  const next = eventAttributes<{ newExecutionRunId?: string }>(last).newExecutionRunId;
  if (next)
    io.stderr(
      `${CMD}: the run continued as new run ${next}; follow it with --workflow-id ${handle.workflowId} --run-id ${next} --follow\n`,
    );
  return 0;
}

/**
 * A replay fixture: the AWS CLI's history JSON, then `workflowExecution` and `workflowType` (the
 * field names of a PollForDecisionTask response), so that a replay knows the run's ids.
 */
function fixtureJson(
  events: readonly HistoryEvent[],
  workflowExecution: { workflowId: string; runId: string },
): string {
  const first = events[0];
  const type = first
    ? eventAttributes<{ workflowType?: { name: string; version: string } }>(first).workflowType
    : undefined;
  return awsCliJson({
    events,
    workflowExecution,
    ...(type ? { workflowType: { name: type.name, version: type.version } } : {}),
  });
}
