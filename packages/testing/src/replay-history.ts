/**
 * `replayHistory`: runs workflow code against a recorded (or built) history, exactly as a decider
 * would, and returns what the code decides now. The unit test of a workflow.
 */
import {
  DeterminismViolationError,
  NonDeterminismError,
  ValidationError,
  eventAttributes,
  workflowTypeInfo,
  type DataConverter,
  type Decision,
  type HistoryEvent,
  type Logger,
  type WorkflowFunction,
} from '@swf-flow/common';
import { checkHistoryOrder, checkReplaysAgain, WorkflowExecutor, type ActivationResult } from '@swf-flow/workflow';
import { callerFrames, restack } from './error-stack.js';
import { checkArgumentOrder, checkReplayOptions } from './replay-options.js';
import { shownLocation, shownPath } from './shown-path.js';
import { StreamReadError, streamHistory, type StreamedHistory } from './history-stream.js';
import {
  isJsonText,
  loadFixture,
  sourceText,
  type ExecutionIds,
  type HistoryFixture,
  type HistorySource,
} from './load-history.js';

export type { WorkflowFunction };

/**
 * The workflow(s) to replay: one function (replayed whatever the history's type), a list of
 * functions made with `defineWorkflow` (each replays the histories of its type, as a `Worker`'s
 * `workflows` list serves them), or a map of workflow type name to function.
 */
export type WorkflowsToReplay =
  WorkflowFunction | readonly WorkflowFunction[] | Readonly<Record<string, WorkflowFunction>>;

/** Options of {@link replayHistory}. */
export interface ReplayOptions {
  /** The data converter the workflow's worker uses. @default jsonDataConverter */
  dataConverter?: DataConverter;
  /** Where the workflow's `log` goes during the replay. @default the executor's default (silent) */
  logger?: Logger;
  /**
   * The execution's ids: `workflowInfo()` shows them and the run id seeds `Math.random()`,
   * `uuid4()` and `crypto.randomUUID()`. A fixture saved by `swf-flow history --json` carries them
   * (`workflowExecution`); pass them for a history that does not (the AWS CLI's output). Given
   * both, they must agree.
   * @default the fixture's `workflowExecution`, else placeholder ids
   */
  execution?: ExecutionIds;
}

/** What the workflow code decided at the end of the history. */
export interface ReplayResult {
  /**
   * For an open history (ending with `DecisionTaskStarted`): what the code decides now, the
   * decisions a decider would send. For a history whose decisions are all recorded (closed, or
   * waiting for events): none.
   */
  decisions: Decision[];
  /** `OPEN`, or how the run closed (in the history) or closes (by these decisions). */
  status: ActivationResult['status'];
  /** The workflow's result, if it completed. */
  result?: unknown;
  /** The error the workflow failed (or was cancelled) with. */
  failure?: Error;
}

function startedType(events: readonly HistoryEvent[]): string {
  const first = events[0];
  if (first?.eventType !== 'WorkflowExecutionStarted') {
    throw new ValidationError(
      `a history to replay starts with WorkflowExecutionStarted; this one starts with ${first?.eventType ?? 'nothing'} (event ${first?.eventId ?? '-'}). ` +
        'Fetch the whole history (all pages, oldest first).',
    );
  }
  const name = eventAttributes<{ workflowType?: { name?: string } }>(first).workflowType?.name;
  if (!name) throw new ValidationError('WorkflowExecutionStarted (event 1) has no workflowType.name');
  return name;
}

function workflowMap(workflows: WorkflowsToReplay, typeName: string): Record<string, WorkflowFunction> {
  if (typeof workflows === 'function') return { [typeName]: workflows };
  if (typeof workflows !== 'object' || workflows === null) {
    throw new ValidationError(
      'workflow must be a workflow function, a list of them, or a map of workflow type name to function',
    );
  }
  const byType: Record<string, WorkflowFunction> = Array.isArray(workflows)
    ? Object.fromEntries((workflows as readonly WorkflowFunction[]).map((fn) => [workflowTypeInfo(fn).name, fn]))
    : { ...(workflows as Readonly<Record<string, WorkflowFunction>>) };
  if (!(typeName in byType)) {
    throw new ValidationError(
      `the history is of workflow type '${typeName}', which is not among the workflows given (${Object.keys(byType).join(', ') || 'none'}); ` +
        (Array.isArray(workflows)
          ? `add the workflow function defined with name '${typeName}' to the list`
          : `add { '${typeName}': yourWorkflow }`),
    );
  }
  return byType;
}

