// Workflow and activity code may throw anything: a cyclic object, a BigInt, an object without a
// prototype, an ApplicationFailure (or a CancelledFailure) whose details JSON cannot write. Each
// fails the run or the activity at once with a message that says what was thrown, instead of
// leaving the task unanswered until it times out (the encoding or a log line threw, as an
// unhandled rejection in the worker). Real workers, real local service over HTTP.
import { describe, expect, it } from 'vitest';
import { Activities, Activity } from '@swf-flow/activity';
import { ActivityFailure, ApplicationFailure, CancelledFailure, WorkflowExecutionFailedError } from '@swf-flow/common';
import { proxyActivities } from '@swf-flow/workflow';
import { useTestEnv } from './env.js';

const env = useTestEnv('odd-throws-it');

/** What each case throws (built anew each time: a cyclic object, a BigInt, details that are not JSON). */
const THROWN: Record<string, () => unknown> = {
  cyclic: () => {
    const o: Record<string, unknown> = { code: 7 };
    o.self = o;
    return o;
  },
  bigint: () => 5n,
  nullproto: () => Object.assign(Object.create(null) as object, { code: 7 }),
  details: () => ApplicationFailure.nonRetryable('declined', 'Declined', 10n),
  cancelDetails: () => new CancelledFailure('stopped', 10n),
  // 20,000 quotes are 40,000 characters of JSON: the failure's details went over SWF's 32,768
  quotes: () => new Error('"'.repeat(20_000)),
  nameNotString: () => Object.assign(new Error('named 42'), { name: 42 }),
};

@Activities({ version: '1.0', startToCloseTimeout: '30s' })
class Throwing {
  @Activity({ name: 'Throw' })
  async throw(kind: string): Promise<void> {
    throw THROWN[kind]!();
  }
}
const acts = proxyActivities(Throwing, { startToCloseTimeout: '30s' });

/** Throws `kind` itself (`workflow`), or calls the activity that throws it and returns what it caught. */
export async function OddThrows(where: string, kind: string): Promise<string> {
  if (where === 'workflow') throw THROWN[kind]!();
  try {
    await acts.throw(kind);
    return 'no failure';
  } catch (err) {
    return `${err instanceof ActivityFailure}: ${((err as Error).cause as Error).message}`;
  }
}

const CASES: Array<[where: string, kind: string, expected: RegExp]> = [
  ['workflow', 'cyclic', /failed: a thrown object that is not JSON \(.*circular.*\); throw an Error/i],
  ['workflow', 'bigint', /failed: 5n$/],
  ['workflow', 'nullproto', /failed: \{"code":7\}$/],
  ['workflow', 'details', /failed: declined \(its details are not JSON: .*BigInt.*\)/],
  ['workflow', 'cancelDetails', /failed: the CancelledFailure's details cannot be recorded: .*BigInt.*pass plain data/],
  ['activity', 'cyclic', /^true: a thrown object that is not JSON \(.*circular/i],
  ['activity', 'bigint', /^true: 5n$/],
  ['activity', 'nullproto', /^true: \{"code":7\}$/],
  ['activity', 'details', /^true: declined \(its details are not JSON: .*BigInt/],
  ['workflow', 'quotes', /failed: "{1000,}…$/],
  ['workflow', 'nameNotString', /failed: named 42$/],
  ['activity', 'quotes', /^true: "{1000,}…$/],
  ['activity', 'nameNotString', /^true: named 42$/],
];

describe('values thrown that are not Errors, and details that are not JSON', () => {
  it.each(CASES)('thrown by the %s: %s closes at once with what was thrown', async (where, kind, expected) => {
    const taskList = `odd-${where}-${kind}`;
    const w = await env.worker(taskList, { workflows: [OddThrows], activities: [new Throwing()] });
    const outcome = await w.runUntil(async () => {
      const handle = await env.client.start(OddThrows, { workflowId: taskList, taskList, args: [where, kind] });
      return await handle.result({ timeout: '10s' }).catch((e: unknown) => e);
    });
    if (where === 'workflow') {
      expect(outcome).toBeInstanceOf(WorkflowExecutionFailedError);
      expect((outcome as Error).message).toMatch(expected);
    } else {
      expect(outcome).toMatch(expected);
    }
  });
});
