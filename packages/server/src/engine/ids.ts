/** Run ids, task tokens and page tokens. */
import { randomFillSync } from 'node:crypto';
import { SwfFault } from '../faults.js';

/**
 * Random bytes drawn from a pool filled 4 KiB at a time from the operating system's CSPRNG (as
 * `crypto.randomUUID` does), instead of a system call for every run id and task token; every
 * byte is used once.
 */
const pool = Buffer.alloc(4096);
let used = pool.length;

function randomBase64(bytes: number): string {
  if (used + bytes > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const text = pool.toString('base64', used, used + bytes);
  used += bytes;
  return text;
}

/** A run id shaped like SWF's: `22` and 44 base64 characters. */
export function newRunId(): string {
  return `22${randomBase64(32)}`;
}

/** An opaque task token (random; the engine stores it). */
export function newTaskToken(): string {
  return randomBase64(96);
}

/** The engine operations that page with `nextPageToken`. */
export type PagedOperation =
  'GetWorkflowExecutionHistory' | 'PollForDecisionTask' | 'ListOpenWorkflowExecutions' | 'ListClosedWorkflowExecutions';

/**
 * Encodes a page position as an opaque `nextPageToken` of `operation` for `query` (the arguments
 * that must stay unchanged between pages), so that no other operation or query accepts it.
 */
export function encodePageToken(operation: PagedOperation, query: string, position: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify({ ...position, op: operation, q: query }), 'utf8').toString('base64');
}

/**
 * Decodes a `nextPageToken` made by {@link encodePageToken} for the same operation and query. Any
 * other token is a `ValidationException`: SWF documents that PollForDecisionTask's tokens cannot be
 * used with GetWorkflowExecutionHistory, and that the other arguments must be kept unchanged.
 */
export function decodePageToken<T extends Record<string, unknown>>(
  operation: PagedOperation,
  query: string,
  token: string,
): T {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
  } catch {
    value = undefined;
  }
  const v = value as { op?: unknown; q?: unknown } | undefined;
  if (v && typeof v === 'object' && v.op === operation && v.q === query) return value as T;
  throw new SwfFault(
    'ValidationException',
    `The nextPageToken is not valid for this ${operation} request: pass the token the previous ${operation} call returned, with the other arguments unchanged.`,
  );
}

/** The page size asked for: SWF's default and maximum are 1000; 0 or absent means the default. */
export function pageSize(maximumPageSize: number | undefined): number {
  return !maximumPageSize || maximumPageSize > 1000 ? 1000 : maximumPageSize;
}
