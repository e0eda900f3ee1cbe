/** Run ids, task tokens and page tokens. */
import { randomFillSync } from 'node:crypto';
import { type SwfFault, validation } from '../faults.js';
import { type PagedOperation, openPageToken, sealPageToken } from '../paging/page-tokens.js';
import type { EngineServices } from './types.js';

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

/**
 * A decision task's token: the run it belongs to, its DecisionTaskScheduled event id and 48 random
 * bytes. The engine stores it and finds its run by the run id (the table's key, no index of
 * tokens), then compares the whole token; the event id lets a stale token's fault name its task.
 */
export function newDecisionToken(runId: string, scheduledId: number): string {
  return `${runId}.${scheduledId}.${randomBase64(48)}`;
}

/** An activity task's token: its run, its ActivityTaskScheduled event id and 48 random bytes. */
export function newActivityToken(runId: string, scheduledId: number): string {
  return `${runId}.${scheduledId}.${randomBase64(48)}`;
}

/**
 * The length of the task tokens versions before 0.1 handed out: 96 random bytes in base64, no
 * `.`. Such a token, held by a worker while the service was upgraded, is found by a partial index
 * of exactly these (`executions_legacy_token`, `activities_legacy_token`); new tokens are never in it.
 */
export const LEGACY_TOKEN_LENGTH = 128;

/**
 * The run id a decision task token names (the part before its first `.`: run ids hold none), or
 * undefined for a token of the old shape (or not ours). Tokens of the shape before the scheduled
 * event id was added (`runId.random`) name their run the same way.
 */
export function decisionTokenRun(token: string): string | undefined {
  const dot = token.indexOf('.');
  return dot > 0 ? token.slice(0, dot) : undefined;
}

/** The DecisionTaskScheduled event id a decision task token names, if it names one. */
export function decisionTokenScheduledId(token: string): number | undefined {
  return activityTokenTask(token)?.scheduledId;
}

/** The run id and scheduled event id an activity task token names, or undefined (old shape, or not ours). */
export function activityTokenTask(token: string): { runId: string; scheduledId: number } | undefined {
  const last = token.lastIndexOf('.');
  const dot = last > 0 ? token.lastIndexOf('.', last - 1) : -1;
  if (dot <= 0) return undefined;
  const scheduledId = Number(token.slice(dot + 1, last));
  return Number.isSafeInteger(scheduledId) && scheduledId > 0 ? { runId: token.slice(0, dot), scheduledId } : undefined;
}

/** A token that names its run: the run id (`22` and 44 base64 characters) and a `.`. */
const RUN_NAMING_TOKEN = /^22[A-Za-z0-9+/]{43}=\./;
/** A token of the shape versions before 0.1 handed out. */
const LEGACY_TOKEN = new RegExp(`^[A-Za-z0-9+/]{${LEGACY_TOKEN_LENGTH}}$`);

/**
 * `ValidationException` for a task token of no shape this service hands out (or handed out before),
 * as Amazon SWF refuses "an obviously invalid token" (its message, as moto records it); undefined for a token of a known shape, which
 * is only stale when it names no task (`UnknownResourceFault`). Checked only after a lookup missed,
 * so answering a real task costs nothing more.
 */
export function malformedTaskToken(token: string): SwfFault | undefined {
  if (RUN_NAMING_TOKEN.test(token) || LEGACY_TOKEN.test(token)) return undefined;
  return validation('Invalid token');
}

/** The engine operations that page with `nextPageToken`. */
export type EnginePagedOperation = Extract<
  PagedOperation,
  'GetWorkflowExecutionHistory' | 'PollForDecisionTask' | 'ListOpenWorkflowExecutions' | 'ListClosedWorkflowExecutions'
>;

/** What the engine's tokens are sealed with: the service's database (its key) and clock. */
type Sealing = Pick<EngineServices, 'db' | 'clock'>;

/**
 * Seals a page position into an opaque `nextPageToken` of `operation` for `query` (the arguments
 * that must stay unchanged between pages), so that no other operation or query accepts it
 * (`paging/page-tokens.ts`).
 */
export function encodePageToken(
  ctx: Sealing,
  operation: EnginePagedOperation,
  query: string,
  position: Record<string, unknown>,
): string {
  return sealPageToken({ db: ctx.db, operation, query, now: ctx.clock.now() }, position);
}

/**
 * Opens a `nextPageToken` made by {@link encodePageToken} for the same operation and query. Any
 * other token is a `ValidationException` that says why: SWF documents that PollForDecisionTask's
 * tokens cannot be used with GetWorkflowExecutionHistory, and that the other arguments must be kept
 * unchanged.
 */
export function decodePageToken<T extends Record<string, unknown>>(
  ctx: Sealing,
  operation: EnginePagedOperation,
  query: string,
  token: string,
): T {
  const position = openPageToken({ db: ctx.db, operation, query, now: ctx.clock.now() }, token);
  if (position !== null && typeof position === 'object' && !Array.isArray(position)) return position as T;
  throw validation(`The nextPageToken is not valid for this ${operation} request: it holds no page position.`);
}

/** The page size asked for: SWF's default and maximum are 1000; 0 or absent means the default. */
export function pageSize(maximumPageSize: number | undefined): number {
  return !maximumPageSize || maximumPageSize > 1000 ? 1000 : maximumPageSize;
}
