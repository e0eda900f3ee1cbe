/**
 * Reads a history's JSON text (`{"events": [...], ...}` or a bare array of events) without
 * building the whole object graph: one pass finds where each event starts and ends (honouring
 * strings, escapes and nesting, and checking the JSON grammar as it goes), the fields beside
 * `events` are parsed at once, and the events are parsed later, a page of them at a time, with one
 * `JSON.parse` per page. A replay that consumes the pages in order then holds one page of parsed
 * events at a time instead of the whole history: a 60,000-event history is ~12 MB of objects,
 * more than V8's young generation, which every scavenge during the replay would copy.
 *
 * Pure JavaScript: no I/O (the workflow package may use it).
 */
import { ValidationError } from './errors.js';

/** Where a history's JSON text is malformed, and what was found there. */
export class HistoryTextError extends ValidationError {
  /** The offset in the text (UTF-16 code units) where the problem is. */
  readonly position: number;

  constructor(text: string, position: number, problem: string) {
    const before = text.slice(0, position);
    const line = before.split('\n').length;
    const column = position - before.lastIndexOf('\n');
    super(`the history is not valid JSON: ${problem} at position ${position} (line ${line}, column ${column})`);
    this.position = position;
  }
}
Object.defineProperty(HistoryTextError.prototype, 'name', { value: 'HistoryTextError' });

