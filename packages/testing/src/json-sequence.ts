/**
 * A history saved as several JSON documents one after another instead of one: JSON Lines of events
 * (what `swf-flow history --follow --json` prints), or the pages of a paged history appended to one
 * file (a loop of `aws swf get-workflow-execution-history --no-paginate --next-page-token ...`, or
 * boto3's pages dumped one by one). `JSON.parse` refuses such text; {@link joinedJsonSequence}
 * reads it as the one `{"events": [...]}` document it stands for.
 */
import { ValidationError } from '@swf-flow/common';

/**
 * The top-level JSON texts of `text`, each an object or an array, separated by whitespace only;
 * `undefined` when `text` is not such a sequence of two or more (anything else between them, or
 * text left unclosed).
 */
export function splitJsonSequence(text: string): string[] | undefined {
  const out: string[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (depth === 0) {
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
      if (c !== 0x7b && c !== 0x5b) return undefined; // a top-level value that is not { or [
      start = i;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      depth--;
      if (depth === 0) out.push(text.slice(start, i + 1));
      else if (depth < 0) return undefined;
    }
  }
  return depth === 0 && !inString && out.length >= 2 ? out : undefined;
}

/** The members of a page document kept from the first page that has them. */
const FIXTURE_FIELDS = ['workflowExecution', 'workflowType'] as const;

/**
 * The one history a sequence of JSON documents stands for, or `undefined` when `text` is not a
 * sequence (then the caller's `JSON.parse` error stands). Each document is an event (JSON Lines), a
 * page (`{"events": [...], "nextPageToken"?: ...}`) or an array of events; their events are joined
 * in order. The joined history keeps the last page's token (a sequence that stops before the last
 * page is still one page of a longer history) and the first `workflowExecution`/`workflowType`.
 *
 * @param where - how errors name the text (a file's path).
 * @throws ValidationError when a document is not JSON, or an event id occurs twice (two histories,
 *   or a page saved twice, in one file).
 */
export function joinedJsonSequence(text: string, where: string): Record<string, unknown> | undefined {
  const parts = splitJsonSequence(text);
  if (parts === undefined) return undefined;
  const events: unknown[] = [];
  const joined: Record<string, unknown> = {};
  let token: unknown;
  parts.forEach((part, i) => {
    let value: unknown;
    try {
      value = JSON.parse(part) as unknown;
    } catch (err) {
      throw new ValidationError(
        `${where} holds ${parts.length} JSON documents one after another; document ${i + 1} is not valid JSON (${(err as Error).message})`,
        { cause: err },
      );
    }
    if (Array.isArray(value)) {
      events.push(...(value as unknown[]));
      return;
    }
    const o = value as Record<string, unknown>;
    if (!Array.isArray(o.events)) {
      events.push(o); // one event of JSON Lines
      return;
    }
    events.push(...(o.events as unknown[]));
    token = o.nextPageToken ?? o.NextToken;
    for (const field of FIXTURE_FIELDS)
      if (joined[field] === undefined && o[field] !== undefined) joined[field] = o[field];
  });
  const seen = new Set<unknown>();
  for (const e of events) {
    const id = (e as { eventId?: unknown } | null)?.eventId;
    if (id === undefined) continue; // normalizeHistory names the event without an id
    if (seen.has(String(id))) {
      throw new ValidationError(
        `${where} holds ${parts.length} JSON documents one after another (pages or JSON Lines), and event ${String(id)} occurs in more than one: ` +
          'it holds more than one history, or a page twice; keep one history per file, each page once',
      );
    }
    seen.add(String(id));
  }
  joined.events = events;
  if (token !== undefined) joined.nextPageToken = token;
  return joined;
}
