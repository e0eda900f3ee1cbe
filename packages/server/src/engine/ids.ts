/** Run ids, task tokens and page tokens. */
import { randomBytes } from 'node:crypto';
import { SwfFault } from '../faults.js';

/** A run id shaped like SWF's: `22` and 44 base64 characters. */
export function newRunId(): string {
  return `22${randomBytes(32).toString('base64')}`;
}

/** An opaque task token (random; the engine stores it). */
export function newTaskToken(): string {
  return randomBytes(96).toString('base64');
}

/** Encodes a page position as an opaque `nextPageToken`. */
export function encodePageToken(value: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64');
}

/** Decodes a `nextPageToken` made by {@link encodePageToken}; a bad token is a validation error. */
export function decodePageToken<T extends Record<string, unknown>>(token: string): T {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
    if (value && typeof value === 'object') return value as T;
  } catch {
    // fall through
  }
  throw new SwfFault('ValidationException', 'Invalid nextPageToken');
}

/** The page size asked for: SWF's default and maximum are 1000; 0 or absent means the default. */
export function pageSize(maximumPageSize: number | undefined): number {
  return !maximumPageSize || maximumPageSize > 1000 ? 1000 : maximumPageSize;
}
