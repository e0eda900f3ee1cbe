/**
 * `swf-flow replay`: replays recorded histories (files, or folders of `.json`/`.jsonl` files) — or live
 * executions, read from SWF now (replay-live.ts) — against the workflow functions a module
 * exports; one line per history; exit 1 if any fails. For CI, and before a deploy.
 */
import { statSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import {
  type HistoryReplayReport,
  HistoryReplayError,
  type WorkflowFunction,
  replayHistories,
} from '@swf-flow/testing';
import { type FlagSpec, UsageError, parseCommandLine, requireFlag } from '../args.js';
import { COMMON_FLAGS, helpText } from '../help.js';
import type { CliIo } from '../io.js';
import { loadWorkflows } from '../load-workflows.js';
import { paletteFor } from '../color.js';
import { SWF_FLAGS } from '../swf-options.js';
import { checkLiveFlags, replayLive } from './replay-live.js';

const CMD = 'swf-flow replay';

const FLAGS: Record<string, FlagSpec> = {
  workflows: {
    type: 'string',
    placeholder: 'module',
    description: 'module exporting the workflow functions (required)',
  },
  'workflow-id': {
    type: 'string',
    short: 'w',
    placeholder: 'id',
    description:
      "without files: the live execution to replay; with files: the execution's workflow id, for a history that does not carry it (the AWS CLI's output)",
  },
  'run-id': {
    type: 'string',
    short: 'r',
    placeholder: 'id',
    description: "the execution's run id (seeds Math.random() and uuid4()), with --workflow-id",
  },
  open: { type: 'boolean', description: 'replay every open execution of the domain (of --type) as it is now' },
  type: {
    type: 'string',
    short: 't',
    placeholder: 'name[@version]',
    description: 'with --open: only executions of this workflow type',
  },
  json: { type: 'boolean', description: 'print the reports as JSON' },
  ...SWF_FLAGS,
  ...COMMON_FLAGS,
};

/** The help text of `swf-flow replay`. */
export const REPLAY_HELP = helpText(
  `${CMD} <file-or-folder>... --workflows <module>\n       ${CMD} --workflows <module> (--workflow-id ID [--run-id ID] | --open [--type T]) --domain D`,
  [
    "Replays each history (a file saved from 'swf-flow history --json' (or --follow --json, JSON",
    "Lines) or 'aws swf get-workflow-execution-history' (its pages one after another are one",
    "history), or a folder of .json/.jsonl files, recursively) against the module's",
    'exported workflow functions (one by one, or in an exported array such as the workflows list',
    'of a worker module), by workflow type name. A history saved by swf-flow carries its',
    "execution's ids; give --workflow-id and --run-id for one that does not. Prints one line per history",
    "('ok  <file>  COMPLETED' / 'FAIL <file>  <error>') and exits 1 if any failed: run it in CI to",
    'catch a workflow change that would break running executions.',
    '',
    'Without files, replays live executions, their histories read from SWF now: one (--workflow-id,',
    '--run-id: the open run, else the latest), or every open one (--open, of --type). Run it before a',
    'deploy: each line says ok, or FAIL with the NonDeterminismError and the line of workflow code',
    'that no longer matches; executions of types the module does not export are skipped.',
  ].join('\n'),
  FLAGS,
  [
    `Example: ${CMD} test/fixtures --workflows dist/workflows.js`,
    `Example: ${CMD} --workflows dist/workflows.js -d orders --open --type OrderWorkflow`,
    'The module is imported as is: built JavaScript works everywhere; a .ts module works when the\n' +
      "command runs through tsx (as the repository's 'npx swf-flow' does).",
  ],
);

function shown(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? file : rel;
}

function errorText(error: Error): string {
  return `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}`.replace(/\n/g, '\n      ');
}

/** What `replayHistories` advises for a workflow type it was not given, said for the command line: export it from the module. */
const NOT_GIVEN =
  /^(the history is of workflow type '([^']*)', which is not among the workflows given \([^)]*\)); add .*$/s;

