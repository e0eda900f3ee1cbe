/**
 * Unusual but legal workflow code, each with a changed version, for the table of
 * `service-histories.test.ts`: races whose losers settle later, activities scheduled from `.then`
 * chains, async generators and thenables, microtasks around signals delivered in one decision
 * task, failures caught and rethrown, cleanup in `finally` after a cancellation, a child that
 * continues as new, payloads at and past SWF's limits, unicode everywhere, time, locale and
 * randomness, values through the data converter, long histories. The changed version of each
 * differs in what its history shows (a command added, dropped, reordered within its kind, or of
 * another kind), so a replay of the original's history must reject it.
 */
import { Activities, Activity, activityContext } from '@swf-flow/activity';
import { ApplicationFailure, type ActivityFailure, type TimeoutFailure } from '@swf-flow/common';
import {
  CancellationScope,
  condition,
  continueAsNew,
  defineSignal,
  defineWorkflow,
  executeChild,
  proxyActivities,
  setHandler,
  sideEffect,
  sleep,
  uuid4,
  workflowInfo,
} from '@swf-flow/workflow';

/** The task list of the table's workflows and activities. */
export const UNUSUAL_TASK_LIST = 'unusual';

/** What the activities do: echo, fail, measure, make a big string. */
@Activities({ version: '1.0', startToCloseTimeout: '30s', scheduleToStartTimeout: '5 minutes' })
export class UnusualActivities {
  @Activity({ name: 'Echo' })
  async echo(value: unknown): Promise<unknown> {
    return value;
  }

  @Activity({ name: 'Fail' })
  async fail(message: string): Promise<void> {
    throw ApplicationFailure.nonRetryable(message, 'Boom', { message });
  }

  @Activity({ name: 'Length' })
  async length(s: string): Promise<number> {
    return s.length;
  }

  /** Signals its own workflow `go` before it returns: the signal and its completion reach one decision task. */
  @Activity({ name: 'SignalMe' })
  async signalMe(value: string): Promise<string> {
    const { workflowId, runId } = activityContext().info.workflowExecution;
    await UnusualActivities.signal?.(workflowId, runId, value);
    return `done ${value}`;
  }

  /** How `SignalMe` signals (set by the test: a client of the service the worker polls). */
  static signal: ((workflowId: string, runId: string, value: string) => Promise<void>) | undefined;

  @Activity({ name: 'Big' })
  async big(n: number): Promise<string> {
    return 'x'.repeat(n);
  }
}

/** An activity on a task list nobody polls: it times out before it starts (or is cancelled). */
@Activities({
  version: '1.0',
  taskList: 'nobody-polls',
  startToCloseTimeout: '30s',
  scheduleToStartTimeout: '1 minute',
})
export class UnpolledActivities {
  @Activity({ name: 'Unpolled' })
  async unpolled(): Promise<void> {}
}

const acts = proxyActivities(UnusualActivities);
const unpolled = proxyActivities(UnpolledActivities);
const go = defineSignal<[string]>('go');

/** Astral characters, NUL, lone surrogates, a bidi override and a BOM. */
export const ODD_TEXT = 'astral 😀𝄞 NUL\u0000 lone\uD800 low\uDC00 rtl\u202E bom\uFEFF';
/** A signal name with an astral character and an accent. */
export const ODD_SIGNAL = 'sig-😀-é';

type Fn = (...args: any[]) => Promise<unknown>;
const define = <F extends Fn>(name: string, fn: F): F =>
  defineWorkflow(fn, {
    name,
    version: '1',
    taskList: UNUSUAL_TASK_LIST,
    taskStartToCloseTimeout: '1 minute',
    executionStartToCloseTimeout: '1 day',
    childPolicy: 'TERMINATE',
  });

