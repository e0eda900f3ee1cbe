/**
 * The character rules of HTTP/1.1 field names and values as `node:http` applies them, shared by
 * the request writer and the response parser, and a memo of the header names seen.
 */

/** An RFC 9110 token (a method or a field name), as `node:http` tests it. */
export const TOKEN = /^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/;

/** A character `node:http` refuses in a field value. */
export const INVALID_VALUE = /[^\t\x20-\x7e\x80-\xff]/;

/** Field names seen before, each with its lower-case form (`undefined`: not a token). */
const NAMES = new Map<string, string | undefined>();

/**
 * A field name's lower-case form, or `undefined` when it is not a token; remembered per name (a
 * client sends and receives the same few names again and again).
 *
 * @example
 * ```ts
 * lowerName('Content-Length'); // 'content-length'
 * lowerName('Bad Name'); // undefined
 * ```
 */
export function lowerName(name: string): string | undefined {
  let lower = NAMES.get(name);
  if (lower === undefined && !NAMES.has(name)) {
    lower = TOKEN.test(name) ? name.toLowerCase() : undefined;
    if (NAMES.size < 1024) NAMES.set(name, lower);
  }
  return lower;
}
