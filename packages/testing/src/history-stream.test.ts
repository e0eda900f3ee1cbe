// replayHistory of JSON text or a file streams the events into the replay (processPages, a page
// parsed at a time) and answers exactly as the whole-document path does; every history it cannot
// stream, and every error, is answered by the whole-document path, with the same error as before.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { Activities, Activity } from '@swf-flow/activity';
import { DeterminismViolationError, HISTORY_PAGE_CHARS, silentLogger } from '@swf-flow/common';
import { defineWorkflow, log, proxyActivities, sideEffect, WorkflowExecutor } from '@swf-flow/workflow';
import { historyBuilder } from './history-builder.js';
import { streamHistory } from './history-stream.js';
import { loadFixture } from './load-history.js';
import { replayHistory } from './replay-history.js';

@Activities({ version: '1.0', taskList: 'steps', startToCloseTimeout: '1 minute' })
class Steps {
  @Activity({ name: 'Step' })
  async step(i: number): Promise<number> {
    return i * 2;
  }

  @Activity({ name: 'Other' })
  async other(i: number): Promise<number> {
    return i;
  }
}
const acts = proxyActivities(Steps);

const STEPS = 80;
const stepsWorkflow = defineWorkflow(
  async function steps(n: number): Promise<number> {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += await acts.step(i);
    return sum;
  },
  { name: 'Steps', version: '1.0' },
);
const changedWorkflow = defineWorkflow(
  async function steps(n: number): Promise<number> {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += i === 1 ? await acts.other(i) : await acts.step(i); // step 1 calls another activity now
    return sum;
  },
  { name: 'Steps', version: '1.0' },
);

/** A run of `steps(n)`: closed, or open at its last decision task. */
function stepsHistory(n: number, closed: boolean): { events: Record<string, unknown>[] } {
  const h = historyBuilder({ workflowType: { name: 'Steps', version: '1.0' } }).workflowStarted({ args: [n] });
  for (let i = 0; i < n; i++)
    h.decisionTask()
      .activityScheduled({ name: 'Step', version: '1.0' }, { args: [i] })
      .activityStarted()
      .activityCompleted(i * 2);
  if (closed) h.decisionTask().workflowCompleted((n * (n - 1)) / 1);
  else h.openDecisionTask();
  return h.build() as unknown as { events: Record<string, unknown>[] };
}

const execution = { workflowId: 'wf-7', runId: 'run-7' };
const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** What a replay answered, or the error it threw (name and message). */
async function outcome(run: () => Promise<unknown>): Promise<unknown> {
  try {
    return { ok: await run() };
  } catch (err) {
    return { error: (err as Error).name, message: (err as Error).message };
  }
}

/** What the whole-document path answers for `text`: loadFixture's error, or the replay of the parsed object. */
async function wholeDocument(text: string, workflow = stepsWorkflow): Promise<unknown> {
  return outcome(async () => {
    loadFixture(text);
    return replayHistory(JSON.parse(text) as object, workflow);
  });
}