/** A history's JSON text with the span of each event, as {@link indexHistoryText} found them. */
export interface HistoryTextIndex {
  /** The text itself. */
  readonly text: string;
  /** How many events the `events` array (or the bare array) holds. */
  readonly count: number;
  /** Event `i` is `text.slice(starts[i], ends[i])`. */
  readonly starts: Uint32Array;
  /** See `starts`. */
  readonly ends: Uint32Array;
  /**
   * The members of the top-level object other than `events` (`workflowExecution`, `workflowType`,
   * `nextPageToken`, ...), parsed as `JSON.parse` would; `undefined` for a bare array.
   */
  readonly fields: Record<string, unknown> | undefined;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const MINUS = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function isDigit(c: number): boolean {
  return c >= ZERO && c <= NINE;
}

function isHex(c: number): boolean {
  return isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** The escapes JSON allows after a backslash besides `u`: `" \ / b f n r t`. */
const SIMPLE_ESCAPES = new Set([0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74]);

function describe(text: string, at: number): string {
  return at >= text.length ? 'unexpected end of text' : `unexpected ${JSON.stringify(text.charAt(at))}`;
}

/** One pass over a JSON text: each method takes a position and returns the position after what it read. */
class Scanner {
  /** The closing characters of the containers {@link value} is inside, reused from value to value. */
  private closers: number[] = [];

  constructor(private readonly text: string) {}

  fail(at: number, problem = describe(this.text, at)): never {
    throw new HistoryTextError(this.text, at, problem);
  }

  space(i: number): number {
    const t = this.text;
    while (isSpace(t.charCodeAt(i))) i++;
    return i;
  }

  /** Where the next backslash is (-1: none left; below the position read: not looked for yet). */
  private nextEscape = -2;

  /**
   * At a `"`: the position after the closing quote. Jumps to the next quote with `indexOf` and
   * checks the escapes between; a raw control character inside a string is left to the
   * `JSON.parse` of its page (checking each character here would double the pass's cost).
   */
  string(i: number): number {
    const t = this.text;
    if (t.charCodeAt(i) !== QUOTE) this.fail(i, `${describe(t, i)} where a string was expected`);
    i++;
    for (;;) {
      const quote = t.indexOf('"', i);
      if (quote < 0) this.fail(t.length, 'unterminated string');
      let escape = this.nextEscape;
      if (escape !== -1 && escape < i) escape = this.nextEscape = t.indexOf('\\', i);
      if (escape === -1 || escape > quote) return quote + 1;
      i = this.escape(escape);
    }
  }

  /** At a backslash inside a string: the position after its escape sequence. */
  private escape(i: number): number {
    const t = this.text;
    const e = t.charCodeAt(i + 1);
    if (SIMPLE_ESCAPES.has(e)) return i + 2;
    if (e !== 0x75) this.fail(i + 1, 'bad escape in a string');
    for (let k = 2; k < 6; k++) if (!isHex(t.charCodeAt(i + k))) this.fail(i + k, 'bad \\u escape in a string');
    return i + 6;
  }

  number(i: number): number {
    const t = this.text;
    if (t.charCodeAt(i) === MINUS) i++;
    const first = t.charCodeAt(i);
    if (first === ZERO) i++;
    else if (isDigit(first)) while (isDigit(t.charCodeAt(i))) i++;
    else this.fail(i, `${describe(t, i)} in a number`);
    if (t.charCodeAt(i) === 0x2e) {
      i++;
      if (!isDigit(t.charCodeAt(i))) this.fail(i, `${describe(t, i)} in a number`);
      while (isDigit(t.charCodeAt(i))) i++;
    }
    const e = t.charCodeAt(i);
    if (e === 0x65 || e === 0x45) {
      i++;
      const sign = t.charCodeAt(i);
      if (sign === 0x2b || sign === MINUS) i++;
      if (!isDigit(t.charCodeAt(i))) this.fail(i, `${describe(t, i)} in a number`);
      while (isDigit(t.charCodeAt(i))) i++;
    }
    return i;
  }

  /** At the first character of a key: the position after its `:` and the space behind it. */
  key(i: number): number {
    i = this.space(this.string(i));
    if (this.text.charCodeAt(i) !== COLON) this.fail(i, `${describe(this.text, i)} where ':' was expected`);
    return this.space(i + 1);
  }

  /**
   * At the first character of a value: the position after it. Nested containers are followed with
   * a stack of their closing characters, not by recursion (a deep text cannot overflow the stack).
   */
  value(i: number): number {
    const t = this.text;
    const closers = this.closers;
    let depth = 0;
    for (;;) {
      // A value starts at i.
      const c = t.charCodeAt(i);
      if (c === QUOTE) i = this.string(i);
      else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        const close = c === OPEN_OBJECT ? CLOSE_OBJECT : CLOSE_ARRAY;
        i = this.space(i + 1);
        if (t.charCodeAt(i) === close) i++;
        else {
          closers[depth++] = close;
          if (close === CLOSE_OBJECT) i = this.key(i);
          continue;
        }
      } else if (c === MINUS || isDigit(c)) i = this.number(i);
      else if (t.startsWith('true', i)) i += 4;
      else if (t.startsWith('false', i)) i += 5;
      else if (t.startsWith('null', i)) i += 4;
      else this.fail(i, `${describe(t, i)} where a value was expected`);
      // After a value: close containers, or go on with the next member.
      for (;;) {
        if (depth === 0) return i;
        const close = closers[depth - 1] as number;
        i = this.space(i);
        const d = t.charCodeAt(i);
        if (d === close) {
          depth--;
          i++;
        } else if (d === COMMA) {
          i = this.space(i + 1);
          if (close === CLOSE_OBJECT) i = this.key(i);
          break;
        } else this.fail(i, `${describe(t, i)} where ',' or '${String.fromCharCode(close)}' was expected`);
      }
    }
  }
}

/** Growable spans of the events (typed arrays: off V8's heap, no object per event). */
class Spans {
  starts = new Uint32Array(1024);
  ends = new Uint32Array(1024);
  count = 0;

  add(start: number, end: number): void {
    if (this.count === this.starts.length) {
      const starts = new Uint32Array(this.count * 2);
      const ends = new Uint32Array(this.count * 2);
      starts.set(this.starts);
      ends.set(this.ends);
      this.starts = starts;
      this.ends = ends;
    }
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.count++;
  }
}

/** At the `[` of the events array: records each element's span; returns the position after the `]`. */
function scanEvents(s: Scanner, text: string, i: number, spans: Spans): number {
  i = s.space(i + 1);
  if (text.charCodeAt(i) === CLOSE_ARRAY) return i + 1;
  for (;;) {
    const end = s.value(i);
    spans.add(i, end);
    i = s.space(end);
    const c = text.charCodeAt(i);
    if (c === CLOSE_ARRAY) return i + 1;
    if (c !== COMMA) s.fail(i, `${describe(text, i)} where ',' or ']' was expected`);
    i = s.space(i + 1);
  }
}

/** The key at `start..end` (its quotes included) as a string, escapes decoded. */
function keyName(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end - 1);
  return raw.includes('\\') ? (JSON.parse(text.slice(start, end)) as string) : raw;
}

