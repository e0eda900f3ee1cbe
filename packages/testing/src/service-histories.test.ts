// Histories the local service records, replayed: a workflow run by a real worker on the in-process
// service (the SWF wire protocol, a real SQLite engine) must finish, and its history must replay
// clean with `replayHistory`, whatever shape the service gave it.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GetWorkflowExecutionHistoryCommand, type HistoryEvent } from '@aws-sdk/client-swf';
import { Activities, Activity } from '@swf-flow/activity';
import { CancellationScope, defineWorkflow, proxyActivities, sleep } from '@swf-flow/workflow';
import { NonDeterminismError } from '@swf-flow/common';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { replayHistory, TestWorkflowEnvironment, type WorkflowFunction } from './index.js';
import {
  LONGEST_ARG,
  ODD_SIGNAL,
  ODD_TEXT,
  UNUSUAL,
  UNUSUAL_TASK_LIST,
  UnpolledActivities,
  UnusualActivities,
} from './test-support/unusual-workflows.js';
import './test-support/ordering-workflows.js'; // adds its workflows to UNUSUAL

@Activities({ version: '1.0', startToCloseTimeout: '30s', scheduleToStartTimeout: '5 minutes' })
class Greetings {
  @Activity({ name: 'Greet' })
  async greet(name: string): Promise<string> {
    return `Hello, ${name}!`;
  }
}

@Activities({ version: '1.0', taskList: 'nobody-polls', startToCloseTimeout: '30s', scheduleToStartTimeout: '1 hour' })
class Unpolled {
  @Activity({ name: 'Unpolled' })
  async unpolled(): Promise<void> {}
}

const greetings = proxyActivities(Greetings);
const unpolled = proxyActivities(Unpolled);

/**
 * Cancels an activity no worker has started and, in the same decision task, schedules another:
 * the service records ActivityTaskCancelRequested, ActivityTaskCanceled at once, then
 * ActivityTaskScheduled, all after that task's DecisionTaskCompleted.
 */
const cancelUnstarted = defineWorkflow(
  async function cancelUnstarted(): Promise<string> {
    const scope = new CancellationScope();
    const pending = scope
      .run(() => unpolled.unpolled())
      .then(
        () => 'ran',
        (err: Error) => (err.cause instanceof Error ? err.cause.name : err.name),
      );
    await sleep('1 minute');
    scope.cancel();
    const greeting = await greetings.greet('after');
    return `${await pending} / ${greeting}`;
  },
  { name: 'CancelUnstarted', taskList: 'service-histories' },
);

describe('histories the local service records replay clean', () => {
  let env: TestWorkflowEnvironment;
  beforeEach(async () => {
    env = await TestWorkflowEnvironment.create({ startTime: Date.UTC(2026, 0, 1) });
  });
  afterEach(() => env.teardown());

  it('an unstarted activity cancelled and another scheduled in one decision task', async () => {
    await env.createWorker({ taskList: 'nobody-polls', activities: [new Unpolled()] }); // registers the type; never runs
    const worker = await env.createWorker({
      taskList: 'service-histories',
      workflows: [cancelUnstarted],
      activities: [new Greetings()],
    });
    const handle = await env.client.start(cancelUnstarted, { workflowId: 'cancel-unstarted' });
    expect(await worker.runUntil(handle.result())).toBe('CancelledFailure / Hello, after!');
    const { events = [] } = await env.swf.send(
      new GetWorkflowExecutionHistoryCommand({
        domain: env.domain,
        execution: { workflowId: handle.workflowId, runId: handle.runId ?? '' },
      }),
    );
    const types = events.map((e: HistoryEvent) => e.eventType);
    const at = types.indexOf('ActivityTaskCancelRequested');
    expect(types.slice(at - 1, at + 3)).toEqual([
      'DecisionTaskCompleted',
      'ActivityTaskCancelRequested',
      'ActivityTaskCanceled',
      'ActivityTaskScheduled',
    ]);
    const replayed = await replayHistory(events, cancelUnstarted);
    expect(replayed.status).toBe('COMPLETED');
  });
});

/** How a row's run is driven, and how it ends. */
interface Row {
  type: string;
  args?: unknown[];
  workflowId?: string;
  /** Signals sent before any worker polls: all of them reach the first decision task. */
  signals?: [string, unknown][];
  /** Request cancellation before any worker polls. */
  cancel?: boolean;
  /** The run's result, or a pattern its failure message must match. */
  ends: { result: unknown } | { failure: RegExp };
}

