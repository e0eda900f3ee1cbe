import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Activities, Activity } from '@swf-flow/activity';
import { NonDeterminismError, normalizeHistory, ValidationError } from '@swf-flow/common';
import { defineWorkflow, proxyActivities } from '@swf-flow/workflow';
import { historyBuilder } from './history-builder.js';
import { HistoryReplayError, replayHistories } from './replay-histories.js';
import { loadFixture } from './load-history.js';
import { replayHistory } from './replay-history.js';

@Activities({ version: '1.0', taskList: 'greetings', startToCloseTimeout: '1 minute' })
class Greetings {
  @Activity({ name: 'Greet' })
  async greet(name: string): Promise<string> {
    return `Hi ${name}`;
  }
}
const acts = proxyActivities(Greetings);

const greetWorkflow = defineWorkflow(
  async function greetWorkflow(name: string): Promise<string> {
    return await acts.greet(name);
  },
  { name: 'Greet', version: '1.0' },
);

const ignoreFailureWorkflow = defineWorkflow(
  async function greetWorkflow(name: string): Promise<string> {
    return await acts.greet(name).catch(() => 'never mind');
  },
  { name: 'Greet', version: '1.0' },
);

const started = () => historyBuilder({ workflowType: 'Greet' }).workflowStarted({ args: ['Ada'] });
const openHistory = () => started().openDecisionTask().build();
const completedHistory = () =>
  started()
    .decisionTask()
    .activityScheduled('Greet', { args: ['Ada'] })
    .activityStarted()
    .activityCompleted('Hi Ada')
    .decisionTask()
    .workflowCompleted('Hi Ada')
    .build();

const scheduleGreet = [
  {
    decisionType: 'ScheduleActivityTask',
    scheduleActivityTaskDecisionAttributes: {
      activityType: { name: 'Greet', version: '1.0' },
      input: '["Ada"]',
      taskList: { name: 'greetings' },
    },
  },
];

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'swf-flow-replay-'));
  tempDirs.push(dir);
  for (const [name, content] of Object.entries(files))
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  return dir;
}

