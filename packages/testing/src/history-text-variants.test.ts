// The streamed reader of a history's JSON text against the whole-document reader, over every
// recorded history in the repository and a built one, each written the ways a user's tool may write
// it (pretty or minified, CRLF, a BOM, escapes and unicode in strings, keys in another order,
// `events` not first, a page token, timestamps in exponent form, milliseconds or ISO-8601, ...):
// `indexHistoryText` pages (of any size) hold exactly the events `JSON.parse` finds, and
// `streamHistory` gives exactly the events and fields `loadFixture` gives — or streams nothing,
// and `replayHistory` reads the text whole (then the error is the whole reader's, by construction).
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { historyTextPages, indexHistoryText, normalizeHistory, type HistoryEvent } from '@swf-flow/common';
import { historyBuilder } from './history-builder.js';
import { streamHistory } from './history-stream.js';
import { loadFixture, sourceText } from './load-history.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

/** Every recorded history of the repository (examples, the template, the real SWF histories). */
function recordedFiles(): string[] {
  const dirs = [
    ...readdirSync(`${repo}examples`).map((e) => `examples/${e}/test/fixtures`),
    'packages/create-swf-flow/template/test/fixtures',
    'test/fixtures/swf-real',
  ];
  return dirs.flatMap((dir) => {
    let names: string[];
    try {
      names = readdirSync(repo + dir);
    } catch {
      return [];
    }
    return names.filter((f) => f.endsWith('.json')).map((f) => `${dir}/${f}`);
  });
}

/** A built history whose strings hold what escapes and unicode can: quotes, backslashes, control characters, astral planes. */
function builtText(): string {
  const odd = 'quote " backslash \\ slash / newline \n tab \t nul \u0000 line sep \u2028 ünïcødé 日本 🚀';
  const h = historyBuilder({ workflowType: 'Odd' }).workflowStarted({ args: [odd, { [odd]: odd }], tagList: [odd] });
  h.decisionTask()
    .activityScheduled('Echo', { args: [odd] })
    .activityStarted()
    .activityCompleted(odd);
  h.signaled('sig', [odd]).decisionTask().markerRecorded('note', odd).workflowCompleted(odd);
  return JSON.stringify(h.build(), null, 2);
}

type Json = Record<string, unknown>;

/** Every object's keys in reverse order. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversedKeys(v)]),
  );
}

/** The events of a parsed history, with `fn` applied to each event's timestamp. */
function withTimestamps(value: Json, fn: (seconds: number) => unknown): Json {
  const events = (value.events as Json[]).map((e) => ({ ...e, eventTimestamp: fn(e.eventTimestamp as number) }));
  return { ...value, events };
}

/** Each non-ASCII character and `/` escaped as JSON allows (`\u00fc`, `\/`). */
function asciiOnly(text: string): string {
  return text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A text variant: how a tool might write the history, and whether the streamed reader takes it. */
interface Variant {
  name: string;
  text: (original: string, value: Json) => string;
  /**
   * `false`: the history is not streamed (one page of a paged one, not JSON, out of order) and is
   * read whole; `'either'`: whether it streams depends on where its pages end.
   */
  streams: boolean | 'either';
}

const first = (value: Json): Json => (value.events as Json[])[0] as Json;
const startedType = (value: Json): unknown =>
  (first(value).workflowExecutionStartedEventAttributes as Json | undefined)?.workflowType;

const VARIANTS: Variant[] = [
  { name: 'as saved', text: (t) => t, streams: true },
  { name: 'minified', text: (_, v) => JSON.stringify(v), streams: true },
  { name: 'pretty-printed, 4 spaces', text: (_, v) => JSON.stringify(v, null, 4), streams: true },
  { name: 'CRLF line ends', text: (_, v) => JSON.stringify(v, null, 2).replace(/\n/g, '\r\n'), streams: true },
  { name: 'tabs and blank lines around', text: (_, v) => `\n\t ${JSON.stringify(v, null, '\t')}\r\n\n`, streams: true },
  { name: 'a byte order mark', text: (t) => `\uFEFF${t}`, streams: true },
  { name: 'keys in reverse order', text: (_, v) => JSON.stringify(reversedKeys(v)), streams: true },
  {
    name: 'events after the other fields',
    text: (_, v) => JSON.stringify({ workflowType: startedType(v), nextPageToken: null, ...v, events: v.events }),
    streams: true,
  },
  { name: 'an empty nextPageToken', text: (_, v) => JSON.stringify({ ...v, nextPageToken: '' }), streams: true },
  {
    name: 'one page of a paged history (nextPageToken)',
    text: (_, v) => JSON.stringify({ nextPageToken: 'AAAA', ...v }),
    streams: false,
  },
  {
    name: 'non-ASCII and / escaped',
    text: (_, v) => asciiOnly(JSON.stringify(v)).replace(/\//g, '\\/'),
    streams: true,
  },
  {
    name: 'key names escaped',
    text: (_, v) =>
      JSON.stringify(v)
        .replace(/"events":/g, '"\\u0065vents":')
        .replace(/"eventType":/g, '"event\\u0054ype":'),
    streams: true,
  },
  {
    name: 'timestamps in exponent form (1.700000001E9)',
    text: (_, v) =>
      JSON.stringify(withTimestamps(v, (s) => `@${s}@`)).replace(/"@([^@]+)@"/g, (_m, s: string) =>
        Number(s).toExponential().toUpperCase().replace('E+', 'E'),
      ),
    streams: true,
  },
  {
    name: 'timestamps in epoch milliseconds',
    text: (_, v) => JSON.stringify(withTimestamps(v, (s) => Math.round(s * 1000))),
    streams: true,
  },
  {
    name: 'timestamps as ISO-8601 strings',
    text: (_, v) => JSON.stringify(withTimestamps(v, (s) => new Date(Math.round(s * 1000)).toISOString())),
    streams: true,
  },
  { name: 'a bare array of events', text: (_, v) => JSON.stringify(v.events), streams: true },
  {
    name: 'two events keys (JSON.parse keeps the last)',
    text: (_, v) => `{"events": [], ${JSON.stringify(v).slice(1)}`,
    streams: false,
  },
  {
    name: 'events in reverse order (reverseOrder)',
    text: (_, v) => JSON.stringify({ ...v, events: [...(v.events as Json[])].reverse() }),
    streams: false,
  },
  {
    name: 'two events swapped',
    text: (_, v) => {
      const events = [...(v.events as Json[])];
      events.splice(1, 2, events[2] as Json, events[1] as Json);
      return JSON.stringify({ ...v, events });
    },
    streams: 'either', // sorted within a page, as the whole reader sorts; across pages, read whole
  },
  { name: 'cut short', text: (t) => t.slice(0, Math.floor(t.length / 2)), streams: false },
  { name: 'a trailing comma', text: (_, v) => JSON.stringify(v).replace(/\]\}$/, ',]}'), streams: false },
  {
    name: 'a raw control character in a late string',
    text: (_, v) => {
      const t = JSON.stringify(v);
      const at = t.lastIndexOf('"eventType":"') + '"eventType":"'.length;
      return `${t.slice(0, at)}\u0001${t.slice(at)}`;
    },
    streams: false,
  },
];

