/**
 * Which SWF call failures are worth trying again: the service could not be reached or answered
 * that it could not serve right now. Shared by the worker (answers retried until accepted) and
 * the client (waiting for a result through a service restart), so both read an error alike.
 */

/** Socket-level error codes of a service that is down, restarting or unreachable for a moment. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
]);

/** Fault names a service answers while it is overloaded or failing for a moment. */
const TRANSIENT_FAULTS = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'RequestThrottledException',
  'TooManyRequestsException',
  'ServiceUnavailable',
  'InternalFailure',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
]);

/** How a failed SWF call should be treated by a caller that may try again. */
export type SwfErrorKind =
  /** The task, execution or type no longer exists (`UnknownResourceFault`): trying again cannot help. */
  | 'unknown-resource'
  /** The service was unreachable or briefly unable to serve: try again later. */
  | 'transient'
  /** The service refused the request (validation, signature, ...), or it never left this process. */
  | 'permanent';

function connectionCodeOf(err: unknown, depth = 0): string | undefined {
  if (typeof err !== 'object' || err === null || depth > 3) return undefined;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && CONNECTION_CODES.has(code)) return code;
  if (err instanceof AggregateError) {
    for (const inner of err.errors) {
      const found = connectionCodeOf(inner, depth + 1);
      if (found) return found;
    }
  }
  return connectionCodeOf((err as { cause?: unknown }).cause, depth + 1);
}

/**
 * Classifies an error thrown by an `SWFClient` call: `unknown-resource`, `transient` (no connection,
 * a reset socket, a timeout, HTTP 5xx or 429, throttling) or `permanent` (everything else).
 */
export function classifySwfError(err: unknown): SwfErrorKind {
  if (typeof err !== 'object' || err === null) return 'permanent';
  const { name, $metadata } = err as { name?: unknown; $metadata?: { httpStatusCode?: number } };
  if (name === 'UnknownResourceFault') return 'unknown-resource';
  const status = $metadata?.httpStatusCode;
  if (status !== undefined && (status >= 500 || status === 429)) return 'transient';
  if (typeof name === 'string' && TRANSIENT_FAULTS.has(name)) return 'transient';
  if (connectionCodeOf(err)) return 'transient';
  return 'permanent';
}

/** The socket-level code behind an error (`ECONNREFUSED`, ...), for messages. */
export function connectionErrorCode(err: unknown): string | undefined {
  return connectionCodeOf(err);
}
