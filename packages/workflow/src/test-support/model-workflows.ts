/**
 * The workflows the SWF model (`swf-sim.ts`) runs, with what its environment may do to each: the
 * replay model test (`replay-model.test.ts`) and the worker's (`test/decider-model.test.ts`) share
 * them. Each is plain workflow code over activity stubs, timers, signals, children, external
 * requests, markers, Lambda tasks and cancellation, written to race them.
 */
import type { HistoryEvent } from '@swf-flow/common';
import { executeChild, startChild } from '../api/children.js';
import { condition } from '../api/condition.js';
import { continueAsNew, makeContinueAsNewFunc } from '../api/continue-as-new.js';
import { getExternalWorkflowHandle } from '../api/external.js';
import { workflowInfo } from '../api/info.js';
import { proxyLambdas } from '../api/lambdas.js';
import { patched } from '../api/patch.js';
import { sideEffect, uuid4 } from '../api/side-effect.js';
import { defineSignal, setHandler } from '../api/signals.js';
import { scheduleActivity } from '../runtime/activity-command.js';
import { CancellationScope } from '../runtime/cancellation-scope.js';
import { scheduleLambda } from '../runtime/lambda-command.js';
import { sleep } from '../runtime/timer-command.js';
import type { WorkflowFunction } from '../workflow-type.js';
import type { SimOptions } from './swf-sim.js';

const act = (name: string): Promise<unknown> => scheduleActivity({ activityType: { name, version: '1.0' }, args: [] });
const quiet = (p: Promise<unknown>): Promise<unknown> => p.catch((err: Error) => `failed ${err.name}`);

const add = defineSignal<[string]>('add');
const stop = defineSignal('stop');
const progress = defineSignal<[number]>('progress');

/** An activity races a timer; the loser is cancelled with its scope. */
async function race(): Promise<string> {
  const winner = await CancellationScope.cancellable(async () => {
    const w = await Promise.race([
      act('Work').then(
        () => 'activity',
        () => 'activity failed',
      ),
      sleep('10s').then(() => 'timer'),
    ]);
    CancellationScope.current().cancel();
    return w;
  }).catch(() => 'cancelled');
  await quiet(act(`After ${winner}`));
  return winner;
}

/** Signals fill a list, a condition with a timeout waits, each item runs an activity in parallel. */
async function signals(): Promise<number> {
  const items: string[] = [];
  let stopped = false;
  setHandler(add, (v) => void items.push(v));
  setHandler(stop, () => void (stopped = true));
  let done = 0;
  const running: Promise<unknown>[] = [];
  while (!stopped && done < 3) {
    const got = await condition(() => items.length > done || stopped, '30s');
    if (!got) {
      await quiet(act('Tick'));
      if (running.length > 2) break;
      continue;
    }
    while (items.length > done) running.push(quiet(act(`Item-${items[done++] ?? ''}`)));
  }
  await Promise.all(running);
  return done;
}

/** Parallel work that a cancel request interrupts; clean-up runs shielded, then the run is cancelled. */
async function cancellable(): Promise<string> {
  try {
    await Promise.all([act('Long1'), sleep('1h'), act('Long2')]);
    return 'done';
  } catch (err) {
    await CancellationScope.nonCancellable(() => quiet(act('Cleanup')));
    throw err;
  }
}

/** A child, an external signal and cancel, a child in a scope with a timeout. */
async function family(): Promise<string> {
  const handle = await startChild('Kid', { workflowId: 'kid-1' }).catch(() => undefined);
  await quiet(getExternalWorkflowHandle('other').signal('hello'));
  const first = handle ? await quiet(handle.result()) : 'no kid';
  const second = await CancellationScope.withTimeout('20s', () => executeChild('Kid')).catch(
    (err: Error) => `kid ${err.name}`,
  );
  await quiet(getExternalWorkflowHandle('other').cancel());
  return `${String(first)} / ${String(second)}`;
}

/** Markers (a side effect, a patch), a Lambda task and a scope timeout, then continue-as-new. */
async function markers(round: number): Promise<string> {
  const x = await sideEffect(() => 41 + 1);
  // Seeded and replayed values: the same in every path, whichever task draws them.
  await quiet(act(`Seeded-${uuid4().slice(0, 8)}-${Math.floor(Math.random() * 1000)}-${Date.now() % 100_000}`));
  if (patched('p1')) await quiet(act(`Patched-${x}`));
  const fn = await quiet(scheduleLambda({ name: 'fn', input: { x } }));
  const slow = await CancellationScope.withTimeout('5s', () => act('Slow')).catch(() => quiet(act('Fallback')));
  if (round < 1) await continueAsNew(round + 1);
  return `${String(fn)} ${String(slow)}`;
}

/** One line per event: id, type and attributes (a failing seed's history, to turn into a table row). */
export function listHistory(events: readonly HistoryEvent[]): string {
  return events
    .map((e) => {
      const attrs = Object.entries(e).find(([k]) => k.endsWith('EventAttributes'))?.[1];
      return `${String(e.eventId)} ${String(e.eventType)} ${JSON.stringify(attrs)}`;
    })
    .join('\n');
}

/** Lambda calls retried with backoff timers, in parallel with a timer. */
const lambdas = proxyLambdas<{ fn(x: number): Promise<string> }>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 3, initialInterval: '2s' },
});
async function retries(): Promise<string> {
  const [a, b] = await Promise.all([quiet(lambdas.fn(1)), quiet(lambdas.fn(2)), sleep('3s')]);
  return `${String(a)} ${String(b)}`;
}