/** A replay error as the command line should say it (the library's advice is about code that calls it). */
function forCommandLine(error: Error, modulePath: string): Error {
  const m = NOT_GIVEN.exec(error.message);
  if (!m) return error;
  const said = new Error(
    `${m[1]}: export the workflow function defined with name '${m[2]}' from ${modulePath} (a named export, or in an exported list)`,
    { cause: error },
  );
  said.name = error.name;
  return said;
}

async function replayTarget(
  target: string,
  workflows: Record<string, WorkflowFunction>,
  execution: { workflowId: string; runId: string } | undefined,
  report: (r: HistoryReplayReport) => void,
): Promise<void> {
  let isDir: boolean;
  try {
    isDir = statSync(target).isDirectory();
  } catch {
    report({
      file: target,
      ok: false,
      error: new Error(`no such file or folder; pass history files or folders of them`),
    });
    return;
  }
  try {
    await replayHistories(isDir ? target : [target], workflows, {
      onReport: report,
      ...(execution ? { execution } : {}),
    });
  } catch (err) {
    if (err instanceof HistoryReplayError) return; // each failure was reported already
    report({ file: target, ok: false, error: err instanceof Error ? err : new Error(String(err)) });
  }
}

/** Runs `swf-flow replay`. */
export async function replayCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseCommandLine(CMD, args, FLAGS);
  if (flags.help) {
    io.stdout(REPLAY_HELP);
    return 0;
  }
  const modulePath = requireFlag(CMD, flags, 'workflows', 'the module that exports your workflow functions');
  const live = positionals.length === 0 && (flags['workflow-id'] !== undefined || flags.open === true);
  if (live) checkLiveFlags(CMD, flags);
  else if (positionals.length === 0) {
    throw new UsageError(
      `${CMD}: name at least one history file or folder to replay, or a live execution (--workflow-id ID, or --open); see '${CMD} --help'`,
    );
  } else if (flags.open === true || flags.type !== undefined) {
    throw new UsageError(`${CMD}: --open and --type replay live executions; leave them out when replaying files`);
  }
  const p = paletteFor(io, flags);
  if (live) return replayLive(CMD, flags, await loadWorkflows(CMD, modulePath), io, p);
  const workflowId = flags['workflow-id'] as string | undefined;
  const runId = flags['run-id'] as string | undefined;
  if ((workflowId === undefined) !== (runId === undefined)) {
    throw new UsageError(
      `${CMD}: give --workflow-id and --run-id together (the execution a history without its ids belongs to)`,
    );
  }
  const execution = workflowId !== undefined && runId !== undefined ? { workflowId, runId } : undefined;
  const workflows = await loadWorkflows(CMD, modulePath);
  let ok = 0;
  let failed = 0;
  const reports: unknown[] = [];
  const report = (given: HistoryReplayReport): void => {
    const r = given.ok ? given : { ...given, error: forCommandLine(given.error, modulePath) };
    if (r.ok) ok++;
    else failed++;
    if (flags.json)
      reports.push(
        r.ok
          ? { file: shown(r.file), ok: true, status: r.result.status }
          : { file: shown(r.file), ok: false, error: { name: r.error.name, message: r.error.message } },
      );
    else if (r.ok) io.stdout(`${p.green('ok ')} ${shown(r.file)}  ${r.result.status}\n`);
    else io.stdout(`${p.red('FAIL')} ${shown(r.file)}  ${errorText(r.error)}\n`);
  };
  for (const target of positionals) await replayTarget(target, workflows, execution, report);
  if (flags.json) io.stdout(`${JSON.stringify({ histories: reports, ok, failed }, null, 2)}\n`);
  else
    io.stdout(`${ok + failed} ${ok + failed === 1 ? 'history' : 'histories'} replayed: ${ok} ok, ${failed} failed\n`);
  return failed > 0 ? 1 : 0;
}
