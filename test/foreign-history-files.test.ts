// A real Amazon SWF history (fixtures/swf-real, recorded by simpleflow) saved to a file the ways a
// user's tools save it: files in another encoding (Windows PowerShell 5's `>` writes UTF-16LE with a
// byte order mark) replay as the original does; files that are not JSON (the AWS CLI's text, table
// or YAML output, chosen by `output =` in ~/.aws/config; an empty file from a command that failed;
// a hand edit that left a trailing comma) are refused with an error that says what the file is
// and what to do, by `replayHistory` and `swf-flow replay` alike.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { replayHistory } from '@swf-flow/testing';
import { timersAndCancelTimer } from './simpleflow-ports.js';

type Json = Record<string, any>;
const source = fileURLToPath(new URL('./fixtures/swf-real/simpleflow_timers_and_cancel_timer.json', import.meta.url));
const text = readFileSync(source, 'utf8');
const history = JSON.parse(text) as Json;
const dir = mkdtempSync(join(tmpdir(), 'swf-flow-history-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `text` in UTF-16 big-endian, as `Buffer` has no encoder for it. */
const utf16be = (t: string): Buffer => Buffer.from(t, 'utf16le').swap16();

/** The AWS CLI's `--output text`: one tab-separated line per structure, its name in capitals first. */
const cliText = (h: Json): string =>
  (h.events as Json[])
    .map((e) => `EVENTS\t${e.eventId}\t${e.eventTimestamp}\t${e.eventType}\n`)
    .join('')
    .replace('\n', '\nWORKFLOWEXECUTIONSTARTEDEVENTATTRIBUTES\tTERMINATE\t86400\t\t300\n');

/** The AWS CLI's `--output table`. */
const cliTable = (h: Json): string =>
  [
    '-'.repeat(60),
    `|${'GetWorkflowExecutionHistory'.padStart(43).padEnd(58)}|`,
    `+${'-'.repeat(58)}+`,
    `||${'events'.padStart(32).padEnd(56)}||`,
    ...(h.events as Json[]).map((e) => `||  eventId  |  ${String(e.eventId).padEnd(41)}||`),
  ].join('\n');

/** The AWS CLI v2's `--output yaml`. */
const cliYaml = (h: Json): string =>
  `events:\n${(h.events as Json[])
    .map(
      (e) =>
        `- eventId: ${e.eventId}\n  eventTimestamp: '${new Date(e.eventTimestamp * 1000).toISOString()}'\n  eventType: ${e.eventType}\n`,
    )
    .join('')}`;

/** Files in another encoding than UTF-8: they replay as the original does. */
const READ: [string, Buffer][] = [
  [
    'UTF-16LE with a byte order mark and CRLF (Windows PowerShell 5: aws ... > history.json)',
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace(/\n/g, '\r\n'), 'utf16le')]),
  ],
  ['UTF-16BE with a byte order mark', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text)])],
  ['UTF-8 with a byte order mark', Buffer.from(`\uFEFF${text}`, 'utf8')],
];

/** Files that are not a history's JSON: refused, saying what the file is and what to do. */
const REFUSED: [string, string, RegExp][] = [
  [
    'an empty file (the command that wrote it failed)',
    '',
    /history\.json is empty: did the command that wrote it fail\?/,
  ],
  ['only white space', ' \r\n\n', /history\.json is empty/],
  [
    "the AWS CLI's --output text",
    cliText(history),
    /history\.json is the AWS CLI's text output \(--output text, or output = text in ~\/\.aws\/config\), not JSON: save it again with --output json/,
  ],
  ["the AWS CLI's --output table", cliTable(history), /history\.json is the AWS CLI's table output .*--output json/],
  ["the AWS CLI v2's --output yaml", cliYaml(history), /history\.json is the AWS CLI's YAML output .*--output json/],
  [
    "swf-flow history's event lines (without --json)",
    (history.events as Json[])
      .map(
        (e) => `${String(e.eventId).padStart(4)}  ${new Date(e.eventTimestamp * 1000).toISOString()}  ${e.eventType}\n`,
      )
      .join(''),
    /history\.json is what `swf-flow history` prints without --json, not JSON: save it again with `swf-flow history --json`/,
  ],
  [
    'an HTML error page saved by a proxy',
    '<html><body>502 Bad Gateway</body></html>',
    /history\.json is not valid JSON \(it starts with "<html><body>502 Bad ", not \{ or \[\); save what/,
  ],
  [
    'a trailing comma left by a hand edit',
    JSON.stringify(history, null, 4).replace(/\}\s*\]\s*\}\s*$/, '},\n    ]\n}\n'),
    /history\.json is not valid JSON \(unexpected "\]" where a value was expected, at line \d+, column 5\); save what/,
  ],
];

describe('a real SWF history saved to a file', () => {
  it.each(READ)('in %s replays as recorded', async (_name, bytes) => {
    const file = join(dir, 'read.json');
    writeFileSync(file, bytes);
    const out = await replayHistory(file, timersAndCancelTimer);
    expect(out).toMatchObject({ status: 'COMPLETED', decisions: [] });
  });

  it.each(REFUSED)('as %s is refused, saying what it is and what to do', async (_name, written, message) => {
    const file = join(dir, 'history.json');
    writeFileSync(file, written);
    await expect(replayHistory(file, timersAndCancelTimer)).rejects.toThrow(message);
  });
});