/** The execution to replay as: the fixture's, or the one given, which must agree when both are. */
function executionFor(
  fixture: Omit<HistoryFixture, 'events'>,
  given: ExecutionIds | undefined,
): ExecutionIds | undefined {
  if (
    given !== undefined &&
    (typeof given !== 'object' ||
      given === null ||
      typeof given.workflowId !== 'string' ||
      typeof given.runId !== 'string')
  ) {
    throw new ValidationError(`execution must be { workflowId: string, runId: string }; got ${JSON.stringify(given)}`);
  }
  const saved = fixture.workflowExecution;
  if (saved && given && (saved.workflowId !== given.workflowId || saved.runId !== given.runId)) {
    throw new ValidationError(
      `the history was saved from workflowId ${saved.workflowId}, runId ${saved.runId} (its workflowExecution), but execution says ` +
        `workflowId ${given.workflowId}, runId ${given.runId}: leave execution out for a fixture that carries its own, or pass the matching history`,
    );
  }
  return given ?? saved;
}

/**
 * Replays a history against workflow code to its end and returns what the code decides.
 *
 * @param history - a fixture saved by `swf-flow history --json` (the AWS CLI's `{"events": [...]}`
 *   with `workflowExecution` and `workflowType` beside the events), what `aws swf
 *   get-workflow-execution-history` prints, an SDK response, an array of events, or the path of a
 *   JSON file holding one of those. JSON text and files are streamed: the events are parsed a
 *   page at a time as the replay consumes them (`WorkflowExecutor.processPages`), not all at once,
 *   with the same answer and the same errors as a replay of the whole document.
 * @param workflow - the workflow function (used whatever the history's type name), a list of
 *   workflow functions (by the type names `defineWorkflow` gave them), or a map of workflow type
 *   name to function.
 * @returns the decisions for the newest decision task, the run's status, and its result or failure.
 * @throws NonDeterminismError when the code no longer matches the history (the message names the
 *   event, what it recorded, what the code did, and where in the code).
 * @throws DeterminismViolationError when the workflow code did something replay cannot reproduce
 *   (a real timer, I/O, ...) and did not catch it: a worker would fail the decision task. Also when
 *   the code keeps state outside the run: the history is replayed twice, by two executors in this
 *   process, and the two must decide the same (a module-level variable that runs write breaks that).
 * @throws InvalidHistoryError when the history is not one SWF recorded for one run (an event refers
 *   to a missing event, one page of a paged history, a history cut inside a task's decisions).
 * @throws ValidationError when the history is malformed or its workflow type is not given.
 * @example
 * ```ts
 * const { decisions } = await replayHistory('test/fixtures/open-after-a.json', serialWorkflow);
 * expect(decisions[0]).toMatchObject({ decisionType: 'ScheduleActivityTask' });
 * ```
 */
export async function replayHistory(
  history: HistorySource,
  workflow: WorkflowsToReplay,
  options: ReplayOptions = {},
): Promise<ReplayResult> {
  checkArgumentOrder(history, workflow, 'replayHistory');
  checkReplayOptions(options, 'replayHistory');
  return replayAt(
    history,
    typeof history === 'string' ? history : undefined,
    workflow,
    options,
    callerFrames(replayHistory),
  );
}

/**
 * {@link replayHistory} of a history that `file` names (the path given, or the file a
 * `{ file, history }` pair of replayHistories names; a string that is not a path is not one). Its
 * errors' messages name the file as given (relative to the working folder when inside it), and its
 * errors' stacks end with `caller`'s frames (the replaying call's by default).
 * @internal
 */
