/**
 * Reads a history from what a test has at hand: the AWS CLI's JSON, an SDK response, an array of
 * events, a JSON string, or the path of a JSON file.
 */
import { readFileSync } from 'node:fs';
import { normalizeHistory, ValidationError, type HistoryEvent, type HistoryInput } from '@swf-flow/common';

/** A history in any form {@link loadHistory} reads. */
export type HistorySource = HistoryInput | string;

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new ValidationError(`${where} is not valid JSON (${(err as Error).message}); save what \`aws swf get-workflow-execution-history\` prints`, {
      cause: err,
    });
  }
}

/**
 * Loads and normalizes a history: SDK `HistoryEvent`s sorted by id, timestamps as `Date`.
 *
 * @param source - `{"events": [...]}` (the AWS CLI's output or an SDK response), an array of
 *   events, the same as a JSON string, or the path of a `.json` file holding it.
 * @throws ValidationError naming the file or the malformed event.
 */
export function loadHistory(source: HistorySource): HistoryEvent[] {
  if (typeof source === 'string') {
    const trimmed = source.trimStart();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) return normalizeHistory(parseJson(source, 'the history string') as HistoryInput);
    let text: string;
    try {
      text = readFileSync(source, 'utf8');
    } catch (err) {
      throw new ValidationError(`cannot read the history file ${source}: ${(err as Error).message}`, { cause: err });
    }
    try {
      return normalizeHistory(parseJson(text, source) as HistoryInput);
    } catch (err) {
      if (err instanceof ValidationError && !err.message.startsWith(source)) {
        throw new ValidationError(`${source}: ${err.message}`, { cause: err });
      }
      throw err;
    }
  }
  if (typeof source !== 'object' || source === null) {
    throw new ValidationError(`a history must be {"events": [...]}, an array of events, or the path of a JSON file; got ${source === null ? 'null' : typeof source}`);
  }
  return normalizeHistory(source);
}
