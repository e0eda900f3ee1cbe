/**
 * `replayHistories`: replays a folder (or list) of recorded histories, the regression suite that
 * tells whether a workflow change breaks running executions.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SwfFlowError, ValidationError } from '@swf-flow/common';
import { callerFrames, restack } from './error-stack.js';
import { checkArgumentOrder, checkReplayOptions } from './replay-options.js';
import { replayAt, type ReplayOptions, type ReplayResult, type WorkflowsToReplay } from './replay-history.js';
import type { HistorySource } from './load-history.js';
import { shownPath } from './shown-path.js';

/** The outcome of one history. */
export type HistoryReplayReport =
  { file: string; ok: true; result: ReplayResult } | { file: string; ok: false; error: Error };

/**
 * Options of {@link replayHistories}. `execution` is for histories that do not carry their
 * execution (the AWS CLI's output); one that does must agree with it.
 */
export interface ReplayHistoriesOptions extends ReplayOptions {
  /** Called after each history, in order (e.g. to print a line per file). */
  onReport?: (report: HistoryReplayReport) => void;
}

/**
 * Thrown by {@link replayHistories} when any history failed. The message is the whole report:
 * every failing file with its error's name and message (a NonDeterminismError's says both ways out:
 * guard the change with `patched()`, or record that file again, with the command; a
 * DeterminismViolationError's names the line of workflow code). The errors themselves are in
 * `failures` (not a `cause`): a test runner or node
 * prints the message and the stack, not every inner error and its stack again (`failures` and
 * `reports` are not enumerable, and `toJSON()` gives the name and the message).
 */
export class HistoryReplayError extends SwfFlowError {
  /** The failed histories, each with its error. */
  declare readonly failures: { file: string; error: Error }[];
  /** Every history's outcome. */
  declare readonly reports: HistoryReplayReport[];

  constructor(reports: HistoryReplayReport[]) {
    const failures = reports.flatMap((r) => (r.ok ? [] : [{ file: r.file, error: r.error }]));
    super(
      `${failures.length} of ${reports.length} histories failed to replay:\n` +
        failures.map((f) => `  ${shownPath(f.file)}: ${f.error.name}: ${f.error.message}`).join('\n'),
    );
    Object.defineProperties(this, {
      failures: { value: failures, enumerable: false },
      reports: { value: reports, enumerable: false },
    });
  }

  /** The name and the message (what `JSON.stringify` and vitest's error serializer show). */
  toJSON(): { name: string; message: string } {
    return { name: this.name, message: this.message };
  }
}
Object.defineProperty(HistoryReplayError.prototype, 'name', { value: 'HistoryReplayError' });

function listJson(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listJson(path));
    else if (entry.name.endsWith('.json') || entry.name.endsWith('.jsonl')) out.push(path);
  }
  return out;
}

/**
 * Replays every history of a folder (its `.json` and `.jsonl` files, recursively, in name order) or of a list
 * (paths, or `{ file, history }` pairs), each against `workflows`.
 *
 * @returns one report per history, when all replayed clean (each `file` under the folder as it was named,
 *   relative when it was given relative).
 * @throws HistoryReplayError naming every history that failed (with its error), after trying all.
 * @throws ValidationError when the folder does not exist or holds no `.json` or `.jsonl` file.
 * @example
 * ```ts
 * await replayHistories('test/fixtures', { SerialWorkflow: serialWorkflow });
 * ```
 */
export async function replayHistories(
  dirOrList: string | ReadonlyArray<string | { file: string; history: HistorySource }>,
  workflows: WorkflowsToReplay,
  options: ReplayHistoriesOptions = {},
): Promise<HistoryReplayReport[]> {
  const caller = callerFrames(replayHistories);
  checkArgumentOrder(dirOrList, workflows, 'replayHistories');
  checkReplayOptions(options, 'replayHistories', ['onReport']);
  let items: { file: string; history: HistorySource }[];
  if (typeof dirOrList === 'string') {
    let isDir = false;
    try {
      isDir = statSync(dirOrList).isDirectory();
    } catch {
      isDir = false;
    }
    if (!isDir)
      throw new ValidationError(
        `replayHistories: ${dirOrList} is not a folder; pass a folder of .json histories or a list of files`,
      );
    items = listJson(dirOrList).map((file) => ({ file, history: file }));
    if (items.length === 0) throw new ValidationError(`replayHistories: ${dirOrList} holds no .json or .jsonl history`);
  } else if (Array.isArray(dirOrList)) {
    items = dirOrList.map((item) => (typeof item === 'string' ? { file: item, history: item } : item));
  } else {
    throw new ValidationError('replayHistories: pass a folder path or a list of history files');
  }
  const { onReport, ...replayOptions } = options;
  const reports: HistoryReplayReport[] = [];
  for (const { file, history } of items) {
    let report: HistoryReplayReport;
    try {
      report = { file, ok: true, result: await replayAt(history, file, workflows, replayOptions) };
    } catch (err) {
      report = { file, ok: false, error: err instanceof Error ? err : new Error(String(err)) };
    }
    reports.push(report);
    onReport?.(report);
  }
  if (reports.some((r) => !r.ok)) {
    const err = new HistoryReplayError(reports);
    restack(err, caller); // the test's line, not this function's
    throw err;
  }
  return reports;
}
