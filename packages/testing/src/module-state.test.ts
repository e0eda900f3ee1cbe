// replayHistory replays each history twice in this process: state that outlives a run (here a
// module-level variable) makes the two replays disagree, which is reported as what it is. As a
// table: what kind of state, and whether the replay test fails.
import { describe, expect, it } from 'vitest';
import { Activities, Activity } from '@swf-flow/activity';
import { DeterminismViolationError } from '@swf-flow/common';
import { defineWorkflow, proxyActivities, sideEffect } from '@swf-flow/workflow';
import { historyBuilder } from './history-builder.js';
import { replayHistory } from './replay-history.js';

@Activities({ version: '1.0', taskList: 'adds', startToCloseTimeout: '1 minute' })
class Adds {
  @Activity({ name: 'Note' })
  async note(n: number): Promise<number> {
    return n;
  }
}
const acts = proxyActivities(Adds);

let total = 0;
const calls: string[] = [];
const seen = new Map<string, number>();

type Case = { what: string; fn: (n: number) => Promise<number>; expected: 'fails' | 'passes' };
const CASES: Case[] = (
  [
    [
      'a module-level total the run adds to',
      async (n) => {
        total += n;
        await acts.note(n);
        return total;
      },
      'fails',
    ],
    [
      'a module-level cache that changes what the run decides',
      async (n) => {
        const key = `k${n}`;
        const hits = (seen.get(key) ?? 0) + 1;
        seen.set(key, hits);
        if (hits === 1) await acts.note(n);
        return n;
      },
      'fails',
    ],
    [
      'state kept in the run (local variables)',
      async (n) => {
        let sum = 0;
        sum += n;
        await acts.note(n);
        return sum;
      },
      'passes',
    ],
    [
      'module-level state written but never read by the decisions (a log of calls)',
      async (n) => {
        calls.push(`run ${n}`);
        await acts.note(n);
        return n;
      },
      'passes',
    ],
    [
      'a sideEffect() that runs for real in the newest task (its value may differ by design)',
      async (n) => {
        await acts.note(n);
        return n + (await sideEffect(() => Math.floor(Math.random() * 1000)));
      },
      'passes',
    ],
  ] as [string, (n: number) => Promise<number>, Case['expected']][]
).map(([what, fn, expected]) => ({ what, fn, expected }));

const closingTask = () =>
  historyBuilder({ workflowType: 'Adder' })
    .workflowStarted({ args: [1] })
    .decisionTask()
    .activityScheduled('Note', { args: [1] })
    .activityStarted()
    .activityCompleted(1)
    .openDecisionTask()
    .build();

describe('state outside the run, found by replaying the history twice', () => {
  it.each(CASES)('$what: the replay test $expected', async ({ fn, expected }) => {
    const wf = defineWorkflow(fn, { name: 'Adder', version: '1.0' });
    const outcome = await replayHistory(closingTask(), wf).then(
      () => 'passes',
      (err: unknown) => err,
    );
    if (expected === 'passes') {
      expect(outcome).toBe('passes');
      return;
    }
    expect(outcome).toBeInstanceOf(DeterminismViolationError);
    expect((outcome as Error).message).toMatch(
      /^workflow Adder \(the history's run\) decided differently when the same history was replayed again in this process: /,
    );
    expect((outcome as Error).message).toMatch(/module-level variable, cache or singleton/);
  });
});
