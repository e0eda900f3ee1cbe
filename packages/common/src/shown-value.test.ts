import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors.js';
import { checkSwfId, checkSwfName } from './swf/names.js';
import { shownValue } from './shown-value.js';

describe('shownValue: a wrong value as an error message shows it', () => {
  it.each([
    ['a string, quoted', 'a:b', '"a:b"'],
    ['a number', 5, '5'],
    ['Infinity (JSON would say null)', Infinity, 'Infinity'],
    ['NaN (JSON would say null)', NaN, 'NaN'],
    ['a bigint (JSON would throw)', 10n, '10n'],
    ['a symbol (JSON would say nothing)', Symbol('s'), 'Symbol(s)'],
    ['a function (JSON would say nothing)', function named() {}, 'a function (named)'],
    ['undefined', undefined, 'undefined'],
    ['null', null, 'null'],
    ['a small object', { a: 1 }, '{"a":1}'],
    ['an object with a bigint inside', { a: 1n }, 'an object'],
    ['an instance', new (class Thing {})(), 'a Thing'],
  ])('%s', (_what, value, shown) => {
    expect(shownValue(value)).toBe(shown);
  });

  it('cuts a long value short', () => {
    const shown = shownValue('x'.repeat(10_000));
    expect(shown.length).toBeLessThan(120);
    expect(shown).toMatch(/… \(10000 characters\)$/);
  });

  it.each([10n, Symbol('s'), Infinity])(
    'checkSwfName and checkSwfId refuse %s with a ValidationError that shows it',
    (value) => {
      expect(() => checkSwfName(value, 'taskList')).toThrow(ValidationError);
      expect(() => checkSwfId(value, 'workflowId')).toThrow(ValidationError);
      expect(() => checkSwfName(value, 'taskList')).toThrow(`got ${shownValue(value)}`);
    },
  );
});
