import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors.js';
import {
  HistoryTextError,
  historyTextPages,
  indexHistoryText,
  parseHistoryEvents,
  type HistoryTextIndex,
} from './history-text.js';

const e1 = {
  eventId: 1,
  eventType: 'WorkflowExecutionStarted',
  eventTimestamp: 1.492443961284e9,
  workflowExecutionStartedEventAttributes: { input: '["{[\\"]}", "\\\\"]', workflowType: { name: 'W', version: '1' } },
};
const e2 = {
  eventId: 2,
  eventType: 'MarkerRecorded',
  eventTimestamp: '2017-04-17T15:47:06.123Z',
  details: 'é ☃ 𝄞 \u2028',
};

/** Every event of an index, parsed page by page with an awkward page size. */
function allEvents(index: HistoryTextIndex, page = 2): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < index.count; i += page)
    out.push(...parseHistoryEvents(index, i, Math.min(index.count, i + page)));
  return out;
}

/** What JSON.parse makes of the text: the events and the other members. */
function whole(text: string): { events: unknown; fields: Record<string, unknown> | undefined } {
  const parsed = JSON.parse(text) as unknown;
  if (Array.isArray(parsed)) return { events: parsed, fields: undefined };
  const { events, ...fields } = parsed as Record<string, unknown>;
  return { events, fields };
}

