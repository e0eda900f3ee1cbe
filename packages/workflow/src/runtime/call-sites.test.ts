// Call sites cost a stack capture each, so a replay records none for the commands it replays; a
// NonDeterminismError is located by a second replay that records them all. These tests prove the
// normal path captures nothing, that every kind of divergence that names a line gets it from that
// second pass (the workflow function runs exactly twice), that a second pass reaching another
// divergence cannot lend the first its lines, and that a cached run fed slice by slice still names
// the line of the decisions it returned — unless told not to record them (recordDecisionSites: false).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NonDeterminismError } from '@swf-flow/common';
import { getExternalWorkflowHandle } from '../api/external.js';
import { WorkflowExecutor } from '../executor.js';
import { HistoryBuilder } from '../test-support/history-builder.js';
import { replay } from '../test-support/run.js';
import { scheduleActivity } from './activity-command.js';
import { sleep } from './timer-command.js';

const file = fileURLToPath(import.meta.url);
const lineOf = (marker: string): number =>
  readFileSync(file, 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(marker) && !l.includes('lineOf(') && !l.includes("marker: '")) + 1;
const A = (name: string): { activityType: { name: string; version: string }; args: unknown[] } => ({
  activityType: { name, version: '1.0' },
  args: [],
});

let calls = 0;

async function schedulesZ(): Promise<void> {
  calls++;
  await scheduleActivity(A('Z')); // SITE: other activity
}
async function sleepsInstead(): Promise<void> {
  calls++;
  await sleep('1m'); // SITE: other kind
}
async function signalsOther(): Promise<void> {
  calls++;
  await getExternalWorkflowHandle('order-2').signal('hello'); // SITE: other target
}
async function decidesMore(): Promise<void> {
  calls++;
  const a = scheduleActivity(A('A'));
  const b = scheduleActivity(A('B')); // SITE: one more decision
  await Promise.all([a, b]);
}
async function waitsOnCharge(): Promise<void> {
  calls++;
  await scheduleActivity(A('Charge')); // SITE: cancelled activity
}
async function returnsEarly(): Promise<string> {
  calls++;
  await scheduleActivity(A('A')); // SITE: last command
  return 'early';
}

interface Row {
  what: string;
  workflow: () => Promise<unknown>;
  history(): HistoryBuilder;
  attempted: RegExp;
  marker: string;
}

/** The history recorded activity `A` in the first task; the second task is where the code is asked again. */
function recordedA(name: string): HistoryBuilder {
  const h = new HistoryBuilder().start(name).decisionTask();
  h.scheduled('A', 'activity-1', h.completed());
  return h.decisionTask();
}

const ROWS: Row[] = [
  {
    what: 'another activity than recorded',
    workflow: schedulesZ,
    history: () => recordedA('schedulesZ'),
    attempted: /^ScheduleActivityTask Z 1\.0 \(activityId activity-1\)$/,
    marker: 'SITE: other activity',
  },
  {
    what: 'a command of another kind',
    workflow: sleepsInstead,
    history: () => recordedA('sleepsInstead'),
    attempted: /^StartTimer \(timerId timer-1, 60s\)$/,
    marker: 'SITE: other kind',
  },
  {
    what: 'a signal to another workflowId',
    workflow: signalsOther,
    history: () => {
      const h = new HistoryBuilder().start('signalsOther').decisionTask();
      h.add('SignalExternalWorkflowExecutionInitiated', {
        workflowId: 'order-1',
        signalName: 'hello',
        decisionTaskCompletedEventId: h.completed(),
      });
      return h.decisionTask();
    },
    attempted: /^SignalExternalWorkflowExecution hello to order-2$/,
    marker: 'SITE: other target',
  },
  {
    what: 'a decision more than the task recorded',
    workflow: decidesMore,
    history: () => recordedA('decidesMore'),
    attempted: /^ScheduleActivityTask B 1\.0 \(activityId activity-2\)$/,
    marker: 'SITE: one more decision',
  },
  {
    what: 'a cancel request swf-flow issued for an activity (located at the activity call)',
    workflow: waitsOnCharge,
    history: () => {
      const h = new HistoryBuilder().start('waitsOnCharge').decisionTask();
      h.scheduled('Charge', 'activity-1', h.completed());
      h.add('WorkflowExecutionCancelRequested', { externalInitiatedEventId: 0 });
      h.decisionTask();
      h.scheduled('Other', 'other-1', h.completed());
      return h.decisionTask();
    },
    attempted: /^RequestCancelActivityTask activity-1 \(for the ScheduleActivityTask issued at that line\)$/,
    marker: 'SITE: cancelled activity',
  },
  {
    what: 'a close decision (located at the last command before it)',
    workflow: returnsEarly,
    history: () => {
      const h = new HistoryBuilder().start('returnsEarly').decisionTask();
      h.activityCompleted(h.scheduled('A', 'activity-1', h.completed()));
      h.decisionTask();
      h.scheduled('Other', 'other-1', h.completed());
      return h.decisionTask();
    },
    attempted: /^CompleteWorkflowExecution \(the workflow function returned after its command at that line\)$/,
    marker: 'SITE: last command',
  },
];

afterEach(() => {
  vi.restoreAllMocks();
});

