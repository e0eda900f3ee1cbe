/**
 * `npm start` (= `node scripts/run-ts.mjs examples/order/src/main.ts`) as a person runs it: a child process with its
 * data in a directory, run twice against the same directory (types already registered, a fresh
 * workflow id each time), each exiting 0 after printing the events and the result.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { WorkflowClient } from '@swf-flow/client';
import { localDataDir, startLocalService } from '@swf-flow/dev';
import { DOMAIN } from '../examples/order/src/main.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const runTs = join(root, 'scripts/run-ts.mjs');
const run = promisify(execFile);

/** Run 0 is `npm start` itself (the root package.json's script); later runs call its command directly. */
async function npmStart(dataDir: string, runNumber: number): Promise<{ stdout: string; stderr: string }> {
  const options = { cwd: root, env: { ...process.env, SWF_FLOW_DATA: dataDir }, timeout: 60_000 };
  if (runNumber === 0) return run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['start', '--silent'], options);
  return run(process.execPath, [runTs, 'examples/order/src/main.ts'], options);
}

describe('npm start (examples/order/src/main.ts)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'swf-flow-start-'));
  const dataDir = join(dir, '.swf-flow');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the order to completion twice on the same data directory, printing events as they land', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const { stdout } = await npmStart(dataDir, i); // rejects on a non-zero exit code
      const lines = stdout.trimEnd().split('\n');
      expect(lines[0]).toContain(`(data: ${dataDir})`);
      expect(lines.some((l) => /^\s+5 ActivityTaskScheduled\s+VerifyOrder/.test(l))).toBe(true);
      const scheduled = lines.filter((l) => / ActivityTaskScheduled /.test(l)).map((l) => l.split(/\s+/)[3]);
      expect(scheduled).toEqual(['VerifyOrder', 'ChargeCreditCard', 'ShipOrder', 'RecordOrderCompletion']);
      expect(lines.at(-2)).toMatch(/^\s*\d+ WorkflowExecutionCompleted /);
      const result = /^result: order (\S+) completed, charge ch_\S+$/.exec(lines.at(-1) ?? '');
      expect(result, lines.at(-1)).not.toBeNull();
      ids.push(result?.[1] ?? '');
    }
    expect(ids[0]).not.toBe(ids[1]);
    expect(existsSync(join(dataDir, 'swf.sqlite'))).toBe(true);

    // Both executions are in the SQLite file.
    const local = await startLocalService({ dataDir });
    try {
      const client = new WorkflowClient({ swf: local.swf, domain: DOMAIN });
      const closed: string[] = [];
      for await (const info of client.list({ status: 'CLOSED' })) closed.push(info.execution?.workflowId ?? '');
      expect(closed.sort()).toEqual([...ids].sort());
    } finally {
      await local.server.close();
    }
  }, 120_000);
});

describe('localDataDir', () => {
  it('is ./.swf-flow under the current directory unless SWF_FLOW_DATA says otherwise', () => {
    expect(localDataDir({})).toBe(join(process.cwd(), '.swf-flow'));
    expect(localDataDir({ SWF_FLOW_DATA: '/tmp/x' })).toBe('/tmp/x');
    expect(localDataDir({ SWF_FLOW_DATA: ':memory:' })).toBe(':memory:');
  });
});
