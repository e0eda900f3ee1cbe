/**
 * How a run ended, for people and for `--json`: the result as JSON, or the failure with its cause
 * chain (message, type, details).
 */
import type { RunOutcome } from '@swf-flow/client';
import { ownMessage } from '@swf-flow/common';
import type { Palette } from '../color.js';

/**
 * A failure and its causes, one per line (at most five), each saying only its own part of the
 * message (`ownMessage`: the cause's message, which swf-flow's failures repeat at their end, is
 * said once, on the cause's line).
 */
export function failureText(err: unknown): string {
  const lines: string[] = [];
  for (let e: unknown = err; e instanceof Error && lines.length < 5; e = e.cause) {
    const details = (e as { details?: unknown }).details;
    const shownDetails =
      details === undefined || (Array.isArray(details) && details.length === 0)
        ? ''
        : ` (details: ${JSON.stringify(details)})`;
    const own = lines.length < 4 ? ownMessage(e) : e.message;
    lines.push(`${lines.length === 0 ? '' : '  caused by '}${e.name}${own === '' ? '' : `: ${own}`}${shownDetails}`);
  }
  return lines.length > 0 ? lines.join('\n') : String(err);
}

/** The JSON of a failure: name, message, type, details, and its cause, nested. */
export function failureJson(err: unknown, depth = 0): unknown {
  if (!(err instanceof Error) || depth > 5) return err === undefined ? undefined : String(err);
  const e = err as Error & { type?: unknown; details?: unknown; status?: unknown };
  return {
    name: e.name,
    message: e.message,
    ...(e.status === undefined ? {} : { status: e.status }),
    ...(e.type === undefined ? {} : { type: e.type }),
    ...(e.details === undefined ? {} : { details: e.details }),
    ...(e.cause === undefined ? {} : { cause: failureJson(e.cause, depth + 1) }),
  };
}

/** `status` and `result` or `failure`, for `--json`. */
export function outcomeJson(outcome: RunOutcome): Record<string, unknown> {
  switch (outcome.kind) {
    case 'completed':
      return { status: 'COMPLETED', result: outcome.result ?? null };
    case 'continued':
      return { status: 'CONTINUED_AS_NEW', newRunId: outcome.newRunId };
    default:
      return { status: outcome.error.status, failure: failureJson(outcome.error) };
  }
}

/** One or a few lines: `result: "Hello, Ada"`, or `failure: ...` with the causes. */
export function outcomeText(outcome: RunOutcome, p: Palette): string {
  switch (outcome.kind) {
    case 'completed':
      return `${p.green('result:')} ${JSON.stringify(outcome.result) ?? 'undefined'}`;
    case 'continued':
      return `continued as new run ${outcome.newRunId}`;
    default:
      return `${p.red(`${outcome.error.status}:`)} ${failureText(outcome.error)}`;
  }
}