/**
 * Finds the events of a history's JSON text: `{"events": [...]}` with any other members before or
 * after `events` (the AWS CLI's output, a saved fixture, an SDK response), or a bare array of
 * events. Checks the whole text's JSON grammar on the way.
 *
 * @returns the spans of the events and the other members parsed, or `undefined` when the text is
 *   valid JSON but no history this reader streams (an object without an `events` array or with
 *   two, a string, a number): read it whole instead, where the error names what is missing.
 * @throws HistoryTextError (a ValidationError) naming the position and what was found there, when
 *   the text is not valid JSON.
 */
export function indexHistoryText(text: string): HistoryTextIndex | undefined {
  const s = new Scanner(text);
  const spans = new Spans();
  let i = s.space(0);
  let fields: Record<string, unknown> | undefined;
  const c = text.charCodeAt(i);
  if (c === OPEN_ARRAY) i = scanEvents(s, text, i, spans);
  else if (c === OPEN_OBJECT) {
    let found = 0;
    let sawEventsOfOtherType = false;
    const members: string[] = [];
    i = s.space(i + 1);
    if (text.charCodeAt(i) === CLOSE_OBJECT) i++;
    else
      for (;;) {
        const keyStart = i;
        const keyEnd = s.string(i);
        i = s.key(i);
        if (keyName(text, keyStart, keyEnd) === 'events') {
          found++;
          if (text.charCodeAt(i) === OPEN_ARRAY) i = scanEvents(s, text, i, spans);
          else {
            sawEventsOfOtherType = true;
            i = s.value(i);
          }
        } else {
          const end = s.value(i);
          members.push(text.slice(keyStart, end));
          i = end;
        }
        i = s.space(i);
        const d = text.charCodeAt(i);
        if (d === CLOSE_OBJECT) {
          i++;
          break;
        }
        if (d !== COMMA) s.fail(i, `${describe(text, i)} where ',' or '}' was expected`);
        i = s.space(i + 1);
      }
    if (found === 1 && !sawEventsOfOtherType) fields = JSON.parse(`{${members.join(',')}}`) as Record<string, unknown>;
  } else i = s.value(i); // valid JSON, but no history: a string, a number, ...
  i = s.space(i);
  if (i < text.length) s.fail(i, `${describe(text, i)} after the end of the history`);
  if (c !== OPEN_ARRAY && fields === undefined) return undefined;
  return { text, count: spans.count, starts: spans.starts, ends: spans.ends, fields };
}

/**
 * Parses events `from` (inclusive) to `to` (exclusive) of an indexed text: one `JSON.parse` of the
 * text that holds them. The events come as written (not normalized).
 *
 * @throws ValidationError when their text holds a raw control character inside a string (the one
 *   error {@link indexHistoryText} leaves to this parse).
 */
export function parseHistoryEvents(index: HistoryTextIndex, from: number, to: number): unknown[] {
  if (!(from >= 0 && to <= index.count && from <= to))
    throw new RangeError(`events ${from}..${to} are not within the ${index.count} events of the history`);
  if (from === to) return [];
  const start = index.starts[from] as number;
  const end = index.ends[to - 1] as number;
  try {
    return JSON.parse(`[${index.text.slice(start, end)}]`) as unknown[];
  } catch (err) {
    // Only what the index pass leaves to this parse can fail here: a raw control character in a string.
    throw new ValidationError(
      `the history is not valid JSON: ${(err as Error).message} (in the text of events #${from + 1} to #${to})`,
      { cause: err },
    );
  }
}

/**
 * The default text length of a page of {@link historyTextPages}: each page's `JSON.parse` input
 * stays far below V8's large-object size (~128 KB), where allocating the joined text cost as much
 * as parsing it (measured: 1,000-event pages of 212 KB parsed at half the speed of 256-event ones).
 */
export const HISTORY_PAGE_CHARS = 32_768;

/**
 * The events of an indexed text, oldest first, in pages of consecutive events: each page's text
 * is at most `maxChars` long (a longer event is a page of its own). The events come as written.
 *
 * @throws ValidationError as {@link parseHistoryEvents} does.
 */
export function* historyTextPages(index: HistoryTextIndex, maxChars = HISTORY_PAGE_CHARS): Generator<unknown[]> {
  const { starts, ends, count } = index;
  let from = 0;
  while (from < count) {
    const limit = (starts[from] as number) + maxChars;
    let to = from + 1;
    while (to < count && (ends[to] as number) <= limit) to++;
    yield parseHistoryEvents(index, from, to);
    from = to;
  }
}
