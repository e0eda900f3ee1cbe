import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.js';
import { type TestEngine, decide, makeEngine, pollActivity, pollDecision, scheduleA, start } from './test-support.js';

let dir: string;
let t: TestEngine;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'swf-engine-restart-'));
});
afterEach(() => {
  t.engine.close();
  if (t.db.open) t.db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Closes the engine and its database and opens a new one on the same directory at the same time. */
function restart(): void {
  const now = t.clock.now();
  t.engine.close();
  t.db.close();
  t = makeEngine({ dataDir: dir, clock: new ManualClock(now) });
}

describe('restart on the same data directory', () => {
  it('keeps scheduled tasks: a new poller gets them', async () => {
    t = makeEngine({ dataDir: dir });
    const runId = await start(t);
    restart();
    const d = await pollDecision(t);
    expect(d.workflowExecution.runId).toBe(runId);
    await decide(t, d.taskToken, [scheduleA('a1')]);
    restart();
    const a = await pollActivity(t);
    expect(a.activityId).toBe('a1');
    restart();
    await t.call('RespondActivityTaskCompleted', { taskToken: a.taskToken, result: 'ok' });
    expect((await t.types('wf1', runId)).slice(-2)).toEqual(['ActivityTaskCompleted', 'DecisionTaskScheduled']);
  });

  it('re-arms activity and workflow timeouts at their original deadlines', async () => {
    t = makeEngine({ dataDir: dir });
    const runId = await start(t, 'wf1', { executionStartToCloseTimeout: '100' });
    const d = await pollDecision(t);
    await decide(t, d.taskToken, [scheduleA('a1', { heartbeatTimeout: '20' })]);
    await pollActivity(t);
    t.clock.advance(10_000);
    restart();
    t.clock.advance(9_999);
    expect(await t.types('wf1', runId)).not.toContain('ActivityTaskTimedOut');
    t.clock.advance(1);
    expect(await t.types('wf1', runId)).toContain('ActivityTaskTimedOut');
    restart();
    t.clock.advance(79_999);
    expect(await t.types('wf1', runId)).not.toContain('WorkflowExecutionTimedOut');
    t.clock.advance(1);
    expect((await t.types('wf1', runId)).at(-1)).toBe('WorkflowExecutionTimedOut');
  });
});
