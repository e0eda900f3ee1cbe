// Clocks that reach workflow code by ways other than Date.now() and performance.now(): a
// performance mark's or measure's time, an Event's timeStamp, Atomics.waitAsync's timeout, and the
// other members of performance (eventLoopUtilization(), nodeTiming, ...), and a perf_hooks
// histogram's recordDelta(). Each read the host's real
// clock, so a replay of the same history decided differently (a mark's startTime, an empty decision
// list while a waitAsync timer ran); now each gives the replayed time, or is refused with a
// DeterminismViolationError naming what to use.
import { createHistogram } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { DeterminismViolationError } from '@swf-flow/common';
import './index.js';
import { WorkflowExecutor } from './executor.js';
import { scheduleActivity } from './runtime/activity-command.js';
import { HistoryBuilder } from './test-support/history-builder.js';

/** `Atomics.waitAsync` (ES2024; Node 20 has it, the compiled library may not name it). */
const waitAsync = (
  Atomics as unknown as { waitAsync: (a: Int32Array, i: number, v: number, ms: number) => { value: unknown } }
).waitAsync;

const act = (name: string): Promise<unknown> => scheduleActivity({ activityType: { name, version: '1.0' }, args: [] });

/** The first task ran A; A completed 2 s later; the second task reads the clock. */
function history(): HistoryBuilder {
  const h = new HistoryBuilder().start('probe').decisionTask();
  h.activityCompleted(h.scheduled('A', 'activity-1', h.completed()));
  return h.decisionTask();
}

async function run(read: () => unknown): Promise<{ value: unknown; now: number } | Error> {
  let seen: { value: unknown; now: number } | undefined;
  async function probe(): Promise<void> {
    await act('A');
    seen = { value: await read(), now: performance.now() };
  }
  const out = await new WorkflowExecutor({ workflows: { probe }, execution: { workflowId: 'w', runId: 'r' } })
    .processEvents(history().events)
    .then(
      () => seen,
      (err: unknown) => err as Error,
    );
  return out ?? new Error('the workflow did not finish its task');
}

const REPLAYED: [string, () => unknown][] = [
  ['performance.mark(name).startTime', () => performance.mark('probe-mark').startTime],
  [
    'performance.measure(name, startMark).duration (ends now)',
    () => {
      performance.mark('probe-start', { startTime: 0 });
      return performance.measure('probe-measure', 'probe-start').duration;
    },
  ],
  ['performance.measure(name, { start }) (ends now)', () => performance.measure('probe-m2', { start: 0 }).duration],
  ['new Event(type).timeStamp', () => new Event('probe').timeStamp],
  [
    'an AbortSignal’s abort event’s timeStamp',
    () => {
      const c = new AbortController();
      let stamp = -1;
      c.signal.addEventListener('abort', (e) => (stamp = e.timeStamp));
      c.abort();
      return stamp;
    },
  ],
];

/** Members of `performance` that read Node's own clock, with no replayed value to give. */
const REFUSED_PERFORMANCE: [string, () => unknown][] = [
  ['performance.eventLoopUtilization()', () => performance.eventLoopUtilization()],
  ['performance.nodeTiming', () => performance.nodeTiming.idleTime],
  ['performance.toJSON()', () => JSON.stringify(performance)],
  ['performance.timerify()', () => performance.timerify(() => 1)()],
];

describe('clocks other than Date.now() and performance.now() in workflow code', () => {
  it.each(REPLAYED)('%s is the replayed performance.now()', async (_what, read) => {
    const out = await run(read);
    expect(out).not.toBeInstanceOf(Error);
    const { value, now } = out as { value: number; now: number };
    expect(now).toBeGreaterThan(0); // the second task started after the first (the builder's clock)
    expect(value).toBe(now);
  });

  it('Atomics.waitAsync is refused (its timeout fires outside the decision task)', async () => {
    const out = await run(() => waitAsync(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10).value);
    expect(out).toBeInstanceOf(DeterminismViolationError);
    expect(String(out)).toMatch(/Atomics\.waitAsync\(\) cannot be used in workflow code.*condition\(\)/);
  });

  it.each(REFUSED_PERFORMANCE)('%s is refused (it reads the real clock), naming what to use', async (what, read) => {
    const out = await run(read);
    expect(out).toBeInstanceOf(DeterminismViolationError);
    expect(String(out)).toContain(`${what} cannot be used in workflow code`);
    expect(String(out)).toMatch(/use performance\.now\(\) or Date\.now\(\)/);
  });

  it("a perf_hooks histogram's recordDelta() is refused (it records real elapsed time); its record() is not", async () => {
    const refused = await run(() => {
      const h = createHistogram();
      h.recordDelta();
      return h.count;
    });
    expect(refused).toBeInstanceOf(DeterminismViolationError);
    expect(String(refused)).toMatch(
      /recordDelta\(\) of a perf_hooks histogram cannot be used in workflow code.*record\(\) a duration of the replayed clock/,
    );
    const recorded = await run(() => {
      const h = createHistogram();
      h.record(5);
      return h.count;
    });
    expect(recorded).toMatchObject({ value: 1 });
    const outside = createHistogram();
    outside.recordDelta();
    outside.recordDelta();
    expect(outside.count).toBe(1); // outside workflow code it records as Node's does
  });

  it('outside workflow code each reads the real clock', () => {
    const before = performance.now();
    expect(performance.mark('outside').startTime).toBeGreaterThanOrEqual(before);
    expect(new Event('outside').timeStamp).toBeGreaterThanOrEqual(before);
    expect(performance.eventLoopUtilization().idle).toBeGreaterThanOrEqual(0);
    expect(performance.nodeTiming.bootstrapComplete).toBeGreaterThan(0);
    expect(performance.toJSON()).toHaveProperty('nodeTiming');
  });
});
