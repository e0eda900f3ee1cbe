/**
 * The paged replay against the whole replay over every recorded history in the repository: the
 * examples' fixtures, the create-swf-flow template's, and the real Amazon SWF histories recorded by
 * simpleflow (test/fixtures/swf-real, the same files as /work/shared/swf/histories). Each is cut at
 * every decision task and replayed whole (`processEvents`) and streamed in pages of 1, 2, 3, 7, 64
 * events and the whole history (`processPages`): the same decisions, status, result or failure, or
 * the same error. Each history is replayed against its own workflow (it replays clean) and against
 * a changed one (errors: a NonDeterminismError at some event, or whatever the wrong code does).
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadFixture, replayHistory, type WorkflowsToReplay } from '@swf-flow/testing';
import { serialWorkflow } from '../examples/ab-serial/src/workflows.js';
import { swappedWorkflow, withoutBWorkflow } from '../examples/ab-serial/test/changed-workflows.js';
import { expenseApproval } from '../examples/approval/src/workflows.js';
import { batchTotal, pagedImport, sumBatch } from '../examples/child-and-continue/src/workflows.js';
import { stockReport } from '../examples/fan-out/src/workflows.js';
import { helloWorld } from '../examples/hello-echo/src/workflows.js';
import { echoV2HelloWorld, sleepyHelloWorld } from '../examples/hello-echo/test/changed-workflows.js';
import { makeThumbnails } from '../examples/lambda-thumbnail/src/workflows.js';
import { orderWorkflow } from '../examples/order/src/workflows.js';
import { chargeFirstWorkflow } from '../examples/order/test/changed-workflows.js';
import { chargeWithRetry } from '../examples/retry/src/workflows.js';
import { greetingWorkflow } from '../packages/create-swf-flow/template/src/workflows.js';
import {
  activityFailed,
  cancelRequested,
  childWorkflowFailed,
  signalsParallelActivities,
  timersAndCancelTimer,
} from './simpleflow-ports.js';
import { expectPagedAsWhole, outcomeOf, PAGE_SIZES, type Workflows } from './support/paged-differential.js';

const root = fileURLToPath(new URL('../', import.meta.url));

/** Each folder of recorded histories with the workflows its tests replay them against. */
const FOLDERS: [string, Workflows][] = [
  ['examples/ab-serial/test/fixtures', { SerialWorkflow: serialWorkflow }],
  ['examples/approval/test/fixtures', { ExpenseApproval: expenseApproval }],
  [
    'examples/child-and-continue/test/fixtures',
    { BatchTotal: batchTotal, SumBatch: sumBatch, PagedImport: pagedImport },
  ],
  ['examples/fan-out/test/fixtures', { StockReport: stockReport }],
  ['examples/hello-echo/test/fixtures', { HelloWorld: helloWorld }],
  ['examples/lambda-thumbnail/test/fixtures', { MakeThumbnails: makeThumbnails }],
  ['examples/order/test/fixtures', { OrderWorkflow: orderWorkflow }],
  ['examples/retry/test/fixtures', { ChargeWithRetry: chargeWithRetry }],
  ['packages/create-swf-flow/template/test/fixtures', { GreetingWorkflow: greetingWorkflow }],
];

/** The real SWF histories, each with its simpleflow port (they share the type `example`). */
const SWF_REAL: [string, Workflows][] = [
  ['simpleflow_activity_failed.json', { example: activityFailed }],
  ['simpleflow_cancel_requested.json', { example: cancelRequested }],
  ['simpleflow_child_workflow_failed.json', { example: childWorkflowFailed }],
  ['simpleflow_signals_parallel_activities.json', { example: signalsParallelActivities }],
  ['simpleflow_timers_and_cancel_timer.json', { example: timersAndCancelTimer }],
];

/** The workflows' changed versions the examples' tests use, plus other examples' code under the history's type. */
const CHANGED = [
  swappedWorkflow,
  withoutBWorkflow,
  echoV2HelloWorld,
  sleepyHelloWorld,
  chargeFirstWorkflow,
  orderWorkflow,
  expenseApproval,
  stockReport,
  makeThumbnails,
  chargeWithRetry,
  timersAndCancelTimer,
  signalsParallelActivities,
];

