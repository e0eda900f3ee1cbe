/**
 * The seed program of this project, a boto 2 (`boto.swf.layer2`) A/B workflow, runs unchanged against
 * a local server over HTTP: registration, a start, a decider and two workers in separate Python
 * processes. boto 2 names the service `com.amazonaws.swf.service.model.SimpleWorkflowService` in
 * `X-Amz-Target`, which Amazon SWF accepts. Debian's `python3-boto` (boto 2.49) is installed by
 * .ci/run; only boto's own configuration (BOTO_CONFIG and an endpoints file) points it here.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalSwfServer, createServer } from '../src/index.js';

const run = promisify(execFile);
const PROGRAM = fileURLToPath(new URL('./boto2/ab_workflow.py', import.meta.url));
/** Debian's interpreter: the one `python3-boto` installs into (a pyenv `python3` on PATH may lack it). */
const PYTHON = '/usr/bin/python3';
const home = mkdtempSync(join(tmpdir(), 'swf-flow-boto2-'));
let server: LocalSwfServer;
let env: NodeJS.ProcessEnv;

async function boto2Available(): Promise<boolean> {
  try {
    await run(PYTHON, ['-c', 'import boto.swf.layer2']);
    return true;
  } catch {
    return false;
  }
}

/** Runs one role of the seed program and returns what it printed. */
async function seed(role: string): Promise<string> {
  const { stdout } = await run(PYTHON, [PROGRAM, role], { env, timeout: 60_000 });
  return stdout.trim();
}

beforeAll(async () => {
  server = await createServer({ dataDir: ':memory:', port: 0, pollTimeoutMs: 1_000 });
  // boto 2's way to reach an endpoint of one's own: an endpoints file for the region, plain HTTP,
  // and the port (boto 2 reads every AWS connection's port from `s3_port`).
  writeFileSync(join(home, 'endpoints.json'), JSON.stringify({ swf: { 'us-east-1': '127.0.0.1' } }));
  writeFileSync(
    join(home, 'boto.cfg'),
    [
      '[Credentials]',
      'aws_access_key_id = local',
      'aws_secret_access_key = local',
      `s3_port = ${server.port}`,
      '[Boto]',
      'is_secure = False',
      `endpoints_path = ${join(home, 'endpoints.json')}`,
      'num_retries = 1',
      '[SWF]',
      'region = us-east-1',
      '',
    ].join('\n'),
  );
  env = { PATH: process.env.PATH ?? '', HOME: home, BOTO_CONFIG: join(home, 'boto.cfg') };
});
afterAll(() => server.close());

describe('the boto 2 seed program (boto.swf.layer2)', () => {
  it(
    'registers, starts and runs the A/B workflow to completion with a decider and two workers',
    { timeout: 120_000 },
    async () => {
      if (!(await boto2Available())) {
        throw new Error(
          "boto 2 is missing: install Debian's python3-boto (apt-get install -y python3-boto), as .ci/run does.",
        );
      }
      expect(await seed('register')).toBe(
        ['ab-seed registered', 'ABWorkflow registered', 'ActivityA registered', 'ActivityB registered'].join('\n'),
      );
      expect(await seed('register')).toContain('ab-seed already registered');
      const [workflowId, runId] = (await seed('start')).split(' ');
      expect(workflowId).toMatch(/^ABWorkflow-1\.0-\d+$/);

      const [decider, workerA, workerB] = await Promise.all([seed('decider'), seed('worker-a'), seed('worker-b')]);
      expect([decider, workerA, workerB]).toEqual(['workflow completed', 'worker-a done', 'worker-b done']);

      const history = (await server.service.handle('GetWorkflowExecutionHistory', {
        domain: 'ab-seed',
        execution: { workflowId, runId },
      })) as {
        events: Array<Record<string, any>>;
      };
      const scheduled = history.events
        .filter((e) => e.eventType === 'ActivityTaskScheduled')
        .map((e) => e.activityTaskScheduledEventAttributes);
      expect(scheduled.map((a) => [a.activityType.name, a.taskList.name, a.input])).toEqual([
        ['ActivityA', 'a_tasks', 'seed'],
        ['ActivityB', 'b_tasks', 'seed>A'],
      ]);
      expect(history.events.at(-1)).toMatchObject({
        eventType: 'WorkflowExecutionCompleted',
        workflowExecutionCompletedEventAttributes: { result: 'seed>A>B' },
      });
    },
  );
});
