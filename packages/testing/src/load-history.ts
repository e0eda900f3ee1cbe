/**
 * Reads a history from what a test has at hand: a saved fixture (the AWS CLI's JSON, with the
 * execution it belongs to when `swf-flow history --json` saved it), an SDK response, an array of
 * events, a JSON string, or the path of a JSON file. A text of several JSON documents one after
 * another (JSON Lines of events, as `swf-flow history --follow --json` prints, or a paged history's
 * pages appended to one file) is read as the one history they make.
 */
import {
  InvalidHistoryError,
  normalizeHistory,
  ValidationError,
  eventAttributes,
  type HistoryEvent,
  type HistoryInput,
} from '@swf-flow/common';
import { notJsonReason, readHistoryFile, withoutBom } from './history-file.js';
import { joinedJsonSequence, joinedPages } from './json-sequence.js';

/** A history in any form {@link loadHistory} reads. */
export type HistorySource = HistoryInput | string;

/** The ids of an execution (the `workflowExecution` of a PollForDecisionTask response). */
export interface ExecutionIds {
  workflowId: string;
  runId: string;
}

/**
 * A replay fixture: the AWS CLI's history JSON (`{"events": [...]}`) plus, as `swf-flow history
 * --json` saves it, the execution and its type, under the field names of a PollForDecisionTask
 * response. The AWS CLI's own output (events only) is a fixture too.
 */
export interface HistoryFixture {
  events: HistoryEvent[];
  /** The execution the history belongs to (seeds `Math.random()`/`uuid4()`, shown by `workflowInfo()`). */
  workflowExecution?: ExecutionIds;
  /** The workflow type, as recorded by the history's WorkflowExecutionStarted. */
  workflowType?: { name: string; version: string };
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    // JSON Lines of events (`swf-flow history --follow --json`) or pages appended one after another.
    const joined = joinedJsonSequence(text, where);
    if (joined !== undefined) return joined;
    throw new ValidationError(`${where} ${notJsonReason(text, (err as Error).message)}`, { cause: err });
  }
}

/** The text of a history given as JSON text or as the path of a file; `undefined` for an object. @internal */
export function sourceText(source: HistorySource): string | undefined {
  if (typeof source !== 'string') return undefined;
  if (isJsonText(source)) return withoutBom(source);
  try {
    return readHistoryFile(source);
  } catch {
    return undefined; // loadFixture names the file and the error
  }
}

/** Whether a history given as a string is JSON text (else it is the path of a file). */
export function isJsonText(source: string): boolean {
  const trimmed = source.trimStart();
  return trimmed.startsWith('{') || trimmed.startsWith('[');
}

/** The history's value; `parsed` when it was parsed here (nobody else holds it: it is converted in place). */
function readSource(source: HistorySource): { value: unknown; where?: string; parsed?: true } {
  if (typeof source !== 'string') {
    if (typeof source !== 'object' || source === null) {
      throw new ValidationError(
        `a history must be {"events": [...]}, an array of events, or the path of a JSON file; got ${source === null ? 'null' : typeof source}`,
      );
    }
    return { value: source };
  }
  if (isJsonText(source)) return { value: parseJson(withoutBom(source), 'the history string'), parsed: true };
  let text: string;
  try {
    text = readHistoryFile(source);
  } catch (err) {
    throw new ValidationError(`cannot read the history file ${source}: ${(err as Error).message}`, { cause: err });
  }
  return { value: parseJson(text, source), where: source, parsed: true };
}

/** A fixture's `workflowExecution`, checked. @internal */
export function executionOf(value: unknown): ExecutionIds | undefined {
  if (value === undefined) return undefined;
  const v = value as Partial<ExecutionIds> | null;
  if (
    typeof v !== 'object' ||
    v === null ||
    typeof v.workflowId !== 'string' ||
    v.workflowId === '' ||
    typeof v.runId !== 'string' ||
    v.runId === ''
  ) {
    throw new ValidationError(
      `workflowExecution must be { "workflowId": "...", "runId": "..." } (non-empty strings); got ${JSON.stringify(value)}`,
    );
  }
  return { workflowId: v.workflowId, runId: v.runId };
}

/** A fixture's `workflowType`, checked against its first event. @internal */
export function typeOf(value: unknown, events: HistoryEvent[]): { name: string; version: string } | undefined {
  if (value === undefined) return undefined;
  const v = value as { name?: unknown; version?: unknown } | null;
  if (typeof v !== 'object' || v === null || typeof v.name !== 'string' || typeof v.version !== 'string') {
    throw new ValidationError(`workflowType must be { "name": "...", "version": "..." }; got ${JSON.stringify(value)}`);
  }
  const first = events[0];
  const started =
    first?.eventType === 'WorkflowExecutionStarted'
      ? eventAttributes<{ workflowType?: { name?: string; version?: string } }>(first).workflowType
      : undefined;
  if (started && (started.name !== v.name || started.version !== v.version)) {
    throw new InvalidHistoryError(
      `the fixture's workflowType is ${v.name} ${v.version}, but its WorkflowExecutionStarted (event 1) records ${String(started.name)} ${String(started.version)}: ` +
        'the events and the fields beside them come from different executions; save the fixture again',
    );
  }
  return { name: v.name, version: v.version };
}

function withFile<T>(where: string | undefined, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (where !== undefined && err instanceof ValidationError && !err.message.startsWith(where)) {
      const Wrapped = err instanceof InvalidHistoryError ? InvalidHistoryError : ValidationError;
      throw new Wrapped(`${where}: ${err.message}`, { cause: err });
    }
    throw err;
  }
}

/**
 * Loads a fixture: its events, normalized (SDK shapes sorted by id, timestamps as `Date`), and the
 * execution and type saved beside them, if any.
 *
 * @param source - `{"events": [...], "workflowExecution"?: {...}, "workflowType"?: {...}}`, the AWS
 *   CLI's output or an SDK response, an array of events, an array of pages (SDK responses, joined
 *   as one history), the same as a JSON string, or the path of a `.json` file holding it.
 * @throws ValidationError naming the file or the malformed field or event.
 * @throws InvalidHistoryError for one page of a paged history, unreadable timestamps, or fields
 *   that contradict the events.
 */
export function loadFixture(source: HistorySource): HistoryFixture {
  const { value: read, where, parsed } = readSource(source);
  return withFile(where, () => {
    const value = joinedPages(read, where ?? 'the history');
    const events = normalizeHistory(value as HistoryInput, { inPlace: parsed === true });
    const fixture: HistoryFixture = { events };
    if (!Array.isArray(value)) {
      const o = value as Record<string, unknown>;
      const execution = executionOf(o.workflowExecution);
      if (execution) fixture.workflowExecution = execution;
      const type = typeOf(o.workflowType, events);
      if (type) fixture.workflowType = type;
    }
    return fixture;
  });
}

/**
 * Loads and normalizes a history's events (see {@link loadFixture} for the execution saved
 * beside them).
 *
 * @param source - `{"events": [...]}` (the AWS CLI's output, a fixture or an SDK response), an
 *   array of events, the same as a JSON string, or the path of a `.json` file holding it.
 * @throws ValidationError naming the file or the malformed event.
 */
export function loadHistory(source: HistorySource): HistoryEvent[] {
  return loadFixture(source).events;
}
