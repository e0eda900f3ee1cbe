/**
 * The stacks of the errors a replay test reports. A NonDeterminismError or a bad history is a
 * verdict about the user's code and files, not a crash: the replayer's own frames say nothing a
 * user can act on, and a test runner shows them (and a code frame of the first) where the line to
 * look at belongs. Such an error's stack is made of the workflow code's line (when known) and the
 * frames of the call that replayed (the test's line): vitest's code frame then shows the workflow
 * line or the test line, and node prints the same two places.
 */

/** The frames of whoever called `fn` (V8's `\n    at ...` lines), captured when called. */
export function callerFrames(fn: (...args: never[]) => unknown): string {
  const site: { stack?: string } = {};
  Error.captureStackTrace(site, fn);
  const stack = typeof site.stack === 'string' ? site.stack : '';
  const firstFrame = stack.indexOf('\n');
  return firstFrame < 0 ? '' : stack.slice(firstFrame);
}

/**
 * Gives `err` the stack `name: message`, then a frame at `location` (a `file:line:column`) if
 * given, then `frames` (from {@link callerFrames}). The stack stays a non-enumerable own property,
 * as V8's is.
 */
export function restack(err: Error, frames: string, location?: string): void {
  Object.defineProperty(err, 'stack', {
    value: `${err.name}: ${err.message}${location ? `\n    at ${location}` : ''}${frames}`,
    writable: true,
    configurable: true,
    enumerable: false,
  });
}
