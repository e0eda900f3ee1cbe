/**
 * `swf-flow replay --workflow-id ID` / `--open [--type T]`: replays live executions — their
 * histories read from SWF now — against the workflow functions a module exports. The check to run
 * before a deploy: does the new code still match every execution it would take over?
 */
import type { WorkflowClient } from '@swf-flow/client';
import { NonDeterminismError, eventAttributes } from '@swf-flow/common';
import { type WorkflowFunction, replayHistory } from '@swf-flow/testing';
import { type Flags, UsageError, stringFlag } from '../args.js';
import type { Palette } from '../color.js';
import type { CliIo } from '../io.js';
import { settingsOf, workflowClient } from '../swf-options.js';
import { parseTypeRef } from './start.js';

/** One replayed execution, as `--json` prints it. */
export interface LiveReplayReport {
  workflowId: string;
  runId: string;
  /** `name@version`. */
  workflowType: string;
  /** `ok`, `failed`, or `skipped` (its type is not in the module). */
  outcome: 'ok' | 'failed' | 'skipped';
  /** The run's status after the replay (`OPEN`, `COMPLETED`, ...), when it replayed. */
  status?: string;
  /** Why it failed or was skipped; for a NonDeterminismError also the event and the line of code. */
  error?: { name: string; message: string; eventId?: number; location?: string };
}

/** The executions the flags name: one (`--workflow-id`, `--run-id`), or every open one (of `--type`). */
async function targets(
  command: string,
  client: WorkflowClient,
  flags: Flags,
): Promise<{ workflowId: string; runId: string }[]> {
  const workflowId = stringFlag(flags, 'workflow-id');
  if (workflowId !== undefined) {
    const handle = client.getHandle(workflowId, stringFlag(flags, 'run-id'));
    const runId = handle.runId ?? (await handle.describe()).executionInfo?.execution?.runId ?? '';
    return [{ workflowId, runId }];
  }
  const type = stringFlag(flags, 'type');
  const out: { workflowId: string; runId: string }[] = [];
  const filter = type === undefined ? {} : { type: type.includes('@') ? parseTypeRef(command, type) : { name: type } };
  for await (const info of client.list({ status: 'OPEN', ...filter })) {
    if (info.execution?.workflowId && info.execution.runId)
      out.push({ workflowId: info.execution.workflowId, runId: info.execution.runId });
  }
  return out;
}

function errorReport(err: unknown): NonNullable<LiveReplayReport['error']> {
  const e = err instanceof Error ? err : new Error(String(err));
  return {
    name: e.name,
    message: e.message,
    ...(e instanceof NonDeterminismError
      ? { eventId: e.eventId, ...(e.location ? { location: e.location } : {}) }
      : {}),
  };
}

/** Replays one execution's current history. */
async function replayOne(
  client: WorkflowClient,
  execution: { workflowId: string; runId: string },
  workflows: Record<string, WorkflowFunction>,
): Promise<LiveReplayReport> {
  const events = await client.getHandle(execution.workflowId, execution.runId).history();
  const type = events[0]
    ? eventAttributes<{ workflowType?: { name?: string; version?: string } }>(events[0]).workflowType
    : undefined;
  const report: LiveReplayReport = {
    ...execution,
    workflowType: `${type?.name ?? '?'}@${type?.version ?? '?'}`,
    outcome: 'ok',
  };
  if (type?.name !== undefined && !Object.hasOwn(workflows, type.name)) {
    return {
      ...report,
      outcome: 'skipped',
      error: {
        name: 'Skipped',
        message: `the module exports no workflow of type ${type.name} (it has ${Object.keys(workflows).join(', ')})`,
      },
    };
  }
  try {
    const result = await replayHistory({ events }, workflows, { execution, dataConverter: client.dataConverter });
    return { ...report, status: result.status };
  } catch (err) {
    return { ...report, outcome: 'failed', error: errorReport(err) };
  }
}

/** The check's usage errors: what it needs and what does not go with it. */
export function checkLiveFlags(command: string, flags: Flags): void {
  if (flags.open === true && flags['workflow-id'] !== undefined)
    throw new UsageError(`${command}: give --workflow-id (one execution) or --open (every open one), not both`);
  if (flags['run-id'] !== undefined && flags['workflow-id'] === undefined)
    throw new UsageError(`${command}: --run-id needs --workflow-id`);
  if (flags.type !== undefined && flags.open !== true)
    throw new UsageError(`${command}: --type goes with --open (every open execution of the type)`);
}

/** Runs the live check; prints one line per execution (or `--json`); exit 1 if any failed. */
export async function replayLive(
  command: string,
  flags: Flags,
  workflows: Record<string, WorkflowFunction>,
  io: CliIo,
  p: Palette,
): Promise<number> {
  const client = workflowClient(command, flags, settingsOf(io));
  const reports: LiveReplayReport[] = [];
  for (const execution of await targets(command, client, flags)) {
    const report = await replayOne(client, execution, workflows);
    reports.push(report);
    if (flags.json) continue;
    const who = `${report.workflowId} (run ${report.runId}, ${report.workflowType})`;
    if (report.outcome === 'ok') io.stdout(`${p.green('ok  ')} ${who}  ${report.status ?? ''}\n`);
    else if (report.outcome === 'skipped') io.stdout(`${p.yellow('skip')} ${who}  ${report.error?.message ?? ''}\n`);
    else {
      const at = report.error?.location ? `\n      ${p.bold(`at ${report.error.location}`)}` : '';
      io.stdout(
        `${p.red('FAIL')} ${who}  ${report.error?.name}: ${report.error?.message.replace(/\n/g, '\n      ')}${at}\n`,
      );
    }
  }
  const failed = reports.filter((r) => r.outcome === 'failed').length;
  const ok = reports.filter((r) => r.outcome === 'ok').length;
  const skipped = reports.length - ok - failed;
  if (flags.json) io.stdout(`${JSON.stringify({ executions: reports, ok, failed, skipped }, null, 2)}\n`);
  else if (reports.length === 0)
    io.stdout(
      `no ${flags.open ? `open executions${flags.type ? ` of ${String(flags.type)}` : ''}` : 'execution'} to replay\n`,
    );
  else
    io.stdout(
      `${reports.length} ${reports.length === 1 ? 'execution' : 'executions'} replayed: ${ok} ok, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`,
    );
  return failed > 0 ? 1 : 0;
}
