/**
 * The errors a replay test reports, as node prints them (util.inspect, what an uncaught error and
 * console.error show): the message, then the workflow code's line and the test's line, not the
 * replayer's frames and not every inner error again. What vitest prints is checked by running it
 * (vitest-output.test.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { DeterminismViolationError, NonDeterminismError, ValidationError } from '@swf-flow/common';
import { defineWorkflow, sleep } from '@swf-flow/workflow';
import { historyBuilder } from './history-builder.js';
import { HistoryReplayError, replayHistories } from './replay-histories.js';
import { replayHistory } from './replay-history.js';

const THIS_FILE = /error-stack\.test\.ts:\d+:\d+\)?$/;

const sleeps = defineWorkflow(
  async function sleeps(): Promise<void> {
    await sleep('1 second');
  },
  { name: 'Sleeps', version: '1.0' },
);

const setsTimeout = defineWorkflow(
  async function setsTimeout(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 10));
  },
  { name: 'Sleeps', version: '1.0' },
);

/** Sleeps' history when the code issued no timer: its close, where the code now starts a timer. */
const closedAtOnce = () =>
  historyBuilder({ workflowType: 'Sleeps' }).workflowStarted().decisionTask().workflowCompleted().build();

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Reads an error's stack as its frames (`at ...` lines, trimmed). */
const frames = (err: Error) =>
  (err.stack ?? '')
    .split('\n')
    .filter((l) => /^\s+at /.test(l))
    .map((l) => l.trim());

describe('the errors of replayHistory', () => {
  it("a NonDeterminismError's stack is the workflow code's line, then the test's: not the replayer's frames", async () => {
    const err = (await replayHistory(closedAtOnce(), sleeps).catch((e: unknown) => e)) as NonDeterminismError;
    expect(err).toBeInstanceOf(NonDeterminismError);
    expect(err.stack?.split('\n')[0]).toBe(`NonDeterminismError: ${err.message}`);
    expect(err.location).toMatch(/error-stack\.test\.ts:22:\d+$/); // await sleep(...)
    expect(frames(err)[0]).toBe(`at ${err.location}`);
    expect(frames(err)[1]).toMatch(THIS_FILE);
    const printed = inspect(err);
    expect(printed).not.toMatch(/decision-matcher|batch-replay|runtime\.ts/);
    expect(printed.split('\n').length).toBeLessThan(20);
  });

  it("a bad history's error: the test's line first", async () => {
    const err = (await replayHistory({ events: [] }, sleeps).catch((e: unknown) => e)) as ValidationError;
    expect(err).toBeInstanceOf(ValidationError);
    expect(frames(err)[0]).toMatch(THIS_FILE);
  });

  it("a DeterminismViolationError's message and stack name the workflow line that made the forbidden call, then the test's", async () => {
    const history = historyBuilder({ workflowType: 'Sleeps' }).workflowStarted().openDecisionTask().build();
    const err = (await replayHistory(history, setsTimeout).catch((e: unknown) => e)) as DeterminismViolationError;
    expect(err).toBeInstanceOf(DeterminismViolationError);
    expect(err.location).toBe(join(process.cwd(), 'packages/testing/src/error-stack.test.ts:29:36')); // setTimeout(...)
    expect(err.message).toMatch(/^setTimeout\(\) cannot be used in workflow code: .*sleep\(duration\)/);
    expect(err.message.endsWith(' (at packages/testing/src/error-stack.test.ts:29:36)')).toBe(true);
    expect(frames(err)[0]).toBe(`at ${err.location}`);
    expect(frames(err)[1]).toMatch(THIS_FILE);
    expect(inspect(err)).not.toMatch(/seal[\\/]violation|batch-replay|runtime\.ts/);
  });

  it('a NonDeterminismError names the file relative to the working folder, and says both ways out with the command', async () => {
    const fixture = join(process.cwd(), 'packages/create-swf-flow/template/test/fixtures/greeting-completed.json');
    const err = (await replayHistory(fixture, { GreetingWorkflow: sleeps }).catch(
      (e: unknown) => e,
    )) as NonDeterminismError;
    expect(err).toBeInstanceOf(NonDeterminismError);
    expect(err.location).toBe(join(process.cwd(), 'packages/testing/src/error-stack.test.ts:22:11'));
    expect(err.message).toContain(' (at packages/testing/src/error-stack.test.ts:22:11). ');
    expect(err.message).toMatch(
      / If executions of the old code may still be open, keep this history and guard the change with patched\(id\) \(or register a new workflow version\); if none can be, record the history again from a run of the new code: npx swf-flow history --json --domain <domain> --workflow-id <its workflow id> > packages\/create-swf-flow\/template\/test\/fixtures\/greeting-completed\.json$/,
    );
    expect(err.message).not.toContain(process.cwd());
  });

  it('a NonDeterminismError names a file given relative as given, and a history given as a value by <file>', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'swf-flow-stack-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'a.json'), JSON.stringify(closedAtOnce()));
    const given = relative(process.cwd(), join(dir, 'a.json'));
    const fromFile = (await replayHistory(given, sleeps).catch((e: unknown) => e)) as Error;
    expect(fromFile.message.endsWith(`> ${given}`)).toBe(true);
    const fromValue = (await replayHistory(closedAtOnce(), sleeps).catch((e: unknown) => e)) as Error;
    expect(fromValue.message.endsWith('--workflow-id <its workflow id> > <file>')).toBe(true);
  });
});

describe('the error of replayHistories', () => {
  it('the message is the report; node prints it and the test line, not the inner errors, their stacks or a cause', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'swf-flow-stack-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'a.json'), JSON.stringify(closedAtOnce()));
    writeFileSync(join(dir, 'b.json'), '{');
    const err = (await replayHistories(dir, sleeps).catch((e: unknown) => e)) as HistoryReplayError;
    expect(err).toBeInstanceOf(HistoryReplayError);
    expect(err.cause).toBeUndefined();
    expect(frames(err)[0]).toMatch(THIS_FILE);
    const printed = inspect(err);
    expect(printed.startsWith(`HistoryReplayError: ${err.message}\n`)).toBe(true);
    expect(printed).not.toMatch(/failures|reports|\[cause\]|\[errors\]|decision-matcher|load-history/);
    expect(printed.split('\n').length).toBeLessThan(20);
    expect(JSON.parse(JSON.stringify(err))).toEqual({ name: 'HistoryReplayError', message: err.message });
    // The errors themselves are still there, for code.
    expect(err.failures.map((f) => [f.file.split('/').pop(), f.error.name])).toEqual([
      ['a.json', 'NonDeterminismError'],
      ['b.json', 'ValidationError'],
    ]);
    expect(err.reports).toHaveLength(2);
  });

  it('names a file inside the working folder by its relative path', async () => {
    const file = join(process.cwd(), 'packages/testing/test/vitest-output/diverged.fixture.ts');
    const err = (await replayHistories([file], sleeps).catch((e: unknown) => e)) as HistoryReplayError;
    expect(err.message).toMatch(
      /^ {2}packages\/testing\/test\/vitest-output\/diverged\.fixture\.ts: ValidationError: /m,
    );
  });
});