describe('call sites: none on the normal path', () => {
  it('a replay that matches its history captures a stack only for the decisions it returns', async () => {
    async function steps(): Promise<void> {
      calls++;
      for (let i = 0; i < 20; i++) await scheduleActivity(A(`S${i}`));
    }
    const h = new HistoryBuilder().start('steps').decisionTask();
    for (let i = 0; i < 10; i++) {
      h.activityCompleted(h.scheduled(`S${i}`, `activity-${i + 1}`, h.completed()));
      h.decisionTask();
    }
    const capture = vi.spyOn(Error, 'captureStackTrace');
    calls = 0;
    const out = await replay(h, steps);
    expect(out.decisions.map((d) => d.scheduleActivityTaskDecisionAttributes?.activityType?.name)).toEqual(['S10']);
    expect(calls).toBe(1);
    // Ten replayed commands captured nothing; the one decision returned did (a cached run may need it).
    expect(capture).toHaveBeenCalledTimes(1);
  });
});

describe('call sites: a NonDeterminismError is located by a second pass that records them', () => {
  it.each(ROWS)('$what', async (row) => {
    calls = 0;
    const err = await replay(row.history(), { [row.workflow.name]: row.workflow }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(NonDeterminismError);
    const nd = err as NonDeterminismError;
    expect(nd.attempted).toMatch(row.attempted);
    expect(nd.location).toMatch(new RegExp(`call-sites\\.test\\.ts:${lineOf(row.marker)}:\\d+$`));
    expect(nd.message).toContain(`(at ${nd.location})`);
    expect(calls).toBe(2); // the replay, then the locating pass
  });

  it('a second pass that reaches another divergence lends the first none of its lines', async () => {
    let runs = 0;
    async function readsOutsideState(): Promise<void> {
      runs++; // state outside the run: the second pass decides differently
      await scheduleActivity(A(runs === 1 ? 'Z' : 'Y'));
    }
    const err = (await replay(recordedA('readsOutsideState'), readsOutsideState).catch(
      (e: unknown) => e,
    )) as NonDeterminismError;
    expect(err).toBeInstanceOf(NonDeterminismError);
    expect(runs).toBe(2);
    expect(err.attempted).toBe('ScheduleActivityTask Z 1.0 (activityId activity-1)');
    expect(err.location).toBeUndefined();
  });

  it('the error of a later call (a cached run) names the line of a decision an earlier call returned, with no second pass', async () => {
    calls = 0;
    const h = recordedA('schedulesZ');
    const ex = new WorkflowExecutor({ workflows: schedulesZ, execution: { workflowId: 'wf-1', runId: 'run-1' } });
    const first = await ex.processEvents(h.events.slice(0, 3));
    expect(first.decisions[0]?.scheduleActivityTaskDecisionAttributes?.activityType?.name).toBe('Z');
    const err = (await ex.processEvents(h.events.slice(3)).catch((e: unknown) => e)) as NonDeterminismError;
    expect(err).toBeInstanceOf(NonDeterminismError);
    expect(err.location).toMatch(new RegExp(`call-sites\\.test\\.ts:${lineOf('SITE: other activity')}:\\d+$`));
    expect(calls).toBe(1);
  });
});

describe('call sites: recordDecisionSites: false (a caller that replays a failed continuation in full)', () => {
  const execution = { workflowId: 'wf-1', runId: 'run-1' };

  it('captures no stack on the normal path, neither for the decisions returned nor in a later call', async () => {
    async function steps(): Promise<void> {
      calls++;
      for (let i = 0; i < 20; i++) await scheduleActivity(A(`S${i}`));
    }
    const h = new HistoryBuilder().start('steps').decisionTask();
    for (let i = 0; i < 3; i++) {
      h.activityCompleted(h.scheduled(`S${i}`, `activity-${i + 1}`, h.completed()));
      h.decisionTask();
    }
    const capture = vi.spyOn(Error, 'captureStackTrace');
    const ex = new WorkflowExecutor({ workflows: steps, execution, recordDecisionSites: false });
    const upTo = h.events.findIndex((e) => e.eventType === 'DecisionTaskStarted' && (e.eventId ?? 0) > 3) + 1;
    const first = await ex.processEvents(h.events.slice(0, upTo));
    const later = await ex.processEvents(h.events.slice(upTo));
    expect(first.decisions.map((d) => d.scheduleActivityTaskDecisionAttributes?.activityType?.name)).toEqual(['S1']);
    expect(later.decisions.map((d) => d.scheduleActivityTaskDecisionAttributes?.activityType?.name)).toEqual(['S3']);
    expect(capture).not.toHaveBeenCalled();
  });

  it('a NonDeterminismError of a call from event 1 is still located by the second pass', async () => {
    calls = 0;
    const ex = new WorkflowExecutor({ workflows: schedulesZ, execution, recordDecisionSites: false });
    const err = (await ex
      .processEvents(recordedA('schedulesZ').events)
      .catch((e: unknown) => e)) as NonDeterminismError;
    expect(err).toBeInstanceOf(NonDeterminismError);
    expect(err.location).toMatch(new RegExp(`call-sites\\.test\\.ts:${lineOf('SITE: other activity')}:\\d+$`));
    expect(calls).toBe(2);
  });

  it('the error of a later call names no line (it was not recorded)', async () => {
    calls = 0;
    const h = recordedA('schedulesZ');
    const ex = new WorkflowExecutor({ workflows: schedulesZ, execution, recordDecisionSites: false });
    await ex.processEvents(h.events.slice(0, 3));
    const err = (await ex.processEvents(h.events.slice(3)).catch((e: unknown) => e)) as NonDeterminismError;
    expect(err).toBeInstanceOf(NonDeterminismError);
    expect(err.attempted).toBe('ScheduleActivityTask Z 1.0 (activityId activity-1)');
    expect(err.location).toBeUndefined();
    expect(calls).toBe(1);
  });
});