const recorded: { file: string; workflows: Workflows }[] = [
  ...FOLDERS.flatMap(([dir, workflows]) =>
    readdirSync(root + dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => ({ file: `${dir}/${f}`, workflows })),
  ),
  ...SWF_REAL.map(([f, workflows]) => ({ file: `test/fixtures/swf-real/${f}`, workflows })),
];

/** The same history with a changed workflow under its type (the i-th history gets the i-th changed code, in turn). */
const changed = recorded.map(({ file }, i) => {
  const fixture = loadFixture(root + file);
  const type = fixture.events[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name ?? '?';
  const code = CHANGED[i % CHANGED.length] as (typeof CHANGED)[number];
  return { file, code: code.name, workflows: { [type]: code } as Workflows };
});

describe('the paged replay answers as the whole replay, over every recorded history', () => {
  it('finds every history', () => {
    expect(recorded.length).toBeGreaterThanOrEqual(36);
    expect(PAGE_SIZES).toEqual([1, 2, 3, 7, 64, Infinity]);
  });

  it.each(recorded)('$file, against its workflow: clean, at every task and page size', async ({ file, workflows }) => {
    const fixture = loadFixture(root + file);
    const { outcome, comparisons: n } = await expectPagedAsWhole(
      { events: fixture.events, workflows, execution: fixture.workflowExecution },
      { sliced: true }, // recorded from runs of this code: also fed task by task, as the worker's cache does
    );
    expect(n).toBeGreaterThan(PAGE_SIZES.length); // every cut at every page size, and more
    expect(outcome).toHaveProperty('answer');
  });

  it.each(changed)('$file, against changed code ($code): the same answer or error', async ({ file, workflows }) => {
    const fixture = loadFixture(root + file);
    const { comparisons: n } = await expectPagedAsWhole({
      events: fixture.events,
      workflows,
      execution: fixture.workflowExecution,
    });
    expect(n).toBeGreaterThan(PAGE_SIZES.length); // each test checks its own comparisons: shuffled, a tally test ran first
  });
});

type Json = Record<string, unknown>;

/** The text of a history written another way, or with a problem late in it. */
const TEXTS: [string, (text: string) => string][] = [
  ['as saved', (t) => t],
  ['minified, CRLF, a BOM', (t) => `\uFEFF${JSON.stringify(JSON.parse(t), null, 1).replace(/\n/g, '\r\n')}`],
  [
    'timestamps in exponent form',
    (t) =>
      JSON.stringify(JSON.parse(t)).replace(
        /"eventTimestamp":([0-9.]+)/g,
        (_, n: string) => `"eventTimestamp":${Number(n).toExponential().toUpperCase().replace('E+', 'E')}`,
      ),
  ],
  [
    'a gap late in the history',
    (t) => {
      const v = JSON.parse(t) as Json;
      const events = v.events as Json[];
      return JSON.stringify({ ...v, events: events.filter((_, i) => i !== events.length - 2) });
    },
  ],
  [
    'a broken reference at the end',
    (t) => {
      const v = JSON.parse(t) as Json;
      const events = v.events as Json[];
      const last = events.at(-1) as Json;
      const broken = {
        eventId: events.length + 1,
        eventType: 'ActivityTaskCompleted',
        eventTimestamp: last.eventTimestamp,
        activityTaskCompletedEventAttributes: { scheduledEventId: 9999, startedEventId: 10000 },
      };
      return JSON.stringify({ ...v, events: [...events, broken] });
    },
  ],
];

const textCases = [
  ...recorded.map(({ file, workflows }) => ({ file, code: 'its workflow', workflows })),
  ...changed,
].flatMap((c) => TEXTS.map(([variant, write]) => ({ ...c, variant, write })));

describe('replayHistory of a recorded history’s text (streamed) answers as of the parsed object (whole)', () => {
  it.each(textCases)('$file, $variant, against $code', async ({ file, workflows, write }) => {
    const text = write(readFileSync(root + file, 'utf8'));
    const byText = await outcomeOf(() => replayHistory(text, workflows as WorkflowsToReplay));
    const whole = await outcomeOf(async () => {
      const value = JSON.parse(text.replace(/^\uFEFF/, '')) as object;
      return replayHistory(value, workflows as WorkflowsToReplay);
    });
    expect(byText).toEqual(whole);
  });
});
