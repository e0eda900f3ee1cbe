// The replayer against a model of SWF (`test-support/swf-sim.ts`): unchanged workflows run through
// many SWF-legal histories (events in decision windows, tasks that time out, refused decisions,
// closes refused with UNHANDLED_DECISION, outcomes and cancellations in any order), decided at every
// task by a whole replay, a paged replay and a cached run, which must agree; the finished history
// must then replay clean by each path, and no path may change the events it was fed.
import { describe, expect, it } from 'vitest';
import { NonDeterminismError, type HistoryEvent } from '@swf-flow/common';
import { WorkflowExecutor } from './executor.js';
import { decisionEventSpec } from './runtime/decision-events.js';
import { replayPaged, replaySliced } from './test-support/both-paths.js';
import { listHistory, MODEL_CASES } from './test-support/model-workflows.js';
import { summarize } from './test-support/run.js';
import { runChain, type SwfSim } from './test-support/swf-sim.js';

/** Seeds per case: SIM_SEEDS=n runs more (a longer search). */
const SEEDS = Number(globalThis.process?.env.SIM_SEEDS ?? 0) || undefined;

describe('the replayer against a model of SWF: unchanged workflows never fail', () => {
  it.each(MODEL_CASES)('$type (cancel requests: $cancel): every path decides the same at every task', async (c) => {
    const statuses = new Map<string, number>();
    let successors = 0;
    for (let seed = 1; seed <= (SEEDS ?? c.seeds); seed++) {
      let sim: SwfSim | undefined;
      const runs = await runChain(c, seed, (s) => void (sim = s)).catch((err: unknown) => {
        throw new Error(`${String(err)}\nthe history so far:\n${listHistory(sim?.events ?? [])}`, { cause: err });
      });
      successors += runs.length - 1;
      for (const run of runs) {
        statuses.set(run.status, (statuses.get(run.status) ?? 0) + 1);
        const where = { seed, runId: run.execution.runId };
        // No path changes the events it is fed: a Worker replays a run's kept events again before closing it.
        const fed = structuredClone(run.events);
        const whole = await new WorkflowExecutor({ workflows: c.workflows, execution: run.execution }).processEvents(
          run.events,
        );
        expect({ ...where, status: whole.status }).toEqual({ ...where, status: run.status });
        const sliced = await replaySliced(run.events, c.workflows, run.execution);
        expect({ ...where, decisions: summarize(sliced.decisions), status: sliced.status }).toEqual({
          ...where,
          decisions: summarize(whole.decisions),
          status: whole.status,
        });
        for (const size of [1, 5]) {
          const paged = await replayPaged(run.events, c.workflows, size, run.execution);
          expect({ ...where, decisions: summarize(paged.decisions), status: paged.status }).toEqual({
            ...where,
            decisions: summarize(whole.decisions),
            status: whole.status,
          });
        }
        expect({ ...where, events: run.events }).toEqual({ ...where, events: fed });
      }
    }
    // A workflow that continues as new is followed into its successors.
    if (c.type === 'carrier' || c.type === 'guardian' || c.type === 'markers') expect(successors).toBeGreaterThan(0);
    // The model reaches closes, not only the move limit.
    expect([...statuses.keys()].some((s) => s !== 'OPEN')).toBe(true);
  });
});

/** The attribute that names what a recorded decision event did, per event type: changed, the code no longer matches. */
const NAMED: Record<string, (a: Record<string, any>) => void> = {
  ActivityTaskScheduled: (a) => void (a.activityType = { ...a.activityType, name: `${String(a.activityType.name)}X` }),
  MarkerRecorded: (a) => void (a.markerName = `${String(a.markerName)}X`),
  StartChildWorkflowExecutionInitiated: (a) =>
    void (a.workflowType = { ...a.workflowType, version: `${String(a.workflowType.version)}X` }),
  SignalExternalWorkflowExecutionInitiated: (a) => void (a.signalName = `${String(a.signalName)}X`),
  LambdaFunctionScheduled: (a) => void (a.name = `${String(a.name)}X`),
};