const histories = [
  ...recordedFiles().map((file) => ({ name: file, text: readFileSync(repo + file, 'utf8') })),
  { name: 'a built history with escapes and unicode', text: builtText() },
];

/** What the whole-document reader gives: the fixture, or its error. */
function whole(text: string): unknown {
  try {
    return { fixture: loadFixture(text) };
  } catch (err) {
    return { error: String(err) };
  }
}

/** What the streamed reader gives: the same shape as `whole`, or `undefined` when it reads nothing. */
function streamed(text: string): unknown {
  const s = streamHistory(sourceText(text) ?? ''); // as replayHistory reads text
  if (!s) return undefined;
  try {
    const events = [];
    for (const page of s.pages() as Iterable<readonly HistoryEvent[]>) events.push(...page);
    expect(events[0]).toEqual(s.first);
    return { fixture: { ...s.fixture, events } };
  } catch {
    return undefined; // pages that do not continue one another: replayHistory reads the text whole
  }
}

const table = histories.flatMap((h) => VARIANTS.map((v) => ({ ...v, history: h.name, original: h.text })));

describe('a history’s JSON text: the streamed reader finds what the whole reader finds', () => {
  it('reads every recorded history', () => {
    expect(histories.length).toBeGreaterThanOrEqual(37);
  });

  it.each(table)('$history, $name', ({ original, text, streams }) => {
    const value = JSON.parse(original) as Json;
    const variant = text(original, value);
    const expected = whole(variant);
    const got = streamed(variant);
    if (got !== undefined) expect(got).toEqual(expected);
    if (streams === true) expect(expected).toHaveProperty('fixture');
    if (streams === true) expect(got).toBeDefined();
    if (streams === false) expect(got).toBeUndefined();
    // The index and its pages hold the events JSON.parse finds, at every page size.
    let parsed: unknown;
    try {
      parsed = JSON.parse(variant);
    } catch {
      // Not JSON: the index says so, or (a raw control character in a string, which it leaves to
      // the parse of the page that holds it) the pages do.
      expect(() => {
        const index = indexHistoryText(variant);
        if (index) for (const page of historyTextPages(index, 200)) expect(page).toBeDefined();
      }).toThrow(/the history is not valid JSON/);
      return;
    }
    const index = indexHistoryText(variant);
    const events = Array.isArray(parsed) ? parsed : (parsed as Json).events;
    if (!index) {
      expect(Array.isArray(events) && !variant.includes('"events": []')).toBe(false);
      return;
    }
    for (const maxChars of [1, 200, 2_000, 32_768]) {
      const pages = [...historyTextPages(index, maxChars)];
      expect(pages.flat(), `pages of ${maxChars} characters`).toEqual(events);
    }
    if (streams)
      expect(normalizeHistory(events as never)).toEqual((expected as { fixture: { events: unknown } }).fixture.events);
  });
});
