import { describe, expect, it } from 'vitest';
import { ApplicationFailure, NonDeterminismError } from '@swf-flow/common';
import { WorkflowExecutor } from '../executor.js';
import { deprecatePatch, patched } from './patch.js';
import { sideEffect } from './side-effect.js';
import { scheduleActivity } from '../runtime/activity-command.js';
import { both } from '../test-support/both-paths.js';
import { HistoryBuilder } from '../test-support/history-builder.js';
import { replay, summarize } from '../test-support/run.js';

const act = (name: string, ...args: unknown[]): Promise<unknown> =>
  scheduleActivity({ activityType: { name, version: '1.0' }, args });
const patchMarker = (h: HistoryBuilder, completed: number, patchId: string, deprecated = false): number =>
  h.add('MarkerRecorded', {
    markerName: 'SwfFlowPatch',
    details: JSON.stringify({ patchId, deprecated }),
    decisionTaskCompletedEventId: completed,
  });

async function versioned(): Promise<string> {
  if (patched('v2')) await act('New');
  else await act('Old');
  return 'ok';
}

describe('patched / deprecatePatch', () => {
  it('a new run takes the new path and records a patch marker', async () => {
    const r = await replay(new HistoryBuilder().start('versioned').decisionTask(), versioned);
    expect(r.decisions).toEqual([
      {
        decisionType: 'RecordMarker',
        recordMarkerDecisionAttributes: { markerName: 'SwfFlowPatch', details: '{"patchId":"v2","deprecated":false}' },
      },
      {
        decisionType: 'ScheduleActivityTask',
        scheduleActivityTaskDecisionAttributes: {
          activityType: { name: 'New', version: '1.0' },
          activityId: 'activity-1',
          input: '[]',
        },
      },
    ]);
  });

  it('a run recorded by the old code keeps the old path', async () => {
    const h = new HistoryBuilder().start('versioned').decisionTask();
    const s = h.scheduled('Old', 'activity-1', h.completed());
    h.activityCompleted(s);
    h.decisionTask();
    expect(summarize((await replay(h, versioned)).decisions)).toEqual(['CompleteWorkflowExecution "ok"']);
  });

  it('a run recorded with the marker keeps the new path', async () => {
    const h = new HistoryBuilder().start('versioned').decisionTask();
    const c = h.completed();
    patchMarker(h, c, 'v2');
    const s = h.scheduled('New', 'activity-1', c);
    h.activityCompleted(s);
    h.decisionTask();
    expect(summarize((await replay(h, versioned)).decisions)).toEqual(['CompleteWorkflowExecution "ok"']);
  });

  it('a patch recorded by the task after one that timed out still counts', async () => {
    const h = new HistoryBuilder().start('versioned').decisionTask();
    h.add('DecisionTaskTimedOut', { scheduledEventId: 2, startedEventId: 3, timeoutType: 'START_TO_CLOSE' });
    h.decisionTask();
    const c = h.completed();
    patchMarker(h, c, 'v2');
    h.activityCompleted(h.scheduled('New', 'activity-1', c));
    h.decisionTask();
    expect(summarize((await replay(h, versioned)).decisions)).toEqual(['CompleteWorkflowExecution "ok"']);
  });

  it('a task that timed out with no task completed after it: the newest task sends what it decided, patch included', async () => {
    // The decider of the task started at 3 took the new path; its decisions never reached SWF, so
    // the task started at 6 must send them. A whole replay, a cached run and pages decide alike.
    const h = new HistoryBuilder().start('versioned').decisionTask();
    h.add('DecisionTaskTimedOut', { scheduledEventId: 2, startedEventId: 3, timeoutType: 'START_TO_CLOSE' });
    h.decisionTask();
    const sent = ['RecordMarker SwfFlowPatch', 'ScheduleActivityTask New'];
    expect(summarize((await both(h, versioned)).decisions)).toEqual(sent);
    const c = h.completed();
    patchMarker(h, c, 'v2');
    h.activityCompleted(h.scheduled('New', 'activity-1', c));
    h.decisionTask();
    expect(summarize((await both(h, versioned)).decisions)).toEqual(['CompleteWorkflowExecution "ok"']);
  });

  it('a patch marker SWF refused (RecordMarkerFailed names no patch): the task still took the patch, and the marker is sent again', async () => {
    async function twoPatches(): Promise<string> {
      const a = patched('a');
      const b = patched('b');
      if (a) await act('A');
      if (b) await act('B');
      return 'ok';
    }
    // The decider took both patches; SWF recorded a's marker, refused b's (OPERATION_NOT_PERMITTED),
    // and scheduled A. Replays must take both again; b's marker is sent with the next task.
    const h = new HistoryBuilder().start('twoPatches').decisionTask();
    const c = h.completed();
    patchMarker(h, c, 'a');
    h.add('RecordMarkerFailed', {
      markerName: 'SwfFlowPatch',
      cause: 'OPERATION_NOT_PERMITTED',
      decisionTaskCompletedEventId: c,
    });
    const s = h.scheduled('A', 'activity-1', c);
    h.decisionTask();
    expect(summarize((await both(h, twoPatches)).decisions)).toEqual(['RecordMarker SwfFlowPatch']);
    const c2 = h.completed();
    patchMarker(h, c2, 'b');
    h.activityCompleted(s);
    h.decisionTask();
    expect(summarize((await both(h, twoPatches)).decisions)).toEqual(['ScheduleActivityTask B']);
  });

  it('a task SWF refused a decision of and did not apply the rest of: its patches are taken, their markers sent again', async () => {
    async function refusedFirst(): Promise<string> {
      const x = act('X').catch(() => 'refused');
      if (patched('v2')) await act('New');
      else await act('Old');
      return String(await x);
    }
    const h = new HistoryBuilder().start('refusedFirst').decisionTask();
    const c = h.completed();
    h.add('ScheduleActivityTaskFailed', {
      activityType: { name: 'X', version: '1.0' },
      activityId: 'activity-1',
      cause: 'OPEN_ACTIVITIES_LIMIT_EXCEEDED',
      decisionTaskCompletedEventId: c,
    });
    h.decisionTask(); // the marker and New were never applied: the decider sends them again
    expect(summarize((await both(h, refusedFirst)).decisions)).toEqual([
      'RecordMarker SwfFlowPatch',
      'ScheduleActivityTask New',
    ]);
    const c2 = h.completed();
    patchMarker(h, c2, 'v2');
    h.activityCompleted(h.scheduled('New', 'activity-2', c2));
    h.decisionTask();
    expect(summarize((await both(h, refusedFirst)).decisions)).toEqual(['CompleteWorkflowExecution "refused"']);
  });

  it('a close SWF refused (UNHANDLED_DECISION) does not make a patch added since taken in that task', async () => {
    async function closing(): Promise<string> {
      await act('A');
      if (patched('later')) await act('Added');
      return 'ok';
    }
    const h = new HistoryBuilder().start('closing').decisionTask();
    h.activityCompleted(h.scheduled('A', 'activity-1', h.completed()));
    h.decisionTask();
    const c = h.completed();
    h.add('CompleteWorkflowExecutionFailed', { cause: 'UNHANDLED_DECISION', decisionTaskCompletedEventId: c });
    h.signaled('late');
    h.decisionTask();
    h.add('WorkflowExecutionCompleted', { result: '"ok"', decisionTaskCompletedEventId: h.completed() });
    // A run recorded by the code before the patch (a fixture): replayed whole, it keeps the old path.
    expect((await replay(h, closing)).status).toBe('COMPLETED');
  });

  it('after deprecatePatch, histories with and without the marker replay', async () => {
    async function deprecated(): Promise<string> {
      deprecatePatch('v2');
      await act('New');
      return 'ok';
    }
    const withMarker = new HistoryBuilder().start('deprecated').decisionTask();
    const c = withMarker.completed();
    patchMarker(withMarker, c, 'v2');
    withMarker.activityCompleted(withMarker.scheduled('New', 'activity-1', c));
    withMarker.decisionTask();
    expect((await replay(withMarker, deprecated)).status).toBe('COMPLETED');
    // and once the call is removed entirely, the recorded marker is ignored
    async function cleaned(): Promise<string> {
      await act('New');
      return 'ok';
    }
    expect((await replay(withMarker, { deprecated: cleaned })).status).toBe('COMPLETED');
  });
});