/** Each workflow's original and changed code, by workflow type name. */
export const UNUSUAL: Record<string, { original: Fn; changed: Fn }> = {};
const both = (name: string, original: Fn, changed: Fn): void => {
  UNUSUAL[name] = { original: define(name, original), changed: define(name, changed) };
};
/** Adds a workflow to {@link UNUSUAL}: its original and changed code (other modules' rows). */
export const addUnusual = both;

both(
  'RaceLosersSettleLater',
  async () => {
    const slow = sleep('2 minutes').then(() => acts.echo('slow'));
    const first = await Promise.race([acts.echo('fast'), slow, sleep('1 hour').then(() => 'timer')]);
    const any = await Promise.any([acts.fail('no'), acts.echo('yes')]);
    const settled = await Promise.allSettled([acts.fail('a'), acts.echo('b'), unpolled.unpolled()]);
    await sleep('5 minutes');
    return [
      first,
      any,
      await slow,
      settled.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error).name)),
    ];
  },
  async () => {
    const slow = sleep('2 minutes').then(() => acts.echo('slow'));
    const first = await Promise.race([acts.echo('fast'), slow, sleep('1 hour').then(() => 'timer')]);
    const any = await Promise.any([acts.echo('yes'), acts.fail('no')]); // Echo now comes before Fail
    return [first, any];
  },
);

async function* echoed(n: number): AsyncGenerator<unknown> {
  for (let i = 0; i < n; i++) yield await acts.echo(i);
}
both(
  'ChainsGeneratorsThenables',
  async () => {
    const chained = await acts
      .echo('a')
      .then((x) => acts.echo(`${String(x)}b`))
      .then((x) => Promise.all([acts.echo(`${String(x)}c`), acts.echo('d')]));
    const generated: unknown[] = [];
    for await (const x of echoed(3)) generated.push(x);
    for await (const y of [acts.echo('p'), 5, acts.echo('q')]) generated.push(y);
    const plain = await 7;
    const thenable = await { then: (resolve: (v: unknown) => void) => resolve(acts.echo('thenable')) };
    const lazy = { then: (ok: (v: unknown) => void, no: (e: unknown) => void) => acts.fail('lazy').then(ok, no) };
    const rejected = await Promise.resolve(lazy).then(
      () => 'resolved',
      (e: Error) => e.name,
    );
    return [chained, generated, plain, thenable, rejected];
  },
  async () => {
    const chained = await acts.echo('a').then((x) => Promise.all([acts.echo(`${String(x)}c`), acts.echo('d')]));
    const generated: unknown[] = [];
    for await (const x of echoed(2)) generated.push(x);
    return [chained, generated];
  },
);

both(
  'SignalsAndMicrotasks',
  async () => {
    const order: string[] = [];
    setHandler(go, (x) => {
      order.push(`signal ${x}`);
      queueMicrotask(() => order.push(`microtask ${x}`));
      process.nextTick(() => order.push(`tick ${x}`));
    });
    await condition(() => order.length >= 3);
    order.push('after await');
    queueMicrotask(() => void acts.echo('from a microtask').then((v) => order.push(String(v))));
    await acts.echo(order.join(', '));
    await condition(() => order.includes('from a microtask'));
    return order;
  },
  async () => {
    const order: string[] = [];
    setHandler(go, (x) => void order.push(`signal ${x}`));
    await condition(() => order.length >= 3);
    await acts.echo(order.join(', '));
    return order;
  },
);

both(
  'SignalBesideActivityOutcome',
  async () => {
    const seen: string[] = [];
    setHandler(go, (x) => {
      seen.push(`signal ${x}`);
      void acts.echo(`handler ${x}`).then((v) => seen.push(String(v)));
    });
    const done = acts.signalMe('x').then((v) => seen.push(`activity ${String(v)}`));
    await done;
    seen.push('after await');
    await acts.echo(seen.join(', '));
    await condition(() => seen.includes('handler x'));
    return seen;
  },
  async () => {
    const seen: string[] = [];
    setHandler(go, (x) => void seen.push(`signal ${x}`));
    await acts.signalMe('x');
    await acts.echo(seen.join(', '));
    return seen;
  },
);

