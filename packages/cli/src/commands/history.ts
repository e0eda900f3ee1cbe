/** `swf-flow history`: an execution's events, one readable line each, or as the AWS CLI's JSON. */
import { type FlagSpec, parseFlags } from '../args.js';
import { EXECUTION_FLAGS, executionHandle } from '../execution.js';
import { historyJson } from '../format/aws-cli-json.js';
import { EventLines } from '../format/event-line.js';
import { HELP_FLAG, helpText } from '../help.js';
import type { CliIo } from '../io.js';
import { SWF_FLAGS, SWF_HELP } from '../swf-options.js';

const CMD = 'swf-flow history';

const FLAGS: Record<string, FlagSpec> = {
  ...EXECUTION_FLAGS,
  json: { type: 'boolean', description: "print {\"events\": [...]} exactly as 'aws swf get-workflow-execution-history' does" },
  ...SWF_FLAGS,
  ...HELP_FLAG,
};

/** The help text of `swf-flow history`. */
export const HISTORY_HELP = helpText(
  `${CMD} --domain D --workflow-id ID [--run-id ID] [--json]`,
  "Prints an execution's history (every page, oldest first): one line per event, or with --json the\nAWS CLI's JSON, which saved to a file is a fixture for 'swf-flow replay' and replayHistory().",
  FLAGS,
  [`Example: ${CMD} --endpoint http://127.0.0.1:8787 --domain hello-echo --workflow-id hello-1 --json > test/fixtures/hello-1.json`, SWF_HELP],
);

/** Runs `swf-flow history`. */
export async function historyCommand(args: readonly string[], io: CliIo): Promise<number> {
  const flags = parseFlags(CMD, args, FLAGS);
  if (flags.help) {
    io.stdout(HISTORY_HELP);
    return 0;
  }
  const events = await executionHandle(CMD, flags).history();
  if (flags.json) {
    io.stdout(historyJson(events));
    return 0;
  }
  const lines = new EventLines();
  io.stdout(events.map((e) => `${lines.line(e)}\n`).join(''));
  return 0;
}