const TOO_BIG = /decision #\d+ \(\w+\): \S+ is \d+ characters; SWF allows at most 32768/;

const ROWS: Row[] = [
  {
    type: 'RaceLosersSettleLater',
    ends: { result: ['fast', 'yes', 'slow', ['ActivityFailure', 'b', 'ActivityFailure']] },
  },
  {
    type: 'ChainsGeneratorsThenables',
    ends: { result: [['abc', 'd'], [0, 1, 2, 'p', 5, 'q'], 7, 'thenable', 'ActivityFailure'] },
  },
  {
    type: 'SignalsAndMicrotasks',
    signals: [
      ['go', 'a'],
      ['go', 'b'],
      ['go', 'c'],
    ],
    ends: {
      result: [
        'signal a',
        'signal b',
        'signal c',
        'microtask a',
        'microtask b',
        'microtask c',
        'after await',
        'tick a',
        'tick b',
        'tick c',
        'from a microtask',
      ],
    },
  },
  {
    // The activity signals before it completes: the signal and the completion reach one decision task
    // or two, as the worker's timing has it; whichever order the history records, its replays decide alike.
    type: 'SignalBesideActivityOutcome',
    ends: { result: expect.arrayContaining(['signal x', 'activity done x', 'after await', 'handler x']) },
  },
  {
    type: 'FailuresCaughtAndRethrown',
    ends: {
      failure:
        /rethrown: ActivityFailure\/ApplicationFailure\/Boom\/first; ActivityFailure; ActivityFailure\/TimeoutFailure\/SCHEDULE_TO_START/,
    },
  },
  { type: 'FinallyAfterCancellation', cancel: true, ends: { result: 'caught CancelledFailure, then cleanup' } },
  {
    type: 'ChildContinuesAsNew',
    args: [2],
    workflowId: 'chain',
    ends: { result: [2, [1, ['continued leaf', 'chain-child-1'], 'chain'], null] },
  },
  {
    type: 'UnicodeEverywhere',
    args: [ODD_TEXT],
    workflowId: 'id-😀-é', // a lone surrogate in an id is refused by the service (ValidationException)
    signals: [[ODD_SIGNAL, ODD_TEXT]],
    ends: { result: { echoed: true, signalled: true, workflowId: 'id-😀-é' } },
  },
  { type: 'TimeLocaleRandomness', ends: { result: expect.objectContaining({ emptyLocaleList: '01:00 AM' }) } },
  {
    type: 'ValuesThroughTheConverter',
    ends: {
      result: {
        money: { cents: 150 },
        isMoney: false,
        map: {},
        date: '1970-01-01T00:00:00.005Z',
        odd: { nan: null, inf: null, negZero: 0 },
        weakRef: 'DeterminismViolationError',
        returned: { cents: 3 },
      },
    },
  },
  {
    type: 'PayloadsAtTheLimit',
    args: ['y'.repeat(LONGEST_ARG)],
    ends: { result: [LONGEST_ARG, 32_766, 32_766, 'r'.repeat(100)] },
  },
  { type: 'ActivityInputTooBig', ends: { failure: TOO_BIG } },
  { type: 'MarkerTooBig', ends: { failure: TOO_BIG } },
  { type: 'ContinueAsNewInputTooBig', ends: { failure: TOO_BIG } },
  { type: 'ChildInputTooBig', ends: { failure: TOO_BIG } },
  {
    type: 'ResultTooBig',
    ends: { failure: /the workflow result is 40002 characters once serialized; SWF allows 32768/ },
  },
  { type: 'TooManyActivitiesAtOnce', ends: { failure: /1001 ScheduleActivityTask decisions in one response/ } },
  { type: 'AnswerOverAMegabyte', ends: { failure: /the decision task response is \d+ bytes/ } },
  { type: 'LongHistory', args: [150], ends: { result: 11_175 } },
  // The order of one task's commands across kinds (test-support/ordering-workflows.ts).
  {
    type: 'MixedKindsOneTask',
    signals: [['go', 'a']],
    ends: { result: expect.objectContaining({ first: 'number', any: 'slept', marker: 'marker' }) },
  },
  {
    type: 'ArrivalsIssueCommands',
    ends: { result: expect.arrayContaining(['timer', 'signal x', 'handler timer', 'marker after activity']) },
  },
  { type: 'CancelMixedKinds', ends: { result: ['ActivityFailure', 'CancelledFailure', 'ChildWorkflowFailure'] } },
  { type: 'PatchesAndMarkersBetween', ends: { result: ['patched', 36, 'se'] } },
  { type: 'AwaitsInALoop', args: [40], signals: [['go', 's']], ends: { result: [40, 1] } },
  {
    type: 'RefusedAmongOthers',
    ends: {
      result: ['ok', 'ok', 'ChildWorkflowFailure', 'ApplicationFailure', 'ApplicationFailure', 'ActivityFailure', 'ok'],
    },
  },
  { type: 'CommandsAfterReturn', ends: { result: 'returned' } },
];