describe('sideEffect', () => {
  it('runs fn outside the sandbox once and records the value in a marker', async () => {
    let calls = 0;
    let realTime = 0;
    async function fx(): Promise<number> {
      const v = await sideEffect(() => {
        calls++;
        realTime = Date.now();
        return 42;
      });
      await act('Use', v);
      return v;
    }
    const h = new HistoryBuilder().start('fx').decisionTask();
    const r = await replay(h, fx);
    expect(calls).toBe(1);
    expect(realTime).toBeGreaterThan(Date.UTC(2025, 0, 1));
    expect(summarize(r.decisions)).toEqual(['RecordMarker SwfFlowSideEffect', 'ScheduleActivityTask Use']);
    expect(r.decisions[0]?.recordMarkerDecisionAttributes?.details).toBe('42');
  });

  it('replays the recorded value without running fn', async () => {
    let calls = 0;
    async function fx(): Promise<unknown> {
      const v = await sideEffect(() => ++calls);
      await act('Use', v);
      return v;
    }
    const h = new HistoryBuilder().start('fx').decisionTask();
    const c = h.completed();
    h.add('MarkerRecorded', { markerName: 'SwfFlowSideEffect', details: '7', decisionTaskCompletedEventId: c });
    h.activityCompleted(h.scheduled('Use', 'activity-1', c));
    h.decisionTask();
    const r = await replay(h, fx);
    expect(calls).toBe(0);
    expect(r.result).toBe(7);
  });

  it('freshSideEffects counts the newest task’s side effects only, as a whole replay does, also for a run fed task by task', async () => {
    async function fx(): Promise<unknown> {
      const a = await sideEffect(() => 'a');
      await act('Use', a);
      const b = await act('Next');
      return b;
    }
    const h = new HistoryBuilder().start('fx').decisionTask();
    const first = h.events.length;
    const c = h.completed();
    h.add('MarkerRecorded', { markerName: 'SwfFlowSideEffect', details: '"a"', decisionTaskCompletedEventId: c });
    h.activityCompleted(h.scheduled('Use', 'activity-1', c));
    h.decisionTask();
    // The live run (the worker's cache): task 1 ran the side effect for real, task 2 runs none.
    const live = new WorkflowExecutor({ workflows: fx, execution: { workflowId: 'wf-1', runId: 'run-1' } });
    expect((await live.processEvents(h.events.slice(0, first))).freshSideEffects).toBe(1);
    const next = await live.processEvents(h.events.slice(first));
    expect(summarize(next.decisions)).toEqual(['ScheduleActivityTask Next']);
    expect(next.freshSideEffects).toBeUndefined(); // was 1: every later answer skipped the check before closing
    expect((await replay(h, fx)).freshSideEffects).toBeUndefined();
  });

  it('a side effect added to a replayed task: the NonDeterminismError is located without running fn again', async () => {
    let calls = 0;
    async function fx(): Promise<unknown> {
      const v = await sideEffect(() => ++calls); // new code: the history recorded no marker here
      await act('Use', v);
      return v;
    }
    const h = new HistoryBuilder().start('fx').decisionTask();
    h.activityCompleted(h.scheduled('Use', 'activity-1', h.completed()));
    h.decisionTask();
    const err = await replay(h, fx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NonDeterminismError);
    expect((err as NonDeterminismError).location).toMatch(/markers\.test\.ts/); // located by the second pass
    expect(calls).toBe(1); // ran twice before
  });

  it('a marker with another name is a NonDeterminismError', async () => {
    async function fx(): Promise<unknown> {
      return sideEffect(() => 1);
    }
    const h = new HistoryBuilder().start('fx').decisionTask();
    h.add('MarkerRecorded', { markerName: 'Other', details: '1', decisionTaskCompletedEventId: h.completed() });
    h.decisionTask();
    const err = await replay(h, fx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NonDeterminismError);
    expect((err as NonDeterminismError).recorded).toBe('MarkerRecorded Other (event 5)');
    expect((err as NonDeterminismError).attempted).toBe('RecordMarker SwfFlowSideEffect');
  });

  describe('a refused marker (RecordMarkerFailed): the value was never recorded, so the run fails', () => {
    let calls = 0;
    async function fx(): Promise<unknown> {
      const v = await sideEffect(() => ++calls);
      await act('Use', v);
      return v;
    }
    const build = (): HistoryBuilder => {
      const h = new HistoryBuilder().start('fx').decisionTask();
      const c = h.completed();
      h.add('RecordMarkerFailed', {
        markerName: 'SwfFlowSideEffect',
        cause: 'OPERATION_NOT_PERMITTED',
        decisionTaskCompletedEventId: c,
      });
      h.scheduled('Use', 'activity-1', c);
      h.decisionTask();
      return h;
    };

    it('a cached decider and a full replay both fail the run at the refusal, with the SWF cause as type', async () => {
      const h = build();
      calls = 0;
      const cached = new WorkflowExecutor({ workflows: fx, execution: { workflowId: 'wf-1', runId: 'run-1' } });
      expect(summarize((await cached.processEvents(h.events.slice(0, 3))).decisions)).toEqual([
        'RecordMarker SwfFlowSideEffect',
        'ScheduleActivityTask Use',
      ]);
      const live = await cached.processEvents(h.events.slice(3));
      expect(calls).toBe(1);
      const full = await replay(h, fx);
      expect(calls).toBe(2); // the replay ran fn again only to reach the refusal; its value is not recorded
      for (const r of [live, full]) {
        expect(r.status).toBe('FAILED');
        expect(r.failure).toBeInstanceOf(ApplicationFailure);
        expect((r.failure as ApplicationFailure).type).toBe('OPERATION_NOT_PERMITTED');
        expect(r.failure?.message).toMatch(/sideEffect\(\).*RecordMarkerFailed, event 5.*never recorded/);
        expect(r.decisions.map((d) => d.decisionType)).toEqual(['FailWorkflowExecution']);
      }
      const attrs = (r: typeof live): unknown => r.decisions[0]?.failWorkflowExecutionDecisionAttributes?.reason;
      expect(attrs(full)).toBe('OPERATION_NOT_PERMITTED');
      expect(attrs(full)).toBe(attrs(live));
      expect(full.failure?.message).toBe(live.failure?.message); // the details differ only in the stack
    });

    it('the closed history replays (no divergence)', async () => {
      const h = build();
      const c = h.completed();
      h.add('WorkflowExecutionFailed', { reason: 'OPERATION_NOT_PERMITTED', decisionTaskCompletedEventId: c });
      const r = await replay(h, fx);
      expect(r.status).toBe('FAILED');
      expect(r.decisions).toEqual([]);
    });
  });
});
