/**
 * Workflows that stress the order of a decision task's commands across kinds, for the table of
 * `service-histories.test.ts` (added to `UNUSUAL`): activities, timers, children, signals and
 * markers settling in one decision task under Promise.race/all/any/allSettled, arrivals that each
 * issue a command of another kind, a scope cancelled with commands of three kinds and new ones in
 * the same task, patch and side-effect markers between commands, a loop awaiting across many
 * tasks (a history read in pages), decisions SWF refuses or fails later among others (the service
 * records a refused activity in place and the children's, signals' and cancel requests' failures
 * after the task's decisions), and commands a microtask issues after the workflow function returned
 * (sent before the close decision). Each changed version issues the same commands of one task in
 * another order, which the history shows and a replay must catch.
 */
import { Activities, Activity } from '@swf-flow/activity';
import {
  CancellationScope,
  condition,
  continueAsNew,
  defineSignal,
  executeChild,
  getExternalWorkflowHandle,
  patched,
  proxyActivities,
  setHandler,
  sideEffect,
  sleep,
  uuid4,
  workflowInfo,
} from '@swf-flow/workflow';
import { UNUSUAL, UnpolledActivities, UnusualActivities, addUnusual } from './unusual-workflows.js';

type Fn = (...args: any[]) => Promise<unknown>;
const acts = proxyActivities(UnusualActivities);
const unpolled = proxyActivities(UnpolledActivities);
const go = defineSignal<[string]>('go');
const kid = (): Fn => (UNUSUAL.OrderingKid as { original: Fn }).original;

/** The child: waits `seconds` (cancellable), then answers. */
addUnusual(
  'OrderingKid',
  async (x: string, seconds = 1) => {
    await sleep(seconds * 1000);
    return `kid ${x}`;
  },
  async () => sleep('1 minute'),
);

/** An activity, a timer, a child and a signal raced in one task, then all, any and allSettled over three kinds. */
const mixedKinds =
  (timerFirst: boolean): Fn =>
  async () => {
    const order: string[] = [];
    setHandler(go, (x) => void order.push(`signal ${x}`));
    let a: Promise<unknown>;
    let t: Promise<unknown>;
    if (timerFirst) {
      t = sleep('30s').then(() => order.push('timer'));
      a = acts.echo('a').then((v) => order.push(`activity ${String(v)}`));
    } else {
      a = acts.echo('a').then((v) => order.push(`activity ${String(v)}`));
      t = sleep('30s').then(() => order.push('timer'));
    }
    const c = executeChild(kid(), { args: ['c'] }).then((v) => order.push(String(v)));
    const marker = await sideEffect(() => 'marker');
    const signalled = condition(() => order.some((o) => o.startsWith('signal')));
    const first = await Promise.race([a, t, c, signalled].map((p, i) => p.then(() => i)));
    await Promise.all([a, t, c]);
    const any = await Promise.any([
      acts.fail('x'),
      sleep('10s').then(() => 'slept'),
      executeChild(kid(), { args: ['d', 20] }),
    ]);
    const settled = await Promise.allSettled([
      acts.echo('e'),
      sleep('2s'),
      acts.fail('f'),
      executeChild(kid(), { args: ['g'] }),
    ]);
    return { first: typeof first, any, settled: settled.map((s) => s.status), seen: order.length, marker };
  };
addUnusual('MixedKindsOneTask', mixedKinds(false), mixedKinds(true));

/**
 * An activity that signals its own run before it completes, beside a timer: whichever of the signal,
 * the completion and the firing reach a task together, each issues a command of another kind.
 */
const arrivals =
  (echoFirst: boolean): Fn =>
  async () => {
    const seen: string[] = [];
    setHandler(go, (x) => {
      seen.push(`signal ${x}`);
      const more = () => void acts.echo(`handler ${x}`).then((v) => seen.push(String(v)));
      const nap = () => void sleep('1s').then(() => seen.push('handler timer'));
      if (echoFirst) (more(), nap());
      else (nap(), more());
    });
    const act = acts.signalMe('x').then(async (v) => {
      seen.push(`activity ${String(v)}`);
      seen.push(await sideEffect(() => 'marker after activity'));
    });
    const timer = sleep('1s').then(async () => {
      seen.push('timer');
      seen.push(String(await acts.echo('after timer')));
    });
    await Promise.all([act, timer]);
    await condition(() => seen.includes('handler timer') && seen.includes('handler x'));
    return seen.slice().sort();
  };
addUnusual('ArrivalsIssueCommands', arrivals(false), arrivals(true));

