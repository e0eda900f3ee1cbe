/**
 * The text of a value thrown that is not an `Error` (`throw 'declined'`, `throw { code: 7 }`,
 * `throw 5n`, a cyclic object): what a failure's message says about it. It never throws itself:
 * failing a task or a run must not fail on the value that failed it.
 */

/** `String(value)`, or `[object Object]` for a value whose conversion throws (no prototype, a throwing `toString`). */
function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/**
 * A string as it is, a BigInt as `5n`, plain data as its JSON, anything else as `String(value)`; a
 * value JSON cannot write (cyclic, a throwing `toJSON`) says so and what to throw instead.
 *
 * @example
 * ```ts
 * thrownText({ code: 7 }); // '{"code":7}'
 * const o: Record<string, unknown> = {};
 * o.self = o;
 * thrownText(o); // 'a thrown object that is not JSON (Converting circular structure ...); throw an Error or an ApplicationFailure instead'
 * ```
 */
export function thrownText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint') return `${value}n`;
  try {
    const json = JSON.stringify(value);
    if (json !== undefined) return json;
  } catch (err) {
    // one line: V8's message for a cycle spans three
    const why = (err instanceof Error ? err.message : safeString(err)).replace(/\s*\n\s*/g, ' ');
    return `a thrown ${typeof value} that is not JSON (${why}); throw an Error or an ApplicationFailure instead`;
  }
  return safeString(value);
}
