/**
 * What a user reads when a replay test fails: vitest itself runs a project whose workflow no longer
 * matches its recorded history (test/vitest-output/diverged.fixture.ts) or makes a forbidden call
 * (forbidden-call.fixture.ts), and its printed report is checked block by block: the message first
 * (files as given or relative to the project's folder, what to do), the line of workflow code or of
 * the test to look at with vitest's code frame, and no dump of the error's inner errors and their
 * stacks.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const project = fileURLToPath(new URL('../test/vitest-output/', import.meta.url));
const vitest = fileURLToPath(new URL('../../../node_modules/vitest/vitest.mjs', import.meta.url));

/** The environment of a user's shell: none of this run's own vitest variables, no colours. */
function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { NO_COLOR: '1' };
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('VITEST') && key !== 'NODE_OPTIONS' && key !== 'FORCE_COLOR' && key !== 'TEST')
      env[key] = value;
  }
  return env;
}

/** Runs vitest on the failing project; resolves with what it printed (it exits 1). */
async function runFailingProject(): Promise<string> {
  try {
    await promisify(execFile)(process.execPath, [vitest, 'run'], {
      cwd: project,
      env: userEnv(),
      timeout: 120_000,
      maxBuffer: 8 * 1024 * 1024,
    });
  } catch (err) {
    const run = err as { code?: number; stdout: string; stderr: string };
    expect(run.code).toBe(1);
    return `${run.stdout}\n${run.stderr}`;
  }
  throw new Error('vitest passed a project whose tests all fail');
}

/** Each failed test's block of the report, by test name: from its `FAIL` line to the next divider. */
function failureBlocks(output: string): Map<string, string[]> {
  const blocks = new Map<string, string[]>();
  for (const part of output.split(/^ FAIL {2}/m).slice(1)) {
    const lines = part.split('\n');
    const end = lines.findIndex((l) => /^⎯+\[\d+\/\d+\]⎯/.test(l));
    const name = (lines[0] ?? '').replace(/^[\w-]+\.fixture\.ts > /, '');
    blocks.set(name, lines.slice(1, end < 0 ? undefined : end));
  }
  return blocks;
}

describe('a failing replay test, as vitest prints it', () => {
  let blocks: Map<string, string[]>;
  beforeAll(async () => {
    blocks = failureBlocks(await runFailingProject());
  }, 150_000);

  function block(name: string): string[] {
    const lines = blocks.get(name);
    if (!lines) throw new Error(`no failure block for '${name}' among: ${[...blocks.keys()].join(', ')}`);
    return lines;
  }

  const fixture = '../../../create-swf-flow/template/test/fixtures/greeting-completed.json';
  const record = `npx swf-flow history --json --domain <domain> --workflow-id <its workflow id> > ${fixture}`;

  it('replayHistory: the divergence first, both ways out with the command, then the line of workflow code in a code frame', () => {
    const lines = block('one history');
    expect(lines[0]).toMatch(
      /^NonDeterminismError: Workflow code does not match its history at event 5: the history recorded ActivityTaskScheduled ComposeGreeting 1\.0 .* but the code now did StartTimer .*\(at diverged\.fixture\.ts:25:11\)\. If executions of the old code may still be open, .*patched\(id\).*; if none can be, record the history again from a run of the new code: /,
    );
    expect(lines[0]?.endsWith(record)).toBe(true);
    expect(lines[1]).toMatch(/^ ❯ .*diverged\.fixture\.ts:25:11$/);
    expect(lines[2 + lines.slice(2).findIndex((l) => /^ *25\|/.test(l))]).toContain("await sleep('2 seconds');");
    const text = lines.join('\n');
    expect(text).not.toMatch(/decision-matcher|batch-replay|Serialized Error/);
    expect(text).not.toContain(project); // no absolute path where a relative one reads
    expect(lines.filter((l) => l.trim() !== '').length).toBeLessThanOrEqual(12);
  });

  it('replayHistories: every failing file as given with its error and what to do, then the test line, nothing inner', () => {
    const lines = block('a folder of histories');
    expect(lines[0]).toBe('HistoryReplayError: 1 of 1 histories failed to replay:');
    expect(lines[1]?.startsWith(`  ${fixture}: NonDeterminismError: Workflow code does not match`)).toBe(true);
    expect(lines[1]).toMatch(/\(at diverged\.fixture\.ts:25:11\)\. If executions of the old code .*patched\(id\)/);
    expect(lines[1]?.endsWith(record)).toBe(true);
    expect(lines[2]).toMatch(/^ ❯ .*diverged\.fixture\.ts:35:\d+$/);
    const text = lines.join('\n');
    expect(text).not.toMatch(/AggregateError|Caused by|Serialized Error|decision-matcher/);
    expect(text).not.toContain(project);
    expect(lines.filter((l) => l.trim() !== '').length).toBeLessThanOrEqual(12);
  });

  it("replayHistories under expect(...).resolves: vitest's assertion, then the same message as its cause, nothing inner", () => {
    const lines = block('a folder of histories, through expect(...).resolves');
    expect(lines[0]).toMatch(/^AssertionError: promise rejected "HistoryReplayError: 1 of 1 histories fail/);
    const text = lines.join('\n');
    expect(text).toContain(
      `\nCaused by: HistoryReplayError: 1 of 1 histories failed to replay:\n  ${fixture}: NonDeterminismError: `,
    );
    expect(text).not.toMatch(/AggregateError|Serialized Error|decision-matcher|failures:|reports:/);
    expect(lines.filter((l) => l.trim() !== '').length).toBeLessThanOrEqual(20);
  });

  it("replayHistory, a forbidden call: the violation with the workflow line, that line's code frame, not the replayer's", () => {
    const lines = block('one history, a forbidden call');
    expect(lines[0]).toMatch(
      /^DeterminismViolationError: setTimeout\(\) cannot be used in workflow code: .*sleep\(duration\).* \(at forbidden-call\.fixture\.ts:25:\d+\)$/,
    );
    expect(lines[1]).toMatch(/^ ❯ forbidden-call\.fixture\.ts:25:\d+$/);
    expect(lines[2 + lines.slice(2).findIndex((l) => /^ *25\|/.test(l))]).toContain('setTimeout(resolve, 2000)');
    const text = lines.join('\n');
    expect(text).not.toMatch(/seal[\\/]violation|batch-replay|runtime\.ts|Serialized Error/);
    expect(lines.filter((l) => l.trim() !== '').length).toBeLessThanOrEqual(12);
  });

  it('replayHistories, a forbidden call: the summary names the line of workflow code', () => {
    const lines = block('a folder of histories, a forbidden call');
    expect(lines[0]).toBe('HistoryReplayError: 1 of 1 histories failed to replay:');
    expect(lines[1]).toMatch(
      /^ {2}\.\.\/.*greeting-completed\.json: DeterminismViolationError: setTimeout\(\) cannot be used .* \(at forbidden-call\.fixture\.ts:25:\d+\)$/,
    );
    expect(lines[2]).toMatch(/^ ❯ .*forbidden-call\.fixture\.ts:35:\d+$/);
  });
});
