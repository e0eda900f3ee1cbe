/** approval replays: histories recorded from real runs (on a ManualClock) replay to the same outcome. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { replayHistories, replayHistory } from '@swf-flow/testing';
import { expenseApproval } from '../src/workflows.js';

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

describe('approval replays', () => {
  it('replays every recorded history clean', async () => {
    expect(
      await replayHistories(fileURLToPath(new URL('./fixtures', import.meta.url)), {
        ExpenseApproval: expenseApproval,
      }),
    ).toHaveLength(3);
  });

  it.each([
    ['approved-after-reminder.json', { status: 'APPROVED', by: 'alice', reminders: 1 }],
    ['rejected.json', { status: 'REJECTED', by: 'bob', reason: 'over budget', reminders: 0 }],
    ['timed-out.json', { status: 'TIMED_OUT', reminders: 2 }],
  ])('%s -> %o', async (file, result) => {
    const out = await replayHistory(fixture(file), expenseApproval);
    expect(out).toMatchObject({ status: 'COMPLETED', decisions: [] });
    expect(out.result).toEqual(result);
  });
});