export async function replayAt(
  history: HistorySource,
  file: string | undefined,
  workflow: WorkflowsToReplay,
  options: ReplayOptions = {},
  caller: string = callerFrames(replayAt),
): Promise<ReplayResult> {
  const text = sourceText(history);
  const streamed = text === undefined ? undefined : streamHistory(text);
  let first = streamed?.first;
  try {
    if (streamed) {
      const result = await replayStreamed(history, streamed, workflow, options);
      if (result) return result;
    }
    const fixture = loadFixture(history);
    const events = fixture.events;
    first = events[0];
    const type = startedType(events);
    const workflows = workflowMap(workflow, type);
    const execution = executionFor(fixture, options.execution);
    const once = (check: boolean): Promise<ActivationResult> =>
      replayOnce(workflows, execution, options, check, (executor) => executor.processEvents(events));
    return await checkedResult(await once(false), () => once(true), type);
  } catch (err) {
    const path = file !== undefined && !isJsonText(file) ? file : undefined;
    throw shownAtCaller(explained(err, workflow, first, path), caller);
  }
}

/**
 * A verdict on the code or the history (NonDeterminismError, a bad history or argument) gets a
 * stack of the workflow code's line, if known, and the caller's frames, instead of the replayer's
 * (error-stack.ts); so does a DeterminismViolationError that names the line of workflow code that
 * made the forbidden call (its own frames are the replayer's and the patched call's). Anything else
 * (a bug, a violation without a line) keeps its own.
 */
function shownAtCaller(err: unknown, caller: string): unknown {
  if (err instanceof NonDeterminismError) restack(err, caller, err.location);
  else if (err instanceof DeterminismViolationError && err.location) restack(err, caller, err.location);
  else if (err instanceof ValidationError) restack(err, caller);
  return err;
}

/**
 * A NonDeterminismError rebuilt to name the line of workflow code as {@link shownLocation} shows it
 * (its `location` stays the whole path) and, when a code change is the likely cause, to say both
 * ways out, with `file` (as given) in the command that records it again; a
 * DeterminismViolationError's line shown the same way. Other errors as they are.
 */
function explained(
  err: unknown,
  workflow: WorkflowsToReplay,
  first: HistoryEvent | undefined,
  file: string | undefined,
): unknown {
  if (err instanceof DeterminismViolationError && err.location) {
    err.message = err.message.replace(`(at ${err.location})`, `(at ${shownLocation(err.location)})`);
    return err;
  }
  if (!(err instanceof NonDeterminismError)) return err;
  const location = err.location === undefined ? undefined : shownLocation(err.location);
  const out = new NonDeterminismError(
    { eventId: err.eventId, recorded: err.recorded, attempted: err.attempted, ...(location ? { location } : {}) },
    otherType(workflow, first) ?? (err.advice === NonDeterminismError.codeChangeAdvice ? waysOut(file) : err.advice),
  );
  // the message shows the line as the user reads it; the property keeps the path a tool can open
  if (err.location !== undefined) Object.defineProperty(out, 'location', { value: err.location });
  return out;
}

/** What to do about a history the code no longer matches, with the command that records `file` again. */
function waysOut(file: string | undefined): string {
  const target = file === undefined ? '<file>' : shownPath(file);
  return (
    'If executions of the old code may still be open, keep this history and guard the change with patched(id) ' +
    '(or register a new workflow version); if none can be, record the history again from a run of the new code: ' +
    `npx swf-flow history --json --domain <domain> --workflow-id <its workflow id> > ${target}`
  );
}

/**
 * A lone function is replayed against a history of any workflow type (a port, a renamed type); when
 * its own type has another name and the code diverges, the history may simply be another
 * workflow's, which the usual advice (guard a change with `patched()`) would hide: the note that
 * says so, else `undefined`.
 */
