/**
 * The registry's pages: the page size asked for, and `nextPageToken`s that hold the sort key of the
 * last item returned, sealed for the operation and the arguments that made them
 * (`paging/page-tokens.ts`).
 */
import { type PagedOperation, openPageToken, sealPageToken } from '../paging/page-tokens.js';
import type { RegistryContext } from './context.js';
import { validation } from '../faults.js';

/** SWF's default and largest page size. */
export const MAX_PAGE_SIZE = 1000;

/** The page size to use: `maximumPageSize` if set and positive, else 1000. */
export function pageSize(maximumPageSize: number | undefined): number {
  return maximumPageSize && maximumPageSize > 0 ? Math.min(maximumPageSize, MAX_PAGE_SIZE) : MAX_PAGE_SIZE;
}

/** Where the registry's tokens are sealed: its database and clock, the operation and its arguments. */
export interface RegistryPaging {
  ctx: RegistryContext;
  operation: PagedOperation;
  query: string;
}

/**
 * The sort key of the last item of the page before, from a token made by {@link cutPage} for the
 * same operation and arguments; anything else is refused with a fault naming the operation.
 */
export function decodePageToken(paging: RegistryPaging, token: string): (string | number)[] {
  const key = openPageToken({ ...paging, db: paging.ctx.db, now: paging.ctx.clock.now() }, token);
  if (Array.isArray(key) && key.every((v) => typeof v === 'string' || typeof v === 'number')) return key;
  throw validation(`The nextPageToken is not valid for this ${paging.operation} request: it holds no page position.`);
}

/**
 * Cuts `rows` (fetched with one extra row) into a page and its token: the token is set only when
 * more rows follow.
 */
export function cutPage<T>(
  paging: RegistryPaging,
  rows: T[],
  size: number,
  keyOf: (row: T) => (string | number)[],
): { page: T[]; nextPageToken?: string } {
  if (rows.length <= size) return { page: rows };
  const page = rows.slice(0, size);
  const scope = { ...paging, db: paging.ctx.db, now: paging.ctx.clock.now() };
  return { page, nextPageToken: sealPageToken(scope, keyOf(page[page.length - 1] as T)) };
}
