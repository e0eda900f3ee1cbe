/** `swf-flow <command>`: dispatch to subcommands; usage errors exit 2, failures exit 1. */
import { UsageError } from './args.js';
import { didYouMean } from '@swf-flow/common';
import { cancelCommand } from './commands/cancel.js';
import { describeCommand } from './commands/describe.js';
import { devCommand } from './commands/dev.js';
import { historyCommand } from './commands/history.js';
import { initCommand } from './commands/init.js';
import { listCommand } from './commands/list.js';
import { replayCommand } from './commands/replay.js';
import { resultCommand } from './commands/result.js';
import { serverCommand } from './commands/server.js';
import { signalCommand } from './commands/signal.js';
import { startCommand } from './commands/start.js';
import { terminateCommand } from './commands/terminate.js';
import { closeOfflineServices } from './offline-service.js';
import { explainError } from './explain-error.js';
import type { CliIo } from './io.js';
import { cliVersion } from './version.js';

/** A subcommand: its one-line summary and how it runs. */
interface Command {
  summary: string;
  run(args: readonly string[], io: CliIo): Promise<number>;
}

const COMMANDS: Record<string, Command> = {
  dev: { summary: 'run the local service and its web UI for development, printing both addresses', run: devCommand },
  server: { summary: 'run the local SWF-compatible service and its web UI', run: serverCommand },
  start: { summary: 'start a workflow execution (--wait: its progress, then its result)', run: startCommand },
  result: { summary: "wait for an execution's result or failure, showing its progress", run: resultCommand },
  describe: { summary: "show an execution's status, result or failure, pending activities", run: describeCommand },
  history: {
    summary: "print an execution's history (--follow: as it grows; --json: a replay fixture)",
    run: historyCommand,
  },
  list: {
    summary: 'list executions, with every SWF filter (--closed, --status, --type, --tag, times)',
    run: listCommand,
  },
  signal: { summary: 'send a signal to an execution', run: signalCommand },
  cancel: { summary: 'request cancellation of an execution', run: cancelCommand },
  terminate: { summary: 'terminate an execution at once', run: terminateCommand },
  replay: {
    summary: 'replay recorded histories (CI) or live executions (before a deploy) against workflow code',
    run: replayCommand,
  },
  init: { summary: 'write a new project (as npm create swf-flow)', run: initCommand },
};

/** The top-level help text. */
export const HELP = [
  'Usage: swf-flow <command> [options]',
  '',
  'Commands:',
  ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(12)}${c.summary}`),
  '',
  'Options:',
  '  -h, --help      show this help',
  '  -v, --version   print the version',
  '',
  "Run 'swf-flow <command> --help' (or 'swf-flow help <command>') for a command's options.",
  '',
].join('\n');

function defaultIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    signal: new AbortController().signal,
  };
}

/**
 * Runs the `swf-flow` command with `argv` (without `node` and the script) and resolves with the exit
 * status: 0 on success, 1 on failure, 2 on a usage error.
 *
 * @example
 * ```ts
 * const stop = new AbortController();
 * const status = main(['server', '--port', '0'], { stdout: console.log, stderr: console.error, signal: stop.signal });
 * stop.abort(); // shuts the server down; `status` resolves to 0
 * ```
 */
export async function main(argv: readonly string[], io: CliIo = defaultIo()): Promise<number> {
  const [first, ...afterFirst] = argv;
  if (first === '--version' || first === '-v') {
    io.stdout(`${cliVersion()}\n`);
    return 0;
  }
  // `swf-flow help <command>` is `swf-flow <command> --help`.
  const [name, rest] =
    first === 'help' && afterFirst[0] !== undefined ? [afterFirst[0], ['--help']] : [first, afterFirst];
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(HELP);
    return name === undefined ? 2 : 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    const hint = didYouMean(name, Object.keys(COMMANDS), (n) => `'${n}'`);
    io.stderr(`swf-flow: unknown command '${name}'${hint}; run 'swf-flow --help' for the commands\n\n${HELP}`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`${err.message}\n`);
      return 2;
    }
    io.stderr(`swf-flow ${name}: ${explainError(err)}\n`);
    return 1;
  } finally {
    closeOfflineServices(io); // a stopped local service the command opened (offline-service.ts)
  }
}
