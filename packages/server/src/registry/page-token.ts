/**
 * Opaque `nextPageToken`s: the sort key of the last item returned plus a fingerprint of the query,
 * so that a token is only accepted by the query that made it.
 */
import { badPageToken } from '../faults.js';

/** SWF's default and largest page size. */
export const MAX_PAGE_SIZE = 1000;

/** The page size to use: `maximumPageSize` if set and positive, else 1000. */
export function pageSize(maximumPageSize: number | undefined): number {
  return maximumPageSize && maximumPageSize > 0 ? Math.min(maximumPageSize, MAX_PAGE_SIZE) : MAX_PAGE_SIZE;
}

/** Encodes the key of the last item of a page for the given query. */
export function encodePageToken(query: string, key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify({ q: query, k: key }), 'utf8').toString('base64url');
}

/**
 * Decodes a token made by {@link encodePageToken} for the same query; rejects anything else with
 * the fault that names `operation` and says what to pass.
 */
export function decodePageToken(operation: string, query: string, token: string): (string | number)[] {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { q?: unknown; k?: unknown };
    if (
      parsed.q === query &&
      Array.isArray(parsed.k) &&
      parsed.k.every((v) => typeof v === 'string' || typeof v === 'number')
    ) {
      return parsed.k as (string | number)[];
    }
  } catch {
    // fall through to the fault
  }
  throw badPageToken(operation);
}

/**
 * Cuts `rows` (fetched with one extra row) into a page and its token: the token is set only when
 * more rows follow.
 */
export function cutPage<T>(
  rows: T[],
  size: number,
  query: string,
  keyOf: (row: T) => (string | number)[],
): { page: T[]; nextPageToken?: string } {
  if (rows.length <= size) return { page: rows };
  const page = rows.slice(0, size);
  return { page, nextPageToken: encodePageToken(query, keyOf(page[page.length - 1] as T)) };
}