function otherType(workflow: WorkflowsToReplay, first: HistoryEvent | undefined): string | undefined {
  if (typeof workflow !== 'function' || first === undefined) return undefined;
  const recorded = eventAttributes<{ workflowType?: { name?: string; version?: string } }>(first).workflowType;
  let own: { name: string; version: string };
  try {
    own = workflowTypeInfo(workflow);
  } catch {
    return undefined;
  }
  if (recorded?.name === undefined || recorded.name === own.name) return undefined;
  return (
    `Note that the history is of workflow type ${recorded.name} ${String(recorded.version)} and the function given is ` +
    `${own.name} ${own.version}: if it is another workflow's history, replay it against that workflow; if this function ` +
    'is that workflow (renamed, or a port), guard the change with patched(id) or register a new workflow version.'
  );
}

/**
 * Replays a history read from JSON text as a stream of pages (twice, as every replay here), or
 * returns `undefined` when the whole-document path must replay it: when its fields or first event
 * do not check (nothing has run yet; the whole path reports it), or when the pages could not be
 * read as a stream, the whole reader read them (events out of order across pages, which it sorts)
 * and nothing it checks before a replay fails. Every other error is the whole path's own: the
 * streamed replay reads and checks every event of the text even after the code failed or diverged
 * (`processPages`), so the error it throws is the one a replay of the whole document throws, and
 * the workflow code is not run a second time to find it (a `logger` would see the newest task's
 * lines twice, a new `sideEffect` would run twice). When the pages cannot be read (a malformed
 * event, a gap, a raw control character), the whole reader reads the text, without running the
 * code, and its error is reported (naming the file, the event's position in the history).
 */
async function replayStreamed(
  history: HistorySource,
  streamed: StreamedHistory,
  workflow: WorkflowsToReplay,
  options: ReplayOptions,
): Promise<ReplayResult | undefined> {
  let once: (check: boolean) => Promise<ActivationResult>;
  let type: string;
  try {
    type = startedType([streamed.first]);
    const workflows = workflowMap(workflow, type);
    const execution = executionFor(streamed.fixture, options.execution);
    once = (check) =>
      replayOnce(workflows, execution, options, check, (executor) => executor.processPages(streamed.pages));
  } catch {
    return undefined;
  }
  let first: ActivationResult;
  try {
    first = await once(false);
  } catch (err) {
    if (!(err instanceof StreamReadError)) throw err;
    checkBeforeReplay(history, workflow, options);
    return undefined;
  }
  return checkedResult(first, () => once(true), type);
}

/**
 * Reads and checks a history as the whole-document path does before it replays it (its reader,
 * its first event and type, its execution, the order and references of its events), without
 * running workflow code: throws that path's error, if any.
 */
function checkBeforeReplay(history: HistorySource, workflow: WorkflowsToReplay, options: ReplayOptions): void {
  const fixture = loadFixture(history);
  workflowMap(workflow, startedType(fixture.events));
  executionFor(fixture, options.execution);
  checkHistoryOrder(fixture.events);
}

/**
 * One replay in a fresh executor. The check replay (`check`, the second) sends no log lines: the
 * first replay wrote the newest task's lines already.
 */
function replayOnce(
  workflows: Record<string, WorkflowFunction>,
  execution: ExecutionIds | undefined,
  options: ReplayOptions,
  check: boolean,
  feed: (executor: WorkflowExecutor) => Promise<ActivationResult>,
): Promise<ActivationResult> {
  const executor = new WorkflowExecutor({
    workflows,
    ...(options.dataConverter ? { dataConverter: options.dataConverter } : {}),
    ...(options.logger && !check ? { logger: options.logger } : {}),
    ...(execution ? { execution } : {}),
  });
  return feed(executor).finally(() => executor.dispose());
}

/**
 * The same history replayed again in this process must decide the same: otherwise the code keeps
 * state outside the run (a module-level variable shared by every run of the process).
 */
async function checkedResult(
  out: ActivationResult,
  again: () => Promise<ActivationResult>,
  type: string,
): Promise<ReplayResult> {
  await checkReplaysAgain(out, again, `workflow ${type} (the history's run)`);
  const result: ReplayResult = { decisions: out.decisions, status: out.status };
  if (out.result !== undefined) result.result = out.result;
  if (out.failure !== undefined) result.failure = out.failure;
  return result;
}
