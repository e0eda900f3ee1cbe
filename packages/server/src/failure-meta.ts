/** How the service hands a caught failure to its logger. */

/**
 * A failure as logger metadata: its message and, for an `Error`, its stack.
 *
 * @example
 * ```ts
 * logger.error('purging closed executions failed', failureMeta(err));
 * ```
 */
export function failureMeta(err: unknown): { error: string; stack?: string } {
  if (err instanceof Error)
    return err.stack === undefined ? { error: err.message } : { error: err.message, stack: err.stack };
  return { error: String(err) };
}