describe('the replayer against a model of SWF: a recorded decision the code does not make is caught', () => {
  it.each(MODEL_CASES)('$type: a NonDeterminismError at that very event, saying what to do', async (c) => {
    let checked = 0;
    for (let seed = 1; seed <= Math.ceil((SEEDS ?? c.seeds) / 6); seed++) {
      for (const { events, execution } of await runChain(c, seed)) {
        events.forEach((e, i) => {
          const change = NAMED[String(e.eventType)];
          const key = Object.keys(e).find((k) => k.endsWith('EventAttributes')) as string;
          const attrs = (e as Record<string, any>)[key] as Record<string, any>;
          if (!change || attrs.markerName === 'SwfFlowPatch') return;
          const changed = events.slice();
          const copy = { ...attrs };
          change(copy);
          changed[i] = { ...e, [key]: copy };
          checked++;
          void checkCaught(c.workflows, changed, e.eventId ?? 0, seed, execution);
        });
      }
    }
    await Promise.all(pendingChecks.splice(0));
    expect(checked).toBeGreaterThan(0);
  });
});

/** A recorded decision event's attributes. */
const attributesOf = (e: HistoryEvent): Record<string, any> =>
  ((e as Record<string, any>)[Object.keys(e).find((k) => k.endsWith('EventAttributes')) as string] ?? {}) as Record<
    string,
    any
  >;

/**
 * `events` with the decision events at `i` and `i + 1` swapped when they are decisions of one task
 * of different kinds (not a patch marker, not a close): each takes the other's id, and every
 * reference to one names the other. `undefined` for any other pair.
 */
function swapped(events: HistoryEvent[], i: number): HistoryEvent[] | undefined {
  const e = events[i];
  const f = events[i + 1];
  if (!e || !f) return undefined;
  const [se, sf] = [decisionEventSpec(e.eventType), decisionEventSpec(f.eventType)];
  const [ae, af] = [attributesOf(e), attributesOf(f)];
  if (!se || !sf || se.kind === sf.kind || se.kind === 'close' || sf.kind === 'close') return undefined;
  if (ae.markerName === 'SwfFlowPatch' || af.markerName === 'SwfFlowPatch') return undefined;
  if (Number(ae.initiatedEventId) > 0 || Number(af.initiatedEventId) > 0) return undefined; // outcomes
  if (!ae.decisionTaskCompletedEventId || ae.decisionTaskCompletedEventId !== af.decisionTaskCompletedEventId)
    return undefined;
  const [a, b] = [e.eventId ?? 0, f.eventId ?? 0];
  const other = (id: unknown): unknown => (id === a ? b : id === b ? a : id);
  return events.map((x, j) => {
    const y = j === i ? { ...f, eventId: a } : j === i + 1 ? { ...e, eventId: b } : x;
    const key = Object.keys(y).find((k) => k.endsWith('EventAttributes'));
    if (!key) return y;
    const attrs = { ...(y as Record<string, any>)[key] } as Record<string, unknown>;
    for (const [name, value] of Object.entries(attrs)) if (name.endsWith('EventId')) attrs[name] = other(value);
    return { ...y, [key]: attrs };
  });
}

describe('the replayer against a model of SWF: two decisions of one task in another order are caught', () => {
  it.each(MODEL_CASES)('$type: a NonDeterminismError at the first of them, saying so', async (c) => {
    let checked = 0;
    for (let seed = 1; seed <= Math.ceil((SEEDS ?? c.seeds) / 6); seed++) {
      for (const { events, execution } of await runChain(c, seed)) {
        for (let i = 0; i < events.length - 1; i++) {
          const changed = swapped(events, i);
          if (!changed) continue;
          checked++;
          void checkCaught(c.workflows, changed, events[i]?.eventId ?? 0, seed, execution, /in another order/);
        }
      }
    }
    await Promise.all(pendingChecks.splice(0));
    // signalDriven and kid send one kind of decision per task.
    if (c.type !== 'signalDriven' && c.type !== 'kid') expect(checked).toBeGreaterThan(0);
  });
});

const pendingChecks: Promise<void>[] = [];

function checkCaught(
  workflows: (typeof MODEL_CASES)[number]['workflows'],
  events: HistoryEvent[],
  eventId: number,
  seed: number,
  execution: { workflowId: string; runId: string },
  says = /the history recorded .*\(event \d+\), but the code now did /,
): void {
  pendingChecks.push(
    (async () => {
      const err = await new WorkflowExecutor({ workflows, execution }).processEvents(events).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect({ seed, eventId, error: err instanceof NonDeterminismError ? err.eventId : String(err) }).toEqual({
        seed,
        eventId,
        error: eventId,
      });
      const message = (err as Error).message;
      expect(message).toMatch(/the history recorded .*\(event \d+\), but the code now did /);
      expect(message).toMatch(says);
      expect(message).toMatch(/patched\(id\)/);
    })(),
  );
}