describe('replayHistory', () => {
  it('takes the AWS CLI JSON, an SDK-shaped response, a JSON string and a file path alike', async () => {
    const history = openHistory();
    const before = JSON.stringify(history);
    const dir = tempDir({ 'open.json': history });
    for (const input of [
      history,
      { events: normalizeHistory(history) },
      JSON.stringify(history),
      join(dir, 'open.json'),
    ]) {
      const out = await replayHistory(input, greetWorkflow);
      expect(out).toMatchObject({ status: 'OPEN', decisions: scheduleGreet });
    }
    // an object handed in is read, not changed (only text and files it parsed itself are converted in place)
    expect(JSON.stringify(history)).toBe(before);
  });

  it('reads a file or string that starts with a byte order mark (some Windows tools write one) as without it', async () => {
    const text = `\uFEFF${JSON.stringify(completedHistory(), null, 2)}`;
    const dir = tempDir({ 'bom.json': text });
    for (const input of [text, join(dir, 'bom.json')]) {
      expect(await replayHistory(input, greetWorkflow)).toEqual({
        decisions: [],
        status: 'COMPLETED',
        result: 'Hi Ada',
      });
      expect(loadFixture(input).events).toHaveLength(completedHistory().events.length);
    }
  });

  it('returns the result of a completed history and no decisions', async () => {
    expect(await replayHistory(completedHistory(), greetWorkflow)).toEqual({
      decisions: [],
      status: 'COMPLETED',
      result: 'Hi Ada',
    });
  });

  it('uses a lone function whatever the history type is called; a map by type name', async () => {
    const renamed = historyBuilder({ workflowType: 'SomethingElse' })
      .workflowStarted({ args: ['Ada'] })
      .openDecisionTask()
      .build();
    expect((await replayHistory(renamed, greetWorkflow)).decisions).toMatchObject(scheduleGreet);
    expect((await replayHistory(openHistory(), { Greet: greetWorkflow })).decisions).toMatchObject(scheduleGreet);
    await expect(replayHistory(openHistory(), { Other: greetWorkflow })).rejects.toThrow(
      /workflow type 'Greet', which is not among the workflows given \(Other\)/,
    );
  });

  it("a lone function of another type that diverges: the error says the history is another type's", async () => {
    const other = historyBuilder({ workflowType: 'Invoice' })
      .workflowStarted({ args: ['Ada'] })
      .decisionTask()
      .timerStarted('t', '1s')
      .build();
    const err = await replayHistory(other, greetWorkflow).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NonDeterminismError);
    expect(err).toMatchObject({ eventId: 5, recorded: expect.stringContaining('TimerStarted') });
    expect((err as Error).message).toMatch(
      /Note that the history is of workflow type Invoice 1\.0 and the function given is Greet 1\.0: if it is another workflow's history, replay it against that workflow/,
    );
    // The same type: the usual advice.
    const timer = started().decisionTask().timerStarted('t', '1s').build();
    await expect(replayHistory(timer, greetWorkflow)).rejects.toThrow(/guard the change with patched\(id\)/);
  });

  it('rejects with NonDeterminismError when the code diverges (also at the close)', async () => {
    const failed = started()
      .decisionTask()
      .activityScheduled('Greet')
      .activityStarted()
      .activityFailed('Boom')
      .decisionTask()
      .workflowFailed('ActivityFailure')
      .build();
    await expect(replayHistory(failed, ignoreFailureWorkflow)).rejects.toBeInstanceOf(NonDeterminismError);
    const timer = started().decisionTask().timerStarted('t', '1s').build();
    await expect(replayHistory(timer, greetWorkflow)).rejects.toBeInstanceOf(NonDeterminismError);
  });

  it('says what is wrong with a bad history', async () => {
    await expect(replayHistory('/no/such/history.json', greetWorkflow)).rejects.toThrow(
      /cannot read the history file \/no\/such\/history\.json/,
    );
    await expect(
      replayHistory(join(tempDir({ 'bad.json': '{"events": [' }), 'bad.json'), greetWorkflow),
    ).rejects.toThrow(/bad\.json is not valid JSON/);
    await expect(replayHistory({ events: [] }, greetWorkflow)).rejects.toThrow(
      /starts with WorkflowExecutionStarted; this one starts with nothing/,
    );
    await expect(replayHistory({ nope: 1 } as never, greetWorkflow)).rejects.toThrow(ValidationError);
    // a key it does not know was dropped: { runId } seeded Math.random() from a placeholder run id
    await expect(replayHistory(completedHistory(), greetWorkflow, { runId: 'r' } as never)).rejects.toThrow(
      /^replayHistory: unknown option 'runId'; the options are dataConverter, logger, execution \(a run id goes in execution: \{ workflowId, runId \}\)$/,
    );
    await expect(replayHistory(completedHistory(), greetWorkflow, { loger: console } as never)).rejects.toThrow(
      /unknown option 'loger' \(did you mean logger\?\)/,
    );
    // the history and the code the other way round (Temporal's order), one workflow or a list
    await expect(replayHistory(greetWorkflow as never, completedHistory() as never)).rejects.toThrow(
      /^replayHistory: the first argument is workflow code and the second \{"events":\[.*; the history comes first: replayHistory\(history, workflow\)$/,
    );
    await expect(replayHistory([greetWorkflow] as never, completedHistory() as never)).rejects.toThrow(
      /the first argument is workflow code/,
    );
    await expect(replayHistories(greetWorkflow as never, 'test/fixtures' as never)).rejects.toThrow(
      /^replayHistories: the first argument is workflow code and the second "test\/fixtures"; the history comes first/,
    );
    // an array of events holding code names it
    await expect(replayHistory([greetWorkflow, {}] as never, greetWorkflow)).rejects.toThrow(
      /^history event #1 is a function, not an event: is this a list of workflows\?/,
    );
    const tail = { events: completedHistory().events.slice(3) };
    await expect(replayHistory(tail, greetWorkflow)).rejects.toThrow(/Fetch the whole history/);
  });
});

describe('replayHistories', () => {
  it('replays every .json of a folder in name order and reports each', async () => {
    const dir = tempDir({
      'b-open.json': openHistory(),
      'a-completed.json': completedHistory(),
      'notes.txt': 'not a history',
    });
    const seen: string[] = [];
    const reports = await replayHistories(
      dir,
      { Greet: greetWorkflow },
      { onReport: (r) => seen.push(`${r.file.split('/').pop()} ${r.ok}`) },
    );
    expect(seen).toEqual(['a-completed.json true', 'b-open.json true']);
    expect(reports.map((r) => r.ok && r.result.status)).toEqual(['COMPLETED', 'OPEN']);
  });

  it('tries them all, then throws an error naming every failing file', async () => {
    const failed = started()
      .decisionTask()
      .activityScheduled('Greet')
      .activityStarted()
      .activityFailed('Boom')
      .decisionTask()
      .workflowFailed('ActivityFailure')
      .build();
    const dir = tempDir({ 'ok.json': completedHistory(), 'diverged.json': failed, 'broken.json': '{' });
    const err = (await replayHistories(dir, ignoreFailureWorkflow).catch((e: unknown) => e)) as HistoryReplayError;
    expect(err).toBeInstanceOf(HistoryReplayError);
    expect(err.message).toMatch(/^2 of 3 histories failed to replay:/);
    expect(err.message).toMatch(/broken\.json: ValidationError: .*not valid JSON/);
    expect(err.message).toMatch(/diverged\.json: NonDeterminismError: /);
    expect(err.failures.map((f) => f.file.split('/').pop())).toEqual(['broken.json', 'diverged.json']);
    // What to do about a history the code no longer matches: both ways out, with the command that records that file.
    expect(err.message).toMatch(
      /diverged\.json: NonDeterminismError: .*If executions of the old code may still be open, keep this history and guard the change with patched\(id\) \(or register a new workflow version\); if none can be, record the history again from a run of the new code: npx swf-flow history --json --domain <domain> --workflow-id <its workflow id> > \S*diverged\.json$/,
    );
    expect(err.reports).toHaveLength(3);
  });

  it('takes a list of workflow functions, as a Worker does: each replays the histories of its type', async () => {
    const otherWorkflow = defineWorkflow(async () => 'other', { name: 'Other', version: '1.0' });
    const dir = tempDir({ 'greet.json': completedHistory() });
    const reports = await replayHistories(dir, [otherWorkflow, greetWorkflow]);
    expect(reports[0]).toMatchObject({ ok: true, result: { status: 'COMPLETED', result: 'Hi Ada' } });
    const err = (await replayHistories(dir, [otherWorkflow]).catch((e: unknown) => e)) as HistoryReplayError;
    expect(err.message).toContain(
      "ValidationError: the history is of workflow type 'Greet', which is not among the workflows given (Other); add the workflow function defined with name 'Greet' to the list",
    );
  });

  it('takes a list of files or of named histories', async () => {
    const reports = await replayHistories([{ file: 'inline', history: openHistory() }], greetWorkflow);
    expect(reports[0]).toMatchObject({ file: 'inline', ok: true });
  });

  it('rejects a folder that is missing or empty', async () => {
    await expect(replayHistories('/no/such/folder', greetWorkflow)).rejects.toThrow(/is not a folder/);
    await expect(replayHistories(tempDir({}), greetWorkflow)).rejects.toThrow(/holds no \.json or \.jsonl history/);
  });
});
