import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.js';
import { breaksSwfNameRule, checkSwfId, checkSwfName, hasForbiddenSwfCharacter } from './names.js';
import { toSwfTaskPriority } from './task-priority.js';

describe('the SWF name rule', () => {
  it.each(['orders', 'Order-1.0', 'a b', 'arnold', 'ü'])('%j keeps it', (name) => {
    expect(breaksSwfNameRule(name)).toBe(false);
    expect(checkSwfName(name, 'taskList')).toBe(name);
  });

  it.each(['a:b', 'a/b', 'a|b', 'a\u0000b', 'a\u001fb', 'a\u007fb', 'a\u009fb', ' a', 'a ', 'arn'])(
    '%j breaks it',
    (name) => {
      expect(breaksSwfNameRule(name)).toBe(true);
      expect(() => checkSwfName(name, 'taskList')).toThrow(ValidationError);
      expect(() => checkSwfName(name, 'taskList')).toThrow(`taskList '${name}' is not a valid SWF name: it may not`);
    },
  );

  it('ids checked for characters only may have spaces around them or be arn', () => {
    expect(hasForbiddenSwfCharacter(' arn ')).toBe(false);
    expect(hasForbiddenSwfCharacter('a|b')).toBe(true);
  });

  it('says what is wrong with a missing or long name', () => {
    expect(() => checkSwfName('', 'domain')).toThrow('domain is required and must be a non-empty string; got ""');
    expect(() => checkSwfName(7, 'domain')).toThrow('got 7');
    expect(() => checkSwfName('x'.repeat(257), 'domain')).toThrow(
      'domain is 257 characters long; SWF allows at most 256',
    );
    expect(checkSwfName('x'.repeat(257), 'domain', 300)).toHaveLength(257);
  });
});

describe('toSwfTaskPriority', () => {
  it.each([
    [undefined, undefined],
    [0, '0'],
    [-2147483648, '-2147483648'],
    [' 12 ', '12'],
  ])('%j -> %j', (value, swf) => {
    expect(toSwfTaskPriority(value, 'here')).toBe(swf);
  });

  it.each([1.5, 2147483648, '1e3', 'high'])('%j is refused', (value) => {
    expect(() => toSwfTaskPriority(value, 'Orders.charge')).toThrow(
      /^Orders\.charge: taskPriority must be an integer between -2147483648 and 2147483647/,
    );
  });
});

describe('checkSwfId', () => {
  it('applies the name rule and speaks of an id', () => {
    expect(checkSwfId('order-1', 'workflowId')).toBe('order-1');
    expect(() => checkSwfId('a/b', 'workflowId')).toThrow("workflowId 'a/b' is not valid for SWF: it may not contain");
  });
});