both(
  'FailuresCaughtAndRethrown',
  async () => {
    const seen: string[] = [];
    try {
      await acts.fail('first');
    } catch (e) {
      const cause = (e as ActivityFailure).cause as ApplicationFailure;
      seen.push(`${(e as Error).name}/${cause.name}/${String(cause.type)}/${cause.message}`);
      try {
        await acts.fail(`after ${cause.message}`);
      } catch (again) {
        seen.push((again as Error).name);
      }
    }
    try {
      await unpolled.unpolled();
    } catch (e) {
      const cause = (e as Error).cause as TimeoutFailure;
      seen.push(`${(e as Error).name}/${cause.name}/${String(cause.timeoutType)}`);
    }
    await acts.echo(seen);
    throw ApplicationFailure.nonRetryable(`rethrown: ${seen.join('; ')}`, 'Rethrown');
  },
  async () => {
    try {
      await acts.fail('first');
    } catch {
      // the retry of the original is gone
    }
    await unpolled.unpolled().catch(() => undefined);
    await acts.echo([]);
    throw ApplicationFailure.nonRetryable('rethrown', 'Rethrown');
  },
);

both(
  'FinallyAfterCancellation',
  async () => {
    try {
      await CancellationScope.cancellable(() => Promise.all([unpolled.unpolled(), sleep('1 day')]));
      return 'not cancelled';
    } catch (e) {
      const cleanup = await CancellationScope.nonCancellable(() => acts.echo('cleanup'));
      return `caught ${(e as Error).name}, then ${String(cleanup)}`;
    } finally {
      await CancellationScope.nonCancellable(() => acts.echo('finally'));
    }
  },
  async () => {
    try {
      await CancellationScope.cancellable(() => Promise.all([unpolled.unpolled(), sleep('1 day')]));
      return 'not cancelled';
    } finally {
      await CancellationScope.nonCancellable(() => acts.echo('finally'));
    }
  },
);

/** A parent, a child, and a grandchild that continues as new once: the same code at every level. */
const childChain: Fn = async (depth: number) => {
  const info = workflowInfo();
  if (depth > 0) return [depth, await executeChild(childChain, { args: [depth - 1] }), info.parent?.workflowId ?? null];
  if (info.continuedExecutionRunId === undefined) await continueAsNew(0);
  return ['continued leaf', info.parent?.workflowId ?? null];
};
both('ChildContinuesAsNew', childChain, async (depth: number) => {
  if (depth > 0) {
    await acts.echo('before the child');
    return [depth, await executeChild(childChain, { args: [depth - 1] })];
  }
  return ['leaf'];
});

both(
  'UnicodeEverywhere',
  async (text: string) => {
    const got: string[] = [];
    setHandler(defineSignal<[string]>(ODD_SIGNAL), (x) => void got.push(x));
    const echoed = (await acts.echo(text)) as string;
    await condition(() => got.length > 0);
    return { echoed: echoed === text, signalled: got[0] === text, workflowId: workflowInfo().workflowId };
  },
  async (text: string) => {
    await acts.echo(text.toUpperCase());
    await acts.echo(text);
    return {};
  },
);

both(
  'TimeLocaleRandomness',
  async () => {
    const d = new Date();
    const seen = {
      now: Date.now(),
      local: d.toString(),
      locale: d.toLocaleString(),
      emptyLocaleList: d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }),
      intl: new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'long' }).format(d),
      number: (1234567.891).toLocaleString([]),
      localComponents: new Date(2024, 5, 1, 12).toISOString(),
      uuid: crypto.randomUUID(),
      bytes: Array.from(crypto.getRandomValues(new Uint8Array(4))),
      random: Math.random(),
      uuid4: uuid4(),
      sideEffect: await sideEffect(() => new Date(0)),
      cloned: structuredClone({ at: new Date(1), map: new Map([[1, 2]]) }).map.get(1),
      symbol: String(Symbol('s')),
    };
    // What the code schedules depends on the values: a difference on replay shows in the history.
    await acts.echo(JSON.stringify(seen));
    if (seen.random > 0.5) await acts.echo('high');
    else await sleep('1 second');
    return seen;
  },
  async () => {
    await sleep('1 second');
    return {};
  },
);

