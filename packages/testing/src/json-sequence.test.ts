// A history written as several JSON documents one after another: the JSON Lines of
// `swf-flow history --follow --json`, or a paged history's pages appended to one file. Each is read
// as the one history it stands for (by loadFixture, replayHistory and replayHistories' folders), and
// what is not one history is refused with what to do.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidHistoryError, ValidationError } from '@swf-flow/common';
import { defineWorkflow } from '@swf-flow/workflow';
import { historyBuilder } from './history-builder.js';
import { splitJsonSequence } from './json-sequence.js';
import { loadFixture } from './load-history.js';
import { replayHistories } from './replay-histories.js';
import { replayHistory } from './replay-history.js';

const odd = 'line\nbreak "quoted" {brace} [bracket] \\ 🚀';
const echoWorkflow = defineWorkflow(async (s: string): Promise<string> => s, { name: 'Echo', version: '1.0' });
const history = historyBuilder({ workflowType: 'Echo' })
  .workflowStarted({ args: [odd] })
  .decisionTask()
  .workflowCompleted(odd)
  .build();
const events = history.events as unknown[];
const execution = { workflowId: 'echo-1', runId: 'run-1' };
const fixture = { events, workflowExecution: execution, workflowType: { name: 'Echo', version: '1.0' } };
const lines = (values: unknown[]): string => values.map((v) => `${JSON.stringify(v)}\n`).join('');

const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('a history as a sequence of JSON documents', () => {
  const read: Array<[string, string]> = [
    ['JSON Lines of events (swf-flow history --follow --json)', lines(events)],
    ['JSON Lines with CRLF and blank lines', lines(events).replace(/\n/g, '\r\n\r\n')],
    [
      'pages appended one after another, pretty-printed',
      [
        JSON.stringify({ ...fixture, events: events.slice(0, 2), nextPageToken: 'p2' }, null, 4),
        JSON.stringify({ events: events.slice(2, 4), nextPageToken: 'p3' }, null, 4),
        JSON.stringify({ events: events.slice(4) }, null, 4),
      ].join('\n'),
    ],
    ['pages as arrays of events', lines([events.slice(0, 3), events.slice(3)])],
  ];
  it.each(read)('%s reads as the one history', (_name, text) => {
    const whole = loadFixture(JSON.stringify(history)).events;
    expect(loadFixture(text).events).toEqual(whole);
  });

  it("keeps the first page's execution and type", () => {
    const text = lines([{ ...fixture, events: events.slice(0, 2), nextPageToken: 'p2' }, { events: events.slice(2) }]);
    expect(loadFixture(text)).toMatchObject({ workflowExecution: execution, workflowType: fixture.workflowType });
  });

  const refused: Array<[string, string, typeof ValidationError, RegExp]> = [
    [
      'a page saved twice',
      lines([
        { events: events.slice(0, 2), nextPageToken: 'p2' },
        { events: events.slice(0, 2), nextPageToken: 'p2' },
        { events: events.slice(2) },
      ]),
      ValidationError,
      /event 1 occurs in more than one: it holds more than one history, or a page twice/,
    ],
    ['two histories in one file', lines([history, history]), ValidationError, /more than one history/],
    [
      'pages that stop before the last one',
      lines([
        { events: events.slice(0, 2), nextPageToken: 'p2' },
        { events: events.slice(2, 4), nextPageToken: 'p3' },
      ]),
      InvalidHistoryError,
      /one page of 4 events of a longer one/,
    ],
    [
      'a document that is not JSON',
      `${lines(events.slice(0, 2))}{"eventId": 3,}\n`,
      ValidationError,
      /document 3 is not valid JSON/,
    ],
    ['text after the history', `${JSON.stringify(history)} trailing`, ValidationError, /is not valid JSON/],
  ];
  it.each(refused)('%s is refused with what to do', (_name, text, kind, message) => {
    expect(() => loadFixture(text)).toThrow(kind);
    expect(() => loadFixture(text)).toThrow(message);
  });

  it('replays, from a .jsonl file and from a folder of them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'swf-flow-jsonl-'));
    tempDirs.push(dir);
    writeFileSync(join(dir, 'echo.jsonl'), lines(events));
    const { status, result } = await replayHistory(join(dir, 'echo.jsonl'), echoWorkflow, { execution });
    expect({ status, result }).toEqual({ status: 'COMPLETED', result: odd });
    const reports = await replayHistories(dir, echoWorkflow, { execution });
    expect(reports.map((r) => [r.file, r.ok])).toEqual([[join(dir, 'echo.jsonl'), true]]);
  });
});

describe('splitJsonSequence', () => {
  const rows: Array<[string, string, string[] | undefined]> = [
    ['two objects', '{"a":1}\n{"b":"}{"}', ['{"a":1}', '{"b":"}{"}']],
    ['escaped quotes in strings', '{"a":"\\"}"} [1]', ['{"a":"\\"}"}', '[1]']],
    ['one document', '{"a":1}', undefined],
    ['a scalar between', '{"a":1} 2 {"b":1}', undefined],
    ['unclosed', '{"a":1} {"b":', undefined],
    ['a stray closer', '{"a":1}} {"b":1}', undefined],
  ];
  it.each(rows)('%s', (_name, text, expected) => {
    expect(splitJsonSequence(text)).toEqual(expected);
  });
});
