// An activity task's signal is made on its first read; what it says must not depend on when that
// read comes: every order of cancel request, shutdown and first read, against an eager signal.
import { getEventListeners } from 'node:events';
import { ApplicationFailure, CancelledFailure } from '@swf-flow/common';
import { describe, expect, it } from 'vitest';
import { TaskCancellation } from './task-cancellation.js';

const cancel = (): CancelledFailure => new CancelledFailure('cancellation of the activity was requested');
const reasonOf = (s: AbortSignal): string =>
  s.aborted ? `${(s.reason as Error).name}: ${(s.reason as Error).message}` : 'not aborted';
const SHUTDOWN = 'ApplicationFailure: the worker (w1) is shutting down';
const CANCEL = 'CancelledFailure: cancellation of the activity was requested';

describe('TaskCancellation', () => {
  it('is not aborted and listens to nothing until something happens, read or not', () => {
    const shutdown = new AbortController();
    const c = new TaskCancellation('w1', shutdown.signal);
    expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(0); // nothing until the first read
    expect(c.signal.aborted).toBe(false);
    expect(c.signal).toBe(c.signal); // one signal
    expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(1);
    c.done();
    expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(0);
  });

  it.each([
    ['shutdown before the task', ['shutdown-before-task', 'read'], SHUTDOWN],
    ['shutdown, then the first read', ['shutdown', 'read'], SHUTDOWN],
    ['the first read, then shutdown', ['read', 'shutdown'], SHUTDOWN],
    ['cancel, then the first read', ['cancel', 'read'], CANCEL],
    ['the first read, then cancel', ['read', 'cancel'], CANCEL],
    ['cancel, then shutdown, then the first read', ['cancel', 'shutdown', 'read'], CANCEL],
    ['shutdown, then cancel, then the first read', ['shutdown', 'cancel', 'read'], SHUTDOWN],
    ['the first read, shutdown, cancel', ['read', 'shutdown', 'cancel'], SHUTDOWN],
    ['the first read, cancel, shutdown', ['read', 'cancel', 'shutdown'], CANCEL],
    ['shutdown, the task ends, then a read', ['shutdown', 'done', 'read'], SHUTDOWN],
    ['the task ends, shutdown, then a read', ['done', 'shutdown', 'read'], 'not aborted'],
    ['the first read, the task ends, shutdown', ['read', 'done', 'shutdown'], 'not aborted'],
  ])('%s', (_, steps, expected) => {
    const shutdown = new AbortController();
    if (steps[0] === 'shutdown-before-task') shutdown.abort();
    const c = new TaskCancellation('w1', shutdown.signal);
    let signal: AbortSignal | undefined;
    for (const step of steps) {
      if (step === 'shutdown' && !shutdown.signal.aborted) shutdown.abort();
      if (step === 'cancel') c.abort(cancel());
      if (step === 'read') signal = c.signal;
      if (step === 'done') c.done();
    }
    expect(reasonOf(signal ?? c.signal)).toBe(expected);
    if (expected === SHUTDOWN) {
      expect((signal ?? c.signal).reason).toBeInstanceOf(ApplicationFailure);
      expect(((signal ?? c.signal).reason as ApplicationFailure).type).toBe('WorkerShutdown');
    }
    c.done();
    expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(0);
  });

  it('works without a shutdown signal', () => {
    const c = new TaskCancellation('w1', undefined);
    c.abort(cancel());
    expect(reasonOf(c.signal)).toBe(CANCEL);
    c.done();
  });
});
