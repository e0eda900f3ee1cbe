/**
 * How a failure chain is shown to people, each message once. The failures swf-flow builds carry
 * their cause's message at their end (`Activity ChargeCreditCard (activity-2) failed: card ending
 * 3333 was declined`, then `workflow o1 (run ...) failed: ` before that), so printing each error of
 * a chain with its whole message says the innermost one as many times as the chain is deep. Each
 * error says only its own part here, and a stack trace leaves out the header that repeats the
 * message.
 */

/** The separators a message and its cause's message are joined with. */
const JOINS = [': ', ' - ', '; '];

/**
 * `err.message` without its cause's message at the end (joined by `: `, ` - ` or `; `), or `''`
 * when it is the cause's message itself; the whole message when it does not end with it.
 *
 * @example
 * ```ts
 * ownMessage(new Error('Activity A (activity-1) failed: declined', { cause: new Error('declined') }));
 * // 'Activity A (activity-1) failed'
 * ```
 */
export function ownMessage(err: Error): string {
  const cause = err.cause;
  if (!(cause instanceof Error) || cause.message === '') return err.message;
  if (err.message === cause.message) return '';
  for (const join of JOINS) {
    const tail = `${join}${cause.message}`;
    if (err.message.endsWith(tail) && err.message.length > tail.length)
      return err.message.slice(0, err.message.length - tail.length);
  }
  return err.message;
}

/**
 * `err.stack` without the header V8 starts it with (`Name: message`, the message already shown
 * beside it): the frames alone; the whole stack when it does not start with that header.
 */
export function stackFrames(err: Error): string | undefined {
  const stack = err.stack;
  if (stack === undefined) return undefined;
  for (const header of [`${err.name}: ${err.message}`, `${String((err as { type?: unknown }).type)}: ${err.message}`]) {
    if (stack.startsWith(`${header}\n`)) return stack.slice(header.length + 1);
  }
  return stack;
}
