import { describe, expect, it } from 'vitest';
import { ApplicationFailure } from '@swf-flow/common';
import { condition } from './condition.js';
import { defineSignal, setHandler } from './signals.js';
import { sleep } from '../runtime/timer-command.js';
import { HistoryBuilder } from '../test-support/history-builder.js';
import { replay, summarize } from '../test-support/run.js';

const approve = defineSignal<[string]>('approve');

describe('signals and condition', () => {
  it('buffers signals that arrive before the handler is set, then delivers them in order', async () => {
    const got: string[] = [];
    async function late(): Promise<string[]> {
      await sleep('1s');
      setHandler(approve, (by) => {
        got.push(by);
      });
      return got;
    }
    const h = new HistoryBuilder().start('late').decisionTask();
    const t = h.timerStarted('timer-1', h.completed(), '1');
    h.signaled('approve', ['alice']);
    h.signaled('approve', ['bob']);
    h.timerFired('timer-1', t);
    h.decisionTask();
    const r = await replay(h, late);
    expect(r.result).toEqual(['alice', 'bob']);
  });

  it('decodes a signal input that is not JSON as one string argument', async () => {
    async function raw(): Promise<string> {
      let value = '';
      setHandler(approve, (v) => {
        value = v;
      });
      await condition(() => value !== '');
      return value;
    }
    const h = new HistoryBuilder().start('raw').decisionTask();
    h.completed();
    h.add('WorkflowExecutionSignaled', { signalName: 'approve', input: 'carol' });
    h.decisionTask();
    expect((await replay(h, raw)).result).toBe('carol');
  });

  it('condition with timeout: true when met first (and the timer is cancelled)', async () => {
    async function approval(): Promise<string> {
      let ok = false;
      setHandler(approve, () => {
        ok = true;
      });
      return (await condition(() => ok, '1 hour')) ? 'approved' : 'expired';
    }
    const h = new HistoryBuilder().start('approval').decisionTask();
    expect(summarize((await replay(h, approval)).decisions)).toEqual(['StartTimer timer-1']);
    h.timerStarted('timer-1', h.completed(), '3600');
    h.signaled('approve', ['x']);
    h.decisionTask();
    const r = await replay(h, approval);
    expect(summarize(r.decisions)).toEqual(['CancelTimer timer-1', 'CompleteWorkflowExecution "approved"']);
  });

  it('condition with timeout: false when the timer fires first', async () => {
    async function approval(): Promise<string> {
      return (await condition(() => false, '1 hour')) ? 'approved' : 'expired';
    }
    const h = new HistoryBuilder().start('approval').decisionTask();
    const t = h.timerStarted('timer-1', h.completed(), '3600');
    h.timerFired('timer-1', t);
    h.decisionTask();
    expect((await replay(h, approval)).result).toBe('expired');
  });

  it('condition already true resolves at once (no timer)', async () => {
    async function quick(): Promise<boolean> {
      return condition(() => true, '1 minute');
    }
    const r = await replay(new HistoryBuilder().start('quick').decisionTask(), quick);
    expect(summarize(r.decisions)).toEqual(['CompleteWorkflowExecution true']);
  });

  it('a handler that throws fails the workflow', async () => {
    async function strict(): Promise<void> {
      setHandler(approve, () => {
        throw ApplicationFailure.nonRetryable('not allowed', 'Forbidden');
      });
      await condition(() => false);
    }
    const h = new HistoryBuilder().start('strict').decisionTask();
    h.completed();
    h.signaled('approve', ['x']);
    h.decisionTask();
    const r = await replay(h, strict);
    expect(r.status).toBe('FAILED');
    expect(r.decisions[0]?.failWorkflowExecutionDecisionAttributes?.reason).toBe('Forbidden');
  });

  it('a condition predicate that throws fails the workflow', async () => {
    async function broken(): Promise<void> {
      let checks = 0;
      await condition(() => {
        if (checks++ > 0) throw new Error('bad predicate'); // not on the first check, inside condition()
        return false;
      });
    }
    const r = await replay(new HistoryBuilder().start('broken').decisionTask(), broken);
    expect(r.status).toBe('FAILED');
    expect(r.failure?.message).toBe('bad predicate');
  });

  it('validates its input', () => {
    expect(() => defineSignal('')).toThrow(/defineSignal\(name\)/);
    expect(() => setHandler(approve, undefined)).toThrow(/only be called from workflow code/);
  });
});
