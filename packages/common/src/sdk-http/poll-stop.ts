/**
 * How a worker asks the lean HTTP handler to end its long polls gracefully. A worker passes the same
 * abort signal to every long poll and aborts it when it shuts down. Marked with
 * {@link gracefulPollStop}, that abort does not cut a poll's connection: the handler half-closes it
 * (ends the request side with a FIN, or TLS `close_notify` and a FIN) and reads on for at most the
 * grace given, so that the answer of a task the service handed to the poll just before still
 * arrives; a service that answers the half-close at once (the local service does: an empty poll,
 * or the task already handed) ends the poll at once. Past the grace the connection is cut, as an
 * unmarked abort does at once. Any other request handler (a user's own `requestHandler`, the SDK's
 * `NodeHttpHandler`) ignores the mark and aborts as before.
 */

/** Where the mark lives: `Symbol.for`, so that two copies of this package read each other's. */
const GRACE = Symbol.for('swf-flow.sdk-http.pollStopGraceMs');

type Marked = { [GRACE]?: number };

/**
 * Marks `signal` so that its abort ends a long poll gracefully within `graceMs` (see the module's
 * comment); returns the signal. `graceMs` 0 keeps the immediate cut.
 *
 * @example
 * ```ts
 * const stop = new AbortController();
 * await swf.send(new PollForActivityTaskCommand(input), { abortSignal: gracefulPollStop(stop.signal, 1_000) });
 * ```
 */
export function gracefulPollStop<S extends AbortSignal>(signal: S, graceMs: number): S {
  if (!Number.isFinite(graceMs) || graceMs < 0)
    throw new RangeError(`graceMs must be a finite number >= 0; got ${graceMs}`);
  (signal as S & Marked)[GRACE] = graceMs;
  return signal;
}

/** The grace `signal` was marked with by {@link gracefulPollStop}, in ms; `undefined` when unmarked. */
export function pollStopGraceOf(signal: unknown): number | undefined {
  if (typeof signal !== 'object' || signal === null) return undefined;
  const grace = (signal as Marked)[GRACE];
  return typeof grace === 'number' && grace > 0 ? grace : undefined;
}

/** Where a request handler says its abort of a long poll loses no task (see {@link endsPollsGracefully}). */
const GRACEFUL_HANDLER = Symbol.for('swf-flow.sdk-http.endsPollsGracefully');

/**
 * Marks a request handler whose abort of a long poll loses no task the service handed to it: the
 * lean HTTP handler (it half-closes a poll whose signal {@link gracefulPollStop} marked) and the
 * local service's in-process handler (its abort ends the poll's wait, and a task already handed is
 * still returned). A worker ends such polls at shutdown; it lets those of any other handler run to
 * their answer. Returns `handler`.
 */
export function markGracefulPollEnd<T extends object>(handler: T): T {
  Object.defineProperty(handler, GRACEFUL_HANDLER, { value: true });
  return handler;
}

/**
 * Whether `handler` (an SDK client's `config.requestHandler`) was marked with
 * {@link markGracefulPollEnd}: a shutdown may end its long polls without losing a task.
 */
export function endsPollsGracefully(handler: unknown): boolean {
  return (
    typeof handler === 'object' &&
    handler !== null &&
    (handler as { [GRACEFUL_HANDLER]?: unknown })[GRACEFUL_HANDLER] === true
  );
}