/** A run of `row` on a fresh service by a worker with this cache size: its outcome and history. */
async function runRow(row: Row, workflowCacheSize: number) {
  const env = await TestWorkflowEnvironment.create({ startTime: Date.UTC(2026, 0, 1, 1) });
  try {
    await env.createWorker({ taskList: 'nobody-polls', activities: [new UnpolledActivities()] });
    const worker = await env.createWorker({
      taskList: UNUSUAL_TASK_LIST,
      workflows: Object.values(UNUSUAL).map((w) => w.original),
      activities: [new UnusualActivities()],
      workflowCacheSize,
      historyPageSize: 50, // long histories come in pages, on a cache miss too
    });
    UnusualActivities.signal = async (workflowId, runId, value) =>
      env.client.getHandle(workflowId, runId).signal('go', value);
    const workflow = (UNUSUAL[row.type] as { original: WorkflowFunction }).original;
    const handle = await env.client.start(workflow, {
      workflowId: row.workflowId ?? `unusual-${row.type}`,
      args: (row.args ?? []) as never,
    });
    for (const [name, value] of row.signals ?? []) await handle.signal(name, value);
    if (row.cancel) await handle.cancel();
    const outcome = await worker.runUntil(
      handle.result().then(
        (result: unknown) => ({ result }),
        (err: Error) => ({ failure: err.message }),
      ),
    );
    const execution = { workflowId: handle.workflowId, runId: handle.runId ?? '' };
    return { outcome, events: await handle.history(), execution };
  } finally {
    await env.teardown();
  }
}

describe('unusual but legal workflow code: the run ends as written, its history replays clean, a changed version is caught', () => {
  it.each(ROWS)(
    '$type',
    async (row) => {
      const { original, changed } = UNUSUAL[row.type] as { original: WorkflowFunction; changed: WorkflowFunction };
      const cached = await runRow(row, 100);
      const uncached = await runRow(row, 0); // every decision task a full replay (a cache miss), history in pages
      for (const run of [cached, uncached]) {
        if ('result' in row.ends) expect(run.outcome).toEqual({ result: row.ends.result });
        else expect((run.outcome as { failure: string }).failure).toMatch(row.ends.failure);
        // The recorded JSON, as `swf-flow history --json` saves it, replays to the same outcome.
        const text = JSON.stringify({ events: run.events, workflowExecution: run.execution });
        const replayed = await replayHistory(text, { [row.type]: original });
        expect(replayed.decisions).toEqual([]);
        if ('result' in run.outcome)
          expect(replayed).toMatchObject({ status: 'COMPLETED', result: run.outcome.result });
        else expect(replayed.status).toMatch(/FAILED|CANCELED/);
        const err = await replayHistory(text, { [row.type]: changed }).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(err, 'the changed version replays clean').toBeInstanceOf(NonDeterminismError);
      }
    },
    180_000, // bounds a hang, not a speed: LongHistory takes ~6 s alone, 30 s pinned to one busy core
  );
});

