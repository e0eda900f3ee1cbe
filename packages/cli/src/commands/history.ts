/** `swf-flow history`: an execution's events, one readable line each, or as the AWS CLI's JSON. */
import { type FlagSpec, parseFlags } from '../args.js';
import { eventAttributes, type HistoryEvent } from '@swf-flow/common';
import { EXECUTION_FLAGS, executionHandle } from '../execution.js';
import { awsCliJson } from '../format/aws-cli-json.js';
import { EventLines } from '../format/event-line.js';
import { COMMON_FLAGS, helpText } from '../help.js';
import type { CliIo } from '../io.js';
import { SWF_FLAGS, SWF_HELP } from '../swf-options.js';

const CMD = 'swf-flow history';

const FLAGS: Record<string, FlagSpec> = {
  ...EXECUTION_FLAGS,
  json: {
    type: 'boolean',
    description: "print {\"events\": [...]} as 'aws swf get-workflow-execution-history' does, plus the execution's workflowExecution and workflowType (a replay fixture)",
  },
  ...SWF_FLAGS,
  ...COMMON_FLAGS,
};

/** The help text of `swf-flow history`. */
export const HISTORY_HELP = helpText(
  `${CMD} --domain D --workflow-id ID [--run-id ID] [--json]`,
  "Prints an execution's history (every page, oldest first): one line per event, or with --json the\nAWS CLI's JSON with the execution's ids and type beside the events, which saved to a file is a\nfixture for 'swf-flow replay' and replayHistory() (the run id seeds Math.random() and uuid4()).",
  FLAGS,
  [`Example: ${CMD} --domain hello-echo --workflow-id hello-1 --json > test/fixtures/hello-1.json`, SWF_HELP],
);

/** Runs `swf-flow history`. */
export async function historyCommand(args: readonly string[], io: CliIo): Promise<number> {
  const flags = parseFlags(CMD, args, FLAGS);
  if (flags.help) {
    io.stdout(HISTORY_HELP);
    return 0;
  }
  const { client, handle } = executionHandle(CMD, flags, io);
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
  io.stdout(events.map((e) => `${lines.line(e)}\n`).join(''));
  return 0;
}

/**
 * A replay fixture: the AWS CLI's history JSON, then `workflowExecution` and `workflowType` (the
 * field names of a PollForDecisionTask response), so that a replay knows the run's ids.
 */
function fixtureJson(events: readonly HistoryEvent[], workflowExecution: { workflowId: string; runId: string }): string {
  const first = events[0];
  const type = first ? eventAttributes<{ workflowType?: { name: string; version: string } }>(first).workflowType : undefined;
  return awsCliJson({ events, workflowExecution, ...(type ? { workflowType: { name: type.name, version: type.version } } : {}) });
}
