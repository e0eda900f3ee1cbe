/**
 * How a validation message shows the value it refuses ("... got 5"). `JSON.stringify`, the habit
 * this replaces, shows `Infinity` and `NaN` as `null`, a function or a symbol as nothing, and
 * throws a `TypeError` on a `bigint` (so a wrong option became a crash instead of the message);
 * and it prints a long value whole.
 */

/** The longest a shown value gets before it is cut (with its length said). */
const MAX_SHOWN = 80;

/**
 * `value` as an error message shows it: strings quoted, numbers as written (`NaN`, `Infinity`),
 * `10n`, `Symbol(s)`, `a function (name)`, plain data as JSON, an instance by its class; never
 * longer than about 100 characters, and never throws.
 *
 * @example
 * ```ts
 * throw new ValidationError(`decisionPollers must be an integer; got ${shownValue(value)}`);
 * ```
 */
export function shownValue(value: unknown): string {
  const cut = (text: string): string =>
    text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}… (${text.length} characters)` : text;
  switch (typeof value) {
    case 'string':
      return value.length > MAX_SHOWN
        ? `${JSON.stringify(value.slice(0, MAX_SHOWN))}… (${value.length} characters)`
        : JSON.stringify(value);
    case 'number':
    case 'boolean':
    case 'undefined':
      return String(value);
    case 'bigint':
      return `${value}n`;
    case 'symbol':
      return value.toString();
    case 'function':
      return value.name ? `a function (${value.name})` : 'a function';
    default: {
      if (value === null) return 'null';
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== Array.prototype && proto !== null) {
        const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
        return typeof name === 'string' && name !== '' ? `a ${name}` : 'an object';
      }
      try {
        return cut(JSON.stringify(value));
      } catch {
        return Array.isArray(value) ? 'an array' : 'an object';
      }
    }
  }
}