describe('indexHistoryText', () => {
  const valid: [string, string][] = [
    ['minified', JSON.stringify({ events: [e1, e2] })],
    ['pretty-printed', JSON.stringify({ events: [e1, e2] }, null, 2)],
    ['tabs and CRLF', JSON.stringify({ events: [e1, e2] }, null, '\t').replace(/\n/g, '\r\n')],
    ['space around every token', ' { "events" : [ { "eventId" : 1 , "a" : [ 1 , 2 ] } , { } ] } \n'],
    ['a bare array', JSON.stringify([e1, e2])],
    ['an empty bare array', ' [ ] '],
    ['empty events', '{"events": []}'],
    ['fields before events', JSON.stringify({ workflowExecution: { workflowId: 'w', runId: 'r' }, events: [e1] })],
    [
      'fields after events',
      JSON.stringify({ events: [e1], workflowType: { name: 'W', version: '1' }, nextPageToken: 't' }),
    ],
    ['fields on both sides', JSON.stringify({ a: '[{', events: [e1, e2], b: { events: [1] } })],
    [
      'strings with braces, brackets, quotes and escapes',
      JSON.stringify({ events: [{ s: '}]{[",\\"\\\\\\', t: '\\' }] }),
    ],
    ['unicode escapes and raw unicode', '{"events":[{"s":"\\u00e9\\uD834\\uDD1E é 𝄞"}]}'],
    ['every simple escape', '{"events":[{"s":"\\" \\\\ \\/ \\b \\f \\n \\r \\t"}]}'],
    ['numbers in every form', '{"events":[[0,-0,1,-12,1.5,-0.25,1e3,1E+3,2.5e-3,1.492443961284E9]]}'],
    ['literals and nesting', '{"events":[{"a":[true,false,null,[[{}]],{"b":{"c":[]}}]}, null, 3, "x"]}'],
    ['an escaped key named events', '{"ev\\u0065nts": [1, 2]}'],
  ];
  it.each(valid)('reads %s as JSON.parse does', (_, text) => {
    const index = indexHistoryText(text);
    expect(index).toBeDefined();
    const expected = whole(text);
    expect(allEvents(index!)).toEqual(expected.events);
    expect(allEvents(index!, 1000)).toEqual(expected.events);
    expect(index!.fields).toEqual(expected.fields);
    expect(index!.count).toBe((expected.events as unknown[]).length);
  });

  it('gives each event its own span of the text', () => {
    const text = JSON.stringify({ events: [e1, e2] }, null, 2);
    const index = indexHistoryText(text)!;
    expect(JSON.parse(text.slice(index.starts[1], index.ends[1]))).toEqual(e2);
    expect(parseHistoryEvents(index, 1, 2)).toEqual([e2]);
    expect(parseHistoryEvents(index, 1, 1)).toEqual([]);
    expect(() => parseHistoryEvents(index, 1, 3)).toThrow(RangeError);
  });

  it('reads a long history (its spans grow past their first size)', () => {
    const events = Array.from({ length: 5000 }, (_, i) => ({ eventId: i + 1, s: `"${i}"}` }));
    const index = indexHistoryText(JSON.stringify({ events }))!;
    expect(index.count).toBe(5000);
    expect(allEvents(index, 999)).toEqual(events);
  });

  it('pages the events by the length of their text, one long event a page of its own', () => {
    const events = [{ s: 'a'.repeat(50) }, { s: 'b' }, { s: 'c' }, { s: 'd'.repeat(100) }, { s: 'e' }];
    const index = indexHistoryText(JSON.stringify({ events }))!;
    const pages = [...historyTextPages(index, 40)];
    expect(pages).toEqual([[events[0]], [events[1], events[2]], [events[3]], [events[4]]]);
    expect([...historyTextPages(index)]).toEqual([events]);
    expect([...historyTextPages(indexHistoryText('[]')!)]).toEqual([]);
  });

  it('keeps `__proto__` and repeated members as JSON.parse does', () => {
    const text = '{"__proto__": {"x": 1}, "a": 1, "events": [], "a": 2}';
    const index = indexHistoryText(text)!;
    expect(index.fields).toEqual(whole(text).fields);
    expect(Object.getPrototypeOf(index.fields)).toBe(Object.prototype);
  });

  it.each([
    ['no events member', '{"nothing": true}'],
    ['events that are not an array', '{"events": {"0": 1}}'],
    ['events that are null', '{"events": null}'],
    ['two events members', '{"events": [1], "events": [2]}'],
    ['an empty object', '{}'],
    ['a number', ' 42 '],
    ['a string', '"{\\"events\\": []}"'],
  ])('leaves valid JSON without one events array to the whole-document reader: %s', (_, text) => {
    expect(() => JSON.parse(text) as unknown).not.toThrow();
    expect(indexHistoryText(text)).toBeUndefined();
  });

  const malformed: [string, string, RegExp][] = [
    ['an empty text', '', /unexpected end of text where a value was expected at position 0/],
    ['garbage at the top', 'events', /unexpected "e" where a value was expected/],
    ['an unterminated string', '{"events": [{"a": "b}]}', /unterminated string/],
    ['an escaped closing quote', '{"events": [{"a": "b\\"}]}', /unterminated string/],
    ['a bad escape', '{"events": [{"a": "\\x"}]}', /bad escape in a string at position 20/],
    ['a short \\u escape', '{"events": [{"a": "\\u12"}]}', /bad \\u escape/],
    ['a missing comma', '{"events": [{"a": 1} {"b": 2}]}', /unexpected "\{" where ',' or '\]' was expected/],
    ['a trailing comma in the events', '{"events": [{"a": 1},]}', /unexpected "\]" where a value was expected/],
    ['a trailing comma in an event', '{"events": [{"a": 1,}]}', /unexpected "\}" where a string was expected/],
    ['a missing colon', '{"events": [{"a" 1}]}', /unexpected "1" where ':' was expected/],
    ['a single-quoted key', "{'events': []}", /where a string was expected/],
    ['an unclosed event', '{"events": [{"a": 1]}', /unexpected "\]" where ',' or '\}' was expected/],
    ['an unclosed events array', '{"events": [{"a": 1}', /unexpected end of text where ',' or '\]' was expected/],
    ['an unclosed history', '{"events": []', /unexpected end of text where ',' or '\}' was expected/],
    ['text after the history', '{"events": []} x', /unexpected "x" after the end of the history at position 15/],
    ['a second document', '[] []', /after the end of the history/],
    ['a leading zero', '{"events": [01]}', /unexpected "1" where ',' or '\]' was expected/],
    ['a bare minus', '{"events": [-]}', /unexpected "\]" in a number/],
    ['a dot without digits', '{"events": [1.]}', /in a number/],
    ['an exponent without digits', '{"events": [1e+]}', /in a number/],
    ['a misspelled literal', '{"events": [tru]}', /unexpected "t" where a value was expected/],
    ['a bad value in a field after events', '{"events": [], "x": undefined}', /where a value was expected/],
    [
      'a bad value in a field before events',
      '{"x": [1,,2], "events": []}',
      /unexpected "," where a value was expected/,
    ],
    ['a byte-order mark', '\uFEFF{"events": []}', /unexpected "\uFEFF"/],
    ['a line break in the line count', '{\n"events": [\n{"a": }]}', /at position 20 \(line 3, column 7\)/],
  ];
  it.each(malformed)('rejects %s as JSON.parse does, naming where and what', (_, text, message) => {
    expect(() => JSON.parse(text) as unknown).toThrow(SyntaxError);
    let thrown: unknown;
    try {
      indexHistoryText(text);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(HistoryTextError);
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as Error).message).toMatch(/^the history is not valid JSON: /);
    expect((thrown as Error).message).toMatch(message);
  });

  it('leaves a raw control character in a string to the parse of its page, which names the events', () => {
    const text = '{"events": [{"a": 1}, {"a": "b\nc"}, {"a": 3}]}';
    expect(() => JSON.parse(text) as unknown).toThrow(SyntaxError);
    const index = indexHistoryText(text)!;
    expect(parseHistoryEvents(index, 0, 1)).toEqual([{ a: 1 }]);
    expect(() => parseHistoryEvents(index, 1, 3)).toThrow(
      expect.objectContaining({
        name: 'ValidationError',
        message: expect.stringMatching(/^the history is not valid JSON: .*\(in the text of events #2 to #3\)$/),
      }),
    );
  });

  it('follows deep nesting without recursion', () => {
    const deep = `{"events": [${'['.repeat(100_000)}${']'.repeat(100_000)}]}`;
    expect(indexHistoryText(deep)!.count).toBe(1);
  });
});
