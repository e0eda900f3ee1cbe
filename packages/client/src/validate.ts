/** Checks of what the client sends SWF that common does not cover: payload sizes, the keys of an options object. */
import { MAX_PAYLOAD_LENGTH, ValidationError, didYouMean, shownValue } from '@swf-flow/common';

/** Checks a payload (input, result, details) against SWF's 32,768-character limit. */
export function checkPayload(payload: string | undefined, what: string): string | undefined {
  if (payload !== undefined && payload.length > MAX_PAYLOAD_LENGTH) {
    throw new ValidationError(
      `${what} is ${payload.length} characters once serialized; SWF allows at most ${MAX_PAYLOAD_LENGTH}`,
    );
  }
  return payload;
}

/** How {@link checkOptionKeys} names an options object in its messages. */
export interface OptionsNames {
  /** The word before "option(s)": `result` in "unknown result option(s)". */
  kind: string;
  /** The object itself: `result options`, `list filter`. */
  object: string;
  /** The object's shape, shown when it is not an object: `{ timeout: '30s' }`. */
  example: string;
}

/**
 * Checks that `options` is an object and holds only `known` keys: a key SWF or the client does
 * not know would otherwise be dropped in silence (a typo in a filter lists every execution).
 *
 * @example
 * ```ts
 * checkOptionKeys(filter, ['status', 'tag'], { kind: 'list filter', object: 'list filter', example: "{ status: 'CLOSED' }" });
 * ```
 * @throws ValidationError naming the unknown keys (with the known key each most likely meant).
 */
export function checkOptionKeys(options: unknown, known: readonly string[], names: OptionsNames): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw new ValidationError(`${names.object} must be an object like ${names.example}; got ${shownValue(options)}`);
  const unknown = Object.keys(options).filter((k) => !known.includes(k));
  if (unknown.length > 0) {
    const named = unknown.map((k) => `${k}${didYouMean(k, known, (name) => name)}`).join(', ');
    throw new ValidationError(`unknown ${names.kind} option(s): ${named}; known options are ${known.join(', ')}`);
  }
}
