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
  const values = parts.map((part, i) => {
    try {
      return JSON.parse(part) as unknown;
    } catch (err) {
      throw new ValidationError(
        `${where} holds ${parts.length} JSON documents one after another; document ${i + 1} is not valid JSON (${(err as Error).message})`,
        { cause: err },
      );
    }
  });
  return joinedDocuments(
    values,
    `${where} holds ${parts.length} JSON documents one after another (pages or JSON Lines)`,
  );
}

/** Whether `value` is a page of a history (`{"events": [...], ...}`, an API or SDK response). */
function isPage(value: unknown): value is Record<string, unknown> & { events: unknown[] } {
  return typeof value === 'object' && value !== null && Array.isArray((value as { events?: unknown }).events);
}

/**
 * The one history an array of pages stands for (`[{"events": [...], "nextPageToken": ...}, ...]`:
 * the pages of the JavaScript SDK's `paginateGetWorkflowExecutionHistory` collected and
 * `JSON.stringify`'d, or boto3's `list(paginator.paginate(...))` dumped), joined as
 * {@link joinedJsonSequence} joins pages written one after another; `value` itself when it is not
 * a non-empty array of pages.
 *
 * @param where - how errors name the history (a file's path, or `the history`).
 * @throws ValidationError when an event id occurs twice (a page twice, or two histories).
 */
export function joinedPages(value: unknown, where: string): unknown {
  if (!Array.isArray(value) || value.length === 0 || !value.every(isPage)) return value;
  return joinedDocuments(value, `${where} holds ${value.length} pages`);
}

/**
 * Joins documents that are each an event, a page or an array of events into one history (see
 * {@link joinedJsonSequence}); `holds` begins the error that names an event found twice.
 */
function joinedDocuments(values: readonly unknown[], holds: string): Record<string, unknown> {
  const events: unknown[] = [];
  const joined: Record<string, unknown> = {};
  let token: unknown;
  for (const value of values) {
    if (Array.isArray(value)) {
      events.push(...(value as unknown[]));
      continue;
    }
    if (!isPage(value)) {
      events.push(value); // one event of JSON Lines
      continue;
    }
    events.push(...value.events);
    token = value.nextPageToken ?? value.NextToken;
    for (const field of FIXTURE_FIELDS)
      if (joined[field] === undefined && value[field] !== undefined) joined[field] = value[field];
  }
  const seen = new Set<unknown>();
  for (const e of events) {
    const id = (e as { eventId?: unknown } | null)?.eventId;
    if (id === undefined) continue; // normalizeHistory names the event without an id
    if (seen.has(String(id))) {
      throw new ValidationError(
        `${holds}, and event ${String(id)} occurs in more than one: ` +
          'it holds more than one history, or a page twice; keep one history per file, each page once',
      );
    }
    seen.add(String(id));
  }
  joined.events = events;
  if (token !== undefined) joined.nextPageToken = token;
  return joined;
}