/** Signal handlers issue commands and cancel a sleeping scope (CancelTimer, refused if it fired). */
async function signalDriven(): Promise<string> {
  const scope = new CancellationScope();
  setHandler(add, (v) => void quiet(act(`OnSignal-${v}`)));
  setHandler(stop, () => scope.cancel());
  const slept = await scope
    .run(() => sleep('1h'))
    .then(
      () => 'slept',
      () => 'woken',
    );
  await quiet(act(slept));
  return slept;
}

/** What a run of `carrier` hands its successor: the round, signals not handled yet, a deadline. */
interface Carried {
  round: number;
  pending: string[];
  deadline: number;
}

/**
 * A continue-as-new chain that carries its state: signals received but not handled go to the next
 * run in its input, and so does a deadline, which each run waits for with a timer of what remains
 * of it (computed from the replayed clock); later rounds continue with another version and tags.
 */
async function carrier(state?: Carried): Promise<string> {
  const s = state ?? { round: 0, pending: [], deadline: 0 };
  const items = [...s.pending];
  setHandler(add, (v) => void items.push(v));
  const deadline = s.deadline || Date.now() + 60_000;
  const from = workflowInfo().continuedExecutionRunId ?? 'none';
  await quiet(act(`Round-${s.round}-after-${from}-v${workflowInfo().workflowType.version}`));
  const got = await condition(() => items.length > 0, Math.max(1000, deadline - Date.now()));
  const handled = items.shift();
  if (handled !== undefined) await quiet(act(`Handle-${handled}`));
  const next: Carried = { round: s.round + 1, pending: items, deadline: got ? deadline : 0 };
  if (s.round === 0) await continueAsNew(next);
  if (s.round === 1) await makeContinueAsNewFunc<typeof carrier>({ version: '2.0', tagList: ['carried'] })(next);
  return `${s.round} ${items.length}`;
}

/**
 * A child run: it signals its parent, waits for the parent's pokes, and cleans up (shielded) when
 * cancelled — by a request of its parent, or by its child policy when the parent closes.
 */
async function kid(): Promise<string> {
  let pokes = 0;
  setHandler(add, () => void pokes++);
  try {
    await quiet(act('KidWork'));
    const parent = workflowInfo().parent;
    if (parent) await quiet(getExternalWorkflowHandle(parent.workflowId, parent.runId).signal(progress, 1));
    await condition(() => pokes > 0, '1m');
    await act('KidMore');
    return `kid ${pokes}`;
  } catch (err) {
    await CancellationScope.nonCancellable(() => quiet(act('KidCleanup')));
    throw err;
  }
}

/**
 * A parent of children with different child policies: it pokes one (the signal races the child's
 * close), cancels another if it is slow (the cancel request races its completion), counts its
 * children's signals, and continues as new while a child may still be open (its policy applies).
 */
async function guardian(round = 0): Promise<string> {
  let progressed = 0;
  setHandler(progress, (n) => void (progressed += n));
  const a = await startChild('Kid', { workflowId: `kid-a-${round}`, childPolicy: 'ABANDON' }).catch(() => undefined);
  const scope = new CancellationScope();
  const b = scope
    .run(() => executeChild('Kid', { workflowId: `kid-b-${round}`, childPolicy: 'REQUEST_CANCEL' }))
    .then(String, (err: Error) => `b ${err.name}`);
  if (a) await quiet(a.signal('add', 'poke'));
  const first = await Promise.race([b, sleep('15s').then(() => 'slow')]);
  if (first === 'slow') scope.cancel();
  const outcome = await b;
  if (progressed > 0) await quiet(act(`Progressed-${progressed}`));
  if (round < 1) await continueAsNew(round + 1);
  return outcome;
}

/** The model's cases: a workflow, what its environment may do, and how many seeds a test runs. */
export const MODEL_CASES: (SimOptions & { workflows: Record<string, WorkflowFunction>; seeds: number })[] = [
  { workflows: { race }, type: 'race', seeds: 60 },
  {
    workflows: { signals },
    type: 'signals',
    seeds: 60,
    signals: [
      { name: 'add', args: ['a'] },
      { name: 'add', args: ['b'] },
      { name: 'stop', args: [] },
    ],
    maxSignals: 5,
  },
  { workflows: { cancellable }, type: 'cancellable', seeds: 60, cancel: true },
  { workflows: { family }, type: 'family', seeds: 60, cancel: true },
  { workflows: { markers }, type: 'markers', seeds: 60, input: [0] },
  // SWF refuses markers again and again: the patch marker is sent with every task until recorded.
  { workflows: { markers }, type: 'markers', seeds: 30, input: [0], markerRefusal: 0.6 },
  { workflows: { race }, type: 'race', seeds: 30, cancel: true },
  { workflows: { retries }, type: 'retries', seeds: 40, cancel: true },
  {
    workflows: { signalDriven },
    type: 'signalDriven',
    seeds: 40,
    signals: [
      { name: 'add', args: ['a'] },
      { name: 'stop', args: [] },
    ],
    cancel: true,
  },
  {
    workflows: { carrier },
    type: 'carrier',
    seeds: 40,
    signals: [
      { name: 'add', args: ['a'] },
      { name: 'add', args: ['b'] },
    ],
    maxSignals: 8,
  },
  { workflows: { kid }, type: 'kid', seeds: 30, asChild: 'TERMINATE', signals: [{ name: 'add', args: ['p'] }] },
  {
    workflows: { kid },
    type: 'kid',
    seeds: 30,
    asChild: 'REQUEST_CANCEL',
    cancel: true,
    signals: [{ name: 'add', args: ['p'] }],
  },
  { workflows: { kid }, type: 'kid', seeds: 20, asChild: 'ABANDON', signals: [{ name: 'add', args: ['p'] }] },
  {
    workflows: { guardian },
    type: 'guardian',
    seeds: 40,
    cancel: true,
    signals: [{ name: 'progress', args: [1] }],
  },
];
