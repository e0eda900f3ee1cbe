/**
 * The errors the HTTP handler rejects with, named and coded as the SDK's `NodeHttpHandler` names
 * and codes them, because the SDK's retry strategy (and swf-flow's `classifySwfError`) reads
 * exactly those: `AbortError` is never retried; `TimeoutError`, and the codes `ECONNRESET`,
 * `EPIPE`, `ETIMEDOUT` and `ECONNREFUSED`, are transient and retried.
 */

/** Socket error codes the SDK's handler renames `TimeoutError` (its `NODEJS_TIMEOUT_ERROR_CODES`). */
const RENAMED_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT']);

/**
 * The SDK handler's error for an aborted request: `name` `AbortError`, the signal's reason as
 * `cause` when it is an `Error`, else as the message.
 *
 * @example
 * ```ts
 * if (signal.aborted) throw abortError(signal);
 * ```
 */
export function abortError(signal: { reason?: unknown } | undefined): Error {
  const reason = signal && typeof signal === 'object' && 'reason' in signal ? signal.reason : undefined;
  const error = reason && !(reason instanceof Error) ? new Error(String(reason)) : new Error('Request aborted');
  error.name = 'AbortError';
  if (reason instanceof Error) error.cause = reason;
  return error;
}

/**
 * A transport error as the SDK's handler hands it on: one with a code it renames becomes a
 * `TimeoutError` (same object, same code); any other is unchanged.
 *
 * @example
 * ```ts
 * socket.on('error', (err) => reject(transportError(err)));
 * ```
 */
export function transportError(error: Error): Error {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && RENAMED_CODES.has(code)) error.name = 'TimeoutError';
  return error;
}

/**
 * A `TimeoutError`, as the SDK's handler raises for its `connectionTimeout`, `requestTimeout`
 * (with `throwOnRequestTimeout`, code `ETIMEDOUT`) and `socketTimeout`.
 *
 * @example
 * ```ts
 * reject(timeoutError(`no connection within ${ms} ms`));
 * ```
 */
export function timeoutError(message: string, code?: string): Error {
  const error = new Error(message);
  error.name = 'TimeoutError';
  if (code !== undefined) (error as Error & { code?: string }).code = code;
  return error;
}
