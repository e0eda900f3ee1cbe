// An uncaught DeterminismViolationError fails the decision task, not the run: the executor rejects
// with it and sends no decision, so a deployment of fixed code can continue the run.
import { describe, expect, it } from 'vitest';
import { DeterminismViolationError, WorkflowFailure } from '@swf-flow/common';
import { condition } from '../api/condition.js';
import { defineSignal, setHandler } from '../api/signals.js';
import { WorkflowExecutor } from '../executor.js';
import { scheduleActivity } from './activity-command.js';
import { HistoryBuilder } from '../test-support/history-builder.js';
import { replay, summarize } from '../test-support/run.js';

const act = (name: string): Promise<unknown> => scheduleActivity({ activityType: { name, version: '1.0' }, args: [] });
const poke = defineSignal('poke');
const realTimer = (): void => void setTimeout(() => undefined, 1);
const rejection = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

/** The first task has run A; A completed; a `poke` signal arrived; the second task is open. */
function history(name: string): HistoryBuilder {
  const h = new HistoryBuilder().start(name).decisionTask();
  h.activityCompleted(h.scheduled('A', 'activity-1', h.completed()));
  h.signaled('poke');
  return h.decisionTask();
}

const VIOLATIONS: [string, () => Promise<unknown>][] = [
  [
    'thrown by the workflow function',
    async function broken() {
      await act('A');
      realTimer();
    },
  ],
  [
    'wrapped as the cause of another error',
    async function broken() {
      await act('A');
      try {
        realTimer();
      } catch (err) {
        throw new Error('could not wait', { cause: err });
      }
    },
  ],
  [
    'thrown by a signal handler',
    async function broken() {
      setHandler(poke, () => realTimer());
      await act('A');
      await condition(() => false);
    },
  ],
  [
    'thrown by a condition predicate',
    async function broken() {
      let poked = false;
      setHandler(poke, () => void (poked = true));
      await act('A');
      await condition(() => {
        if (poked) realTimer();
        return false;
      });
    },
  ],
];

describe('an uncaught DeterminismViolationError fails the decision task', () => {
  it.each(VIOLATIONS)('%s: processEvents rejects with it; no decision, the run is not closed', async (_what, wf) => {
    const ex = new WorkflowExecutor({ workflows: { broken: wf }, execution: { workflowId: 'wf-1', runId: 'run-1' } });
    const h = history('broken');
    const err = await rejection(ex.processEvents(h.events));
    expect(err).toBeInstanceOf(DeterminismViolationError);
    expect(err).not.toBeInstanceOf(WorkflowFailure);
    expect((err as Error).message).toMatch(/setTimeout\(\)/);
    // the executor is unusable afterwards: the worker drops it and replays in full next time
    await expect(ex.processEvents([])).rejects.toBe(err);
  });

  it('before, the first task (no violation yet) decides as usual', async () => {
    const [, wf] = VIOLATIONS[0] as [string, () => Promise<unknown>];
    const r = await replay(new HistoryBuilder().start('broken').decisionTask(), { broken: wf });
    expect(summarize(r.decisions)).toEqual(['ScheduleActivityTask A']);
  });

  it('a violation the code catches is its own business: the run goes on', async () => {
    async function careful(): Promise<string> {
      await act('A');
      try {
        realTimer();
      } catch (err) {
        if (err instanceof DeterminismViolationError) return 'used sleep() instead';
      }
      return 'unreachable';
    }
    const r = await replay(history('careful'), careful);
    expect(r.status).toBe('COMPLETED');
    expect(r.result).toBe('used sleep() instead');
  });
});
