// processPages: a history streamed in pages replays exactly as the whole history does, also where a
// task's replay reads ahead (patched(), sideEffect(), isReplaying, a task that timed out), for every
// page size; errors and the located NonDeterminismError are the same.
import { describe, expect, it } from 'vitest';
import { NonDeterminismError, ValidationError, type HistoryEvent } from '@swf-flow/common';
import { deprecatePatch, patched } from './api/patch.js';
import { sideEffect } from './api/side-effect.js';
import { workflowInfo } from './api/info.js';
import { WorkflowExecutor, type ActivationResult } from './executor.js';
import { scheduleActivity } from './runtime/activity-command.js';
import { HistoryBuilder } from './test-support/history-builder.js';
import { replayPaged } from './test-support/both-paths.js';
import type { WorkflowsInput } from './workflow-type.js';

const act = (name: string, ...args: unknown[]): Promise<unknown> =>
  scheduleActivity({ activityType: { name, version: '1.0' }, args });
const marker = (h: HistoryBuilder, completed: number, markerName: string, details: string): number =>
  h.add('MarkerRecorded', { markerName, details, decisionTaskCompletedEventId: completed });
const patchMarker = (h: HistoryBuilder, completed: number, patchId: string): number =>
  marker(h, completed, 'SwfFlowPatch', JSON.stringify({ patchId, deprecated: false }));

async function versioned(): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < 3; i++) {
    seen.push(`${i}:${String(workflowInfo().isReplaying)}`);
    if (patched(`v${i}`)) await act('New', i);
    else await act('Old', i);
  }
  return seen;
}

async function effects(): Promise<unknown[]> {
  const out: unknown[] = [];
  for (let i = 0; i < 3; i++) {
    out.push(await sideEffect(() => `fresh-${i}`));
    await act('Use', i);
  }
  return out;
}

/** A run of `versioned`: task k takes patch vk when `patches[k]`; a timed-out task before each when `timeouts`. */
function versionedHistory(patches: boolean[], timeouts: boolean, closed: boolean): HistoryBuilder {
  const h = new HistoryBuilder().start('versioned');
  patches.forEach((patch, i) => {
    h.decisionTask();
    if (timeouts) {
      const started = h.events.length;
      h.add('DecisionTaskTimedOut', {
        scheduledEventId: started - 1,
        startedEventId: started,
        timeoutType: 'START_TO_CLOSE',
      });
      h.decisionTask();
    }
    const c = h.completed();
    if (patch) patchMarker(h, c, `v${i}`);
    h.activityCompleted(h.scheduled(patch ? 'New' : 'Old', `activity-${i + 1}`, c), JSON.stringify(i));
  });
  h.decisionTask();
  if (closed) {
    const c = h.completed();
    h.add('WorkflowExecutionCompleted', { result: '[]', decisionTaskCompletedEventId: c });
  }
  return h;
}

function effectsHistory(): HistoryBuilder {
  const h = new HistoryBuilder().start('effects');
  for (let i = 0; i < 3; i++) {
    h.decisionTask();
    const c = h.completed();
    marker(h, c, 'SwfFlowSideEffect', JSON.stringify(`recorded-${i}`));
    h.activityCompleted(h.scheduled('Use', `activity-${i + 1}`, c));
  }
  return h.decisionTask();
}

const CASES: [string, HistoryBuilder, WorkflowsInput][] = [
  ['patches taken by no task (old code)', versionedHistory([false, false, false], false, false), versioned],
  ['patches taken by every task', versionedHistory([true, true, true], false, false), versioned],
  ['a patch taken by the middle task only', versionedHistory([false, true, false], false, false), versioned],
  [
    'patches recorded by the task after one that timed out',
    versionedHistory([true, false, true], true, false),
    versioned,
  ],
  ['a closed run', versionedHistory([true, false, true], false, true), versioned],
  ['recorded side effects', effectsHistory(), effects],
  ['a history cut after its first task', versionedHistory([], false, false), versioned],
];

async function whole(events: readonly HistoryEvent[], workflows: WorkflowsInput): Promise<ActivationResult> {
  return new WorkflowExecutor({ workflows, execution: { workflowId: 'wf-1', runId: 'run-1' } }).processEvents(events);
}

