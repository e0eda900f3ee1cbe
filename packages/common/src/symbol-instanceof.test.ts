import { describe, expect, it } from 'vitest';
import { symbolBasedInstanceOf } from './symbol-instanceof.js';

/** One class as two copies of a package would each define it. */
function copyOfClass(): new () => Error {
  class Marked extends Error {}
  symbolBasedInstanceOf(Marked, 'swf-flow.test.Marked');
  return Marked;
}

describe('symbolBasedInstanceOf', () => {
  it('an instance made by one copy of a class is an instance of the other copy', () => {
    const A = copyOfClass();
    const B = copyOfClass();
    expect(A).not.toBe(B);
    expect(new A()).toBeInstanceOf(B);
    expect(new B()).toBeInstanceOf(A);
  });

  it('other objects are not, and a subclass keeps the prototype check for itself', () => {
    const A = copyOfClass();
    class Sub extends A {}
    expect(new Error()).not.toBeInstanceOf(A);
    expect(null as unknown).not.toBeInstanceOf(A);
    expect(new Sub()).toBeInstanceOf(A);
    expect(new A()).not.toBeInstanceOf(Sub);
  });
});