class Money {
  constructor(readonly cents: number) {}
}
both(
  'ValuesThroughTheConverter',
  async () => {
    const money = await acts.echo(new Money(150));
    const map = await acts.echo(new Map([[1, 2]]));
    const date = await acts.echo(new Date(5));
    const odd = await acts.echo({ missing: undefined, nan: NaN, inf: Infinity, negZero: -0 });
    let weakRef = 'allowed';
    try {
      new WeakRef({});
    } catch (e) {
      weakRef = (e as Error).name;
    }
    return { money, isMoney: money instanceof Money, map, date, odd, weakRef, returned: new Money(3) };
  },
  async () => {
    await acts.echo(1);
    return {};
  },
);

/** The longest string whose JSON array of one (the activity input) is SWF's 32,768 characters. */
export const LONGEST_ARG = 32_768 - 4;
both(
  'PayloadsAtTheLimit',
  async (s: string) => {
    const big = (await acts.big(32_768 - 2)) as string;
    const marker = await sideEffect(() => 'm'.repeat(32_768 - 2));
    return [await acts.length(s), big.length, marker.length, 'r'.repeat(100)];
  },
  async (s: string) => [await acts.length(s)],
);

/** Each way workflow code can make a decision SWF would refuse for its size. */
both(
  'ActivityInputTooBig',
  async () => {
    await acts.echo('before');
    await Promise.all([acts.echo('ok'), acts.length('i'.repeat(40_000))]);
  },
  async () => {
    await acts.echo('before');
    await sleep('1 minute');
  },
);
both(
  'MarkerTooBig',
  async () => (await sideEffect(() => 's'.repeat(40_000))).length,
  async () => sleep('1 minute'),
);
both(
  'ContinueAsNewInputTooBig',
  async (x?: string) => {
    if (x === undefined) await continueAsNew('c'.repeat(40_000));
    return x?.length;
  },
  async () => sleep('1 minute'),
);
both(
  'ChildInputTooBig',
  async () => executeChild(UNUSUAL.UnicodeEverywhere!.original, { args: ['k'.repeat(40_000)] }),
  async () => sleep('1 minute'),
);
both(
  'ResultTooBig',
  async () => {
    await acts.echo(1);
    return 'r'.repeat(40_000);
  },
  async () => sleep('1 minute'),
);
both(
  'TooManyActivitiesAtOnce',
  async () => Promise.all(Array.from({ length: 1001 }, (_, i) => acts.echo(i))),
  async () => sleep('1 minute'),
);
both(
  'AnswerOverAMegabyte',
  async () => Promise.all(Array.from({ length: 40 }, (_, i) => acts.echo(`${i}:${'x'.repeat(30_000)}`))),
  async () => sleep('1 minute'),
);

both(
  'LongHistory',
  async (n: number) => {
    let sum = 0;
    for (let i = 0; i < n; i += 3) {
      const r = (await Promise.all([acts.echo(i), acts.echo(i + 1), acts.echo(i + 2)])) as number[];
      sum += r.reduce((x, y) => x + y, 0);
    }
    return sum;
  },
  async (n: number) => {
    let sum = 0;
    for (let i = 0; i < n; i += 3) {
      const r = (await Promise.all([acts.echo(i), acts.echo(i + 1)])) as number[];
      sum += r.reduce((x, y) => x + y, 0);
    }
    return sum;
  },
);