/** Runs replay-main.ts on `pairs` of a history file and its workflow type in a child process with this time zone and locale. */
async function replayIn(env: { TZ: string; LC_ALL: string }, pairs: [string, string][]): Promise<unknown[]> {
  const tsx = createRequire(import.meta.url).resolve('tsx/cli');
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const main = fileURLToPath(new URL('./test-support/replay-main.ts', import.meta.url));
  const child = spawn(process.execPath, [tsx, '--tsconfig', `${root}tsconfig.json`, main, ...pairs.flat()], {
    env: { ...process.env, ...env, LANG: env.LC_ALL },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  expect(code, err).toBe(0);
  return JSON.parse(out) as unknown[];
}

/** The ordering rows: one task's commands across kinds, issued in the code's order. */
const ORDERING_TYPES = [
  'MixedKindsOneTask',
  'ArrivalsIssueCommands',
  'CancelMixedKinds',
  'PatchesAndMarkersBetween',
  'AwaitsInALoop',
  'RefusedAmongOthers',
  'CommandsAfterReturn',
];

/** Zones and locales far from UTC and en-US, one process each. */
const ZONES = [
  { TZ: 'Asia/Kathmandu', LC_ALL: 'de_DE.UTF-8' },
  { TZ: 'America/St_Johns', LC_ALL: 'tr_TR.UTF-8' },
  { TZ: 'Pacific/Kiritimati', LC_ALL: 'ja_JP.UTF-8' },
];

describe('a recorded history replays the same on a machine in another time zone and locale', () => {
  it('each history of the time and ordering rows: the replay in each process returns what the run returned', async () => {
    const types = ['TimeLocaleRandomness', ...ORDERING_TYPES];
    const dir = mkdtempSync(join(tmpdir(), 'swf-flow-zones-'));
    try {
      const pairs: [string, string][] = [];
      const expected: unknown[] = [];
      for (const type of types) {
        const row = ROWS.find((r) => r.type === type) as Row;
        const run = await runRow(row, 100);
        const file = join(dir, `${type}.json`);
        writeFileSync(file, JSON.stringify({ events: run.events, workflowExecution: run.execution }));
        pairs.push([file, type]);
        expected.push({ status: 'COMPLETED', result: (run.outcome as { result: unknown }).result, decisions: [] });
      }
      const zones = await Promise.all(ZONES.map((zone) => replayIn(zone, pairs)));
      for (const replayed of zones) expect(replayed).toEqual(JSON.parse(JSON.stringify(expected)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

/** Reads the run's history until `has` holds of its event types (a bounded wait: at most 500 reads, 20 ms apart). */
async function historyUntil(
  handle: { history(): Promise<HistoryEvent[]> },
  has: (types: string[]) => boolean,
): Promise<string[]> {
  let types: string[] = [];
  for (let i = 0; i < 500; i++) {
    types = (await handle.history()).map((e) => String(e.eventType));
    if (has(types)) return types;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`the history never reached the expected events: ${types.join(' ')}`);
}

describe('a signal, an activity completion and a timer firing reach one decision task', () => {
  it('ArrivalsIssueCommands: each arrival issues a command of another kind; the run ends as written and its history replays clean', async () => {
    const type = 'ArrivalsIssueCommands';
    const { original, changed } = UNUSUAL[type] as { original: WorkflowFunction; changed: WorkflowFunction };
    const env = await TestWorkflowEnvironment.create({ startTime: Date.UTC(2026, 0, 1, 1) });
    try {
      const workflows = Object.values(UNUSUAL).map((w) => w.original);
      UnusualActivities.signal = async (workflowId, runId, value) =>
        env.client.getHandle(workflowId, runId).signal('go', value);
      await env.createWorker({ taskList: 'nobody-polls', activities: [new UnpolledActivities()] }); // registers; never runs
      // The first task schedules the activity and starts the timer; then no decider polls.
      const first = await env.createWorker({ taskList: UNUSUAL_TASK_LIST, workflows });
      const doer = await env.createWorker({ taskList: UNUSUAL_TASK_LIST, activities: [new UnusualActivities()] });
      const handle = await env.client.start(original, { workflowId: 'three-arrivals' });
      await first.runUntil(historyUntil(handle, (t) => t.includes('TimerStarted')));
      // The activity signals its run and completes; then the timer fires.
      await doer.runUntil(historyUntil(handle, (t) => t.includes('ActivityTaskCompleted')));
      await env.sleep('2s');
      const types = await historyUntil(handle, (t) => t.includes('TimerFired'));
      const window = types.slice(types.indexOf('DecisionTaskCompleted'));
      expect(window).not.toContain('DecisionTaskStarted'); // all three wait for one task
      expect(window).toEqual(
        expect.arrayContaining(['WorkflowExecutionSignaled', 'ActivityTaskCompleted', 'TimerFired']),
      );
      // A new worker (a cache miss: a full replay) takes that task and the rest of the run.
      const rest = await env.createWorker({
        taskList: UNUSUAL_TASK_LIST,
        workflows,
        activities: [new UnusualActivities()],
      });
      const result = await rest.runUntil(handle.result());
      expect(result).toEqual(
        expect.arrayContaining(['timer', 'signal x', 'handler timer', 'handler x', 'marker after activity']),
      );
      const text = JSON.stringify({
        events: await handle.history(),
        workflowExecution: { workflowId: handle.workflowId, runId: handle.runId },
      });
      expect(await replayHistory(text, { [type]: original })).toMatchObject({ status: 'COMPLETED', result });
      const err = await replayHistory(text, { [type]: changed }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(NonDeterminismError);
    } finally {
      await env.teardown();
    }
  }, 180_000);
});

describe('a run that continues as new with commands of several kinds in its last task', () => {
  it("ContinuesAsNewMixed: the chain ends as written, the first run's history replays clean (continued as new) and a reordered version is caught", async () => {
    const type = 'ContinuesAsNewMixed';
    const { original, changed } = UNUSUAL[type] as { original: WorkflowFunction; changed: WorkflowFunction };
    for (const workflowCacheSize of [100, 0]) {
      const row: Row = { type, args: [0], ends: { result: [2, 20] } };
      const { outcome, events, execution } = await runRow(row, workflowCacheSize);
      expect(outcome).toEqual({ result: [2, 20] });
      // The first run's history ends with WorkflowExecutionContinuedAsNew after its last task's decisions.
      const types = events.map((e: HistoryEvent) => String(e.eventType));
      expect(types.slice(-4)).toEqual([
        'DecisionTaskCompleted',
        'ActivityTaskScheduled',
        'TimerStarted',
        'WorkflowExecutionContinuedAsNew',
      ]);
      const text = JSON.stringify({ events, workflowExecution: execution });
      expect(await replayHistory(text, { [type]: original })).toMatchObject({
        status: 'CONTINUED_AS_NEW',
        decisions: [],
      });
      const err = await replayHistory(text, { [type]: changed }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(NonDeterminismError);
    }
  }, 180_000);
});

describe('the ordering rows at once on one worker whose cache holds one run (every other task a full replay)', () => {
  it('each run ends as written and its history replays clean', async () => {
    const types = ORDERING_TYPES;
    const rows = types.map((type) => ROWS.find((r) => r.type === type) as Row);
    const env = await TestWorkflowEnvironment.create({ startTime: Date.UTC(2026, 0, 1, 1) });
    try {
      await env.createWorker({ taskList: 'nobody-polls', activities: [new UnpolledActivities()] });
      const worker = await env.createWorker({
        taskList: UNUSUAL_TASK_LIST,
        workflows: Object.values(UNUSUAL).map((w) => w.original),
        activities: [new UnusualActivities()],
        workflowCacheSize: 1,
        historyPageSize: 20,
      });
      UnusualActivities.signal = async (workflowId, runId, value) =>
        env.client.getHandle(workflowId, runId).signal('go', value);
      const handles = await Promise.all(
        rows.map(async (row) => {
          const workflow = (UNUSUAL[row.type] as { original: WorkflowFunction }).original;
          const handle = await env.client.start(workflow, {
            workflowId: `at-once-${row.type}`,
            args: (row.args ?? []) as never,
          });
          for (const [name, value] of row.signals ?? []) await handle.signal(name, value);
          return handle;
        }),
      );
      const outcomes = await worker.runUntil(Promise.all(handles.map((h) => h.result())));
      for (const [i, row] of rows.entries()) {
        const handle = handles[i] as (typeof handles)[number];
        expect({ type: row.type, result: outcomes[i] }).toEqual({
          type: row.type,
          result: (row.ends as { result: unknown }).result,
        });
        const text = JSON.stringify({
          events: await handle.history(),
          workflowExecution: { workflowId: handle.workflowId, runId: handle.runId },
        });
        const replayed = await replayHistory(text, {
          [row.type]: (UNUSUAL[row.type] as { original: WorkflowFunction }).original,
        });
        expect({ type: row.type, status: replayed.status, decisions: replayed.decisions }).toEqual({
          type: row.type,
          status: 'COMPLETED',
          decisions: [],
        });
      }
    } finally {
      await env.teardown();
    }
  }, 120_000);
});
