/** A long poll's abort makes its signal only when read, and the signal shows an abort that came first. */
import { describe, expect, it } from 'vitest';
import { PollAbort } from './poll-abort.js';

describe('PollAbort', () => {
  it('makes its signal on the first read, the same one after', () => {
    const poll = new PollAbort();
    expect(poll.aborted).toBe(false);
    expect(poll.gone()).toBe(false);
    const signal = poll.signal;
    expect(signal).toBeInstanceOf(AbortSignal);
    expect(signal.aborted).toBe(false);
    expect(poll.signal).toBe(signal);
    poll.abort();
    expect(signal.aborted).toBe(true);
    expect(poll.gone()).toBe(true);
  });

  it('gives a signal made after the abort already aborted, and tells listeners of one made before', () => {
    const early = new PollAbort();
    early.abort();
    early.abort(); // twice: no harm
    expect(early.aborted).toBe(true);
    expect(early.signal.aborted).toBe(true);
    const late = new PollAbort();
    let heard = 0;
    late.signal.addEventListener('abort', () => (heard += 1));
    late.abort();
    late.abort();
    expect(heard).toBe(1);
  });
});