/** A scope cancelled with an unstarted activity, a timer and a child open; new commands of two kinds in the same task. */
const cancelMixed =
  (timerFirst: boolean): Fn =>
  async () => {
    const scope = new CancellationScope();
    const open = scope.run(() =>
      Promise.allSettled([unpolled.unpolled(), sleep('1 hour'), executeChild(kid(), { args: ['long', 3600] })]),
    );
    await sleep('1s');
    scope.cancel();
    const after = timerFirst ? [sleep('1s'), acts.echo('after')] : [acts.echo('after'), sleep('1s')];
    const settled = await open;
    await Promise.all(after);
    return settled.map((s) => (s.status === 'fulfilled' ? 'ok' : (s.reason as Error).name));
  };
addUnusual('CancelMixedKinds', cancelMixed(false), cancelMixed(true));

/** A patch marker, uuid4() and a side effect marker between an activity, a timer and another activity. */
addUnusual(
  'PatchesAndMarkersBetween',
  async () => {
    const a = acts.echo('a');
    const p = patched('between') ? 'patched' : 'old';
    const t = sleep('1s');
    const id = uuid4();
    const s = await sideEffect(() => 'se');
    const b = acts.echo('b');
    await Promise.all([a, t, b]);
    return [p, id.length, s];
  },
  async () => {
    const s = await sideEffect(() => 'se'); // the marker now before the activity
    const a = acts.echo('a');
    const p = patched('between') ? 'patched' : 'old';
    const t = sleep('1s');
    const id = uuid4();
    const b = acts.echo('b');
    await Promise.all([a, t, b]);
    return [p, id.length, s];
  },
);

/** Awaits in a loop across many tasks, each step mixing kinds; a signal handler adds commands of its own. */
const loop =
  (swapAt: number): Fn =>
  async (n: number) => {
    let handled = 0;
    setHandler(go, () => void acts.echo('from the handler').then(() => handled++));
    const out: unknown[] = [];
    for (let i = 0; i < n; i++) {
      if (i % 3 === 0) out.push(await Promise.race([acts.echo(i), sleep('1 hour').then(() => 'late')]));
      else if (i % 3 === 1)
        out.push((await Promise.all(i === swapAt ? [acts.echo(i), sleep('1s')] : [sleep('1s'), acts.echo(i)])).length);
      else out.push(await sideEffect(() => i).then((v) => acts.echo(v)));
    }
    await condition(() => handled > 0);
    return [out.length, handled];
  };
addUnusual('AwaitsInALoop', loop(-1), loop(19));

/** Activity types no worker registered: SWF refuses to schedule them (ACTIVITY_TYPE_DOES_NOT_EXIST). */
@Activities({ version: '1.0', startToCloseTimeout: '30s', scheduleToStartTimeout: '1 minute' })
export class UnregisteredActivities {
  @Activity({ name: 'NeverRegistered' })
  async never(): Promise<void> {}
}
const unregistered = proxyActivities(UnregisteredActivities);

/**
 * One task's commands of every kind, some of which SWF refuses or fails later: a child with the
 * parent's own workflowId (already running), a signal and a cancel request to an execution that
 * does not exist, an activity type nobody registered, between activities and a timer.
 */
const refused =
  (timerFirst: boolean): Fn =>
  async () => {
    const self = workflowInfo().workflowId;
    const head = timerFirst ? [sleep('1s'), acts.echo('a')] : [acts.echo('a'), sleep('1s')];
    const results = await Promise.allSettled([
      ...head,
      executeChild(kid(), { workflowId: self, args: ['self'] }),
      getExternalWorkflowHandle('nobody-here').signal('hi'),
      getExternalWorkflowHandle('nobody-here').cancel(),
      unregistered.never(),
      acts.echo('b'),
    ]);
    return results.map((r) => (r.status === 'fulfilled' ? 'ok' : (r.reason as Error).name));
  };
addUnusual('RefusedAmongOthers', refused(false), refused(true));

/** Commands issued by a microtask after the workflow function returned: sent before the close decision. */
const afterReturn =
  (timerFirst: boolean): Fn =>
  async () => {
    await acts.echo('first');
    void Promise.resolve().then(() => {
      if (timerFirst) void sleep('1 hour');
      void acts.echo('after return').catch(() => undefined);
      if (!timerFirst) void sleep('1 hour');
    });
    return 'returned';
  };
addUnusual('CommandsAfterReturn', afterReturn(false), afterReturn(true));

/**
 * Continues as new twice: each run schedules an activity and a timer in one task and records a side
 * effect, and ends with a task that sends another activity and timer (left open) before its
 * ContinueAsNewWorkflowExecution.
 */
const continuing =
  (timerFirst: boolean): Fn =>
  async (n: number) => {
    const [a, t] = timerFirst ? [sleep('1s'), acts.echo(n)] : [acts.echo(n), sleep('1s')];
    const marked = await sideEffect(() => n * 10);
    await Promise.all([a, t]);
    if (n >= 2) return [n, marked];
    void acts.echo('left open');
    void sleep('1 hour');
    return continueAsNew(n + 1);
  };
addUnusual('ContinuesAsNewMixed', continuing(false), continuing(true));