describe('processPages', () => {
  it.each(CASES)('%s: every page size decides as the whole history does', async (_, h, workflows) => {
    const expected = await whole(h.events, workflows);
    for (let size = 1; size <= h.events.length; size++) {
      expect(await replayPaged(h.events, workflows, size), `pages of ${size}`).toEqual(expected);
    }
  });

  it('replays a task that read ahead as replaying, with the recorded values (not as the newest task)', async () => {
    const patchedRun = await replayPaged(versionedHistory([false, true, false], true, false).events, versioned, 1);
    expect(patchedRun.status).toBe('COMPLETED');
    expect(patchedRun.decisions).toEqual([expect.objectContaining({ decisionType: 'CompleteWorkflowExecution' })]);
    expect(JSON.parse(patchedRun.decisions[0]?.completeWorkflowExecutionDecisionAttributes?.result ?? '')).toEqual([
      '0:true',
      '1:true',
      '2:true',
    ]);
    const effectsRun = await replayPaged(effectsHistory().events, effects, 1);
    expect(effectsRun.freshSideEffects).toBeUndefined();
    expect(JSON.parse(effectsRun.decisions[0]?.completeWorkflowExecutionDecisionAttributes?.result ?? '')).toEqual([
      'recorded-0',
      'recorded-1',
      'recorded-2',
    ]);
  });

  it('accepts async pages and lets a replay continue with processEvents', async () => {
    const h = versionedHistory([true, false], false, false);
    const cut = h.events.length;
    h.completed();
    const events = h.events;
    const ex = new WorkflowExecutor({ workflows: versioned, execution: { workflowId: 'wf-1', runId: 'run-1' } });
    const first = await ex.processPages(async function* () {
      for (let i = 0; i < cut; i += 3) yield await Promise.resolve(events.slice(i, Math.min(cut, i + 3)));
    });
    expect(first).toEqual(await whole(events.slice(0, cut), versioned));
    expect(ex.lastEventId).toBe(cut);
    expect(ex.lastStartedEventId).toBe(cut);
  });

  it('locates a NonDeterminismError as processEvents does (reading the pages again)', async () => {
    async function changed(): Promise<void> {
      deprecatePatch('v0');
      await act('Other', 0); // the code now calls another activity
    }
    const h = versionedHistory([true, false], false, false);
    const errorOf = async (run: () => Promise<unknown>): Promise<NonDeterminismError> => {
      const err = await run().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(NonDeterminismError);
      return err as NonDeterminismError;
    };
    const expected = await errorOf(() => whole(h.events, { versioned: changed }));
    expect(expected.location).toMatch(/process-pages\.test\.ts/);
    let reads = 0;
    const paged = await errorOf(() =>
      new WorkflowExecutor({
        workflows: { versioned: changed },
        execution: { workflowId: 'wf-1', runId: 'run-1' },
      }).processPages(function* () {
        reads++;
        for (const e of h.events) yield [e];
      }),
    );
    expect(paged.message).toBe(expected.message);
    expect(paged.location).toBe(expected.location);
    expect(reads).toBe(2);
  });

  it('finds a gap or a broken reference when its page arrives', async () => {
    const h = versionedHistory([true, true], false, false);
    const gap = h.events.filter((e) => e.eventId !== 9);
    const ex = new WorkflowExecutor({ workflows: versioned });
    await expect(ex.processPages(() => [gap.slice(0, 8), gap.slice(8)])).rejects.toThrow(
      /expected event 9 next, got 10/,
    );
  });

  it('reports a gap or a broken reference in a later page before a divergence in an earlier one, as processEvents does', async () => {
    let calls = 0;
    async function changed(): Promise<void> {
      calls++;
      await act('Other', 0); // the code now calls another activity (event 5 recorded Old)
    }
    const h = versionedHistory([false, false, false], false, false);
    const gap = h.events.filter((e) => e.eventId !== 20);
    const broken = [...h.events];
    broken.push({
      eventId: broken.length + 1,
      eventType: 'ActivityTaskCompleted',
      eventTimestamp: new Date(0),
      activityTaskCompletedEventAttributes: { scheduledEventId: 99, startedEventId: 100 },
    });
    for (const events of [gap, broken]) {
      const expected = await whole(events, { versioned: changed }).catch((e: unknown) => e);
      expect(expected).toBeInstanceOf(ValidationError);
      calls = 0;
      const read: number[] = [];
      const paged = await new WorkflowExecutor({
        workflows: { versioned: changed },
        execution: { workflowId: 'wf-1', runId: 'run-1' },
      })
        .processPages(function* () {
          for (const e of events) {
            read.push(e.eventId ?? 0);
            yield [e];
          }
        })
        .catch((e: unknown) => e);
      expect(paged).toEqual(expected);
      expect((paged as Error).message).toBe((expected as Error).message);
      expect(calls).toBe(1); // the pages after the divergence were read, not replayed
      expect(read.at(-1)).toBe(events.at(-1)?.eventId);
    }
  });

  it('refuses what it cannot replay, saying what to do', async () => {
    const events = versionedHistory([true], false, false).events;
    const used = new WorkflowExecutor({ workflows: versioned });
    await used.processEvents(events.slice(0, 3));
    await expect(used.processPages(() => [events.slice(3)])).rejects.toThrow(
      /from its first event, on a new executor; continue a run with processEvents/,
    );
    const fresh = new WorkflowExecutor({ workflows: versioned });
    await expect(fresh.processPages(events as never)).rejects.toThrow(ValidationError);
    await expect(
      new WorkflowExecutor({ workflows: versioned }).processPages(() => [events[0] as never]),
    ).rejects.toThrow(/each page must be an array/);
  });
});