describe('replayHistory of JSON text', () => {
  it('streams a long history in pages and answers as the parsed object does', async () => {
    const history = stepsHistory(STEPS, false);
    const text = JSON.stringify({ ...history, workflowExecution: execution });
    expect(text.length).toBeGreaterThan(2 * HISTORY_PAGE_CHARS);
    const pages = vi.spyOn(WorkflowExecutor.prototype, 'processPages');
    const whole = vi.spyOn(WorkflowExecutor.prototype, 'processEvents');
    const streamed = await replayHistory(text, stepsWorkflow);
    expect(pages).toHaveBeenCalledTimes(2); // the replay and the replay again (checkReplaysAgain)
    expect(whole).not.toHaveBeenCalled();
    expect(streamed).toEqual(
      await replayHistory({ ...history, workflowExecution: execution } as object, stepsWorkflow),
    );
    expect(streamed.decisions[0]?.decisionType).toBe('CompleteWorkflowExecution');
  });

  it('streams a file, pretty-printed, with the execution after the events', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'swf-flow-stream-'));
    tempDirs.push(dir);
    const file = join(dir, 'steps.json');
    const history = stepsHistory(STEPS, true);
    writeFileSync(file, JSON.stringify({ ...history, workflowExecution: execution }, null, 2));
    const pages = vi.spyOn(WorkflowExecutor.prototype, 'processPages');
    const streamed = await replayHistory(file, stepsWorkflow);
    expect(pages).toHaveBeenCalledTimes(2);
    expect(streamed).toEqual(
      await replayHistory({ ...history, workflowExecution: execution } as object, stepsWorkflow),
    );
    expect(streamed.status).toBe('COMPLETED');
  });

  it('reads the fields beside the events before the first page', () => {
    const history = stepsHistory(2, false);
    const text = JSON.stringify({
      ...history,
      workflowType: { name: 'Steps', version: '1.0' },
      workflowExecution: execution,
    });
    const streamed = streamHistory(text);
    expect(streamed?.fixture).toEqual({
      workflowType: { name: 'Steps', version: '1.0' },
      workflowExecution: execution,
    });
    expect(streamed?.first.eventId).toBe(1);
    expect(streamed?.first.eventTimestamp).toBeInstanceOf(Date);
  });

  /** Texts each replayed streamed (or not) and by the whole-document path: the answers must be the same. */
  const long = stepsHistory(STEPS, false);
  const reversedPages = [...long.events.slice(200), ...long.events.slice(0, 200)];
  const withGap = long.events.filter((e) => e.eventId !== 300);
  const outOfPlace = [...long.events.slice(0, 249), ...long.events.slice(250), long.events[249]];
  const lateBadReference = structuredClone(long.events);
  const lateCompletion = lateBadReference.find(
    (e) => e.eventType === 'ActivityTaskCompleted' && Number(e.eventId) > 400,
  );
  (lateCompletion as Record<string, any>).activityTaskCompletedEventAttributes.scheduledEventId = 9999;
  const lateBadTimestamp = structuredClone(long.events);
  (lateBadTimestamp[450] as Record<string, unknown>).eventTimestamp = 'yesterday';
  const earlyDivergenceLateMalformed = JSON.stringify({ events: long.events }).replace(
    /"eventId":470,/,
    '"eventId":"x470",',
  );
  const cases: [string, string, typeof stepsWorkflow][] = [
    ['events out of order across pages (sorted, as before)', JSON.stringify({ events: reversedPages }), stepsWorkflow],
    [
      'an event out of place in a later page (sorted, as before)',
      JSON.stringify({ events: outOfPlace }),
      stepsWorkflow,
    ],
    ['a gap in a later page', JSON.stringify({ events: withGap }), stepsWorkflow],
    ['a reference to a missing event in a later page', JSON.stringify({ events: lateBadReference }), stepsWorkflow],
    ['the same behind an early divergence', JSON.stringify({ events: lateBadReference }), changedWorkflow],
    ['an unreadable timestamp in a later page', JSON.stringify({ events: lateBadTimestamp }), stepsWorkflow],
    ['a malformed event id behind an early divergence', earlyDivergenceLateMalformed, changedWorkflow],
    ['a divergence of the code (located)', JSON.stringify(long), changedWorkflow],
    [
      'malformed JSON late in the text',
      JSON.stringify(long).replace('"eventId":450', '"eventId":450,,'),
      stepsWorkflow,
    ],
    [
      'malformed JSON behind an early divergence',
      JSON.stringify(long).replace('"eventId":450', '"eventId" 450'),
      changedWorkflow,
    ],
    ['one page of a paged history', JSON.stringify({ ...long, nextPageToken: 'abc' }), stepsWorkflow],
    ['empty events', '{"events": []}', stepsWorkflow],
    ['no events', '{"workflowExecution": {"workflowId": "w", "runId": "r"}}', stepsWorkflow],
    ['a first event that is not the start', JSON.stringify({ events: long.events.slice(1) }), stepsWorkflow],
    [
      'a workflowType beside the events that contradicts them',
      JSON.stringify({ ...long, workflowType: { name: 'Other', version: '1.0' } }),
      stepsWorkflow,
    ],
    [
      'a malformed workflowExecution after the events',
      JSON.stringify({ ...long, workflowExecution: { workflowId: '' } }),
      stepsWorkflow,
    ],
    ['a bare array of events', JSON.stringify(long.events), stepsWorkflow],
  ];
  it.each(cases)('%s: the same answer as the whole-document path', async (_, text, workflow) => {
    const expected = await wholeDocument(text, workflow);
    expect(await outcome(() => replayHistory(text, workflow))).toEqual(expected);
  });

  /** A run of `noisy`: `steps` activities done, open at its newest decision task. */
  const noisyText = (steps: number): string => JSON.stringify(stepsHistory(steps, false));
  /** In its newest task, `noisy` logs a line and runs a new side effect; then, when `escape`, it waits on a real timer. */
  function noisyWorkflow(escape: boolean, seen: { effects: number }): typeof stepsWorkflow {
    return defineWorkflow(
      async function noisy(n: number): Promise<number> {
        let sum = 0;
        for (let i = 0; i < n; i++) sum += await acts.step(i);
        log.info(`newest task, after ${n} steps`);
        await sideEffect(() => ++seen.effects);
        if (escape) await new Promise((resolve) => setTimeout(resolve, 1)); // not allowed: the replay stops it
        return sum;
      },
      { name: 'Steps', version: '1.0' },
    );
  }

  it.each([
    ['a long history (pages)', STEPS],
    ['a short one (one page)', 2],
  ])(
    'a streamed replay that fails in its newest task runs the code once: %s (one log line, one side effect)',
    async (_, steps) => {
      const lines: string[] = [];
      const logger = { ...silentLogger, info: (m: string) => void lines.push(m) };
      const seen = { effects: 0 };
      const pages = vi.spyOn(WorkflowExecutor.prototype, 'processPages');
      const whole = vi.spyOn(WorkflowExecutor.prototype, 'processEvents');
      const err = await replayHistory(noisyText(steps), noisyWorkflow(true, seen), { logger }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DeterminismViolationError);
      expect(lines).toEqual([`newest task, after ${steps} steps`]);
      expect(seen.effects).toBe(1);
      expect(pages).toHaveBeenCalledTimes(1);
      expect(whole).not.toHaveBeenCalled();
      // ... and the error is the whole-document path's
      const again = await replayHistory(
        JSON.parse(noisyText(steps)) as object,
        noisyWorkflow(true, { effects: 0 }),
      ).catch((e: unknown) => e);
      expect((err as Error).message).toBe((again as Error).message);
    },
  );

  it('a replay that succeeds writes the newest task’s log lines once (the check replay is silent)', async () => {
    for (const history of [noisyText(2), JSON.parse(noisyText(2)) as object]) {
      const lines: string[] = [];
      const logger = { ...silentLogger, info: (m: string) => void lines.push(m) };
      const seen = { effects: 0 };
      const out = await replayHistory(history, noisyWorkflow(false, seen), { logger });
      expect(out.decisions.map((d) => d.decisionType)).toEqual(['RecordMarker', 'CompleteWorkflowExecution']);
      expect(lines).toEqual(['newest task, after 2 steps']);
      expect(seen.effects).toBe(1); // a new side effect: no check replay (its value may differ by design)
    }
    const lines: string[] = [];
    const logger = { ...silentLogger, info: (m: string) => void lines.push(m) };
    const logOnly = defineWorkflow(
      async function logOnly(): Promise<void> {
        log.info('hello');
        await acts.step(0);
      },
      { name: 'Steps', version: '1.0' },
    );
    await replayHistory(noisyText(0), logOnly, { logger }); // replayed twice (the check), logged once
    expect(lines).toEqual(['hello']);
  });

  it('names the problem of malformed text as before (the JSON parser’s message and what to do)', async () => {
    const text = JSON.stringify(stepsHistory(3, false)).slice(0, -3);
    await expect(replayHistory(text, stepsWorkflow)).rejects.toThrow(
      /^the history string is not valid JSON \(.*\); save what `swf-flow history --json` or `aws swf get-workflow-execution-history` prints$/,
    );
  });
});
