/**
 * Every example is runnable on its own: `tsx examples/<name>/src/main.ts` as a child process starts
 * the local service, runs the workflow, prints its events and a `result:` line, closes every server,
 * worker and socket, and exits 0 by itself (a leaked handle would keep it alive past the timeout).
 * (`order` without flags, which `npm start` runs, has its own test in examples/order/test/main.test.ts.)
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../', import.meta.url));
const tsxCli = fileURLToPath(new URL('../node_modules/tsx/dist/cli.mjs', import.meta.url));
const run = promisify(execFile);

const EXAMPLES: Array<[name: string, args: string[], result: RegExp]> = [
  ['hello-echo', ['Ada'], /^result: "Hello, Ada"$/],
  ['ab-serial', [], /^result: ActivityB ran in process \d+$/],
  ['fan-out', ['10'], /^result: 10 SKUs checked, \d+ units in stock/],
  ['retry', ['1'], /^result: payment pay-\S+ charged on attempt 2; history: 2 attempts, 1 failed, back-off timers 1s$/],
  // Real time here (2 s reminders): the count of reminders before alice answers is not asserted.
  ['approval', [], /^result: \{"status":"APPROVED","by":"alice","reminders":\d+\}$/],
  ['child-and-continue', [], /^result: 12 pages, 58 items, in 3 runs$/],
  ['order', ['--cancel'], /^result: order \S+ CANCELED: the workflow execution was canceled$/],
  [
    'lambda-thumbnail',
    [],
    /^result: thumbs\/cat-64\.png \(64x48\), thumbs\/cat-128\.png \(128x96\), thumbs\/cat-256\.png \(256x192\)$/,
  ],
];

describe('examples/*/src/main.ts', () => {
  it.each(EXAMPLES)(
    '%s as a child process prints its events and result, closes everything and exits 0 by itself',
    async (name, args, result) => {
      const { stdout } = await run(process.execPath, [tsxCli, `examples/${name}/src/main.ts`, ...args], {
        cwd: root,
        env: { ...process.env, SWF_FLOW_DATA: ':memory:' },
        timeout: 90_000, // a bound, not a speed claim: a leaked handle would keep the child alive forever
      });
      const lines = stdout.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^local SWF service at http:\/\/127\.0\.0\.1:\d+ \(data: :memory:\)$/);
      expect(lines.some((l) => /^\s+1 WorkflowExecutionStarted\b/.test(l))).toBe(true);
      expect(lines.some((l) => /^\s*\d+ WorkflowExecution(Completed|Canceled)\b/.test(l))).toBe(true);
      expect(lines.at(-1)).toMatch(result);
    },
    120_000,
  );
});
