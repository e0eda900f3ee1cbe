/**
 * A history file's text as the user's tools wrote it: decoded by its byte order mark (Windows
 * PowerShell 5's `aws ... > history.json` writes UTF-16LE), and, when it is not JSON, what it is
 * instead (the AWS CLI's text, table or YAML output, an empty file, Python's repr of a response)
 * and where a syntax error is, so that the error says what to do.
 */
import { readFileSync } from 'node:fs';
import { HistoryTextError, indexHistoryText } from '@swf-flow/common';

/**
 * The text of a history file: UTF-8, or UTF-16 (little- or big-endian) when it starts with that
 * byte order mark; a UTF-8 byte order mark is dropped, as `JSON.parse` refuses it.
 * @internal
 */
export function readHistoryFile(path: string): string {
  const bytes = readFileSync(path);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
  return withoutBom(bytes.toString('utf8'));
}

/**
 * The text without a leading byte order mark (U+FEFF), which some tools write at the start of a
 * UTF-8 file (Windows PowerShell 5's `-Encoding utf8`, editors saving "UTF-8 with BOM") and `JSON.parse`
 * refuses; Node's own JSON module loader drops it the same way.
 * @internal
 */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The AWS CLI's output formats other than JSON, by what their first line looks like. */
const CLI_OUTPUTS: [format: string, option: string, firstLine: RegExp][] = [
  ['text', 'text', /^[A-Z][A-Z0-9]*\t/],
  ['table', 'table', /^-{3,}\s*$/],
  ['YAML', 'yaml', /^(- )?(events|eventId|eventTimestamp|eventType|nextPageToken):( |$)/],
];

/** The first line of `swf-flow history` without `--json`: `   1  2024-01-01T12:00:00.000Z  WorkflowExecutionStarted  ...`. */
const EVENT_LINE = /^\s*\d+ +(\d{4}-\d\d-\d\dT\S+ +)?[A-Z][A-Za-z]+( |$)/;

/**
 * Why `text`, which `JSON.parse` refused, is not a history's JSON and what to do, for the message
 * that begins `${where} `: it is empty, another output format of the AWS CLI or of `swf-flow history`, Python's repr of a
 * boto3 response, or JSON with a syntax error (what and where, else `parseError`, `JSON.parse`'s message).
 * @internal
 */
export function notJsonReason(text: string, parseError: string): string {
  const save = 'save what `swf-flow history --json` or `aws swf get-workflow-execution-history` prints';
  if (text.trim() === '') return `is empty: did the command that wrote it fail? ${capitalized(save)}`;
  const firstLine = text.trimStart().split(/\r?\n/, 1)[0] ?? '';
  if (EVENT_LINE.test(firstLine)) {
    return 'is what `swf-flow history` prints without --json, not JSON: save it again with `swf-flow history --json`';
  }
  for (const [format, option, pattern] of CLI_OUTPUTS) {
    if (pattern.test(firstLine)) {
      return (
        `is the AWS CLI's ${format} output (--output ${option}, or output = ${option} in ~/.aws/config), not JSON: ` +
        'save it again with --output json'
      );
    }
  }
  return `is not valid JSON (${syntaxError(text, parseError)})${pythonHint(text)}; ${save}`;
}

function capitalized(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * The first syntax error in `text` as the history's own reader names it (`unexpected "]" where a
 * value was expected, at line 176, column 5`: `JSON.parse` names no line, and in Node 20 often no
 * position), else `parseError`.
 */
function syntaxError(text: string, parseError: string): string {
  const start = text.trimStart();
  if (!start.startsWith('{') && !start.startsWith('['))
    return `it starts with ${JSON.stringify(start.slice(0, 20))}, not { or [`;
  try {
    indexHistoryText(text);
  } catch (err) {
    const found =
      err instanceof HistoryTextError ? /: (.*) at position \d+ \((line \d+, column \d+)\)$/s.exec(err.message) : null;
    if (found) return `${found[1]}, at ${found[2]}`;
  }
  return parseError;
}

/** Python's repr of a response (`print(response)`: quotes `'`, `datetime.datetime(...)`, `None`): what to do instead. */
function pythonHint(text: string): string {
  const start = text.trimStart().slice(0, 200);
  const python = /^\[?\s*\{\s*'/.test(start) || /datetime\.datetime\(|\bdatetime\(\d{4}, /.test(text.slice(0, 100_000));
  return python
    ? ": it looks like Python's repr of a boto3 response (print(response)), not JSON; write it with json.dumps(response, default=str)"
    : '';
}
